"""Exports of a trip: a self-contained HTML map, GeoJSON, GPX, KML, CSV and JSON.

Every file is written to a temporary name beside the target and renamed into
place, so a failing export never leaves half a file behind.
"""

from __future__ import annotations

from collections.abc import Collection
from pathlib import Path

from mapping.errors import ExportError
from mapping.io.files import write_atomically
from mapping.io.formats import FORMATS, Format
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


#: The map as one offline HTML page, then every trip file format that can be written.
HTML = Format("html", "Map (HTML, works offline)", (".html",), "text/html")
EXPORTS: tuple[Format, ...] = (HTML, *(fmt for fmt in FORMATS if fmt.writer))


def export_extensions() -> list[str]:
    return [fmt.extension for fmt in EXPORTS]


def export(trip: Trip, out: Path, *, days: Collection[str] | None = None) -> Path:
    """Write ``trip`` (only ``days`` when given) in the format named by ``out``'s extension."""
    suffix = out.suffix.lower()
    fmt = next((fmt for fmt in EXPORTS if suffix in fmt.extensions), None)
    if fmt is None:
        raise ExportError(
            f"{out}: cannot export to '{suffix or 'no extension'}'; use one of {', '.join(export_extensions())}"
        )
    write = fmt.writer or (lambda whole: to_html(whole, days=days))
    content = write(trip if fmt is HTML else filter_days(trip, days))
    write_atomically(out, content)
    return out
