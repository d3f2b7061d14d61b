"""Place names for the offline basemap, from the project's own place index (GeoNames).

The set is chosen when the map is built and shipped compactly (names joined, positions in
hundredths of a degree, delta-coded): the world's capitals and largest cities everywhere, and
around the trip the towns down to a few thousand people. Each name carries the zoom from
which it may show; the browser then draws the most important first and never two that
overlap (``placeLabels`` in ``trip-core.js``).
"""

from __future__ import annotations

import functools
import sqlite3
from typing import Any

from mapping.errors import GazetteerError
from mapping.geocode.index import open_index

Bounds = tuple[float, float, float, float]  # south, west, north, east

#: Everywhere: capitals and cities of at least this many people.
WORLD_POPULATION = 1_000_000
#: Around a trip of regional size: towns of at least this many, and at most so many of them.
REGION_POPULATION = 5_000
#: Around a trip too wide for regional detail: cities of at least this many.
WIDE_POPULATION = 100_000
MAX_AROUND = 1_500

# (population at least, zoom from which the name shows), first match wins.
_ZOOMS = ((5_000_000, 2), (1_000_000, 4), (300_000, 5), (100_000, 6), (30_000, 7), (10_000, 8), (0, 9))


def min_zoom(population: int, capital: bool) -> int:
    if capital:
        return 3 if population < 5_000_000 else 2
    return next(zoom for floor, zoom in _ZOOMS if population >= floor)


_QUERY = (
    "SELECT name, kind, lat, lon, population FROM places WHERE kind IN ('capital', 'city') AND population >= ?"
    " AND lat BETWEEN ? AND ? AND lon BETWEEN ? AND ? ORDER BY kind = 'capital' DESC, population DESC LIMIT ?"
)


def _rows(db: sqlite3.Connection, population: int, bounds: Bounds, limit: int) -> list[tuple[Any, ...]]:
    south, west, north, east = bounds
    return db.execute(_QUERY, (population, south, north, west, east, limit)).fetchall()


@functools.lru_cache(maxsize=16)
def place_labels(around: Bounds | None, *, regional: bool) -> dict[str, Any] | None:
    """The labels for a map of the trip ``around`` these bounds; None without a place index.

    ``regional`` trips (see :func:`mapping.render.basemap_detail.region_for`) get towns;
    wider ones only cities.
    """
    try:
        db = open_index(build_if_missing=False)
    except (GazetteerError, OSError, sqlite3.Error):
        # Names are a help to the eye, not the trip: a map without the index still shows every stop.
        return None
    try:
        rows = _rows(db, WORLD_POPULATION, (-90.0, -180.0, 90.0, 180.0), 5_000)
        if around is not None:
            floor = REGION_POPULATION if regional else WIDE_POPULATION
            rows += _rows(db, floor, around, MAX_AROUND)
    finally:
        db.close()
    return encode(rows, around)


def encode(rows: list[tuple[Any, ...]], around: Bounds | None = None) -> dict[str, Any]:
    """Most important first, each place once: the trip's own area before the rest of the world, then
    the zoom a name shows from, then population. The browser places names in this order, so the
    cities round the trip are never crowded out by the world's larger ones."""

    def outside(lat: float, lon: float) -> bool:
        return around is None or not (around[0] <= lat <= around[2] and around[1] <= lon <= around[3])

    seen: set[tuple[str, int, int]] = set()
    names: list[str] = []
    lats: list[int] = []
    lons: list[int] = []
    zooms: list[int] = []
    ordered = sorted(rows, key=lambda r: (outside(r[2], r[3]), min_zoom(int(r[4]), r[1] == "capital"), -int(r[4])))
    for name, kind, lat, lon, population in ordered:
        key = (name, round(lat * 10), round(lon * 10))
        if key in seen:
            continue
        seen.add(key)
        names.append(str(name).replace("|", "/"))
        lats.append(round(lat * 100))
        lons.append(round(lon * 100))
        zooms.append(min_zoom(int(population), kind == "capital"))
    return {"name": "|".join(names), "lat": _deltas(lats), "lon": _deltas(lons), "zoom": zooms}


def _deltas(values: list[int]) -> list[int]:
    return [b - a for a, b in zip([0, *values], values, strict=False)]
