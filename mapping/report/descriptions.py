"""Sites told by description, not by name, found among the curated landmarks.

"an airport near Vladivostok", "an aircraft plant in Komsomolsk-on-Amur",
"Russia's main spaceport", "a Russian aquarium", "the train station" (in a
sentence about the Primorye region): the kind of site, and the town, region or
country the text ties it to, pick one landmark or none.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from geopy.distance import great_circle

from mapping.geocode.gazetteer import OfflineGazetteer
from mapping.geocode.index import Place

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

# The head noun of a description and the landmark kinds it can mean.
KIND_NOUNS: dict[str, frozenset[str]] = {
    "airport": frozenset({"airfield", "airport"}),
    "airfield": frozenset({"airfield", "airport"}),
    "airbase": frozenset({"airfield", "airport"}),
    "spaceport": frozenset({"cosmodrome"}),
    "cosmodrome": frozenset({"cosmodrome"}),
    "plant": frozenset({"factory"}),
    "factory": frozenset({"factory"}),
    "university": frozenset({"university"}),
    "aquarium": frozenset({"aquarium"}),
    "oceanarium": frozenset({"aquarium"}),
    "station": frozenset({"station"}),
    "port": frozenset({"port", "naval_base"}),
    "theatre": frozenset({"theatre"}),
    "theater": frozenset({"theatre"}),
    "crossing": frozenset({"border_crossing"}),
}
DEMONYMS = {
    "russian": "RU", "korean": "KR", "chinese": "CN", "japanese": "JP", "american": "US", "french": "FR",
    "british": "GB", "german": "DE", "ukrainian": "UA", "indian": "IN", "italian": "IT", "vietnamese": "VN",
}  # fmt: skip
ANCHOR_KM = 60.0
REGION_KM = 400.0


def is_description(chunk: Span) -> bool:
    """A noun phrase headed by a site noun with no proper name in it: "an airport near Vladivostok"."""
    head = chunk.root
    return head.lemma_.lower() in KIND_NOUNS and not any(
        t.pos_ == "PROPN" and t.dep_ != "poss" for t in chunk if t.i < head.i
    )


def country_of(head: Token, areas: dict[int, Place]) -> str | None:
    """ "Russia's main spaceport", "a Russian aquarium": the country a description names."""
    for child in head.children:
        if child.dep_ == "poss" and child.i in areas and areas[child.i].kind == "country":
            return areas[child.i].country
        if child.dep_ in ("amod", "compound") and child.lower_ in DEMONYMS:
            return DEMONYMS[child.lower_]
    return None


def resolve(
    gazetteer: OfflineGazetteer, head: Token, anchor: Place | None, country: str | None
) -> tuple[Place, float] | None:
    kinds = KIND_NOUNS[head.lemma_.lower()]
    sites = gazetteer.sites(kinds)
    if anchor is not None:
        radius = REGION_KM if anchor.kind == "region" else ANCHOR_KM
        close = [
            (km, s)
            for s in sites
            if s.country == anchor.country
            and (km := float(great_circle((anchor.lat, anchor.lon), (s.lat, s.lon)).km)) <= radius
        ]
        if close:
            # Curated sites before airports, then the nearest; the id breaks exact ties.
            close.sort(key=lambda pair: (pair[1].source != "landmarks", pair[0], pair[1].id))
            return close[0][1], 0.85 if len(close) == 1 else 0.6
        return None
    if country is not None:
        in_country = [s for s in sites if s.country == country and s.source == "landmarks"]
        if len(in_country) == 1:
            return in_country[0], 0.75
    return None


def anchor(chunk: Span, towns: dict[int, Place], areas: dict[int, Place], sentence: Span) -> Place | None:
    """The town or region a description is tied to: "an airport near Vladivostok", "the train station" in a
    sentence that names the Primorye region."""
    for child in chunk.root.children:
        if child.dep_ == "prep" and child.lower_ in ("near", "in", "outside", "at", "of", "on"):
            for grandchild in child.subtree:
                if grandchild.i in towns:
                    return towns[grandchild.i]
    # "the train station" in a sentence that says "from the Primorye region".
    for token in sentence:
        place = towns.get(token.i) or areas.get(token.i)
        if place is not None and place.kind in ("region", "city", "capital"):
            return place
    return None
