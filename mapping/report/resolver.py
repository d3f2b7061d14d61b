"""Gazetteer look-ups for a report, with its context: the countries and states it names, the stops found so far."""

from __future__ import annotations

import re

from geopy.distance import great_circle

from mapping.geocode.gazetteer import OfflineGazetteer
from mapping.geocode.index import MATCH_FOLDED, Place
from mapping.report.places import COMMON_WORDS, inside
from mapping.report.states import STATE_NAMES
from mapping.report.text import MAX_QUERY_CHARS

SMALL_TOWN = 5_000
NEAR_TRIP_KM = 300.0
#: How many of the states a report names steer its look-ups: the last few, as a trip moves on.
REGIONS_KEPT = 3
_AREA_KINDS = frozenset({"country", "region"})
_ARABIC_ARTICLE = re.compile(r"^(?:al|el|an|ar|as|ad|at|az|ash)[- ](?=\w)", re.I)


class Resolver:
    """Gazetteer look-ups with the report's context: the countries it names and the stops found so far.

    Answers are cached for the report: a long text names the same places again and again.
    """

    def __init__(self, gazetteer: OfflineGazetteer) -> None:
        self.gazetteer = gazetteer
        self.countries: set[str] = set()
        #: The states and provinces the report names, in order: where its towns are looked for first.
        self.regions: list[Place] = []
        self.points: list[tuple[float, float]] = []
        self._places: list[str] = []
        self._cache: dict[tuple[str, ...], tuple[Place, float, int] | None] = {}

    def _lookup(self, query: str, *, context: bool) -> tuple[Place, float, int] | None:
        query = query[:MAX_QUERY_CHARS]
        countries = sorted(self.countries) if context else []
        key = (query, *countries, "|", *(self._places[-3:] if context else []))
        if key in self._cache:
            return self._cache[key]
        answer = self.gazetteer.lookup(
            query, country_codes=countries or None, near=(self.points[-3:] or None) if context else None, limit=3
        )
        best = answer.best
        # A report that says "Bayfield, Wisconsin" was not in Bayfield, Colorado, whatever else is known.
        found = (best.place, answer.confidence, best.match) if best is not None and not answer.against_query else None
        if len(self._cache) < 20_000:
            self._cache[key] = found
        return found

    def area(self, text: str) -> Place | None:
        """A country or region named in the text: context for later look-ups. A name that is a country's
        is the country, though a town bears it too ("Mozambique", "Colombia", "Jordan")."""
        found = self._lookup(text, context=False)
        if (
            found is not None
            and found[0].kind == "region"
            and found[0].country != "US"
            and found[0].country not in self.countries
        ):
            # "Maryland" is the US state, not Maryland County in Liberia, unless the report is in Liberia.
            found = (self._us_state(text, None) or found[0], found[1], found[2])
        if found is not None and found[0].kind in _AREA_KINDS and found[2] != MATCH_FOLDED:
            return found[0]
        state = self._us_state(text, found[0] if found is not None else None)
        if state is not None:
            return state
        if found is not None and found[2] == 0:
            key = ("country?", text[:MAX_QUERY_CHARS])
            if key not in self._cache:
                answer = self.gazetteer.lookup(text[:MAX_QUERY_CHARS], limit=5)
                country = next((c for c in answer.candidates if c.place.kind == "country" and c.match == 0), None)
                self._cache[key] = (country.place, answer.confidence, 0) if country is not None else None
            cached = self._cache[key]
            if cached is not None and found[0].kind == "capital" and found[0].country == cached[0].country:
                return None  # "Singapore", "Djibouti", "Monaco": a city-state's capital is where one goes
            return cached[0] if cached is not None else None
        return None

    def _us_state(self, text: str, best: Place | None) -> Place | None:
        """ "Oklahoma", "Montana", "Delaware": the state, not a town that bears (or starts with) its name (Oklahoma
        City, Montana in Bulgaria, Delaware in Ohio); a capital or a city of a million still wins ("Washington",
        "New York")."""
        name = " ".join(text.split())
        if name not in STATE_NAMES or (best is not None and (best.kind == "capital" or best.population >= 1_000_000)):
            return None
        key = ("state?", name)
        if key not in self._cache:
            answer = self.gazetteer.lookup(name, country_codes=["US"], limit=10)
            state = next((c.place for c in answer.candidates if c.place.kind == "region" and c.match == 0), None)
            self._cache[key] = (state, 1.0, 0) if state is not None else None
        cached = self._cache[key]
        return cached[0] if cached is not None else None

    def town(
        self, text: str, *, label: str, qualifier_text: str | None = None, near_text: str | None = None
    ) -> tuple[Place, float] | None:
        # "Newbridge, near Edinburgh": the Newbridge by Edinburgh, when there is one; else as if unsaid.
        found = self._lookup(f"{text}, {near_text}", context=True) if near_text and not qualifier_text else None
        if found is None and qualifier_text is None:
            found = self._in_named_region(text)
        if found is None:
            found = self._lookup(f"{text}, {qualifier_text}" if qualifier_text else text, context=True)
        bare = _ARABIC_ARTICLE.sub("", text)
        if found is None and bare != text:
            # "Al-Najaf" is "An Najaf" to GeoNames and "Najaf" to most: try the name without its article.
            text = bare
            found = self._lookup(f"{text}, {qualifier_text}" if qualifier_text else text, context=True)
        if found is None:
            return None
        place, confidence, match = found
        if place.kind in _AREA_KINDS:
            return None  # countries and regions are context, whatever the model tagged them ("Nepal" as a person)
        if " " not in text and text.lower() in COMMON_WORDS:
            return None  # "the future King", "Base", "Grand": words before they are towns
        if match == MATCH_FOLDED and not (label in ("GPE", "LOC") and place.population >= 5_000 and len(text) >= 5):
            return None  # "UCLA" is not Uccle
        if label in ("PERSON", "ORG", "PROPN", "OBJECT") and match != 0:
            return None
        if (label == "PERSON" and place.population < 50_000) or (label == "OBJECT" and place.population < 10_000):
            return None  # "visit the Virgin" is not Virgin, Utah
        if (
            qualifier_text is None
            and place.population < SMALL_TOWN
            and self.countries
            and place.country not in self.countries
            and not self._near(place)
        ):
            # "Congo" (a country the gazetteer lacks by that name) is not Congo, a village in Brazil: a small
            # town far from the trip, in a country the report never names, needs its country named.
            return None
        return place, confidence

    def name_region(self, region: Place) -> None:
        """A state or province the report names ("a bus tour of Iowa"): its towns are looked for there first."""
        if region.kind == "region" and region not in self.regions[-REGIONS_KEPT:]:
            self.regions.append(region)

    def _in_named_region(self, text: str) -> tuple[Place, float, int] | None:
        """ "Washington" and "Des Moines" in a report on a bus tour of Iowa, "Milford" under a New Hampshire
        dateline: the town of that name in a state the report names, when it has one, unless the name is a
        capital's or a city of a million's ("Paris", "London" stay where they are)."""
        if not self.regions:
            return None
        plain = self._lookup(text, context=True)
        if plain is not None and (plain[0].kind == "capital" or plain[0].population >= 1_000_000):
            return None
        for region in reversed(self.regions[-REGIONS_KEPT:]):
            if plain is not None and inside(plain[0], region):
                return None
            found = self._lookup(f"{text}, {region.name}", context=True)
            if (
                found is not None
                and found[2] != MATCH_FOLDED
                and found[0].kind not in _AREA_KINDS
                and inside(found[0], region)
            ):
                return found
        return None

    def spelt_as_written(self, text: str, qualifier_text: str | None = None) -> bool:
        """Whether the town found for the text bears that name or one of its other names, not only a name
        that folds to it ("Primm" is not Prüm) or a part of it ("Valley of Fire" is not Valley)."""
        found = self._lookup(f"{text}, {qualifier_text}" if qualifier_text else text, context=True)
        return found is not None and found[2] != MATCH_FOLDED

    def exact_town(self, text: str) -> Place | None:
        """A populated town known under exactly this name."""
        found = self._lookup(text, context=True)
        if found is None or found[2] != 0 or found[0].kind not in ("city", "capital") or found[0].population <= 0:
            return None
        return found[0]

    def _near(self, place: Place) -> bool:
        return any(float(great_circle(point, (place.lat, place.lon)).km) <= NEAR_TRIP_KM for point in self.points[-3:])

    def site(self, text: str) -> tuple[Place, float] | None:
        """A named site the gazetteer knows (an airport, a curated landmark), or the town its name contains."""
        found = self._lookup(text, context=True)
        if found is None or found[2] == MATCH_FOLDED or found[0].kind in _AREA_KINDS:
            return None
        return found[0], found[1]

    def remember(self, place: Place) -> None:
        if self._places[-1:] != [place.id]:
            self._places.append(place.id)
            self.points.append((place.lat, place.lon))
