"""The user's own answer for a stop: a candidate picked from the list, or coordinates typed in.

Choices are kept apart from the trip the file gave, keyed by stop number, and
laid over the resolved trip on every rerun; the downloaded trip carries them as
coordinates, so a reloaded file maps the same.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

from mapping.errors import InputError
from mapping.trip.model import Trip

#: How a user's choice came about.
HOWS = ("chosen", "typed", "placed")


@dataclass(frozen=True, slots=True)
class StopChoice:
    lat: float
    lon: float
    name: str
    #: "chosen" for a picked candidate, "typed" for coordinates the user entered, "placed" for a click on the map.
    how: str


def typed(lat: float, lon: float) -> StopChoice:
    """Coordinates from the user, checked the way the trip loader checks them."""
    if not (math.isfinite(lat) and math.isfinite(lon)) or not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise InputError(
            f"{lat}, {lon} is not a place on Earth; latitude is -90..90 and longitude -180..180 "
            "(check they are not swapped)"
        )
    return StopChoice(lat, lon, f"{lat:.5f}, {lon:.5f}", "typed")


def placed(lat: float, lon: float) -> StopChoice:
    """Where the user clicked the map for a stop, checked as typed coordinates are."""
    checked = typed(lat, lon)
    return StopChoice(checked.lat, checked.lon, checked.name, "placed")


def apply_choices(trip: Trip, choices: dict[int, StopChoice]) -> Trip:
    """``trip`` with each chosen stop (0-based index) moved to the user's place."""
    if not choices:
        return trip
    stops = list(trip.stops)
    for index, choice in choices.items():
        if 0 <= index < len(stops):
            stops[index] = replace(
                stops[index],
                lat=choice.lat,
                lon=choice.lon,
                provider=choice.how,
                confidence=1.0,
                matched=choice.name,
                cached=False,
            )
    return trip.with_stops(stops)


def choices_param(choices: dict[int, StopChoice]) -> str:
    return ";".join(f"{i + 1}:{c.lat:.5f},{c.lon:.5f}:{c.how}" for i, c in sorted(choices.items()))


def choices_from_param(text: str | None) -> dict[int, StopChoice]:
    """The choices a link carries; anything malformed is left out (a link is anyone's text)."""
    found: dict[int, StopChoice] = {}
    for part in (text or "").split(";")[:1000]:
        number, _, rest = part.partition(":")
        where, _, how = rest.partition(":")
        lat_text, _, lon_text = where.partition(",")
        try:
            checked = typed(float(lat_text), float(lon_text))
            index = int(number) - 1
        except (ValueError, InputError):
            continue
        if index >= 0:
            found[index] = StopChoice(checked.lat, checked.lon, checked.name, how if how in HOWS else "typed")
    return found
