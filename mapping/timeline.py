"""Days, legs and distances of a trip.

Stops are numbered once, over the whole trip, so that "stop 5" is the same stop
whichever days are shown. A leg joins two consecutive located stops, takes the
mode of the stop it arrives at, and counts towards the day of its arrival.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from geopy.distance import geodesic

from mapping.itinerary import Stop, Trip


@dataclass(frozen=True, slots=True)
class NumberedStop:
    number: int
    stop: Stop


@dataclass(frozen=True, slots=True)
class Leg:
    start: NumberedStop
    end: NumberedStop
    km: float

    @property
    def mode(self) -> str:
        return self.end.stop.mode

    @property
    def day(self) -> date | None:
        return self.end.stop.date


@dataclass(frozen=True, slots=True)
class Day:
    """One day of the trip; ``date`` is ``None`` for the stops the source gives no day for."""

    date: date | None
    stops: tuple[NumberedStop, ...]
    legs: tuple[Leg, ...]

    @property
    def km(self) -> float:
        return sum(leg.km for leg in self.legs)

    @property
    def label(self) -> str:
        return self.date.strftime("%a %d %b %Y") if self.date else "Undated"

    @property
    def key(self) -> str:
        return self.date.isoformat() if self.date else "undated"


def numbered(trip: Trip) -> list[NumberedStop]:
    return [NumberedStop(n, stop) for n, stop in enumerate(trip.stops, start=1)]


def legs(stops: Iterable[NumberedStop]) -> list[Leg]:
    located = [s for s in stops if s.stop.located]
    return [
        Leg(a, b, geodesic((a.stop.lat, a.stop.lon), (b.stop.lat, b.stop.lon)).km)
        for a, b in itertools.pairwise(located)
    ]


def days(trip: Trip) -> list[Day]:
    """The trip's days in order, with undated stops last."""
    all_stops = numbered(trip)
    all_legs = legs(all_stops)
    keys: list[date | None] = [*trip.days]
    if any(s.date is None for s in trip.stops):
        keys.append(None)
    return [
        Day(
            key,
            tuple(s for s in all_stops if s.stop.date == key),
            tuple(leg for leg in all_legs if leg.day == key),
        )
        for key in keys
    ]


def total_km(trip: Trip) -> float:
    return sum(leg.km for leg in legs(numbered(trip)))
