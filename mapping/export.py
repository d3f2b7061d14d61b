"""Exports of a trip: a self-contained HTML map, GeoJSON, GPX, KML, CSV and JSON.

Every file is written to a temporary name beside the target and renamed into
place, so a failing export never leaves half a file behind.
"""

from __future__ import annotations

import json
import os
import tempfile
import xml.etree.ElementTree as ET
from collections.abc import Callable, Collection
from datetime import UTC, datetime
from datetime import time as dt_time
from pathlib import Path
from typing import Any

import gpxpy
import gpxpy.gpx
import simplekml

from mapping.errors import ExportError
from mapping.render.assets import AssetMode
from mapping.render.map import DAY_COLOURS, MapOptions, Overlay, build_map, render_html
from mapping.trip.legs import leg_path, split_at_antimeridian
from mapping.trip.model import Trip, trip_to_csv, trip_to_json
from mapping.trip.timeline import days, legs, numbered


def filter_days(trip: Trip, day_keys: Collection[str] | None) -> Trip:
    """Only the stops of the given days ('YYYY-MM-DD' or 'undated'); all when None."""
    if day_keys is None:
        return trip
    return trip.with_stops(s for s in trip.stops if (s.date.isoformat() if s.date else "undated") in day_keys)


def to_html(
    trip: Trip,
    *,
    days: Collection[str] | None = None,
    tiles: str | None = None,
    palette: tuple[str, ...] = DAY_COLOURS,
    overlays: tuple[Overlay, ...] = (),
) -> str:
    """One HTML file that shows the map with no network: assets and basemap inlined."""
    options = MapOptions(
        days=frozenset(days) if days is not None else None,
        tiles=tiles,
        asset_mode=AssetMode.INLINE,
        palette=palette,
        overlays=overlays,
    )
    return render_html(build_map(trip, options))


def to_geojson(trip: Trip) -> str:
    """RFC 7946 GeoJSON: a Point per located stop (lon, lat order) and a line per leg, flights as geodesics."""
    features: list[dict[str, Any]] = []
    stops = numbered(trip)
    for item in stops:
        stop = item.stop
        if not stop.located:
            continue
        properties = {k: v for k, v in stop.to_record().items() if k not in ("lat", "lon")}
        properties["number"] = item.number
        features.append(
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [stop.lon, stop.lat]},
                "properties": properties,
            }
        )
    for leg in legs(stops):
        # RFC 7946 wants lines cut at the antimeridian rather than running past 180°.
        parts = split_at_antimeridian(leg_path(leg))
        geometry = (
            {"type": "LineString", "coordinates": parts[0]}
            if len(parts) == 1
            else {"type": "MultiLineString", "coordinates": parts}
        )
        features.append(
            {
                "type": "Feature",
                "geometry": geometry,
                "properties": {
                    "from": leg.start.number,
                    "to": leg.end.number,
                    "mode": leg.mode,
                    "km": round(leg.km, 3),
                    "date": leg.day.isoformat() if leg.day else None,
                },
            }
        )
    document = {"type": "FeatureCollection", "title": trip.title, "features": features}
    return json.dumps(document, ensure_ascii=False, indent=1)


def to_gpx(trip: Trip) -> str:
    """GPX 1.1: the stops as waypoints, and one route per day through that day's stops."""
    gpx = gpxpy.gpx.GPX()
    gpx.name = trip.title
    gpx.creator = "trip map"
    for item in numbered(trip):
        stop = item.stop
        if stop.lat is None or stop.lon is None:
            continue
        gpx.waypoints.append(
            gpxpy.gpx.GPXWaypoint(
                stop.lat,
                stop.lon,
                name=f"{item.number}. {stop.label}",
                description=stop.activity or None,
                time=datetime.combine(stop.date, time_of(stop.time), tzinfo=UTC) if stop.date else None,
            )
        )
    for day in days(trip):
        located = [s for s in day.stops if s.stop.lat is not None and s.stop.lon is not None]
        if not located:
            continue
        route = gpxpy.gpx.GPXRoute(name=day.label)
        route.points.extend(
            gpxpy.gpx.GPXRoutePoint(s.stop.lat, s.stop.lon, name=f"{s.number}. {s.stop.label}") for s in located
        )
        gpx.routes.append(route)
    return str(gpx.to_xml(version="1.1"))


def to_kml(trip: Trip) -> str:
    """KML for Google Earth: one folder per day, a placemark per stop and the day's path."""
    kml = simplekml.Kml(name=trip.title)
    for day in days(trip):
        folder = kml.newfolder(name=day.label)
        located = [s for s in day.stops if s.stop.lat is not None and s.stop.lon is not None]
        for item in located:
            placemark = folder.newpoint(
                name=f"{item.number}. {item.stop.label}", coords=[(item.stop.lon, item.stop.lat)]
            )
            placemark.description = " · ".join(
                p for p in (item.stop.activity, item.stop.evidence, item.stop.source) if p
            )
        if len(located) > 1:
            folder.newlinestring(name=f"{day.label} route", coords=[(s.stop.lon, s.stop.lat) for s in located])
    return _valid_ids(str(kml.kml()))


def _valid_ids(kml_text: str) -> str:
    """simplekml numbers its ids ("1"), which KML's schema refuses: an XML id cannot start with a digit."""
    ET.register_namespace("", "http://www.opengis.net/kml/2.2")
    ET.register_namespace("gx", "http://www.google.com/kml/ext/2.2")
    root = ET.fromstring(kml_text)  # noqa: S314 - our own document, just written
    for element in root.iter():
        if element.get("id", "").isdigit():
            element.set("id", f"kml-{element.get('id')}")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode")


def time_of(text: str | None) -> dt_time:
    if not text:
        return dt_time(0, 0)
    hours, minutes = text.split(":")
    return dt_time(int(hours), int(minutes))


FORMATS: dict[str, Callable[[Trip], str]] = {
    ".html": to_html,
    ".geojson": to_geojson,
    ".gpx": to_gpx,
    ".kml": to_kml,
    ".csv": trip_to_csv,
    ".json": trip_to_json,
}


def export(trip: Trip, out: Path, *, days: Collection[str] | None = None) -> Path:
    """Write ``trip`` (only ``days`` when given) in the format named by ``out``'s extension."""
    suffix = out.suffix.lower()
    writer = FORMATS.get(suffix)
    if writer is None:
        raise ExportError(
            f"{out}: cannot export to '{suffix or 'no extension'}'; use one of {', '.join(sorted(FORMATS))}"
        )
    content = to_html(trip, days=days) if suffix == ".html" else writer(filter_days(trip, days))
    write_atomically(out, content)
    return out


def write_atomically(out: Path, content: str) -> None:
    directory = out.resolve().parent
    if not directory.is_dir():
        raise ExportError(f"{out}: the folder {directory} does not exist; create it or choose another path")
    handle, temporary = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".part", dir=directory)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as f:
            f.write(content)
        os.replace(temporary, out)
    except OSError as exc:
        Path(temporary).unlink(missing_ok=True)
        raise ExportError(f"{out}: cannot write the file ({exc.strerror})") from exc
