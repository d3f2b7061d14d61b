"""An offline geocoder over GeoNames, airports and curated landmarks, with geopy's contract.

``OfflineGazetteer().geocode("Artyom", near=(43.1, 131.9))`` returns a
``geopy.Location`` whose ``raw`` is the gazetteer record plus its score and
confidence, or ``None`` when nothing matches. ``candidates()`` gives the ranked
list behind that answer so the user can pick another.
"""

from __future__ import annotations

import csv
import functools
import math
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Literal, overload

from geopy.distance import great_circle
from geopy.geocoders.base import Geocoder
from geopy.location import Location

from mapping.errors import GazetteerError
from mapping.geocode.countries import COUNTRY_ALIASES
from mapping.geocode.index import (
    MATCH_ALTERNATE,
    MATCH_FOLDED,
    MATCH_PRIMARY,
    Place,
    name_keys,
    open_index,
    region_name_keys,
)
from mapping.geocode.placenames import fold, normalize
from mapping.paths import LANDMARKS

Point = tuple[float, float]

_MATCH_WEIGHT = {MATCH_PRIMARY: 1.0, MATCH_ALTERNATE: 0.8, MATCH_FOLDED: 0.6}
_MATCH_LABEL = {MATCH_PRIMARY: "name", MATCH_ALTERNATE: "alternate name", MATCH_FOLDED: "spelling variant"}

# Country > region > capital > city when the names tie: "Georgia" alone is the country.
_KIND_BONUS = {"country": 0.3, "region": 0.1, "capital": 0.05}

# Words in a query that say what kind of place is meant.
_KIND_WORDS: dict[str, frozenset[str]] = {
    "airport": frozenset({"airport", "airfield"}),
    "airfield": frozenset({"airfield", "airport"}),
    "air base": frozenset({"airfield", "airport"}),
    "airbase": frozenset({"airfield", "airport"}),
    "station": frozenset({"station", "border_crossing"}),
    "railway station": frozenset({"station"}),
    "train station": frozenset({"station"}),
    "university": frozenset({"university"}),
    "aquarium": frozenset({"aquarium"}),
    "oceanarium": frozenset({"aquarium"}),
    "cosmodrome": frozenset({"cosmodrome"}),
    "spaceport": frozenset({"cosmodrome"}),
    "port": frozenset({"port", "naval_base"}),
    "harbour": frozenset({"port", "naval_base"}),
    "harbor": frozenset({"port", "naval_base"}),
    "plant": frozenset({"factory"}),
    "factory": frozenset({"factory"}),
    "border crossing": frozenset({"border_crossing"}),
    "border": frozenset({"border_crossing"}),
    "theatre": frozenset({"theatre"}),
    "oblast": frozenset({"region"}),
    "krai": frozenset({"region"}),
    "kray": frozenset({"region"}),
    "province": frozenset({"region"}),
    "prefecture": frozenset({"region"}),
    "state": frozenset({"region"}),
    "region": frozenset({"region"}),
    "theater": frozenset({"theatre"}),
}


@dataclass(frozen=True, slots=True)
class Candidate:
    """A place the query may mean, with the score it was ranked by."""

    place: Place
    score: float
    match: int

    def to_raw(self) -> dict[str, Any]:
        return {**self.place.to_raw(), "score": round(self.score, 4), "match": _MATCH_LABEL[self.match]}


@dataclass(frozen=True, slots=True)
class Answer:
    """The ranked candidates for one query and how sure the first one is."""

    query: str
    candidates: tuple[Candidate, ...]
    confidence: float

    @property
    def best(self) -> Candidate | None:
        return self.candidates[0] if self.candidates else None


