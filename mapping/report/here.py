"""Where a report is filed from, the arrivals that town places, and when that town is a stop of its own.

"Antananarivo, Pope Francis touched down on Malagasy soil ...": the report opens with its town and a comma, like
a dateline; the arrival's clause names no place finer than the town's country, so the arrival is there.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from mapping.geocode.index import Place
from mapping.report.mentions import Mention
from mapping.report.places import within
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


#: A stop of the traveller within this of the town a report is filed from: filed from where they are.
FILED_KM = 300.0
#: A town the text names this near the report's town: the text tells that part of the trip itself.
TOLD_KM = 25.0


def filed_from(mentions: list[Mention], here: Place, *, trusted: bool) -> Mention | None:
    """The town a report is filed from as a stop of the trip ("LONDON (AP) - President Trump was greeted at
    Buckingham Palace"): news is filed from where the traveller is. Not when the text names that town, or a town
    next to it, itself (it tells that part of the trip), nor when the traveller's stops all lie far from it
    ("TOKYO - Motegi arrived in Baghdad": filed from home about a trip abroad). With no stop to stand near, it
    is one only when ``trusted``: the report has a traveller and the town was found under the name written
    ("KAKANI:" is no Kakanj). It is dated by a stop in it."""
    told = [m for m in mentions if not m.loose]
    if any(m.key == here.id or (not m.site and within(m.place, here, TOLD_KM)) for m in mentions):
        return None
    if not (any(within(m.place, here, FILED_KM) for m in told) if told else trusted):
        return None
    days = sorted(m.day for m in told if m.day is not None and within(m.place, here, TOLD_KM))
    return Mention(here, here.name, here.id, False, False, 0.5, days[0] if days else None, "unknown", "", here.name, 0)
