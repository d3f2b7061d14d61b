"""One root error type for the package, with messages that tell the user what to do."""

from __future__ import annotations


class TripMapError(Exception):
    """Root of every error this package raises on purpose."""


class InputError(TripMapError):
    """A trip file or text the user gave cannot be read as it stands.

    The message names the file, the row (1-based, counting the header as row 1
    for CSV, as the user sees it in a spreadsheet) and the field, and says how
    to fix it.
    """

    def __init__(
        self,
        message: str,
        *,
        source: str | None = None,
        row: int | None = None,
        field: str | None = None,
    ) -> None:
        self.source = source
        self.row = row
        self.field = field
        self.reason = message
        super().__init__(self._format())

    def __reduce__(self) -> tuple[object, ...]:
        # Keeps source, row and field when Streamlit's cache pickles a load result.
        return (_restore_input_error, (self.reason, self.source, self.row, self.field))

    def _format(self) -> str:
        where = []
        if self.source:
            where.append(self.source)
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.field:
            where.append(f"field '{self.field}'")
        prefix = ", ".join(where)
        return f"{prefix}: {self.reason}" if prefix else self.reason


def _restore_input_error(reason: str, source: str | None, row: int | None, field: str | None) -> InputError:
    return InputError(reason, source=source, row=row, field=field)


class GazetteerError(TripMapError):
    """The offline place index is missing or unreadable."""


class ExportError(TripMapError):
    """An export could not be written."""


class ModelMissingError(TripMapError):
    """The language model that reads news reports is not installed."""
