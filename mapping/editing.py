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
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from mapping.errors import InputError
from mapping.geocode.gazetteer import OfflineGazetteer
from mapping.geocode.resolve import Choice, Resolution, resolve_trip
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
    #: For each stop of ``trip``, the index of the stop it kept its place from (None: new or looked up).
    origins: tuple[int | None, ...] = ()
    #: The candidates found for the stops looked up again, by their new index.
    choices: Mapping[int, tuple[Choice, ...]] = field(default_factory=dict)

    def carried(self, before: Resolution) -> Resolution:
        """The edited trip as a resolution: unchanged stops keep their candidates, looked-up ones get new ones."""
        kept = {
            new: before.choices[old]
            for new, old in enumerate(self.origins)
            if old is not None and old in before.choices
        }
        return Resolution(self.trip, kept | dict(self.choices), ())


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
    origins: list[int | None] = []
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
        kept_place = old is not None and stop.located and stop.place == old.place
        origins.append(origin if kept_place else None)
        stops.append(replace(stop, row=position + 1))
    if problems:
        return EditResult(before, (), tuple(problems))
    if not stops:
        empty = InputError("the table has no stops left; add a row with a place", source=SOURCE, field="place")
        return EditResult(before, (), (empty,))
    if not to_geocode:
        return EditResult(before.with_stops(stops), (), (), tuple(origins))
    resolution = resolve_trip(before.with_stops(stops), gazetteer)
    choices = {i: resolution.choices[i] for i in to_geocode if i in resolution.choices}
    return EditResult(resolution.trip, tuple(i + 1 for i in to_geocode), (), tuple(origins), choices)


def draft_edits(draft: Trip, rows: Sequence[Mapping[str, Any]]) -> list[tuple[int | None, dict[str, Any]]]:
    """A reviewed draft's rows (keep, date, place, evidence) as edits of the draft trip, for :func:`apply_edits`.

    Unticked rows are left out; a row keeps everything else its stop had (time, mode, source...), and a
    row whose place was corrected is named by the new place.
    """
    edits: list[tuple[int | None, dict[str, Any]]] = []
    for index, (stop, record) in enumerate(zip(draft.stops, editor_rows(draft), strict=True)):
        row = rows[index] if index < len(rows) else {}
        if not row.get("keep", True):
            continue
        place = str(row.get("place") or "").strip()
        record |= {"date": row.get("date") or "", "place": place, "evidence": row.get("evidence") or stop.evidence}
        if place != stop.place:
            record["name"] = place
        edits.append((index, record))
    return edits


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
