"""Exports of a trip: a self-contained HTML map, GeoJSON, CSV and JSON.

Every file is written to a temporary name beside the target and renamed into
place, so a failing export never leaves half a file behind.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Callable, Collection
from pathlib import Path
from typing import Any

from mapping.assets import AssetMode
from mapping.errors import ExportError
from mapping.itinerary import Trip, trip_to_csv, trip_to_json
from mapping.map_builder import MapOptions, build_map, render_html
from mapping.timeline import legs, numbered


def filter_days(trip: Trip, day_keys: Collection[str] | None) -> Trip:
    """Only the stops of the given days ('YYYY-MM-DD' or 'undated'); all when None."""
    if day_keys is None:
        return trip
    return trip.with_stops(s for s in trip.stops if (s.date.isoformat() if s.date else "undated") in day_keys)


def to_html(trip: Trip, *, days: Collection[str] | None = None, tiles: str | None = None) -> str:
    """One HTML file that shows the map with no network: assets and basemap inlined."""
    options = MapOptions(
        days=frozenset(days) if days is not None else None,
        tiles=tiles,
        asset_mode=AssetMode.INLINE,
    )
    return render_html(build_map(trip, options))


def to_geojson(trip: Trip) -> str:
    """RFC 7946 GeoJSON: a Point per located stop (lon, lat order) and a LineString per leg."""
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
        a, b = leg.start.stop, leg.end.stop
        features.append(
            {
                "type": "Feature",
                "geometry": {"type": "LineString", "coordinates": [[a.lon, a.lat], [b.lon, b.lat]]},
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


FORMATS: dict[str, Callable[[Trip], str]] = {
    ".html": to_html,
    ".geojson": to_geojson,
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
