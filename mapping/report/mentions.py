"""A place the traveller went to, as one sentence tells it, and the small judgements made on mentions."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import TYPE_CHECKING

from mapping.geocode.index import Place
from mapping.report.dates import WEEKDAY, TimeExpr
from mapping.report.places import Candidate, inside, within
from mapping.report.plans import planned, programme
from mapping.report.routes import route
from mapping.report.visits import Visit
from mapping.report.vocabulary import AREA_NOUNS
from mapping.trip.model import Stop
from mapping.trip.modes import normalise_mode

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

# A town and a site within it, told in one sentence ("Vladivostok, where they inspected the frigate"), are one stop.
MERGE_KM = 10.0
# A place only left, with no stop this near it, is where the trip starts from.
ORIGIN_KM = 50.0
# The most places read from one report: a budget, far above any real trip.
MAX_MENTIONS = 2_000
# A place smaller than this, farther than this from every other stop, in a country the text never names, is
# a homonym, not a stop.
STRAY_POPULATION = 100_000
STRAY_KM = 1_000.0
# The farthest a town only mentioned may be from the stops the visit rules found.
MENTION_KM = 300.0
# How far from the last stops a town named inside a site's name may be ("Fiumicino" airport after Rome).
NEAR_KM = 100.0
_MODE_VERBS = {
    "fly": "plane", "land": "plane", "touch": "plane", "jet": "plane", "drive": "car", "motor": "car",
    "sail": "ship", "cruise": "ship", "ferry": "ship", "walk": "foot", "trek": "foot", "hike": "foot",
    "stroll": "foot", "march": "foot",
}  # fmt: skip


@dataclass(slots=True)
class Mention:
    """A place the traveller went to, as one sentence tells it."""

    place: Place
    name: str
    key: str
    site: bool
    approximate: bool
    confidence: float
    day: date | None
    mode: str
    activity: str
    surface: str
    position: int
    paragraph: int = 0
    departure: bool = False
    #: The token the mention is told by (a site's head noun), and the noun it only locates, if any.
    head: int = -1
    locates: int | None = None
    #: The town of the stop (a site's anchor): what "the Basilica" in a later sentence falls back to.
    town: Place | None = None
    #: Told only as a town after a preposition of place (``mentioned``): kept near the trip's other stops only.
    loose: bool = False


def _without_origin(mentions: list[tuple[Mention, str, int]], *, returned: bool) -> list[tuple[Mention, str, int]]:
    """Without the place the trip starts from: named only as left ("had left Rome's Fiumicino airport",
    "from Washington to New Delhi"), no later than the first stop, with no stop near it (the airport of a
    town one also arrived in keeps the town) and in a country the trip does not go on in ("drove from
    Sioux City to Newton" is a day of a trip through Iowa)."""
    arrived = [m for m, _, _ in mentions if not m.departure]
    if not arrived or returned:
        return mentions  # "took off from Lima, ... returned to Rome": the last stop before home
    left_only = {m.key for m, _, _ in mentions if m.departure} - {m.key for m in arrived}
    first_day = min((m.day for m in arrived if m.day is not None), default=None)
    origins = {
        m.key
        for m, _, _ in mentions
        if m.key in left_only
        and (m.day is None or first_day is None or m.day <= first_day)
        and not any(within(m.place, other.place, ORIGIN_KM) for other in arrived)
        # A trip abroad starts from home; a place only left in a country the trip goes on in is one of its stops.
        and m.place.country not in {other.place.country for other in arrived}
    }
    return [item for item in mentions if item[0].key not in origins]


def _without_strays(mentions: list[tuple[Mention, str, int]], countries: set[str]) -> list[tuple[Mention, str, int]]:
    """Without a small place far from the rest of the trip, in a country the text never names: a homonym
    ("at the Kelvin", a hotel, is not Kelvin in Canada; "Heathrow Airport" in London is not the Texan
    airstrip of that name). A large town, or a place in a named country, keeps its stop."""
    places = {m.place.id: m.place for m, _, _ in mentions}
    if len(places) < 2:
        return mentions  # one place: nothing to say what the trip's part of the world is
    per_country = Counter(place.country for place in places.values())
    # Only a place alone in its country can be a stray: at most one per country is measured against the others,
    # so the work stays linear in the number of places.
    lonely = [
        place
        for place in places.values()
        if per_country[place.country] == 1
        and place.country not in countries
        and place.population < STRAY_POPULATION
        and place.kind != "capital"
    ]
    strays = {
        place.id
        for place in lonely
        if not any(other.id != place.id and within(other, place, STRAY_KM) for other in places.values())
    }
    return [item for item in mentions if item[0].place.id not in strays]


def _stop(mention: Mention, evidence: str) -> Stop:
    place = mention.place
    matched = f"{place.name} (approximate: the town the report ties it to)" if mention.approximate else mention.surface
    return Stop(
        place=mention.name,
        date=mention.day,
        name=mention.name,
        lat=place.lat,
        lon=place.lon,
        activity=mention.activity,
        mode=mention.mode,
        evidence=evidence[:600],
        provider="gazetteer",
        confidence=mention.confidence,
        matched=matched,
    )


_SMALL_WORDS = frozenset({"of", "on", "the", "a", "an", "and", "in", "to", "for", "at", "by", "with", "from"})


def _a_list(piece: str) -> bool:
    """Three or more short lines, each capitalised like a title and without closing punctuation."""
    lines = [line.strip() for line in piece.splitlines() if line.strip()]
    return len(lines) >= 3 and all(
        len(line.split()) <= 6 and line[-1] not in ".!?:;," and (line[:1].isupper() or line[:1].isdigit())
        for line in lines
    )


def _title_like(sentence: Span) -> bool:
    """Headings and lists of titles: every word capitalised ("Walking On Broadway Lonely Souls Of New York")."""
    if sentence[-1].text in (".", "!", "?"):
        return False  # a caption ("Pope Francis in Najaf, Iraq, March 6.") is a sentence
    words = [t.text for t in sentence if t.is_alpha and t.lower_ not in _SMALL_WORDS]
    if len(words) < 4 or not all(w[:1].isupper() for w in words):
        return False
    # "Ft. Lauderdale FL to Orlando to Daytona Beach": a day's heading (``routes``), read like a verbless line.
    return route(sentence.text.split("\n", 1)[0]) is None


def _ahead(expr: TimeExpr, token: Token, reference: date | None) -> TimeExpr:
    """A bare weekday in a clause about the future names the coming one: "on Wednesday, Modi will head to
    Doha" is the next Wednesday, not the last."""
    if expr.kind != WEEKDAY or expr.future or expr.day is None or reference is None:
        return expr
    if expr.text.lower().split()[0] in ("last", "early", "late"):
        return expr
    verb = token.head.head if token.head.pos_ == "ADP" else token.head
    if verb.pos_ not in ("VERB", "AUX") or not (planned(verb) or programme(verb)):
        return expr  # a day of a noun ("after a speech in Detroit on Monday") keeps its past
    coming = expr.day + timedelta(days=7) if expr.day < reference else expr.day
    return replace(expr, day=coming, future=coming > reference)


def _sentence_town(cand: Candidate, towns: dict[int, Place], found: list[Mention]) -> Place | None:
    """The town a site's clause hangs from ("Baghdad, where he prayed in the Church of ..."), else the one
    town the sentence says the traveller went to: a site told with it is in it."""
    token = cand.span.root
    for _ in range(12):
        if token.head.i == token.i:
            break
        token = token.head
        if token.i in towns:
            return towns[token.i]
    visited = {m.place.id: m.place for m in found if not m.site}
    return next(iter(visited.values())) if len(visited) == 1 else None


def _mode(visit: Visit) -> str:
    verb = visit.verb
    if verb is None:
        return "unknown"
    for child in verb.children:
        # "by train", "took the train to Paris", "boarded a helicopter"
        vehicles = list(child.children) if child.lower_ == "by" else [child] if child.dep_ == "dobj" else []
        for vehicle in vehicles:
            found = normalise_mode(vehicle.lemma_)
            if found:
                return found
    return _MODE_VERBS.get(verb.lemma_.lower(), "unknown")


def _merge_nearby(mentions: list[Mention]) -> list[Mention]:
    """In one sentence, a town and a site in it: the site is the stop."""
    sites = [m for m in mentions if m.site]
    return [
        m for m in mentions if m.site or not any(s.day == m.day and within(s.place, m.place, MERGE_KM) for s in sites)
    ]


def _tagged_town(span: Span) -> bool:
    return all(t.ent_type_ == "GPE" for t in span)


def _names_an_area(span: Span) -> bool:
    """ "the Langtang region", "the Kathmandu valley": a name that only says which area, not a town. (A state
    named as such, "Kaduna State", is left to the gazetteer: it is often named for its capital.)"""
    root = span.root
    head = root.head
    return root.dep_ == "compound" and head.i == span.end and head.lemma_.lower() in AREA_NOUNS and head.is_lower


def _inside_any(town: Place, areas: set[Place]) -> bool:
    """Whether a town lies in one of the countries or regions a sentence names (True when it names none)."""
    return not areas or any(inside(town, area) for area in areas)


def _stage_start(span: Span) -> bool:
    """A verbless stage ("Namche Bazaar to Tengboche", a trek's heading): where the day starts from, left."""
    return any(c.dep_ == "prep" and c.lower_ in ("to", "towards") for c in span.root.children)


def _without_far_mentions(mentions: list[tuple[Mention, str, int]]) -> list[tuple[Mention, str, int]]:
    """Without a town only mentioned (``Mention.loose``) far from every stop the visit rules found: the trip's
    geography is what makes "lunch in Two Rivers" a stop and "the war in Gaza" none. With no such stop, the
    mentions are all the report gives."""
    told = [m.place for m, _, _ in mentions if not m.loose]
    if not told:
        return mentions
    return [item for item in mentions if not item[0].loose or any(within(item[0].place, p, MENTION_KM) for p in told)]


def one_per_place_and_day(
    mentions: list[tuple[Mention, str, int]], *, returned: bool, countries: set[str]
) -> list[Stop]:
    """The stops of a report's mentions: one per place and day, an undated mention joining the dated one of its
    place, without the place the trip starts from (unless it returns there) and strays from the trip's countries."""
    kept: list[tuple[Mention, str, int]] = []
    if mentions and mentions[0][0].departure and not any(m.key == mentions[0][0].key for m, _, _ in mentions[1:]):
        mentions = mentions[1:]  # "We left New Orleans about 5 am": where the trip starts from, not a stop
    mentions = _without_far_mentions(mentions)
    mentions = _without_origin(mentions, returned=returned)
    mentions = _without_strays(mentions, countries)
    by_key: dict[str, list[int]] = {}
    for mention, evidence, order in mentions:
        same = [
            i
            for i in by_key.get(mention.key, [])
            # "left Pyongyang on the 20th" after arriving on the 19th: the same stop, not a second one.
            if kept[i][0].day == mention.day or None in (kept[i][0].day, mention.day) or mention.departure
        ]
        if same:
            i = same[0]
            earlier = kept[i][0]
            if earlier.day is None and mention.day is not None:
                kept[i] = (replace(earlier, day=mention.day), kept[i][1], kept[i][2])
            continue
        by_key.setdefault(mention.key, []).append(len(kept))
        kept.append((mention, evidence, order))
    kept.sort(key=lambda item: (item[0].day is None, item[0].day or date.min, item[2]))
    return [_stop(mention, evidence) for mention, evidence, _ in kept]
