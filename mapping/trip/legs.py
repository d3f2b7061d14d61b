"""How a leg is drawn, and whether it could have happened at all.

Legs are drawn as geodesics rather than straight lines on the Mercator map, so a
long flight bends the way it really flies. Their longitudes run on past ±180 so
that Leaflet draws a Pacific crossing across the Pacific, not back across Eurasia;
GeoJSON (RFC 7946) wants the opposite, so :func:`split_at_antimeridian` cuts them
there. The speed checks catch the usual data slips (a wrong day, a swapped time, a
place geocoded to the wrong continent) by the speed a leg would need.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, time

from geographiclib.geodesic import Geodesic

from mapping.trip.modes import MODES_BY_KEY, mode_of
from mapping.trip.timeline import Day, Leg

# Enough for a smooth curve at any zoom, and a bound on what one leg adds to the page.
_MAX_SEGMENTS = 256
# Below this, "speed" is GPS and geocoding noise between two names for the same place.
_MIN_KM = 1.0


def arc_path(
    start: tuple[float, float], end: tuple[float, float], *, max_segment_km: float = 50.0
) -> list[list[float]]:
    """The geodesic from ``start`` to ``end`` (lat, lon) as ``[lon, lat]`` points, longitudes unwrapped past ±180."""
    if not max_segment_km > 0:
        raise ValueError(f"max_segment_km must be positive, not {max_segment_km}")
    line = Geodesic.WGS84.InverseLine(start[0], start[1], end[0], end[1])
    metres = float(line.s13)
    segments = min(_MAX_SEGMENTS, max(1, math.ceil(metres / 1000.0 / max_segment_km)))
    # LONG_UNROLL keeps counting past ±180 instead of wrapping, which is exactly the unwrapping Leaflet needs.
    mask = Geodesic.LATITUDE | Geodesic.LONGITUDE | Geodesic.LONG_UNROLL
    along = [line.Position(metres * i / segments, mask) for i in range(1, segments + 1)]
    points = [[_r(start[1]), _r(start[0])], *([_r(p["lon2"]), _r(p["lat2"])] for p in along[:-1])]
    # The end is the stop itself, not a float-drifted copy, on the same turn of the globe as the path.
    end_lon = end[1] + 360.0 * round((float(along[-1]["lon2"]) - end[1]) / 360.0)
    return [*points, [_r(end_lon), _r(end[0])]]


def _r(value: float) -> float:
    # 5 decimals is 1 m, finer than any stop; +0.0 turns -0.0 into 0.0, which exports would otherwise show.
    return round(float(value), 5) + 0.0


#: Modes drawn as the geodesic between their ends: an aircraft flies (near) it, while
#: a road or a railway follows the ground, whose course a trip file does not give.
ARC_MODES = frozenset(mode.key for mode in MODES_BY_KEY.values() if mode.arc)


def leg_path(leg: Leg, *, arcs: bool = True) -> list[list[float]]:
    """The leg as ``[lon, lat]`` points that go the short way, across the antimeridian if need be;
    with ``arcs`` False, a flight is only its two ends (the map draws its arc in the browser)."""
    a, b = leg.start.stop, leg.end.stop
    start, end = (a.lat or 0.0, a.lon or 0.0), (b.lat or 0.0, b.lon or 0.0)
    if arcs and leg.mode in ARC_MODES:
        return arc_path(start, end)
    lon_a, lon_b = round(start[1], 5), round(end[1], 5)
    if abs(lon_b - lon_a) > 180:
        lon_b += 360.0 if lon_b < lon_a else -360.0
    return [[lon_a, round(start[0], 5)], [lon_b, round(end[0], 5)]]


def split_at_antimeridian(path: list[list[float]]) -> list[list[list[float]]]:
    """The path as parts with longitudes in [-180, 180], cut where it crosses ±180 (for RFC 7946 GeoJSON)."""
    if not path:
        return []
    lons = _unwrap([p[0] for p in path])
    # The 360° turn the current part lies on: its longitudes minus shift are within [-180, 180].
    shift = 360.0 * math.floor((lons[0] + 180.0) / 360.0)
    if lons[0] - shift == -180.0 and len(lons) > 1 and lons[1] < lons[0]:
        shift -= 360.0  # a path starting on the line and heading west starts at +180, not -180
    parts: list[list[list[float]]] = [[[_r(lons[0] - shift), _r(path[0][1])]]]
    for i in range(1, len(path)):
        (prev_lon, lon), (prev_lat, lat) = lons[i - 1 : i + 1], (path[i - 1][1], path[i][1])
        while not -180.0 <= lon - shift <= 180.0:
            east = lon - shift > 180.0
            edge = 180.0 if east else -180.0
            # Straight in lon/lat, as the map draws the segment, so the cut lands on the drawn line.
            crossing_lat = _r(prev_lat + (lat - prev_lat) * (shift + edge - prev_lon) / (lon - prev_lon))
            if parts[-1][-1] != [edge, crossing_lat]:
                parts[-1].append([edge, crossing_lat])
            parts.append([[-edge, crossing_lat]])
            shift += 360.0 if east else -360.0
        if parts[-1][-1] != (point := [_r(lon - shift), _r(lat)]):
            parts[-1].append(point)
    # A part of one point is a path that starts on the line and leaves it; the next part already holds that point.
    return [part for part in parts if len(part) > 1] or parts[:1]


def _unwrap(lons: list[float]) -> list[float]:
    """Longitudes shifted by whole turns so that no step is longer than 180°."""
    out = lons[:1]
    for lon in lons[1:]:
        out.append(lon + 360.0 * round((out[-1] - lon) / 360.0))
    return out


@dataclass(frozen=True, slots=True)
class SpeedFlag:
    """A leg that would need an impossible speed; ``hours`` is exact, or an upper bound when ``exact`` is False."""

    start_number: int
    end_number: int
    km: float
    hours: float
    mode: str
    exact: bool = True

    @property
    def message(self) -> str:
        mode = mode_of(self.mode)
        how, who = mode.how, mode.who
        stops = f"Stops {self.start_number} → {self.end_number}"
        advice = "Check the date, time or place of these stops."
        distance = f"{self.km:,.0f} km {how}"
        if self.hours <= 0:
            if self.exact:
                when = "at the same time as" if self.hours == 0 else f"{_duration(-self.hours)} before"
                detail = f"stop {self.end_number} is timed {when} stop {self.start_number}"
            else:
                detail = f"stop {self.end_number} is dated before stop {self.start_number}"
            return f"{stops}: {distance} arrives before it leaves ({detail}). {advice}"
        limit = mode_of(self.mode).max_kmh
        speed = self.km / self.hours
        if self.exact:
            needed = f"in {_duration(self.hours)} would need {speed:,.0f} km/h"
        else:
            days = round(self.hours / 24)
            span = "on the same day" if days == 1 else f"within {days} days"
            needed = f"{span} would need at least {speed:,.0f} km/h"
        return f"{stops}: {distance} {needed}; {who} manages at most {limit:,.0f} km/h. {advice}"


def _duration(hours: float) -> str:
    whole, minutes = divmod(round(hours * 60), 60)
    return f"{whole} h {minutes} min"


def _clock_slack_hours(leg: Leg) -> float:
    """How far local clocks at the two stops may disagree: times in a trip file are local.

    Solar time shifts an hour per 15° of longitude and zones stray from it by a
    few hours; a leg across the date line may see the clock jump by a day.
    """
    a, b = leg.start.stop, leg.end.stop
    span = abs((b.lon or 0.0) - (a.lon or 0.0))
    slack = min(span, 360.0 - span) / 15.0 + 3.0
    return slack + 24.0 if span > 180.0 else slack


def speed_flags(legs: Iterable[Leg]) -> list[SpeedFlag]:
    """The legs no traveller could have made in the time their stops allow, whatever the local clocks."""
    flags: list[SpeedFlag] = []
    for leg in legs:
        a, b = leg.start.stop, leg.end.stop
        if a.date is None or b.date is None or leg.km < _MIN_KM:
            continue
        if a.time is not None and b.time is not None:
            left = datetime.combine(a.date, time.fromisoformat(a.time))
            hours, exact = (datetime.combine(b.date, time.fromisoformat(b.time)) - left).total_seconds() / 3600, True
        else:
            # Without both times, assume the earliest departure and the latest arrival the dates allow.
            hours, exact = ((b.date - a.date).days + 1) * 24.0, False
        limit = mode_of(leg.mode).max_kmh
        longest = hours + _clock_slack_hours(leg)
        if longest <= 0 or leg.km / longest > limit:
            flags.append(SpeedFlag(leg.start.number, leg.end.number, leg.km, hours, leg.mode, exact))
    return flags


def km_by_mode(day: Day) -> list[tuple[str, float]]:
    """The day's distance per travel mode, largest first."""
    totals: dict[str, float] = {}
    for leg in day.legs:
        totals[leg.mode] = totals.get(leg.mode, 0.0) + leg.km
    return sorted(totals.items(), key=lambda item: (-item[1], item[0]))


def mode_word(mode: str) -> str:
    return mode_of(mode).label


def day_rows(trip_days: Sequence[Day]) -> list[dict[str, object]]:
    """One row per day for the per-day table: stops, km, and the km of each mode, largest first."""
    return [
        {
            "day": day.label,
            "stops": len(day.stops),
            "km": round(day.km, 1),
            "modes": ", ".join(f"{mode_word(mode)} {km:,.0f} km" for mode, km in km_by_mode(day)),
            "legs": len(day.legs),
        }
        for day in trip_days
    ]
