"""A trip laid out for drawing, worked out once: its days, their colours, each stop's moment, the
legs too fast to be true; and each day's stops and legs as the columns the browser decodes
(:mod:`mapping.render.contract`)."""

from __future__ import annotations

import bisect
import functools
import html
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from mapping.render.contract import (
    UNDATED_STEP,
    LegColumns,
    LegProperties,
    StopColumns,
    StopProperties,
    columns,
    deltas,
    scaled,
)
from mapping.render.style import DAY_COLOURS, day_colours
from mapping.trip.legs import ARC_MODES, SpeedFlag, speed_flags
from mapping.trip.model import Stop, Trip
from mapping.trip.modes import label as mode_label
from mapping.trip.timeline import Day, Leg, NumberedStop, days

_STOP_FIELDS = ("uncertain", "label", "when", "mode", "activity", "evidence", "source", "source_url", "where", "t", "u")
_LEG_FIELDS = ("mode", "arc", "km", "t", "warn", "from")


@dataclass(frozen=True, slots=True)
class Moment:
    """When a stop happens, and until when it is the current one (the next later moment)."""

    at: str
    until: str | None


@dataclass(frozen=True)
class TripLayout:
    """What every view of a trip needs from the whole trip, worked out once (see :func:`trip_layout`)."""

    trip: Trip
    days: tuple[Day, ...]
    colours: dict[str, str]
    moments: dict[int, Moment]
    flags: dict[tuple[int, int], SpeedFlag]

    @functools.cached_property
    def day_of(self) -> dict[int, str]:
        """Each stop's day key, by stop number."""
        return {s.number: d.key for d in self.days for s in d.stops}

    def shown(self, selected: frozenset[str] | None) -> list[Day]:
        return [d for d in self.days if selected is None or d.key in selected]

    def stop_columns(self, day: Day) -> StopColumns:
        colour = self.colours[day.key]
        located = [s for s in day.stops if s.stop.located]
        rows = [stop_properties(s, day, colour, self.moments[s.number]) for s in located]
        return {
            "day": day.key,
            "colour": colour,
            "number": [s.number for s in located],
            "lon": deltas(scaled(s.stop.lon or 0.0) for s in located),
            "lat": deltas(scaled(s.stop.lat or 0.0) for s in located),
            "fields": columns(rows, _STOP_FIELDS),
        }

    def leg_columns(self, day: Day, selected: frozenset[str] | None = None) -> LegColumns:
        """The day's legs; with ``selected``, only those starting from a stop of a selected day."""
        day_of = self.day_of
        kept = [leg for leg in day.legs if selected is None or day_of[leg.start.number] in selected]
        rows = [leg_properties(leg, self.moments, self.flags, day_of) for leg in kept]
        starts: dict[str, list[int]] = {}
        previous: NumberedStop | None = None
        for index, leg in enumerate(kept):
            if previous is None or leg.start.number != previous.number:
                starts[str(index)] = [scaled(leg.start.stop.lon or 0.0), scaled(leg.start.stop.lat or 0.0)]
            previous = leg.end
        return {
            "lon": deltas(scaled(leg.end.stop.lon or 0.0) for leg in kept),
            "lat": deltas(scaled(leg.end.stop.lat or 0.0) for leg in kept),
            "start": starts,
            "fields": columns(rows, _LEG_FIELDS),
        }


@functools.lru_cache(maxsize=8)
def trip_layout(trip: Trip, palette: tuple[str, ...] = DAY_COLOURS) -> TripLayout:
    """The trip's layout for this palette; kept for the last few trips, as the map, the app's
    panels and its charts all ask for it on a rerun."""
    trip_days = days(trip)
    return TripLayout(
        trip=trip,
        days=trip_days,
        colours=day_colours(trip_days, palette),
        moments=moments(trip_days),
        flags={(f.start_number, f.end_number): f for f in speed_flags(leg for d in trip_days for leg in d.legs)},
    )


def layer_data(trip: Trip, *, palette: Sequence[str] = DAY_COLOURS) -> dict[str, Any]:
    """Every day layer's columns by the key its slot registers under (``window.tripSlots``)."""
    layout = trip_layout(trip, tuple(palette))
    data: dict[str, Any] = {}
    for day in layout.days:
        if day.legs:
            data[f"legs {day.key}"] = layout.leg_columns(day)
        if any(s.stop.located for s in day.stops):
            data[f"stops {day.key}"] = layout.stop_columns(day)
    return data


