"""Editing a trip as a table: rows in, a checked trip out, with only changed places geocoded again.

Rows carry the index of the stop they started from (``None`` for a new row), so
an edit knows what it changed: a stop whose place and coordinates are as they
were keeps where the geocoder put it, a changed place is looked up again with
the rest of the trip as its context, and typed coordinates win. Every field goes
through the same checks as a trip file, so a bad cell gets the same message.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from mapping.errors import InputError
from mapping.geocode.gazetteer import OfflineGazetteer
from mapping.geocode.resolve import resolve_trip
from mapping.io.records import stop_from_record
from mapping.trip.model import Stop, Trip

SOURCE = "the edited table"

#: The columns the table shows, in order; ``order`` is how rows are moved.
EDIT_COLUMNS: tuple[str, ...] = (
    "order",
    "date",
    "time",
    "place",
    "name",
    "mode",
    "lat",
    "lon",
    "activity",
    "source",
    "evidence",
)


def editor_rows(trip: Trip) -> list[dict[str, Any]]:
    """The trip as table rows, numbered in trip order."""
    return [
        {
            "order": number,
            "date": stop.date,
            "time": stop.time or "",
            "place": stop.place,
            "name": stop.name,
            "mode": stop.mode,
            "lat": stop.lat,
            "lon": stop.lon,
            "activity": stop.activity,
            "source": stop.source,
            "evidence": stop.evidence,
        }
        for number, stop in enumerate(trip.stops, start=1)
    ]


@dataclass(frozen=True, slots=True)
class EditResult:
    trip: Trip
    #: Rows whose place was looked up again, by their new stop number.
    geocoded: tuple[int, ...]
    problems: tuple[InputError, ...]


def apply_edits(
    before: Trip, rows: Sequence[tuple[int | None, Mapping[str, Any]]], gazetteer: OfflineGazetteer
) -> EditResult:
    """The trip the table describes. ``rows`` pairs each row with the stop index it started from.

    Rows are put in the order of their ``order`` cells (rows without one keep their
    place after the others). With problems, the trip is ``before`` unchanged: the
    user fixes the cells and applies again.
    """
    ranked = sorted(enumerate(rows), key=lambda item: (_order(item[1][1]), item[0]))
    stops: list[Stop] = []
    problems: list[InputError] = []
    to_geocode: list[int] = []
    for position, (_, (origin, row)) in enumerate(ranked):
        record = {key: _cell(row.get(key)) for key in EDIT_COLUMNS if key != "order"}
        stop, found = stop_from_record(record, source=SOURCE, row=position + 1)
        problems.extend(found)
        if stop is None:
            continue
        old = before.stops[origin] if origin is not None and 0 <= origin < len(before.stops) else None
        if old is not None and stop.located and _same_point(stop, old):
            if stop.place == old.place:
                # Place and coordinates as they were: keep how the stop was found.
                stop = replace(
                    stop, provider=old.provider, confidence=old.confidence, matched=old.matched, cached=old.cached
                )
            else:
                # The coordinates shown were the old place's: look the new one up.
                stop = replace(stop, lat=None, lon=None, provider=None, confidence=None)
        if not stop.located:
            to_geocode.append(len(stops))
        stops.append(replace(stop, row=position + 1))
    if problems:
        return EditResult(before, (), tuple(problems))
    if not stops:
        empty = InputError("the table has no stops left; add a row with a place", source=SOURCE, field="place")
        return EditResult(before, (), (empty,))
    edited = resolve_trip(before.with_stops(stops), gazetteer).trip if to_geocode else before.with_stops(stops)
    return EditResult(edited, tuple(i + 1 for i in to_geocode), ())


def _order(row: Mapping[str, Any]) -> float:
    value = row.get("order")
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return math.inf
    return math.inf if math.isnan(number) else number


def _cell(value: Any) -> Any:
    """A table cell as a trip file would hold it."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, date):
        return value.isoformat()
    if str(value) == "NaT":
        return ""
    return value


def _same_point(stop: Stop, old: Stop) -> bool:
    """Coordinates left as the table showed them."""
    if stop.lat is None or old.lat is None or stop.lon is None or old.lon is None:
        return False
    return abs(stop.lat - old.lat) < 1e-6 and abs(stop.lon - old.lon) < 1e-6
