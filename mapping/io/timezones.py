"""Wall-clock times and instants: the time zone of a place from its coordinates, offline.

A trip file gives local times (the 13:09 summit at Vostochny); GPX and KML want instants (04:09Z).
The zone comes from the coordinates through timezonefinder's bundled polygons and zoneinfo's rules,
so no network is needed.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, tzinfo
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from timezonefinder import TimezoneFinder


@lru_cache(maxsize=1)
def _finder() -> TimezoneFinder:
    return TimezoneFinder()


@lru_cache(maxsize=4096)
def zone_at(lat: float, lon: float) -> tzinfo | None:
    """The IANA zone at a point (at sea: the nautical zone), or None when there is none."""
    name = _finder().timezone_at(lng=lon, lat=lat)
    if not name:
        return None
    try:
        return ZoneInfo(name)
    except ZoneInfoNotFoundError:
        return None


def zone_named(name: str | None) -> tzinfo | None:
    if not name:
        return None
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None


def to_local(moment: datetime, zone: tzinfo | None) -> datetime:
    """An instant as the wall clock at the place (naive); UTC's wall clock when the place is unknown."""
    aware = moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)
    return aware.astimezone(zone or UTC).replace(tzinfo=None)


def to_instant(day: date, hhmm: str, lat: float | None, lon: float | None) -> datetime | None:
    """The UTC instant of a local date and time at a place; None when the place has no zone."""
    if lat is None or lon is None:
        return None
    zone = zone_at(lat, lon)
    if zone is None:
        return None
    hours, minutes = hhmm.split(":")
    local = datetime.combine(day, time(int(hours), int(minutes)), tzinfo=zone)
    return local.astimezone(UTC)
