"""An offline geocoder over GeoNames, airports and curated landmarks, with geopy's contract.

``geocode()`` returns a ``geopy.Location`` (``raw``: the record, score, confidence) or ``None``;
``lookup()`` gives the ranked candidates. A query is first taken apart (``clean.py``); a country
or region after a comma filters, a town gives context; when only the stop's town is known
("Kimbell Art Museum, Fort Worth, TX 76107", "Tokyo Tower") the answer is the town, approximate.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Literal, overload

from geopy.geocoders.base import Geocoder
from geopy.location import Location

from mapping.geocode.calibration import shown
from mapping.geocode.candidate import (
    APPROXIMATE_TOWN,
    Answer,
    Candidate,
    Qualifier,
    TripContext,
    as_codes,
    as_points,
)
from mapping.geocode.clean import CleanQuery, clean_query
from mapping.geocode.index import (
    MATCH_ALTERNATE,
    MATCH_FOLDED,
    MATCH_PRIMARY,
    Place,
)
from mapping.geocode.kindfallback import town_supported
from mapping.geocode.lru import LRU
from mapping.geocode.placenames import SETTLEMENT_PREFIX, SETTLEMENT_WORD, normalize
from mapping.geocode.rank import (
    Evidence,
    Point,
    confidence,
    contains,
    flat_km,
    kind_mismatch,
    kinds_in,
    nearest_km,
    partial,
    prefer_towns_to_their_regions,
    score,
    strip_kind_words,
)
from mapping.geocode.store import PlaceStore
from mapping.paths import LANDMARKS

__all__ = ["Answer", "Candidate", "OfflineGazetteer", "Point", "TripContext"]

#: Qualifier answers kept in memory (a trip repeats its towns and countries).
QUALIFIER_CACHE = 4096
#: A candidate this close to the best is the same answer, not a rival.
_SAME_PLACE_KM = 25.0
#: A town qualifier this populous is a city people place things in ("..., Medellín"), within this radius.
_BIG_TOWN, _NEAR_TOWN_KM = 100_000, 100.0
#: How much an alternate name loses to a town's own name in the country the query names (~1.5 decades).
_NICKNAME_PENALTY = 0.25
#: A city this populous that bears the query's own name is what was meant over another city's other name,
#: unless that city is about two decades of population bigger.
_REAL_CITY, _OTHER_NAME_PENALTY = 50_000, 0.15
#: An approximate answer less sure than this is no answer: the stop is left for the user to place.
_DROP_APPROXIMATE = 0.3


class OfflineGazetteer(PlaceStore, Geocoder):
    """A geopy geocoder that needs no network: GeoNames cities500, airports and landmarks."""

    name = "gazetteer"

    def __init__(
        self,
        *,
        index_path: Path | None = None,
        landmarks_path: Path | None = LANDMARKS,
        build_if_missing: bool = True,
    ) -> None:
        Geocoder.__init__(self)
        PlaceStore.__init__(
            self, index_path=index_path, landmarks_path=landmarks_path, build_if_missing=build_if_missing
        )
        self._qualifier_cache: LRU[str, Qualifier] = LRU(QUALIFIER_CACHE)

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
        # The caller sees the probability that the answer is right, not the ranking's evidence score.
        sure = shown(answer)
        locations = [self._location(c, sure if i == 0 else None) for i, c in enumerate(answer.candidates)]
        return locations[0] if exactly_one else locations

    @staticmethod
    def _location(candidate: Candidate, confidence: float | None) -> Location:
        place = candidate.place
        raw = candidate.to_raw()
        if confidence is not None:
            raw["confidence"] = confidence
        address = ", ".join(p for p in (place.name, candidate.region, place.country) if p)
        return Location(address, (place.lat, place.lon), raw)

    # Ranking ------------------------------------------------------------------------

    def lookup(
        self,
        query: str,
        *,
        country_codes: str | Sequence[str] | None = None,
        near: Point | Sequence[Point] | None = None,
        limit: int = 10,
        context: TripContext | None = None,
        unplaced_towns: bool = False,
    ) -> Answer:
        """Ranked candidates for ``query`` with the confidence of the first.

        A town found by the query's name without its kind word ("Zion" for "Zion National Park") is
        an answer only where the query's country or region, ``country_codes``, ``near`` or the trip's
        other stops place it; ``unplaced_towns`` keeps it anyway, for a trip's first pass, whose
        answers are weighed against each other afterwards.
        """
        cleaned = clean_query(query)
        if not cleaned.name and not cleaned.alternates and not cleaned.iata:
            return Answer(query, (), 0.0, cleaned)
        countries = as_codes(country_codes)
        asked = set(countries)
        points = as_points(near)
        if context is not None:
            countries |= set(context.countries)
            points = [*points, *context.points]
        hard_countries: set[str] = set()
        hard_regions: set[tuple[str, str]] = set()
        region_countries: set[str] = set()
        also_regions: set[tuple[str, str]] = set()
        towns: list[Candidate] = []
        # Qualifiers that name no country, region or town the index knows ("Ventura / Carpenter").
        unread = 0
        qualifiers = list(cleaned.qualifiers)
        position = 0
        while position < len(qualifiers):
            # "Seoul, Korea, South": the rest of the query may be one country name with a comma in it.
            rest = self._countries.get(normalize(" ".join(qualifiers[position:])))
            if rest and position < len(qualifiers) - 1:
                hard_countries.add(rest)
                break
            qualifier = self._qualifier(qualifiers[position], countries)
            position += 1
            if qualifier.country:
                hard_countries.add(qualifier.country)
                # "Atlanta, Georgia": a country's name that is also a region's, read as the region when
                # nothing of the name is in the country.
                also_regions |= qualifier.regions
            elif qualifier.regions:
                hard_regions |= qualifier.regions
                if len(normalize(qualifiers[position - 1])) > 3:
                    # A region named in full ("Rio De Janneiro", not "CA") at least fixes the country.
                    region_countries |= {country for country, _ in qualifier.regions}
            elif qualifier.town:
                towns.append(qualifier.town)
            elif any(ch.isalpha() for ch in qualifiers[position - 1]):
                unread += 1
        # A bracket that names a country narrows like a qualifier: "Museo Nacional de Antropología (Mexico)".
        readings = []
        for reading in cleaned.readings:
            code = self._countries.get(normalize(reading)) if reading != cleaned.name else None
            if code:
                hard_countries.add(code)
            else:
                readings.append(reading)
        if hard_countries and hard_regions:
            hard_regions = {r for r in hard_regions if r[0] in hard_countries}
        # A town qualifier must lie in the country and region the query names: "Kalemie, Congo (Kinshasa)".
        towns = [
            t
            for t in towns
            if (not hard_countries or t.place.country in hard_countries)
            and (not hard_regions or (t.place.country, t.place.admin1) in hard_regions)
        ]
        town_points = [(t.lat, t.lon) for t in towns]

        outside_region: list[bool] = []

        def narrow(found: dict[str, tuple[Place, int]]) -> dict[str, tuple[Place, int]]:
            if hard_countries:
                in_country = {pid: pm for pid, pm in found.items() if pm[0].country in hard_countries}
                if not in_country and also_regions:
                    in_country = {pid: pm for pid, pm in found.items() if (pm[0].country, pm[0].admin1) in also_regions}
                found = in_country
            if hard_regions:
                # Region names are derived, so a region that leaves nothing narrows only to its country.
                inside = {pid: pm for pid, pm in found.items() if (pm[0].country, pm[0].admin1) in hard_regions}
                if not inside and region_countries:
                    inside = {pid: pm for pid, pm in found.items() if pm[0].country in region_countries}
                    if not inside:
                        return {}
                    # "Bayfield, Wisconsin" when only Bayfield, Colorado is known: an answer the query's own
                    # region contradicts, whatever else speaks for it.
                    outside_region.append(True)
                found = inside or found
            return found

        found: dict[str, tuple[Place, int]] = {}
        key = ""
        kinds: frozenset[str] = frozenset()
        stripped = False
        alternate_reading = False
        whole = _bracketed_name(cleaned)
        if whole:
            # "Frankfurt (Oder)", "Halle (Saale)": a bracket that is part of a town's own name.
            found = {pid: pm for pid, pm in narrow(self._find(whole)).items() if pm[1] == MATCH_PRIMARY}
            key = normalize(whole)
            kinds = kinds_in(key)
        if not found and not cleaned.street:
            for number, reading in enumerate(readings):
                key = normalize(reading)
                kinds = kinds_in(key)
                found = narrow(self._find(reading))
                if len(reading) <= 3:
                    # An airport code is written in capitals: "pwn" in a note is not Pitts Town (PWN); and
                    # three letters spelt differently are just another word.
                    found = {
                        pid: pm
                        for pid, pm in found.items()
                        if pm[1] != MATCH_FOLDED and (pm[0].kind != "airport" or reading.isupper())
                    }
                if not found:
                    # "Sialkot City", "Washington Township": the name without its settlement word.
                    bare = SETTLEMENT_PREFIX.sub("", SETTLEMENT_WORD.sub("", reading)).strip()
                    if bare and bare != reading:
                        found = narrow(self._find(bare))
                if cleaned.iata:
                    found = self._airports_coded(cleaned.iata, narrow) or found
                if not found and kinds:
                    # "Artyom railway station" when only the town is known: the town, flagged approximate.
                    bare = strip_kind_words(key)
                    if bare and bare != key:
                        found = {
                            pid: (place, max(match, MATCH_ALTERNATE))
                            for pid, (place, match) in narrow(self._find(bare)).items()
                            # Only a town by its own name: "Halla" is not enough to make a village Halla Mountain.
                            # Its name without a suffix counts ("Nara" for Nara-shi).
                            if place.kind not in ("country", "region")
                            and (match == MATCH_PRIMARY or normalize(place.name).startswith(bare + " "))
                        }
                        stripped = bool(found)
                if found:
                    alternate_reading = number > 0
                    break
        if not found and cleaned.iata:
            found = self._airports_coded(cleaned.iata, narrow)
        if stripped and not (hard_countries or hard_regions or unplaced_towns):
            # "Zion National Park" is not Zion, Illinois: the town of a kind-stripped name is only an
            # answer where something places it, the trip's other stops or the countries asked for.
            found = {
                pid: pm
                for pid, pm in found.items()
                if town_supported(pm[0], asked, [*town_points, *points], context.hop_km if context else None)
            }
            stripped = bool(found)
        approximate = stripped
        big_towns = [t for t in towns if t.place.population >= _BIG_TOWN]
        if big_towns and found:
            # "El Poblado, Medellín": a name found far from the city it is said to be in, and outside
            # that city's region, is a namesake; the city is the better (approximate) answer.
            regions = {(t.place.country, t.place.admin1) for t in big_towns}
            points = [(t.lat, t.lon) for t in big_towns]
            if not any(
                (pm[0].country, pm[0].admin1) in regions or (nearest_km(pm[0], points) or 0) <= _NEAR_TOWN_KM
                for pm in found.values()
            ):
                found = {}
                towns = big_towns
        if not found and towns:
            # The stop's own name is not in the index, its town is: the town, marked approximate.
            found = {towns[0].place.id: (towns[0].place, towns[0].match)}
            approximate = True
            kinds = frozenset()
        scored = [
            Candidate(
                place,
                score(place, match, kinds=kinds, countries=countries, points=[*town_points, *points]),
                match,
                APPROXIMATE_TOWN if approximate else None,
                self.region_name(place),
            )
            for place, match in found.values()
        ]
        if "region" not in kinds:
            scored = prefer_towns_to_their_regions(scored)
        if hard_countries and not approximate:
            # "Crescent City, United States": a town of that very name in the country named beats another
            # town's nickname or former name there (New Orleans), unless that town is far better known.
            own = {c.place.country for c in scored if c.match == MATCH_PRIMARY and c.place.kind in ("city", "capital")}
            scored = [
                replace(c, score=c.score - _NICKNAME_PENALTY)
                if c.match == MATCH_ALTERNATE and c.place.country in own and c.place.source == "geonames"
                else c
                for c in scored
            ]
        elif not approximate and any(
            c.match == MATCH_PRIMARY and c.place.kind in ("city", "capital") and c.place.population >= _REAL_CITY
            for c in scored
        ):
            # "Pueblo", "Salem", "Petrópolis": a city that bears the very name is meant over a bigger city
            # listing it among its other names (Puebla, Jerusalem, Saint Petersburg), unless that one is far bigger.
            scored = [
                replace(c, score=c.score - _OTHER_NAME_PENALTY)
                if c.match == MATCH_ALTERNATE and c.place.source == "geonames"
                else c
                for c in scored
            ]
        exact = [c.score for c in scored if c.match != MATCH_FOLDED]
        if exact:
            # A spelling variant is a fallback: "Wu’an" is the town of that name, not Van by another spelling.
            scored = [
                c if c.match != MATCH_FOLDED else replace(c, score=min(c.score, max(exact) - 0.01)) for c in scored
            ]
        ranked = sorted(scored, key=lambda c: (-c.score, c.place.name))[:limit]
        if not ranked:
            return Answer(query, (), 0.0, cleaned)
        best = ranked[0]
        mismatch, in_name = kind_mismatch(kinds, best.place, key) if not approximate else (False, False)
        rivals = [
            c
            for c in ranked[1:]
            if (c.match != MATCH_FOLDED or best.match == MATCH_FOLDED)
            and not contains(c.place, best.place)
            and not contains(best.place, c.place)
            and flat_km((c.lat, c.lon), (best.lat, best.lon)) > _SAME_PLACE_KM
        ]
        evidence = Evidence(
            match=best.match,
            gap=best.score - rivals[0].score if rivals else None,
            kind_mismatch=mismatch,
            approximate=approximate,
            alternate_reading=alternate_reading,
            context_km=nearest_km(best.place, context.points) if context and context.points else None,
            rival_context_km=(
                nearest_km(rivals[0].place, context.points)
                # A rival a tenth the size of the answer is no toss-up (Frankfurt (Oder) for Frankfurt).
                if context and context.points and rivals and rivals[0].place.population * 10 >= best.place.population
                else None
            ),
            trip_hop_km=context.hop_km if context else None,
            population=best.place.population,
            landmark=best.place.source == "landmarks",
            kind_in_name=in_name,
            partial=partial(key, best.place.name),
            placed_by_query=bool(hard_countries or hard_regions),
            # A town named beside the stop that the answer is not near is as unexplained as an unknown word.
            outside_region=bool(outside_region),
            unexplained=bool(unread)
            or (not approximate and any(flat_km((t.lat, t.lon), (best.lat, best.lon)) > _NEAR_TOWN_KM for t in towns)),
            foreign=bool(context and context.countries and best.place.country not in context.countries),
        )
        value = confidence(evidence)
        if approximate and value < _DROP_APPROXIMATE:
            # A town far from the rest of the trip for a stop it only half names: better unplaced than misplaced.
            return Answer(query, (), 0.0, cleaned)
        return Answer(query, tuple(ranked), value, cleaned, against_query=bool(outside_region))

    def _airports_coded(
        self, code: str, narrow: Callable[[dict[str, tuple[Place, int]]], dict[str, tuple[Place, int]]]
    ) -> dict[str, tuple[Place, int]]:
        """Airports whose code is ``code`` exactly (not a spelling variant of another code)."""
        return {
            pid: (place, MATCH_PRIMARY)
            for pid, (place, match) in narrow(self._find(code)).items()
            if place.kind == "airport" and match != MATCH_FOLDED
        }

    def _qualifier(self, text: str, countries: set[str]) -> Qualifier:
        key = normalize(text)
        if not any(ch.isalpha() for ch in key):
            # "Rustaveli, 26": a house number, not a place (some places list their postal number as a name).
            return Qualifier()
        cached = self._qualifier_cache.get(f"{key}|{','.join(sorted(countries))}")
        if cached is not None:
            return cached
        found = Qualifier()
        code = self._countries.get(key)
        regions = self._region_matches(text)
        # "Los Angeles, CA": a two-letter code that is a US state is the state, not Canada.
        if code and not (key in self._us_states and len(key) == 2):
            found = Qualifier(country=code, regions=frozenset(regions) if len(key) > 3 else frozenset())
        elif regions:
            found = Qualifier(regions=frozenset(regions))
        else:
            towns = [
                Candidate(place, score(place, match, kinds=frozenset(), countries=countries, points=()), match)
                for place, match in self._find(text).values()
                if place.kind in ("city", "capital")
            ]
            if towns:
                found = Qualifier(town=max(towns, key=lambda c: c.score))
        self._qualifier_cache.put(f"{key}|{','.join(sorted(countries))}", found)
        return found


def _bracketed_name(cleaned: CleanQuery) -> str | None:
    """The first part of the query with its bracket, when a bracket was read as a note or alternate."""
    first = cleaned.text.split(",", 1)[0].strip()
    if "(" not in first or not cleaned.alternates or len(first) > 60:
        return None
    return first
