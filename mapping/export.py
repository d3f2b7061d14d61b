"""Exports of a trip: a self-contained HTML map, GeoJSON, GPX, KML, CSV and JSON.

Every file is written to a temporary name beside the target and renamed into
place, so a failing export never leaves half a file behind.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from pathlib import Path

from mapping.errors import ExportError
from mapping.io.csv import trip_to_csv
from mapping.io.files import write_atomically
from mapping.io.geojson import to_geojson
from mapping.io.gpx import to_gpx
from mapping.io.json import trip_to_json
from mapping.io.kml import to_kml
from mapping.render.assets import AssetMode
from mapping.render.map import DAY_COLOURS, MapOptions, Overlay, build_map, render_html
from mapping.trip.model import Trip


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