def moment_of(stop: Stop) -> str:
    if stop.date is None:
        return UNDATED_STEP
    return f"{stop.date.isoformat()}T{stop.time}" if stop.time else stop.date.isoformat()


def moments(trip_days: Sequence[Day]) -> dict[int, Moment]:
    """Moments by stop number; a stay lasts until the trip's next later moment, so it spans its days."""
    at = {s.number: moment_of(s.stop) for d in trip_days for s in d.stops}
    dated = sorted(set(at.values()) - {UNDATED_STEP})
    result: dict[int, Moment] = {}
    for number, moment in at.items():
        later = bisect.bisect_right(dated, moment)
        result[number] = Moment(moment, dated[later] if moment != UNDATED_STEP and later < len(dated) else None)
    return result


def _escape(text: str) -> str:
    return html.escape(text) if text else ""


@functools.lru_cache(maxsize=4096)
def when(stop_date: date | None, time: str | None) -> str:
    """The stop's date and time as the popup shows them, escaped (the time is the user's text)."""
    if stop_date is None:
        return "Undated"
    text = stop_date.strftime("%a %d %b %Y")
    return _escape(f"{text}, {time}" if time else text)


def _is_web_url(value: str) -> bool:
    return value.lower().startswith(("http://", "https://")) and " " not in value.strip()


def stop_properties(numbered: NumberedStop, day: Day, colour: str, moment: Moment) -> StopProperties:
    stop = numbered.stop
    # Empty fields are left out: on a large trip they are most of the page.
    properties: StopProperties = {
        "number": numbered.number,
        "day": day.key,
        "colour": colour,
        "label": _escape(stop.label),
        "when": when(stop.date, stop.time),
        "t": moment.at,
    }
    uncertain = stop.uncertain
    if uncertain:
        properties["uncertain"] = True
    if stop.mode != "unknown" and (mode := mode_label(stop.mode)):
        properties["mode"] = mode
    if stop.activity:
        properties["activity"] = _escape(stop.activity)
    if stop.evidence:
        properties["evidence"] = _escape(stop.evidence)
    if stop.source:
        properties["source"] = _escape(stop.source)
    if _is_web_url(stop.source):
        properties["source_url"] = _escape(stop.source.strip())
    # Given coordinates, the popup's default, are not written out: 30 bytes a stop.
    if stop.provider != "given" and (where := placed_how(stop, uncertain)):
        properties["where"] = where
    if moment.until is not None:
        properties["u"] = moment.until
    return properties


def placed_how(stop: Stop, uncertain: bool) -> str:
    """How a stop was placed, for its popup: by a geocoder, or by the user."""
    parts = []
    matched = _escape(stop.matched) if stop.matched and stop.matched != stop.place else ""
    if stop.provider == "chosen":
        parts.append(f"picked by you{f' as {matched}' if matched else ''} from the candidates")
    elif stop.provider == "typed":
        parts.append("coordinates typed by you")
    elif stop.provider == "placed":
        parts.append("placed on the map by you")
    elif stop.provider:
        as_matched = f" as {matched}" if matched else ""
        parts.append(f"found by {_escape(stop.provider)}{as_matched}, confidence {stop.confidence or 0:.0%}")
    if uncertain:
        parts.append("uncertain: check this place")
    return " · ".join(parts)


def leg_properties(
    leg: Leg, moments: dict[int, Moment], flags: dict[tuple[int, int], SpeedFlag], day_of: dict[int, str]
) -> LegProperties:
    flag = flags.get((leg.start.number, leg.end.number))
    properties: LegProperties = {"t": moments[leg.end.number].at}
    if leg.mode:
        properties["mode"] = leg.mode
    if leg.mode in ARC_MODES:
        properties["arc"] = True
    if km := round(leg.km, 1):
        properties["km"] = km
    if flag:
        properties["warn"] = _escape(flag.message)
    start_day = day_of[leg.start.number]
    if start_day != day_of[leg.end.number]:
        properties["from"] = start_day
    return properties
