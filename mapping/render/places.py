"""Place names for the offline basemap, from the project's own place index (GeoNames).

The set is chosen when the map is built and shipped compactly (names joined, positions in
hundredths of a degree, delta-coded): the world's capitals and largest cities everywhere, and
around the trip the towns down to a few thousand people. Each name carries the zoom from
which it may show; the browser then draws the most important first and never two that
overlap (``placeLabels`` in ``trip-core.js``).
"""

from __future__ import annotations

import functools
import json
import sqlite3
from array import array
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mapping.io.files import write_atomically
from mapping.paths import DATA_DIR

Bounds = tuple[float, float, float, float]  # south, west, north, east

#: The places that may be named, taken from the place index at set-up (``python -m mapping setup``):
#: the index belongs to geocoding, which the map does not import.
LABELS_VERSION = 1
LABELS_FILE = DATA_DIR / "index" / f"place-labels-v{LABELS_VERSION}.json"

#: Everywhere: capitals and cities of at least this many people.
WORLD_POPULATION = 1_000_000
#: Around a trip of regional size: towns of at least this many, and at most so many of them.
REGION_POPULATION = 5_000
#: Around a trip too wide for regional detail: cities of at least this many.
WIDE_POPULATION = 100_000
MAX_AROUND = 1_500

# (population at least, zoom from which the name shows), first match wins.
_ZOOMS = ((5_000_000, 2), (1_000_000, 4), (300_000, 5), (100_000, 6), (30_000, 7), (10_000, 8), (0, 9))

Row = tuple[str, str, float, float, int]  # name, kind, lat, lon, population


def min_zoom(population: int, capital: bool) -> int:
    if capital:
        return 3 if population < 5_000_000 else 2
    return next(zoom for floor, zoom in _ZOOMS if population >= floor)


def write_place_labels(db: sqlite3.Connection, path: Path = LABELS_FILE) -> Path:
    """Write the places that may be named, from the place index ``db`` (its ``places`` table)."""
    rows = db.execute(
        "SELECT name, kind, round(lat, 3), round(lon, 3), population FROM places"
        " WHERE kind IN ('capital', 'city') AND population >= ? ORDER BY population DESC",
        (REGION_POPULATION,),
    ).fetchall()
    columns = {key: [row[i] for row in rows] for i, key in enumerate(("name", "kind", "lat", "lon", "population"))}
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomically(path, json.dumps(columns, ensure_ascii=False, separators=(",", ":")))
    return path


@dataclass(frozen=True)
class _Places:
    """The places that may be named, as columns: a few MB kept, where one tuple per place took twenty."""

    names: list[str]
    capital: bytes
    lats: array[float]
    lons: array[float]
    populations: array[int]

    def row(self, i: int) -> Row:
        kind = "capital" if self.capital[i] else "city"
        return (self.names[i], kind, self.lats[i], self.lons[i], self.populations[i])


@functools.cache
def _places(path: Path) -> _Places:
    columns = json.loads(path.read_text("utf-8"))
    return _Places(
        names=columns["name"],
        capital=bytes(kind == "capital" for kind in columns["kind"]),
        lats=array("d", columns["lat"]),
        lons=array("d", columns["lon"]),
        populations=array("q", columns["population"]),
    )


@functools.lru_cache(maxsize=16)
def place_labels(around: Bounds | None, *, regional: bool, path: Path = LABELS_FILE) -> dict[str, Any] | None:
    """The labels for a map of the trip ``around`` these bounds; None before set-up has written them.

    ``regional`` trips (see :func:`mapping.render.basemap_detail.region_for`) get towns;
    wider ones only cities.
    """
    if not path.exists():
        # Names are a help to the eye, not the trip: a map without them still shows every stop.
        return None
    places = _places(path)
    count = len(places.names)
    rows = [places.row(i) for i in range(count) if places.populations[i] >= WORLD_POPULATION or places.capital[i]]
    if around is not None:
        south, west, north, east = around
        floor = REGION_POPULATION if regional else WIDE_POPULATION
        lats, lons, populations = places.lats, places.lons, places.populations
        near = [
            places.row(i)
            for i in range(count)
            if populations[i] >= floor and south <= lats[i] <= north and west <= lons[i] <= east
        ]
        near.sort(key=lambda r: (r[1] != "capital", -r[4]))
        rows += near[:MAX_AROUND]
    return encode(rows, around)


def encode(rows: list[Row], around: Bounds | None = None) -> dict[str, Any]:
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
