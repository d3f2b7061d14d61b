"""How the gazetteer ranks the places a name may mean, and how sure it is of the first.

Ranking. A name scores by how it matched (the place's own name, an alternate name
such as an English exonym, or only a spelling variant), by prominence (population,
a capital, a country or region), by the kind the query asks for ("... airport",
"Lake ...") and by context: the countries and the other stops of the trip. The
population term is strong enough that Köln, found by its English name "Cologne",
outranks the Italian village whose own name is Cologne; context is strong enough
that a namesake thousands of kilometres from the rest of the trip does not.

Confidence is meant as the probability that the answer is right (within 25 km
of where the stop is). It starts from how the name matched, shrinks with the
strength of the best rival, and is capped where experience on real stop names
says answers are often wrong: a query that names a kind of place the gazetteer
cannot hold (a museum, a shrine, a lake) answered with a town; an address
answered with its town; a namesake far from the rest of the trip. The caps and
the final table were set on the development half of the labelled stop names and
checked on the held-out half; the README has the reliability table.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from mapping.geocode.candidate import Candidate
from mapping.geocode.index import MATCH_ALTERNATE, MATCH_FOLDED, MATCH_PRIMARY, Place
from mapping.geocode.placenames import normalize

Point = tuple[float, float]

_MATCH_WEIGHT = {MATCH_PRIMARY: 1.0, MATCH_ALTERNATE: 0.85, MATCH_FOLDED: 0.6}
# Country > region > capital > city when the names tie: "Georgia" alone is the country.
_KIND_BONUS = {"country": 0.3, "region": 0.1, "capital": 0.15}
#: Beyond this (or three of the trip's typical hops) an answer is far from the rest of the trip.
_FAR_KM = 2500.0
#: Population decades count this much each: Köln (10^6, exonym) beats Cologne, Italy (10^3.8, own name).
_PER_DECADE = 0.16

# Words in a query that say what kind of place is meant -> the gazetteer kinds that are that.
KIND_WORDS: dict[str, frozenset[str]] = {
    "airport": frozenset({"airport", "airfield"}),
    "international airport": frozenset({"airport"}),
    "airfield": frozenset({"airfield", "airport"}),
    "air base": frozenset({"airfield", "airport"}),
    "airbase": frozenset({"airfield", "airport"}),
    "station": frozenset({"station", "border_crossing"}),
    "railway station": frozenset({"station"}),
    "train station": frozenset({"station"}),
    "eki": frozenset({"station"}),
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
    "theatre": frozenset({"theatre"}),
    "theater": frozenset({"theatre"}),
    "oblast": frozenset({"region"}),
    "krai": frozenset({"region"}),
    "kray": frozenset({"region"}),
    "province": frozenset({"region"}),
    "prefecture": frozenset({"region"}),
    "state": frozenset({"region"}),
    "region": frozenset({"region"}),
    # Kinds the gazetteer holds no entries of (only curated landmarks could be one).
    "museum": frozenset({"museum"}),
    "museo": frozenset({"museum"}),
    "musee": frozenset({"museum"}),
    "gallery": frozenset({"museum"}),
    "shrine": frozenset({"shrine"}),
    "jinja": frozenset({"shrine"}),
    "jingu": frozenset({"shrine"}),
    "taisha": frozenset({"shrine"}),
    "temple": frozenset({"temple"}),
    "pagoda": frozenset({"temple"}),
    "mosque": frozenset({"temple"}),
    "church": frozenset({"temple"}),
    "cathedral": frozenset({"temple"}),
    "basilica": frozenset({"temple"}),
    "monastery": frozenset({"temple"}),
    "abbey": frozenset({"temple"}),
    "palace": frozenset({"palace"}),
    "castle": frozenset({"palace"}),
    "fort": frozenset({"palace"}),
    "stadium": frozenset({"stadium"}),
    "arena": frozenset({"stadium"}),
    "hotel": frozenset({"hotel"}),
    "hostel": frozenset({"hotel"}),
    "inn": frozenset({"hotel"}),
    "resort": frozenset({"hotel"}),
    "lake": frozenset({"lake"}),
    "loch": frozenset({"lake"}),
    "lago": frozenset({"lake"}),
    "lac": frozenset({"lake"}),
    "kul": frozenset({"lake"}),
    "kol": frozenset({"lake"}),
    "ozero": frozenset({"lake"}),
    "mount": frozenset({"mount"}),
    "mountain": frozenset({"mount"}),
    "mt": frozenset({"mount"}),
    "peak": frozenset({"mount"}),
    "volcano": frozenset({"mount"}),
    "park": frozenset({"park"}),
    "garden": frozenset({"park"}),
    "gardens": frozenset({"park"}),
    "beach": frozenset({"beach"}),
    "falls": frozenset({"waterfall"}),
    "waterfall": frozenset({"waterfall"}),
    "island": frozenset({"island"}),
    "bridge": frozenset({"bridge"}),
    "market": frozenset({"market"}),
    "square": frozenset({"square"}),
    "tower": frozenset({"tower"}),
    "restaurant": frozenset({"restaurant"}),
    "cafe": frozenset({"restaurant"}),
    "bar": frozenset({"restaurant"}),
    "zoo": frozenset({"zoo"}),
    "canyon": frozenset({"canyon"}),
    "cave": frozenset({"cave"}),
}
# Japanese temple names end in -ji or -dera ("Kinkaku-ji", "Kiyomizu-dera").
_TEMPLE_SUFFIX = re.compile(r"\w+(?:-| )(?:ji|dera|in)$")
#: Kinds the gazetteer itself holds (besides the curated landmarks' own kinds).
INDEX_KINDS = frozenset({"city", "capital", "airport", "region", "country", "airfield"})


def kind_mismatch(kinds: frozenset[str], place: Place, key: str) -> tuple[bool, bool]:
    """(the answer is not the kind asked for, the kind word is part of the answer's own name).

    "Fort Worth" asks for no fort and "Lake Tekapo" the town is named after its lake:
    a town whose own name holds the kind word is not a mismatch.
    """
    if not kinds or place.kind in kinds:
        return False, False
    name = f" {normalize(place.name)} "
    in_name = any(f" {word} " in name and f" {word} " in f" {key} " for word in KIND_WORDS)
    if in_name and place.kind in ("city", "capital"):
        return False, True
    return True, in_name


_SINGLE_KIND_WORDS = {word: kinds for word, kinds in KIND_WORDS.items() if " " not in word}
_MULTI_KIND_WORDS = {word: kinds for word, kinds in KIND_WORDS.items() if " " in word}


def kinds_in(key: str) -> frozenset[str]:
    """The kinds of place a normalised query names."""
    kinds: set[str] = set()
    for word in key.split():
        kinds |= _SINGLE_KIND_WORDS.get(word, frozenset())
    padded = f" {key} "
    for word, wanted in _MULTI_KIND_WORDS.items():
        if f" {word} " in padded:
            kinds |= wanted
    if _TEMPLE_SUFFIX.search(key):
        kinds.add("temple")
    return frozenset(kinds)


def strip_kind_words(key: str) -> str:
    """The name without its kind words and filler: "artyom railway station" -> "artyom"."""
    padded = f" {key} "
    for word in sorted(KIND_WORDS, key=len, reverse=True):
        padded = padded.replace(f" {word} ", " ")
    for filler in (
        " the ",
        " near ",
        " of ",
        " in ",
        " railway ",
        " train ",
        " international ",
        " main ",
        " national ",
    ):
        padded = padded.replace(filler, " ")
    return " ".join(padded.split())


def prominence(place: Place) -> float:
    # Curated sites are what a trip's traveller visits: rank them like a large town.
    if place.source == "landmarks":
        return 0.9
    value = min(math.log10(place.population + 1), 7.0) * _PER_DECADE
    # A region's population is its towns' sum: it says less about how known its name is.
    return value * (0.7 if place.kind == "region" else 1.0) + _KIND_BONUS.get(place.kind, 0.0)


def flat_km(a: Point, b: Point) -> float:
    """Great-circle kilometres by the haversine formula: exact enough here, and fast for many pairs."""
    lat1, lon1, lat2, lon2 = map(math.radians, (a[0], a[1], b[0], b[1]))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(h)))


def nearest_km(place: Place, points: Sequence[Point]) -> float | None:
    if not points:
        return None
    here = (place.lat, place.lon)
    return min(flat_km(point, here) for point in points)


def context_bonus(km: float | None) -> float:
    """Full bonus within a day's drive of the trip, fading to none at 3,000 km and a penalty beyond."""
    if km is None:
        return 0.0
    if km <= 150:
        return 0.6
    if km >= 3000:
        return -0.3
    return 0.6 * (1 - math.log(km / 150) / math.log(20))


def score(
    place: Place,
    match: int,
    *,
    kinds: frozenset[str],
    countries: set[str],
    points: Sequence[Point],
) -> float:
    weight = _MATCH_WEIGHT[match]
    if match == MATCH_ALTERNATE and place.population < 1000 and place.source == "geonames":
        # A hamlet's alternate names are mostly transliterations: "Astana" is Ostana, Italy, pop. 79.
        weight = _MATCH_WEIGHT[MATCH_FOLDED]
    value = weight + prominence(place)
    if kinds:
        value += 0.4 if place.kind in kinds else -0.1
    if countries:
        value += 0.2 if place.country in countries else -0.1
    bonus = context_bonus(nearest_km(place, points))
    # Far from the trip counts against a namesake, not against a city a traveller flies to (Astana on a
    # world tour whose other stops are mostly in Europe).
    if bonus < 0 and (place.population >= 100_000 or place.kind in ("capital", "country")):
        bonus = 0.0
    return value + bonus


@dataclass(frozen=True, slots=True)
class Evidence:
    """What the confidence of an answer is worked out from."""

    match: int
    #: Score of the best minus score of the best rival (a different place), or None without rivals.
    gap: float | None
    #: The query names a kind of place the answer is not (a museum answered with a town).
    kind_mismatch: bool
    #: The answer is the town of the stop (its address, or its kind-stripped name), not the stop.
    approximate: bool
    #: The name was read from an alternate (a bracket, the other script) rather than the main name.
    alternate_reading: bool
    #: Kilometres from the answer to the nearest other stop of the trip, when the trip gives context.
    context_km: float | None
    #: Typical distance between consecutive sure stops of the trip (how spread out it is).
    trip_hop_km: float | None
    population: int
    #: The answer is a curated landmark (its population says nothing).
    landmark: bool
    #: The query's kind word is part of the answer's own name ("Grant Park" the village).
    kind_in_name: bool = False
    #: The query is only part of the answer's own name ("Kilpatrick" for Old Kilpatrick).
    partial: bool = False
    #: The query itself says the country or region ("Recife, Pernambuco, Brasil"): distance from the
    #: rest of the trip says nothing against it.
    placed_by_query: bool = False
    #: The trip's sure stops are in other countries than this answer.
    foreign: bool = False
    #: Kilometres from the best rival to the nearest other stop: a namesake about as near the trip
    #: ("Springfield" on a trip through Chicago: Illinois, Michigan and Ohio all have one) is a toss-up.
    rival_context_km: float | None = None
    #: Part of the query says something the answer does not explain: a qualifier that is no known
    #: country, region or town, or a town far from the answer ("Ventura / Carpenter").
    unexplained: bool = False
    #: The query names a region the answer is not in ("Bayfield, Wisconsin" answered by Bayfield,
    #: Colorado, when the index knows no Bayfield in Wisconsin): its own words speak against it.
    outside_region: bool = False


#: Part of a longer name, or a village named after the park asked for: right about half the time on
#: the development stop names (2 of 5 at the former 0.7).
_PARTIAL_CEILING = 0.6
#: Two namesakes both this near the trip (or the rival at most twice as far as the answer): the trip
#: cannot tell them apart.
_RIVAL_NEAR_KM, _RIVALS_NEAR_CEILING, _RIVAL_CLOSE_GAP = 500.0, 0.55, 0.3
#: The stop's text says more than the answer explains: the answer may be the wrong one of two things named.
_UNEXPLAINED_CEILING = 0.85
#: The region the query names does not hold the answer: below the app's low-confidence line, so the stop
#: is drawn hollow and listed to check.
_OUTSIDE_REGION_CEILING = 0.3


def confidence(evidence: Evidence) -> float:
    """The probability that the answer is right, from what is known about it."""
    ceiling = {MATCH_PRIMARY: 0.97, MATCH_ALTERNATE: 0.88, MATCH_FOLDED: 0.65}[evidence.match]
    if evidence.partial:
        # "Kilpatrick" for Old Kilpatrick, "Notre Dame" for Notre-Dame-de-Bondeville: part of a longer name.
        ceiling = min(ceiling, _PARTIAL_CEILING)
    if evidence.alternate_reading:
        ceiling -= 0.1
    if evidence.gap is None:
        value = ceiling
        if evidence.population < 1000 and not evidence.landmark:
            # A hamlet that happens to share the name is often not what the traveller meant.
            value = min(value - 0.12, 0.75)
    else:
        value = max(0.05, min(ceiling, 0.48 + 1.6 * evidence.gap))
    if evidence.context_km is not None and not evidence.placed_by_query:
        far = max(_FAR_KM, 3 * (evidence.trip_hop_km or 0.0))
        if evidence.context_km > far:
            # A small namesake an ocean away from the rest of the trip is rarely meant; a big city may be a leg.
            value *= 0.3 if evidence.population < 20_000 and not evidence.landmark else 0.6
        elif evidence.context_km > 300:
            value *= 1 - 0.4 * (evidence.context_km - 300) / (far - 300)
        if evidence.foreign and evidence.population < 100_000:
            # Jiaoxi, China on a trip round Taiwan: a small place across a border is likely a namesake.
            value *= 0.75
        elif not evidence.kind_mismatch and not evidence.approximate:
            # Near the rest of the trip: a namesake elsewhere is unlikely to be meant, and an exonym
            # ("Seville" on a Spanish trip) is as good as the place's own name.
            if (
                evidence.match == MATCH_ALTERNATE
                and not evidence.partial
                and not evidence.foreign
                and evidence.population >= 10_000
            ):
                ceiling = max(ceiling, 0.93)
            value = min(ceiling, value + 0.08)
    if (
        evidence.context_km is not None
        and evidence.rival_context_km is not None
        and evidence.gap is not None
        and evidence.gap < _RIVAL_CLOSE_GAP
        and not evidence.placed_by_query
        and evidence.rival_context_km <= max(_RIVAL_NEAR_KM, 2 * evidence.context_km)
    ):
        value = min(value, _RIVALS_NEAR_CEILING)
    if evidence.kind_mismatch:
        value = min(value, 0.45)
    elif evidence.kind_in_name and evidence.population < 5000:
        # A village named after a park or a lake may not be the park or the lake meant.
        value = min(value, _PARTIAL_CEILING)
    if evidence.unexplained:
        value = min(value, _UNEXPLAINED_CEILING)
    if evidence.outside_region:
        value = min(value, _OUTSIDE_REGION_CEILING)
    if evidence.approximate:
        value = min(value, 0.5)
    return round(max(0.01, min(0.99, value)), 3)


def partial(key: str, name: str) -> bool:
    """Whether the query is only some of the words of the place's own name."""
    own = normalize(name)
    return bool(key) and own != key and f" {key} " in f" {own} "


def contains(area: Place, place: Place) -> bool:
    """Whether ``area`` is a country or region that ``place`` lies in."""
    if area.country != place.country or area is place:
        return False
    return area.kind == "country" or (area.kind == "region" and area.admin1 == place.admin1 != "")


def prefer_towns_to_their_regions(candidates: list[Candidate]) -> list[Candidate]:
    """São Paulo the city, not the state; Luxembourg the capital, not the country.

    A region or country that holds a same-named town ranks just below that town
    unless the query asked for a region.
    """
    if all(c.place.kind not in ("region", "country") for c in candidates):
        return candidates
    towns = [c for c in candidates if c.place.kind not in ("region", "country")]
    adjusted = []
    for candidate in candidates:
        inner = [t for t in towns if contains(candidate.place, t.place)]
        if inner:
            candidate = replace(candidate, score=min(candidate.score, max(t.score for t in inner) - 0.01))
        adjusted.append(candidate)
    return adjusted
