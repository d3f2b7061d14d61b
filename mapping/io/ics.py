"""Trips from an iCalendar file (.ics, icalendar): each event is a stop.

An event's start (in its TZID, or turned from UTC into the wall clock at its place) is the stop's
date and time; LOCATION is the place, SUMMARY the name. An event with no LOCATION is placed by its
summary (``Santa Barbara → Sonoma — Jack's place``: Sonoma). A flight written in the summary
(``UA 131 EWR -> HND``) with no location becomes its two airports, placed from the airport table.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache
from typing import Any

import airportsdata
from icalendar import Calendar

from mapping.errors import InputError
from mapping.io.records import add_stop, destination
from mapping.io.timezones import to_local, zone_at, zone_named
from mapping.trip.model import MAX_ROWS, LoadResult, Stop, Trip

_FLIGHT = re.compile(r"\b([A-Z0-9]{2}\s?\d{1,4})\b.*?\b([A-Z]{3})\b\s*(?:->|→|–|-|to|>)\s*\b([A-Z]{3})\b")
_ROUTE = re.compile(r"\b([A-Z]{3})\b[^A-Za-z0-9]{0,3}[^→>-]*?(?:->|→|>)\s*([A-Z]{3})\b")
_LEADING_CODE = re.compile(r"^\s*([A-Z]{3})\b|\(([A-Z]{3})\)")
_PREFIX = re.compile(r"^\s*(?:day\s*\d+|\d+\s*일차|第\s*\d+\s*天)\s*[·:\-–—|]\s*", re.IGNORECASE)
_SYMBOLS = re.compile(r"^[\W_]+", re.UNICODE)


@lru_cache(maxsize=1)
def _airports() -> dict[str, Any]:
    return dict(airportsdata.load("IATA"))


def _airport(code: str) -> dict[str, Any] | None:
    return _airports().get(code.upper())


def _place_from_summary(summary: str) -> str:
    """``Santa Barbara → Sonoma — Jack's place (Sonoma)`` -> ``Sonoma``; ``1일차 · X`` -> ``X``."""
    text = _PREFIX.sub("", summary)
    text = re.split(r"\s+[—–]\s+|\s+-\s+", text, maxsplit=1)[0]
    text = destination(text)
    return _SYMBOLS.sub("", text).strip() or summary.strip()


def _moment(value: Any, zone_hint: Any) -> tuple[date | None, datetime | None, bool]:
    """(date, aware instant or naive wall time, is_instant) of a DTSTART."""
    if value is None:
        return None, None, False
    moment = value.dt
    if isinstance(moment, datetime):
        if moment.tzinfo is None:
            return moment.date(), moment, False  # floating: the wall clock wherever the event is
        if str(moment.tzinfo) in ("UTC", "UTC+00:00") or (moment.utcoffset() == timedelta(0) and zone_hint is None):
            return moment.date(), moment.astimezone(UTC), True
        return moment.date(), moment.replace(tzinfo=None), False  # TZID: already the local wall clock
    if isinstance(moment, date):
        return moment, None, False
    return None, None, False


