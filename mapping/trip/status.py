"""How a stop's standing is said, in the app's table, timeline and messages and in the command line's."""

from __future__ import annotations

from mapping.trip.model import Stop

NOT_FOUND = "not found"
UNCERTAIN = "uncertain"
OK = "ok"


def status(stop: Stop) -> str:
    if not stop.located:
        return NOT_FOUND
    if stop.uncertain:
        return UNCERTAIN
    return OK


def not_found_message(stop: Stop, source: str | None = None) -> str:
    """The one message for a stop no geocoder could place, naming where it came from and what to do."""
    where = f"{source}, row {stop.row}" if source else f"row {stop.row}"
    return f"{where}: '{stop.place}' was {NOT_FOUND}; add lat and lon, or another spelling of the place"
