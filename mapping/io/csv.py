"""Trips as CSV: a header row (only ``place`` is required) and an optional ``# Title`` line."""

from __future__ import annotations

import csv
import io

from mapping.errors import InputError
from mapping.io.records import stop_from_record
from mapping.trip.model import COLUMNS, MAX_ROWS, LoadResult, Stop, Trip


def read_csv(text: str, filename: str, title: str) -> LoadResult:
    if not text.strip():
        raise InputError(
            "the file is empty; it needs a header row with at least a 'place' column",
            source=filename,
        )
    # An optional first line "# Title" names the trip; the header is then row 2.
    header_row = 1
    if text.startswith("#"):
        first_line, _, text = text.partition("\n")
        # A spreadsheet that saved the line as a cell pads it with commas.
        title = first_line.lstrip("#").strip().rstrip(",").strip() or title
        header_row = 2
    # A cell may be as long as the upload; the limit on field length is ours (MAX_FIELD_CHARS), with a message.
    csv.field_size_limit(max(csv.field_size_limit(), 64 * 1024 * 1024))
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = [(h or "").strip().lower() for h in (reader.fieldnames or [])]
    if "place" not in header and not {"lat", "lon"} <= set(header):
        raise InputError(
            f"no 'place' column in the header row (found: {', '.join(h for h in header if h) or 'nothing'}); "
            "add a 'place' column, or 'lat' and 'lon' columns",
            source=filename,
            row=header_row,
        )
    reader.fieldnames = header
    stops: list[Stop] = []
    problems: list[InputError] = []
    try:
        _read_rows(reader, header_row, filename, stops, problems)
    except csv.Error as exc:
        raise InputError(
            f"the CSV cannot be read here ({exc}); check the quotes on this row", source=filename, row=reader.line_num
        ) from exc
    return LoadResult(Trip(title=title, stops=tuple(stops)), tuple(problems))


def _read_rows(
    reader: csv.DictReader[str], header_row: int, filename: str, stops: list[Stop], problems: list[InputError]
) -> None:
    for index, raw in enumerate(reader):
        # Row numbers as a spreadsheet shows them, counting the header row.
        row_number = index + header_row + 1
        if index >= MAX_ROWS:
            problems.append(
                InputError(
                    f"the file has more than {MAX_ROWS:,} rows; split the trip into smaller files",
                    source=filename,
                    row=row_number,
                )
            )
            break
        extra = raw.pop(None, None)
        if extra:
            problems.append(
                InputError(
                    f"the row has {len(extra)} more value(s) than the header has columns; "
                    "quote values that contain commas",
                    source=filename,
                    row=row_number,
                )
            )
        record = {k: v for k, v in raw.items() if k}
        if not any((v or "").strip() for v in record.values()):
            continue  # a blank line between rows is layout, not a stop
        stop, row_problems = stop_from_record(record, source=filename, row=row_number)
        problems.extend(row_problems)
        if stop is not None:
            stops.append(stop)


def trip_to_csv(trip: Trip) -> str:
    """The trip as CSV with the columns of :data:`COLUMNS`; it reads back unchanged."""
    buffer = io.StringIO()
    buffer.write(f"# {' '.join(trip.title.split())}\n")
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    for stop in trip.stops:
        writer.writerow(
            {
                "date": stop.date.isoformat() if stop.date else "",
                "time": stop.time or "",
                "place": stop.place,
                "name": stop.name,
                "lat": "" if stop.lat is None else f"{stop.lat:.6f}",
                "lon": "" if stop.lon is None else f"{stop.lon:.6f}",
                "activity": stop.activity,
                "mode": stop.mode,
                "source": stop.source,
                "evidence": stop.evidence,
            }
        )
    return buffer.getvalue()