class OfflineGazetteer(Geocoder):
    """A geopy geocoder that needs no network: GeoNames cities500, airports and landmarks."""

    name = "gazetteer"

    def __init__(
        self,
        *,
        index_path: Path | None = None,
        landmarks_path: Path | None = LANDMARKS,
        build_if_missing: bool = True,
    ) -> None:
        super().__init__()
        self._db = open_index(index_path, build_if_missing=build_if_missing)
        # One read-only connection shared by Streamlit's script threads.
        self._lock = threading.Lock()
        self._countries = self._load_countries()
        self._region_names: dict[tuple[str, str], str] = {
            (country, admin1): name
            for name, country, admin1 in self._db.execute(
                "SELECT name, country, admin1 FROM places WHERE kind = 'region'"
            )
        }
        # A name can be a region in several countries (Georgia; "Central").
        self._regions: dict[str, set[tuple[str, str]]] = {}
        for key, country, admin1 in self._db.execute("SELECT key, country, admin1 FROM regions"):
            self._regions.setdefault(key, set()).add((country, admin1))
        self._landmarks: dict[str, list[tuple[Place, int]]] = {}
        if landmarks_path is not None:
            self._load_landmarks(landmarks_path)

    def _load_countries(self) -> dict[str, str]:
        lookup: dict[str, str] = dict(COUNTRY_ALIASES)
        for iso, iso3, name in self._db.execute("SELECT iso, iso3, name FROM countries"):
            lookup[normalize(name)] = iso
            lookup[iso.lower()] = iso
            lookup[iso3.lower()] = iso
        return lookup

    def _load_landmarks(self, path: Path) -> None:
        try:
            with open(path, encoding="utf-8-sig", newline="") as f:
                rows = list(csv.DictReader(f))
        except OSError as exc:
            raise GazetteerError(f"cannot read the landmarks file {path} ({exc.strerror})") from exc
        for number, row in enumerate(rows, start=2):
            try:
                place = Place(
                    id=f"landmark:{row['id']}",
                    name=row["name"].strip(),
                    kind=row["kind"].strip() or "landmark",
                    lat=float(row["lat"]),
                    lon=float(row["lon"]),
                    country=row["country"].strip().upper(),
                    admin1=(row.get("admin1") or "").strip(),
                    population=int(row.get("population") or 0),
                    source="landmarks",
                )
            except (KeyError, ValueError, AttributeError) as exc:
                raise GazetteerError(
                    f"{path}, row {number}: cannot read the landmark ({exc!r}); "
                    "it needs id, name, kind, lat, lon and country"
                ) from exc
            aliases = [a.strip() for a in (row.get("aliases") or "").split("|") if a.strip()]
            for key, match in name_keys([place.name, *aliases]).items():
                self._landmarks.setdefault(key, []).append((place, match))

    def _region_matches(self, qualifier: str) -> set[tuple[str, str]]:
        matches: set[tuple[str, str]] = set()
        for key in region_name_keys(qualifier):
            matches |= self._regions.get(key) or set()
        return matches

    def region_name(self, place: Place) -> str:
        """The English name of the place's first-level region, when the index knows it."""
        if place.kind in ("region", "country"):
            return ""
        return self._region_names.get((place.country, place.admin1), "")

    # geopy's contract ---------------------------------------------------------------

    @overload
    def geocode(
        self,
        query: str,
        *,
        exactly_one: Literal[True] = True,
        timeout: float | None = None,
        country_codes: str | Sequence[str] | None = None,
        near: Point | Sequence[Point] | None = None,
        limit: int | None = None,
    ) -> Location | None: ...

    @overload
    def geocode(
        self,
        query: str,
        *,
        exactly_one: Literal[False],
        timeout: float | None = None,
        country_codes: str | Sequence[str] | None = None,
        near: Point | Sequence[Point] | None = None,
        limit: int | None = None,
    ) -> list[Location] | None: ...

    def geocode(
        self,
        query: str,
        *,
        exactly_one: bool = True,
        timeout: float | None = None,
        country_codes: str | Sequence[str] | None = None,
        near: Point | Sequence[Point] | None = None,
        limit: int | None = None,
    ) -> Location | list[Location] | None:
        """Find ``query``; ``None`` when nothing matches, as every geopy geocoder does.

        ``country_codes`` prefers places in those countries (ISO alpha-2);
        ``near`` prefers places close to one point or to any of several (the
        trip's other stops). ``timeout`` is accepted for geopy compatibility;
        the lookup is local and never waits on a network.
        """
        answer = self.lookup(query, country_codes=country_codes, near=near, limit=limit or 10)
        if not answer.candidates:
            return None
        locations = [
            self._location(c, self.region_name(c.place), answer.confidence if i == 0 else None)
            for i, c in enumerate(answer.candidates)
        ]
        return locations[0] if exactly_one else locations

    @staticmethod
    def _location(candidate: Candidate, region: str, confidence: float | None) -> Location:
        place = candidate.place
        raw = candidate.to_raw()
        raw["region"] = region
        if confidence is not None:
            raw["confidence"] = confidence
        address = ", ".join(p for p in (place.name, region, place.country) if p)
        return Location(address, (place.lat, place.lon), raw)

    # Ranking ------------------------------------------------------------------------

    def lookup(
        self,
        query: str,
        *,
        country_codes: str | Sequence[str] | None = None,
        near: Point | Sequence[Point] | None = None,
        limit: int = 10,
    ) -> Answer:
        """Ranked candidates for ``query`` with the confidence of the first."""
        parts = [p.strip() for p in query.split(",") if p.strip()]
        if not parts:
            return Answer(query, (), 0.0)
        countries = _as_codes(country_codes)
        hard_countries: set[str] = set()
        hard_regions: set[tuple[str, str]] = set()
        points = _as_points(near)
        # "Paris, Texas", "Artem, Russia", "aircraft plant, Komsomolsk-on-Amur": what follows a comma narrows.
        name, qualifiers = parts[0], parts[1:]
        position = 0
        while position < len(qualifiers):
            # "Seoul, Korea, South": the rest of the query may be one country name with a comma in it.
            rest = self._countries.get(normalize(" ".join(qualifiers[position:])))
            if rest:
                hard_countries.add(rest)
                break
            qualifier = qualifiers[position]
            position += 1
            code = self._countries.get(normalize(qualifier))
            if code:
                hard_countries.add(code)
                continue
            regions = self._region_matches(qualifier)
            if regions:
                hard_regions |= regions
                continue
            context = self.lookup(qualifier, country_codes=country_codes, limit=1).best
            if context:
                points = [*points, (context.place.lat, context.place.lon)]
                countries = countries | {context.place.country}
        found = self._find(name)
        kinds = _kinds_in(normalize(name))
        if not found and kinds:
            # "Artyom railway station" when only the town is known: the town, flagged less sure.
            bare = _strip_kind_words(normalize(name))
            if bare:
                found = {pid: (place, max(match, MATCH_ALTERNATE)) for pid, (place, match) in self._find(bare).items()}
        if hard_countries:
            found = {pid: pm for pid, pm in found.items() if pm[0].country in hard_countries}
        if hard_countries and hard_regions:
            hard_regions = {r for r in hard_regions if r[0] in hard_countries}
        if hard_regions:
            # Region names are derived, so a region that leaves nothing narrows nothing.
            in_region = {pid: pm for pid, pm in found.items() if (pm[0].country, pm[0].admin1) in hard_regions}
            found = in_region or found
        scored = [
            Candidate(place, _score(place, match, countries, points, kinds), match) for place, match in found.values()
        ]
        if "region" not in kinds:
            scored = _prefer_towns_to_their_regions(scored)
        ranked = sorted(scored, key=lambda c: (-c.score, c.place.name))[:limit]
        return Answer(query, tuple(ranked), _confidence(ranked))

    def _find(self, name: str) -> dict[str, tuple[Place, int]]:
        key = normalize(name)
        if not key:
            return {}
        folded = fold(key)
        found: dict[str, tuple[Place, int]] = {}

        def keep(place: Place, match: int) -> None:
            if place.id not in found or found[place.id][1] > match:
                found[place.id] = (place, match)

        for lookup_key, demote in ((key, False), (folded, True)):
            for place, match in self._landmarks.get(lookup_key, ()):
                keep(place, MATCH_FOLDED if demote else match)
        with self._lock:
            rows = self._db.execute(
                "SELECT p.id, p.name, p.kind, p.lat, p.lon, p.country, p.admin1, p.population, p.source, n.key, n.match"
                " FROM names n JOIN places p ON p.id = n.place WHERE n.key IN (?, ?)",
                (key, folded),
            ).fetchall()
        for pid, pname, kind, lat, lon, country, admin1, population, source, row_key, match in rows:
            place = Place(f"{source}:{pid}", pname, kind, lat, lon, country, admin1, population, source)
            # A folded query key only ever matches by spelling variant.
            keep(place, match if row_key == key else MATCH_FOLDED)
        return found

    def sites(self, kinds: Iterable[str]) -> list[Place]:
        """Landmarks of these kinds, and airports with scheduled service when "airport" is asked for."""
        wanted = set(kinds)
        found = {
            place.id: place for entries in self._landmarks.values() for place, _ in entries if place.kind in wanted
        }
        if "airport" in wanted:
            found.update((p.id, p) for p in self._airports())
        return list(found.values())

    @functools.cache  # noqa: B019 (one gazetteer lives as long as the process)
    def _airports(self) -> tuple[Place, ...]:
        with self._lock:
            rows = self._db.execute(
                "SELECT id, name, kind, lat, lon, country, admin1, population, source FROM places"
                " WHERE kind = 'airport' AND population > 0"
            ).fetchall()
        return tuple(Place(f"{src}:{pid}", n, k, la, lo, c, a, pop, src) for pid, n, k, la, lo, c, a, pop, src in rows)

    def close(self) -> None:
        self._db.close()


