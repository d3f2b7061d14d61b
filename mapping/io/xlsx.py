"""Trips in an Excel workbook (.xlsx, openpyxl): the first sheet with data, read like a CSV.

Excel dates and times arrive as dates and times, not as text to guess at; the header may sit
below title rows (see :mod:`mapping.io.tabular`).
"""

from __future__ import annotations

import io
import warnings
from dataclasses import replace
from typing import Any

import openpyxl

from mapping.errors import InputError
from mapping.io.decode import open_zip
from mapping.io.tabular import read_rows
from mapping.trip.model import MAX_ROWS, LoadResult

_MAX_COLUMNS = 200


def read_xlsx(data: bytes, context: Any) -> LoadResult:
    open_zip(data, context.filename, "Excel workbook")  # refuses a workbook that would unpack too large
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about styles and data validation it does not read
            workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds on a damaged file
        raise InputError(
            f"this Excel file cannot be opened ({type(exc).__name__}); save it again as .xlsx or as CSV",
            source=context.filename,
        ) from exc
    try:
        for sheet in workbook.worksheets:
            rows: list[list[Any]] = []
            for row in sheet.iter_rows(values_only=True, max_col=_MAX_COLUMNS):
                rows.append(list(row))
                if len(rows) > MAX_ROWS + 50:
                    raise InputError(
                        f"the sheet has more than {MAX_ROWS:,} rows; split the trip into smaller files",
                        source=context.filename,
                    )
            if sum(1 for r in rows if any(c not in (None, "") for c in r)) >= 2:
                result = read_rows(rows, filename=context.filename, title=context.title, year=context.year)
                if len(workbook.worksheets) > 1:
                    note = f"read the sheet '{sheet.title}' (the first with data)"
                    return replace(result, notes=(note, *result.notes))
                return result
    finally:
        workbook.close()
    raise InputError("the workbook has no sheet with a header row and stops under it", source=context.filename)