def read_ics(text: str, filename: str, title: str, year: int | None = None) -> LoadResult:
    try:
        calendar = Calendar.from_ical(text)
    except (ValueError, IndexError, KeyError) as exc:
        raise InputError(
            f"this iCalendar file cannot be read ({str(exc)[:120]}); export the calendar again", source=filename
        ) from exc
    title = str(calendar.get("X-WR-CALNAME") or "").strip() or title
    calendar_zone = zone_named(str(calendar.get("X-WR-TIMEZONE") or "") or None)
    events = list(calendar.walk("VEVENT"))
    if len(events) > MAX_ROWS:
        raise InputError(f"more than {MAX_ROWS:,} events; split the calendar", source=filename)
    records: list[tuple[int, dict[str, Any]]] = []
    notes: list[str] = []
    zones = _airport_zones(events, calendar_zone)
    for index, event in enumerate(events, start=1):
        summary = str(event.get("SUMMARY") or "").strip()
        location = str(event.get("LOCATION") or "").strip()
        description = str(event.get("DESCRIPTION") or "").strip()
        day, moment, instant = _moment(event.get("DTSTART"), calendar_zone)
        end_day, end_moment, end_instant = _moment(event.get("DTEND"), calendar_zone)
        base = {"name": summary, "activity": description.splitlines()[0][:300] if description else ""}
        flight = None if location else (_FLIGHT.search(summary) or _ROUTE.search(summary))
        if flight is not None and _airport(flight.groups()[-2]) and _airport(flight.groups()[-1]):
            origin, arrival = flight.groups()[-2], flight.groups()[-1]
            records.append((index, _at_airport(base, origin, day, moment, instant, calendar_zone)))
            records.append((index, _at_airport(base, arrival, end_day or day, end_moment, end_instant, calendar_zone)))
            continue
        record = {**base, "place": location or _place_from_summary(summary)}
        code = _LEADING_CODE.search(location) if location else None
        airport = _airport(code[1] or code[2]) if code else None
        if airport is not None:
            record["lat"], record["lon"] = airport["lat"], airport["lon"]
            record["mode"] = "plane" if "✈" in summary or "flight" in summary.lower() else ""
        zone = (_zone_then(zones, moment) or calendar_zone) if instant and airport is None else calendar_zone
        record.update(_when(day, moment, instant, airport, zone, notes))
        records.append((index, record))
    stops: list[Stop] = []
    problems: list[InputError] = []
    for index, record in records:
        add_stop(record, source=filename, row=index, stops=stops, problems=problems)
    return LoadResult(
        Trip(title=title, stops=tuple(stops)),
        tuple(problems),
        notes=tuple(dict.fromkeys(notes)),
        columns=(("place", "LOCATION (else SUMMARY)"), ("name", "SUMMARY"), ("date/time", "DTSTART")),
    )


def _airport_zones(events: list[Any], calendar_zone: Any) -> list[tuple[datetime, Any]]:
    """Where the traveller is after each flight: (instant, time zone of the airport), in time order."""
    found: list[tuple[datetime, Any]] = []
    for event in events:
        location = str(event.get("LOCATION") or "").strip()
        summary = str(event.get("SUMMARY") or "")
        code = _LEADING_CODE.search(location) if location else None
        codes = [code[1] or code[2]] if code else []
        if not location:
            flight = _FLIGHT.search(summary) or _ROUTE.search(summary)
            codes = [flight.groups()[-1]] if flight else []
        for value in (event.get("DTEND") or event.get("DTSTART"), event.get("DTSTART")):
            moment = value.dt if value is not None else None
            if codes and isinstance(moment, datetime) and moment.tzinfo is not None and _airport(codes[0]):
                found.append((moment.astimezone(UTC), zone_named(_airport(codes[0]).get("tz"))))  # type: ignore[union-attr]
                break
    return sorted(found, key=lambda item: item[0])


def _zone_then(zones: list[tuple[datetime, Any]], moment: datetime | None) -> Any:
    """The time zone of the last airport reached before ``moment``."""
    if moment is None or moment.tzinfo is None:
        return None
    earlier = [zone for at, zone in zones if at <= moment]
    return earlier[-1] if earlier else None


def _at_airport(
    base: dict[str, Any], code: str, day: date | None, moment: datetime | None, instant: bool, zone: Any
) -> dict[str, Any]:
    airport = _airport(code) or {}
    record = {**base, "place": f"{code} {airport.get('name', '')}".strip(), "mode": "plane"}
    record["lat"], record["lon"] = airport.get("lat"), airport.get("lon")
    record.update(_when(day, moment, instant, airport, zone, []))
    return record


def _when(
    day: date | None,
    moment: datetime | None,
    instant: bool,
    airport: dict[str, Any] | None,
    zone: Any,
    notes: list[str],
) -> dict[str, Any]:
    if moment is None:
        return {"date": day}
    if instant:
        if airport:
            place_zone = zone_named(airport.get("tz")) or zone_at(airport["lat"], airport["lon"])
        else:
            place_zone = zone
            notes.append(
                "times given in UTC were turned into the local time of the last airport reached (or the calendar's zone)"
                if zone is not None
                else "times given in UTC were kept in UTC: the events name no time zone"
            )
        moment = to_local(moment, place_zone)
    return {"date": moment.date(), "time": f"{moment.hour:02d}:{moment.minute:02d}"}