def _as_codes(country_codes: str | Sequence[str] | None) -> set[str]:
    if not country_codes:
        return set()
    if isinstance(country_codes, str):
        country_codes = [country_codes]
    return {c.strip().upper() for c in country_codes if c.strip()}


def _as_points(near: Point | Sequence[Point] | None) -> list[Point]:
    if near is None:
        return []
    if len(near) == 2 and all(isinstance(v, (int, float)) for v in near):
        return [(float(near[0]), float(near[1]))]  # type: ignore[arg-type]
    return [(float(p[0]), float(p[1])) for p in near]  # type: ignore[index]


def _kinds_in(key: str) -> frozenset[str]:
    padded = f" {key} "
    kinds: set[str] = set()
    for word, wanted in _KIND_WORDS.items():
        if f" {word} " in padded:
            kinds |= wanted
    return frozenset(kinds)


def _strip_kind_words(key: str) -> str:
    padded = f" {key} "
    for word in sorted(_KIND_WORDS, key=len, reverse=True):
        padded = padded.replace(f" {word} ", " ")
    for filler in (" the ", " near ", " of ", " in ", " railway ", " train ", " international ", " main "):
        padded = padded.replace(filler, " ")
    return " ".join(padded.split())


def _score(place: Place, match: int, countries: set[str], points: list[Point], kinds: frozenset[str]) -> float:
    score = _MATCH_WEIGHT[match]
    # Curated sites are what a trip's traveller visits: rank them like a large town.
    landmark = place.source == "landmarks"
    prominence = 0.45 if landmark else min(math.log10(place.population + 1) / 7.0, 1.0) * 0.5
    # A region's population is its towns' sum: it says less about how known its name is.
    score += prominence * (0.7 if place.kind == "region" else 1.0)
    score += _KIND_BONUS.get(place.kind, 0.0)
    if kinds:
        score += 0.4 if place.kind in kinds else -0.1
    if countries:
        score += 0.25 if place.country in countries else -0.15
    if points:
        nearest = min(great_circle(point, (place.lat, place.lon)).km for point in points)
        score += 0.6 * math.exp(-nearest / 250.0)
    return score


