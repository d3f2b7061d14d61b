"""A report's text as the app and the command line both take it: decoded, within the size limit, with its date.

``extract.read_report`` then reads the places in it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from mapping.errors import InputError
from mapping.report.dates import MAX_TEXT_CHARS, reference_date_from


@dataclass(frozen=True, slots=True)
class Report:
    text: str
    #: The day the report says it was written (a date line at its top), if it says.
    dated: date | None


def load_report(data: bytes | str, *, source: str = "the report") -> Report:
    """The report's text, or an :class:`InputError` that says how to make it readable."""
    if isinstance(data, bytes):
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise InputError(f"the file is not UTF-8 text (byte {exc.start}); save it as UTF-8", source=source) from exc
    else:
        text = data
    if not text.strip():
        raise InputError("there is no text; paste a report or upload a .txt file", source=source)
    if len(text) > MAX_TEXT_CHARS:
        raise InputError(
            f"the text is {len(text):,} characters long; the limit is {MAX_TEXT_CHARS:,}. Split the report",
            source=source,
        )
    return Report(text, reference_date_from(text))
