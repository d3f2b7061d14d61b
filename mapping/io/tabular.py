"""Rows of cells (a CSV file, an Excel sheet) -> a trip, whatever the columns are called.

The header may sit below title rows; a block of rows may be headed by a line that holds only a date
(``Day 2``, or a Chinese day heading with a year-less date); a date or a city written once for a group of rows counts for
the rows below it, as in a spreadsheet with merged cells. Every decision is said in the load result.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from mapping.errors import InputError
from mapping.io.columns import ColumnMap, looks_like_header, map_columns, normalise
from mapping.io.dates import ParsedDate, decide_order, parse_date, parse_time, settle_years
from mapping.io.links import coordinates_in_link, coordinates_in_pair, coordinates_in_wkt, is_map_link
from mapping.io.records import stop_from_record, unescape_cell
from mapping.trip.model import MAX_ROWS, LoadResult, Stop, Trip

Cell = Any


@dataclass(slots=True)
class _Sheet:
    rows: list[list[Cell]]
    texts: list[list[str]]
    header_at: int = -1
    title: str = ""
    notes: list[str] = field(default_factory=list)
    too_long: InputError | None = None


def cell_text(cell: Cell) -> str:
    if cell is None:
        return ""
    if isinstance(cell, datetime):
        return (
            cell.isoformat(sep=" ", timespec="minutes")
            if (cell.hour, cell.minute) != (0, 0)
            else cell.date().isoformat()
        )
    if isinstance(cell, (date, time)):
        return cell.isoformat()[:10] if isinstance(cell, date) else cell.strftime("%H:%M")
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return unescape_cell(str(cell)).strip()


def _find_header(sheet: _Sheet) -> None:
    for index, cells in enumerate(sheet.texts[:25]):
        filled = [c for c in cells if c]
        score = looks_like_header(cells)
        if score >= 2 or (
            score >= 1 and (len(filled) >= 2 or score == len(filled)) and all(parse_date(c) is None for c in filled)
        ):
            sheet.header_at = index
            return


def read_rows(rows: Sequence[Sequence[Cell]], *, filename: str, title: str, year: int | None = None) -> LoadResult:
    """The trip in a table of cells; ``year`` is for dates written without one."""
    sheet = _Sheet(rows=[list(r) for r in rows], texts=[[cell_text(c) for c in r] for r in rows], title=title)
    if not any(any(t) for t in sheet.texts):
        raise InputError("the file is empty; it needs a header row with a 'place' column", source=filename)
    first = next((t for t in sheet.texts if any(t)), [])
    if first and first[0].startswith("#") and not any(first[1:]):
        sheet.title = first[0].lstrip("#").strip() or title
    _find_header(sheet)
    if sheet.header_at < 0:
        found = ", ".join(c for c in sheet.texts[0] if c)[:200] or "nothing"
        raise InputError(
            f"no header row names a place, coordinates or a date (the first row holds: {found}); "
            "add a header row such as 'date,place' (see the README, 'Your own trip')",
            source=filename,
            row=1,
        )
    header = sheet.texts[sheet.header_at]
    body = list(range(sheet.header_at + 1, len(sheet.rows)))
    if len(body) > MAX_ROWS:
        sheet.too_long = InputError(
            f"the file has more than {MAX_ROWS:,} rows; split the trip into smaller files",
            source=filename,
            row=body[MAX_ROWS] + 1,
        )
        body = body[:MAX_ROWS]
    data_rows = [sheet.texts[i] for i in body if any(sheet.texts[i]) and sheet.texts[i] != header]
    columns = map_columns(header, data_rows)
    if not any(k in columns.index for k in ("place", "name", "address", "lat", "latlon", "wkt", "url")):
        named = ", ".join(f"'{h}'" for h in header if h)[:300] or "none"
        raise InputError(
            f"no column names a place or gives coordinates (columns: {named}); "
            "name one column 'place' (what to find on the map), or add 'lat' and 'lon'",
            source=filename,
            row=sheet.header_at + 1,
        )
    for index in range(sheet.header_at):
        cells = [c for c in sheet.texts[index] if c]
        if len(cells) == 1 and sheet.title == title and parse_date(cells[0]) is None:
            sheet.title = cells[0].lstrip("#").strip()[:200] or title
    return _read_body(sheet, columns, body, filename=filename, year=year)


def _read_body(sheet: _Sheet, columns: ColumnMap, body: list[int], *, filename: str, year: int | None) -> LoadResult:
    header = sheet.texts[sheet.header_at]
    col = columns.index
    has_coordinates = any(k in col for k in ("lat", "latlon", "wkt"))
    place_values = [sheet.texts[i][col["place"]] for i in body if "place" in col and col["place"] < len(sheet.texts[i])]
    date_cells = [
        sheet.texts[i][col["date"]] if "date" in col and col["date"] < len(sheet.texts[i]) else ""
        for i in body
        if any(sheet.texts[i])
    ]
    # A date written once for a group of rows below it (merged cells): only when most rows leave it blank.
    carry_dates = bool(date_cells) and sum(1 for c in date_cells if not c) >= len(date_cells) / 3
    place_cells = [c for c in place_values]
    carry_places = bool(place_cells) and sum(1 for c in place_cells if not c) >= len(place_cells) / 3
    grouping_place = (
        "place" in col and "name" not in col and "activity" in col
        and len({v for v in place_values if v}) < 0.5 * max(1, len([v for v in place_values if v]))
    )  # fmt: skip

    def get(cells: list[str], key: str) -> str:
        index = col.get(key)
        return cells[index] if index is not None and index < len(cells) else ""

    # Dates first, for the whole file: its order (6/4: June or April?) and the years it leaves out.
    block_rows: dict[int, ParsedDate | None] = {}
    raw_dates: dict[int, ParsedDate | None] = {}
    strings: list[str] = []
    for index in range(0, len(sheet.rows)):
        cells = sheet.texts[index]
        filled = [c for c in cells if c]
        lone = index != sheet.header_at and len(filled) == 1 and (index < sheet.header_at or cells != header)
        if lone and parse_date(filled[0]) is not None and (index < sheet.header_at or not get(cells, "place")):
            strings.append(filled[0])
            block_rows[index] = None
        if index > sheet.header_at and "date" in col:
            value = get(cells, "date")
            if value and not isinstance(sheet.rows[index][col["date"]], (date, datetime)):
                strings.append(value)
    order = decide_order(strings)
    for index in block_rows:
        block_rows[index] = parse_date(next(c for c in sheet.texts[index] if c), order)
    for index in body:
        if "date" in col and col["date"] < len(sheet.rows[index]):
            cell = sheet.rows[index][col["date"]]
            if isinstance(cell, datetime):
                raw_dates[index] = ParsedDate(cell.month, cell.day, cell.year, time=_hhmm(cell))
            elif isinstance(cell, date):
                raw_dates[index] = ParsedDate(cell.month, cell.day, cell.year)
            elif col["date"] in columns.month_of_column and get(sheet.texts[index], "date").isdigit():
                day = int(get(sheet.texts[index], "date"))
                raw_dates[index] = ParsedDate(columns.month_of_column[col["date"]], day) if 1 <= day <= 31 else None
            else:
                raw_dates[index] = parse_date(get(sheet.texts[index], "date"), order)
    keys = [*block_rows, *raw_dates]
    settled, year_note = settle_years([*block_rows.values(), *raw_dates.values()], year=year)
    whole = dict(zip(keys, settled, strict=True))
    if any(sep in s for s in strings for sep in "/.") and order.reason:
        sheet.notes.append(order.reason)
    if year_note:
        sheet.notes.append(year_note)

    stops: list[Stop] = []
    problems: list[InputError] = []
    block_date: date | None = next((whole[i] for i in sorted(block_rows) if i < sheet.header_at), None)
    carried: dict[str, Any] = {}
    for index in body:
        cells = sheet.texts[index]
        row_number = index + 1
        if not any(cells) or cells == header:
            continue
        if index in block_rows:
            block_date = whole.get(index) or block_date
            carried.pop("date", None)
            continue
        filled = [c for c in cells if c]
        coordinates = _coordinates(cells, col)
        if len(filled) == 1 and has_coordinates and coordinates is None and not get(cells, "date"):
            sheet.notes.append(f"row {row_number} ('{filled[0][:40]}') read as a section heading, not a stop")
            continue
        record: dict[str, Any] = {
            k: get(cells, k) for k in ("place", "name", "address", "activity", "mode", "source", "evidence")
        }
        record["source"] = record["source"] or (get(cells, "url") if is_map_link(get(cells, "url")) else "")
        stop_date = whole.get(index) if "date" in col else None
        raw = raw_dates.get(index)
        if "date" in col and get(cells, "date") and raw is None:
            record["date"] = get(cells, "date")  # unreadable: stop_from_record reports it
        elif stop_date is None and raw is not None and raw.year is None:
            problems.append(
                InputError(
                    f"'{get(cells, 'date')}' has no year and the file gives none; run with --year (the stop is kept undated)",
                    source=filename, row=row_number, field=header[col["date"]] or "date",
                )
            )  # fmt: skip
        if stop_date is None and not get(cells, "date"):
            # A group's date is carried only into its continuation rows, which leave the place blank as well.
            continuation = carry_dates and not get(cells, "place")
            stop_date = (carried.get("date") if continuation else None) if "date" in col else block_date
        record["date"] = stop_date if stop_date is not None else record.get("date")
        record["time"] = _time_of(sheet.rows[index], cells, col, raw)
        if record["time"] and record["time"].endswith("+1") and isinstance(stop_date, date):
            record["date"] = stop_date + timedelta(days=1)
        if record["time"]:
            record["time"] = record["time"].removesuffix("+1")
        if coordinates is not None:
            record["lat"], record["lon"] = coordinates
        elif "lat" in col:
            record["lat"], record["lon"] = get(cells, "lat"), get(cells, "lon")
            for lat_index, lon_index in columns.spare_coordinates:
                if record["lat"] or record["lon"]:
                    break
                if lat_index < len(cells) and lon_index < len(cells):
                    record["lat"], record["lon"] = cells[lat_index], cells[lon_index]
        described = bool(record["activity"] or record["name"])
        group_row = carry_places and not get(cells, "date")
        carried_place = group_row and described and not record["place"] and coordinates is None and carried.get("place")
        if carried_place:
            record["place"] = carried["place"]
        if (carried_place or (grouping_place and record["place"])) and not record["name"] and record["activity"]:
            record["name"] = record["activity"].splitlines()[0][:120]
        if (
            (not record["place"] and not record["name"] and record["address"])
            or (record["address"] and not record["place"])
            or (record["address"] and "place" not in col)
        ):
            record["place"] = record["address"]
        stop, row_problems = stop_from_record(record, source=filename, row=row_number)
        problems.extend(_renamed(row_problems, header, col))
        if stop is not None:
            stops.append(stop)
            if stop.date is not None:
                carried["date"] = stop.date
            if get(cells, "place"):
                carried["place"] = get(cells, "place")
    if sheet.too_long is not None:
        problems.append(sheet.too_long)
    notes = [*sheet.notes, "columns: " + ", ".join(f"{k} <- '{h}'" for k, h in columns.used())]
    return LoadResult(
        Trip(title=sheet.title, stops=tuple(stops)), tuple(problems), notes=tuple(notes), columns=columns.used()
    )


def _hhmm(moment: datetime) -> str | None:
    return f"{moment.hour:02d}:{moment.minute:02d}" if (moment.hour, moment.minute) != (0, 0) else None


def _time_of(row: list[Cell], cells: list[str], col: dict[str, int], raw: ParsedDate | None) -> str:
    index = col.get("time")
    if index is not None and index < len(row):
        cell = row[index]
        if isinstance(cell, (time, datetime)):
            return f"{cell.hour:02d}:{cell.minute:02d}"
        text = cells[index]
        if text:
            parsed = parse_time(text)
            if parsed is None:
                return text  # reported by stop_from_record
            return parsed.time + ("+1" if parsed.next_day else "")
    if raw is not None and raw.time:
        return raw.time
    date_index = col.get("date")
    if date_index is not None and date_index < len(cells) and cells[date_index]:
        # "7/16/23 7:00": a clock after the date.
        rest = cells[date_index].split(maxsplit=1)
        if len(rest) == 2:
            parsed = parse_time(rest[1])
            if parsed is not None:
                return parsed.time
    return ""


def _coordinates(cells: list[str], col: dict[str, int]) -> tuple[float, float] | None:
    def get(key: str) -> str:
        index = col.get(key)
        return cells[index] if index is not None and index < len(cells) else ""

    for key, read in (("latlon", coordinates_in_pair), ("wkt", coordinates_in_wkt), ("url", coordinates_in_link)):
        value = get(key)
        if value:
            found = read(value)
            if found is not None:
                return found
    return None


def _renamed(problems: list[InputError], header: list[str], col: dict[str, int]) -> list[InputError]:
    """Name the user's own column in a message ('Date', not 'date')."""
    out = []
    for problem in problems:
        index = col.get(problem.field or "")
        name = header[index] if index is not None and index < len(header) and header[index] else problem.field
        if name != problem.field and normalise(name or "") != normalise(problem.field or ""):
            name = f"{name}"
        out.append(InputError(problem.reason, source=problem.source, row=problem.row, field=name))
    return out