def _contains(area: Place, place: Place) -> bool:
    """Whether ``area`` is a country or region that ``place`` lies in."""
    if area.country != place.country or area is place:
        return False
    return area.kind == "country" or (area.kind == "region" and area.admin1 == place.admin1 != "")


def _prefer_towns_to_their_regions(candidates: list[Candidate]) -> list[Candidate]:
    """São Paulo the city, not the state; Luxembourg the capital, not the country.

    A region or country that holds a same-named town ranks just below that town
    unless the query asked for a region.
    """
    towns = [c for c in candidates if c.place.kind not in ("region", "country")]
    adjusted = []
    for candidate in candidates:
        inner = [t for t in towns if _contains(candidate.place, t.place)]
        if inner:
            candidate = replace(candidate, score=min(candidate.score, max(t.score for t in inner) - 0.01))
        adjusted.append(candidate)
    return adjusted


def _confidence(ranked: Sequence[Candidate]) -> float:
    if not ranked:
        return 0.0
    best = ranked[0]
    ceiling = {MATCH_PRIMARY: 0.98, MATCH_ALTERNATE: 0.9, MATCH_FOLDED: 0.7}[best.match]
    # The region around the best place is the same answer at another scale, not a rival.
    rivals = [c for c in ranked[1:] if not _contains(c.place, best.place) and not _contains(best.place, c.place)]
    if not rivals:
        return ceiling
    gap = best.score - rivals[0].score
    return round(max(0.05, min(ceiling, 0.5 + 1.2 * gap)), 3)
