"""Trips as GPX 1.1 (gpxpy), read and written.

Reading: waypoints are stops; route points too when there are no waypoints; tracks are the path,
and give stops where a user wants them when nothing else does: each track's start and end, and each
day's start and end when the points carry times. Times are instants: a stop gets the wall-clock
time at its place. Writing: waypoints with true UTC instants (a date-only stop gets no invented
time) and the trip's fields in an extension, so our own GPX reads back into the same trip.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import Counter
from datetime import UTC, date, datetime
from typing import Any
from xml.sax.saxutils import escape

import gpxpy
import gpxpy.gpx

from mapping.errors import InputError
from mapping.io.dates import decide_order, parse_date, settle_years
from mapping.io.records import add_stop, without_numbering
from mapping.io.timezones import to_instant, to_local, zone_at
from mapping.io.xmltree import parse_xml
from mapping.trip.model import MAX_ROWS, LoadResult, Stop, Track, Trip
from mapping.trip.timeline import days, numbered

TRIP_NS = "urn:trip-map:gpx:1"
_FIELDS = ("date", "time", "place", "name", "activity", "mode", "source", "evidence")
_FRAGMENT = re.compile(r"^\s*(?:<\?xml[^>]*>\s*)?<(wpt|rte|trk|trkpt|rtept)\b")
_LEADING_DATE = re.compile(r"^\s*(\d{1,2}[./]\d{1,2}[./]\d{2,4}|\d{4}-\d{2}-\d{2})\s*")
_INVALID_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _parse(text: str, filename: str) -> tuple[gpxpy.gpx.GPX, list[str]]:
    notes: list[str] = []
    try:
        parse_xml(text, filename, "GPX file")
    except InputError:
        if not _FRAGMENT.match(text):
            raise
        # Waypoints pasted without their <gpx> root: read them as the GPX they were cut from.
        text = re.sub(r"^\s*<\?xml[^>]*>", "", text)
        text = f'<gpx version="1.1" creator="?" xmlns="http://www.topografix.com/GPX/1/1">{text}</gpx>'
        parse_xml(text, filename, "GPX file")
        notes.append("the file holds GPX points without the <gpx> element around them; read them as a GPX file")
    try:
        return gpxpy.parse(text), notes
    except gpxpy.gpx.GPXException as exc:
        detail = str(exc).split("(")[-1].rstrip(")") if "could not convert" in str(exc) else str(exc)[:120]
        raise InputError(
            f"this GPX file cannot be read: its points have no usable coordinates ({detail}); "
            "export the route again from the app that made it",
            source=filename,
        ) from exc


def _local(moment: datetime | None, lat: float, lon: float) -> tuple[date | None, str | None]:
    if moment is None:
        return None, None
    local = to_local(moment if moment.tzinfo else moment.replace(tzinfo=UTC), zone_at(lat, lon))
    return local.date(), f"{local.hour:02d}:{local.minute:02d}"


def _extension_fields(extensions: list[Any]) -> dict[str, str]:
    fields: dict[str, str] = {}
    for element in extensions:
        for item in element.iter() if hasattr(element, "iter") else []:
            tag = str(item.tag)
            if tag.startswith("{" + TRIP_NS + "}") and item.text is not None:
                fields[tag.split("}", 1)[1]] = item.text
    return fields


def read_gpx(text: str, filename: str, title: str, year: int | None = None) -> LoadResult:
    gpx, notes = _parse(text, filename)
    title = (gpx.name or "").strip() or title
    tracks = [
        Track(name=track.name or "", points=tuple((p.latitude, p.longitude) for p in segment.points))
        for track in gpx.tracks
        for segment in track.segments
        if len(segment.points) > 1
    ] + [Track(name=route.name or "", points=tuple((p.latitude, p.longitude) for p in route.points))
         for route in gpx.routes if len(route.points) > 1]  # fmt: skip
    records: list[dict[str, Any]] = []
    if gpx.waypoints:
        records = _waypoint_records(gpx.waypoints, gpx, notes, year)
    elif any(route.points for route in gpx.routes):
        records = [_point_record(p, i) for i, p in enumerate((p for r in gpx.routes for p in r.points), start=1)]
    else:
        records = _track_records(gpx, notes)
    if len(records) > MAX_ROWS:
        raise InputError(f"more than {MAX_ROWS:,} points; split the trip into smaller files", source=filename)
    stops: list[Stop] = []
    problems: list[InputError] = []
    for index, record in enumerate(records, start=1):
        add_stop(record, source=filename, row=index, stops=stops, problems=problems)
    return LoadResult(
        Trip(title=title, stops=tuple(stops), tracks=tuple(tracks)),
        tuple(problems),
        notes=tuple(notes),
        columns=(("place", "wpt name"), ("activity", "desc"), ("date/time", "time, at the place's time zone")),
    )


def _point_record(point: Any, index: int) -> dict[str, Any]:
    day, clock = _local(point.time, point.latitude, point.longitude)
    return {
        "place": without_numbering(point.name or "") or f"Point {index}",
        "activity": (point.description or point.comment or "").strip(),
        "lat": point.latitude,
        "lon": point.longitude,
        "date": day,
        "time": clock,
    }


def _waypoint_records(waypoints: list[Any], gpx: Any, notes: list[str], year: int | None) -> list[dict[str, Any]]:
    records = [_point_record(w, i) for i, w in enumerate(waypoints, start=1)]
    stamps = Counter(w.time for w in waypoints if w.time is not None)
    if len(waypoints) > 2 and len(stamps) == 1 and stamps.most_common(1)[0][1] == len(waypoints):
        # Every waypoint with the same second (GaiaGPS writes the export time): no visit times.
        for record in records:
            record["date"] = record["time"] = None
        notes.append("every waypoint carries the same time (when the file was exported), so stops are undated")
    # "10.04.21 where it all begins": OsmAnd favourites written with the day first.
    leading = [_LEADING_DATE.match(r["place"]) for r in records]
    if any(leading) and not any(r["date"] for r in records):
        order = decide_order([m[1] for m in leading if m])
        parsed = [parse_date(m[1], order) if m else None for m in leading]
        settled, _ = settle_years(parsed, year=year)
        for record, match, day in zip(records, leading, settled, strict=True):
            if match and day:
                record["date"] = day
                record["place"] = record["place"][match.end() :].strip() or record["place"]
        notes.append("dates read from the start of the waypoint names")
    track_days = {
        _local(p.time, p.latitude, p.longitude)[0]
        for t in gpx.tracks
        for s in t.segments
        for p in s.points
        if p.time is not None
    }
    if len(track_days) == 1 and not any(r["date"] for r in records):
        (day,) = track_days
        for record in records:
            record["date"] = day
        notes.append(f"the waypoints have no times; the track was recorded on {day}, so they take that day")
    for waypoint, record in zip(waypoints, records, strict=True):
        own = _extension_fields(waypoint.extensions)
        if "place" in own:
            # Our own GPX: the fields as written, not the numbered label.
            record.update({key: own.get(key, "") for key in _FIELDS})
    return records


def _track_records(gpx: Any, notes: list[str]) -> list[dict[str, Any]]:
    records: list[dict[str, Any]] = []
    for number, track in enumerate(gpx.tracks, start=1):
        points = [p for s in track.segments for p in s.points]
        if not points:
            continue
        name = re.sub(r"<[^>]+>", "", track.name or "").strip() or (gpx.name or "").strip() or f"Track {number}"
        by_day: dict[date | None, list[Any]] = {}
        for point in points:
            by_day.setdefault(_local(point.time, point.latitude, point.longitude)[0], []).append(point)
        several = len([d for d in by_day if d is not None]) > 1
        for day, day_points in by_day.items():
            label = f"{name}, {day.strftime('%d %b')}" if several and day else name
            ends = [day_points[0], day_points[-1]] if len(day_points) > 1 else day_points
            for point, which in zip(ends, ("start", "end"), strict=False):
                record = _point_record(point, len(records) + 1)
                record["place"] = f"{label} ({which})"
                records.append(record)
    if records:
        notes.append("no waypoints: the stops are where each track (and each day of it) starts and ends")
    return records


# Writing ------------------------------------------------------------------------------------------------


def _clean(value: str | None) -> str | None:
    return _INVALID_XML.sub("", value) if value else value


def to_gpx(trip: Trip) -> str:
    """GPX 1.1: the stops as waypoints (times as UTC instants), and one route per day through that day's stops."""
    gpx = gpxpy.gpx.GPX()
    gpx.name = _clean(trip.title)
    gpx.creator = "trip map"
    gpx.nsmap["trip"] = TRIP_NS
    for item in numbered(trip):
        stop = item.stop
        if stop.lat is None or stop.lon is None:
            continue
        instant = to_instant(stop.date, stop.time, stop.lat, stop.lon) if stop.date and stop.time else None
        waypoint = gpxpy.gpx.GPXWaypoint(
            stop.lat,
            stop.lon,
            name=_clean(f"{item.number}. {stop.label}"),
            description=_clean(stop.activity) or None,
            time=instant,
        )
        values = stop.cells()
        for key in _FIELDS:
            if values[key]:
                element = ET.Element(f"{{{TRIP_NS}}}{key}")
                # gpxpy writes extension text as it is: escape it here, or '&' breaks the file.
                element.text = escape(_clean(values[key]) or "")
                waypoint.extensions.append(element)
        gpx.waypoints.append(waypoint)
    for day in days(trip):
        located = [s for s in day.stops if s.stop.lat is not None and s.stop.lon is not None]
        if not located:
            continue
        route = gpxpy.gpx.GPXRoute(name=day.label)
        route.points.extend(
            gpxpy.gpx.GPXRoutePoint(s.stop.lat, s.stop.lon, name=_clean(f"{s.number}. {s.stop.label}")) for s in located
        )
        gpx.routes.append(route)
    for track in trip.tracks:
        gpx_track = gpxpy.gpx.GPXTrack(name=_clean(track.name) or None)
        segment = gpxpy.gpx.GPXTrackSegment([gpxpy.gpx.GPXTrackPoint(lat, lon) for lat, lon in track.points])
        gpx_track.segments.append(segment)
        gpx.tracks.append(gpx_track)
    return str(gpx.to_xml(version="1.1"))
