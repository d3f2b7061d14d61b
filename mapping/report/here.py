"""Where a report is filed from, when it says so only by opening with its town, and the arrivals that town places.

"Antananarivo, Pope Francis touched down on Malagasy soil ...": the report opens with its town and a comma, like
a dateline; the arrival's clause names no place finer than the town's country, so the arrival is there.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from mapping.geocode.index import Place
from mapping.report.resolver import Resolver
from mapping.report.visits import Visit, arrival

if TYPE_CHECKING:
    from spacy.tokens import Span, Token


def opening_town(sentence: Span, resolver: Resolver) -> Place | None:
    """The town a report's first sentence opens with before a comma, when it names one ("Antananarivo, ...")."""
    words = []
    for token in sentence[:5]:
        if token.text == ",":
            break
        words.append(token)
    else:
        return None
    if not words or any(t.pos_ != "PROPN" or t.ent_type_ in ("PERSON", "NORP", "DATE") for t in words):
        return None
    if len(words) + 1 >= len(sentence) or not any(t.pos_ in ("VERB", "AUX") for t in sentence[len(words) :]):
        return None
    town = resolver.town(sentence[: len(words)].text, label="PROPN")
    tagged = all(t.ent_type_ == "GPE" for t in words)
    # Untagged by the model, a word before a comma is a town only if it is a sizeable one ("Smith, the envoy").
    if town is not None and (tagged or town[0].population >= 20_000 or town[0].kind == "capital"):
        return town[0]
    return None


def unplaced_arrivals(
    sentence: Span, here: Place, traveller: frozenset[str], towns: dict[int, Place], areas: dict[int, Place]
) -> list[tuple[Token, Visit]]:
    """The traveller's arrivals that the clause places nowhere finer than the country of the town the report is
    filed from ("touched down just after 4pm", "arrived in Nepal on Sunday"): arrivals in that town."""
    found = []
    for token in sentence:
        visit = arrival(token, traveller)
        if visit is None:
            continue
        placed = [
            towns.get(t.i) or areas.get(t.i) for prep in token.children if prep.dep_ == "prep" for t in prep.subtree
        ]
        named = [p for p in placed if p is not None]
        if any(p.kind not in ("country", "region") or p.country != here.country for p in named):
            continue  # "arrived in Kisumu", "landed in Kenya" (filed from Addis Ababa): placed by the clause
        found.append((token, visit))
    return found
