"""Trips as CSV: any header people use (see :mod:`mapping.io.columns`); ours has an optional ``# Title`` line."""

from __future__ import annotations

import csv
import io

from mapping.errors import InputError
from mapping.io.records import FORMULA_START
from mapping.io.tabular import read_rows
from mapping.trip.model import COLUMNS, MAX_ROWS, LoadResult, Trip

_DELIMITERS = ",;\t|"


def _delimiter(text: str) -> str:
    """Comma, semicolon (Excel in much of Europe), tab or bar: the one that splits the first lines evenly."""
    lines = [line for line in text.splitlines()[:30] if line.strip()][:15]
    best, best_score = ",", 0.0
    for candidate in _DELIMITERS:
        counts = [len(next(csv.reader([line], delimiter=candidate), [])) - 1 for line in lines]
        if not counts or max(counts) == 0:
            continue
        top = max(set(counts), key=counts.count)
        score = counts.count(top) / len(counts) + (0.01 if candidate == "," else 0.0)
        if top > 0 and score > best_score:
            best, best_score = candidate, score
    return best


def parse_csv_rows(text: str, filename: str) -> list[list[str]]:
    if not text.strip():
        raise InputError("the file is empty; it needs a header row with at least a 'place' column", source=filename)
    # A cell may be as long as the upload; the limit on field length is ours (MAX_FIELD_CHARS), with a message.
    csv.field_size_limit(max(csv.field_size_limit(), 64 * 1024 * 1024))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
    rows: list[list[str]] = []
    try:
        for row in reader:
            rows.append(row)
            if len(rows) > MAX_ROWS + 50:
                raise InputError(
                    f"the file has more than {MAX_ROWS:,} rows; split the trip into smaller files", source=filename
                )
    except csv.Error as exc:
        raise InputError(
            f"the CSV cannot be read here ({exc}); check the quotes on this row", source=filename, row=reader.line_num
        ) from exc
    return rows


def read_csv(text: str, filename: str, title: str, year: int | None = None) -> LoadResult:
    lead: list[list[str]] = []
    if text.startswith("#"):
        # Our own files start with "# Title"; a spreadsheet that saved the line as a cell pads it with commas.
        first_line, _, text = text.partition("\n")
        title = first_line.lstrip("#").strip().rstrip(",;").strip() or title
        lead = [[]]  # keeps row numbers as the file shows them
    rows = lead + parse_csv_rows(text, filename)
    filled = [r for r in rows if any(c.strip() for c in r)]
    if len(filled) == 1:
        header = ", ".join(c for c in filled[0] if c.strip())[:200]
        raise InputError(
            f"the file has a header row ({header}) but no rows under it; add one row per stop", source=filename
        )
    return read_rows(rows, filename=filename, title=title, year=year)


def safe_cell(value: str) -> str:
    """A cell a spreadsheet will not run as a formula: '=cmd|...' is written "'=cmd|..."; plain numbers stay."""
    if value and value[0] in FORMULA_START:
        try:
            float(value)
        except ValueError:
            return "'" + value
    return value


def trip_to_csv(trip: Trip) -> str:
    """The trip as CSV with the columns of :data:`COLUMNS`; it reads back unchanged."""
    buffer = io.StringIO()
    buffer.write(f"# {' '.join(trip.title.split())}\n")
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    for stop in trip.stops:
        writer.writerow({key: safe_cell(value) for key, value in stop.cells().items()})
    return buffer.getvalue()
