"""From a news report to a draft trip: the places the traveller went, their days, and the evidence.

The pipeline (README, "How a report becomes a trip"):

1. the text is cut, in linear time and within budgets, into paragraphs (``text``);
2. spaCy's small English pipeline tags, parses and finds the named entities,
   loaded once per process on first use (``nlp``);
3. the places each sentence names are looked up in the offline gazetteer with the
   report's context: the countries it names, the stops found so far, a
   dateline (``places``, ``descriptions``);
4. the parse decides which of them the traveller went to (``visits``);
5. every temporal expression is read against the reference date, and each stop
   takes the day of the clause that tells it, else of its sentence, else the day
   last spoken of (``dates``);
6. one place on one day is one stop; distinct sites in one town stay distinct.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import TYPE_CHECKING

from geopy.distance import great_circle

from mapping.geocode.gazetteer import OfflineGazetteer
from mapping.geocode.index import Place
from mapping.report import descriptions
from mapping.report.clauses import (
    a_day_after,
    chain,
    clause_verb,
    day_after,
    elsewhere_in_time,
    governs,
    present,
    with_whom,
)
from mapping.report.dates import MAX_TEXT_CHARS, WEEKDAY, TimeExpr, find_times, reference_date_from, step, trip_year
from mapping.report.nlp import model, parse_lock
from mapping.report.places import Candidate, Resolver, anchor_of, candidates, qualifier, within
from mapping.report.text import MAX_SENTENCES, chunks, find_dateline, title_of
from mapping.report.visits import Visit, planned, travellers, visit_of
from mapping.trip.model import Stop, Trip
from mapping.trip.modes import normalise_mode

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

# A town and a site within it, told in one sentence ("Vladivostok, where they inspected the frigate"), are one stop.
MERGE_KM = 10.0
# A "sentence" longer than this is not prose (a list, a table, text without punctuation): it is not read.
MAX_SENTENCE_TOKENS = 250
# A place only left, with no stop this near it, is where the trip starts from.
ORIGIN_KM = 50.0
# The CLI's time budget for parsing one report (seconds): what is not parsed by then is not read, and it says so.
CLI_TIME_BUDGET = 6.0
# The most places read from one report: a budget, far above any real trip.
MAX_MENTIONS = 2_000
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


@dataclass(frozen=True, slots=True)
class Reading:
    """A draft trip and how much of the report it comes from."""

    trip: Trip
    chars_read: int
    chars_total: int

    @property
    def complete(self) -> bool:
        return self.chars_read >= self.chars_total


def extract(
    text: str, gazetteer: OfflineGazetteer, *, reference_date: date | None = None, title: str | None = None
) -> Trip:
    """A draft trip from a report: stops with evidence, in order of their days, then of the text."""
    return read_report(text, gazetteer, reference_date=reference_date, title=title).trip


def read_report(
    text: str,
    gazetteer: OfflineGazetteer,
    *,
    reference_date: date | None = None,
    title: str | None = None,
    time_budget: float | None = None,
) -> Reading:
    """:func:`extract`, within an optional time budget for the parse (seconds): past it, the rest of the
    text is not read, and the reading says how far it got (the caller tells the user)."""
    started = time.monotonic()
    total = len(text)
    text = text[:MAX_TEXT_CHARS]
    reference = reference_date or reference_date_from(text)
    year = trip_year(text, reference)
    dateline = find_dateline(text)
    if reference is None and dateline is not None and dateline.date_text:
        # "ASTANA, 14 March 2024 —": the dateline dates the report.
        found = find_times(dateline.date_text, None, year)
        reference = found[0].day if found else None
        year = trip_year(text, reference)
    pieces = list(chunks(text))
    docs: list[Doc] = []
    read_to = 0
    # Small batches, so that the time budget is looked at often.
    batches = 4 if time_budget is not None else 16
    nlp = model()
    with parse_lock:
        for (offset, piece), doc in zip(pieces, nlp.pipe((p for _, p in pieces), batch_size=batches), strict=False):
            docs.append(doc)
            read_to = offset + len(piece)
            if time_budget is not None and time.monotonic() - started > time_budget:
                break
    if len(docs) == len(pieces) and total <= MAX_TEXT_CHARS:
        read_to = total
    pieces = pieces[: len(docs)]
    reader = _Reader(gazetteer, reference, year, travellers(docs))
    if dateline is not None:
        reader.context(dateline.place)
        reader.dateline_end = dateline.end
    headline = title_of(text)
    # The headline repeats the story in the present tense ("Trump to visit Michigan"): not evidence.
    skip_from = text.find(headline) if headline and len(headline.split()) < 25 else -1
    skip_to = skip_from + len(headline) if skip_from >= 0 else -1
    sentences = 0
    for number, ((offset, piece), doc) in enumerate(zip(pieces, docs, strict=True)):
        if _a_list(piece):
            continue  # a set list, a menu, a table of contents: titles, not sentences
        reader.prime(doc)
        reader.paragraph = number
        reader.offset = offset
        # Once per paragraph: a sentence's own noun_chunks walks its whole document.
        noun_chunks = list(doc.noun_chunks)
        for sentence in doc.sents:
            sentences += 1
            if sentences > MAX_SENTENCES:
                break
            if skip_from <= offset + sentence.start_char < skip_to:
                continue
            if len(sentence) > MAX_SENTENCE_TOKENS or _title_like(sentence):
                continue  # not prose: a list, a table, a heading, titles of songs, text without punctuation
            reader.read(sentence, [c for c in noun_chunks if sentence.start <= c.start < sentence.end])
    return Reading(Trip(title or headline, tuple(reader.stops())), read_to, total)


class _Reader:
    def __init__(self, gazetteer: OfflineGazetteer, reference: date | None, year: int | None, who: frozenset[str]):
        self.gazetteer = gazetteer
        self.resolver = Resolver(gazetteer)
        self.reference = reference
        self.year = year
        self.traveller = who
        self.current: date | None = None
        self.mentions: list[tuple[Mention, str, int]] = []
        self.order = 0
        self.paragraph = 0
        #: Where the current paragraph starts in the text, and where the dateline ends (its date is no event's).
        self.offset = 0
        self.dateline_end = -1
        #: Events with someone and their day: "a summit with Putin on Wednesday".
        self.events: dict[str, date] = {}
        #: The dateline's town: what "here" means.
        self.here: Place | None = None
        #: The day a state or province was visited on ("events in Wisconsin on Wednesday"), by (country, admin1).
        self.region_days: dict[tuple[str, str], date] = {}
        #: Whether the report tells the traveller's return: then a place only left is the last stop, not the origin.
        self.returned = False

    def context(self, name: str) -> None:
        """A dateline or a country named anywhere: where look-ups lean, not a stop."""
        area = self.resolver.area(name)
        if area is not None:
            self.resolver.countries.add(area.country)
            return
        town = self.resolver.town(name, label="GPE")
        if town is not None:
            self.here = town[0]
            self.resolver.remember(town[0])
            self.resolver.countries.add(town[0].country)

    def prime(self, doc: Doc) -> None:
        """The countries the traveller is in or goes to ("in Kenya", "visited Iraq") steer later look-ups;
        a country named otherwise ("Brazil's foreign minister") does not."""
        for ent in doc.ents:
            root = ent.root
            where = (root.dep_ == "pobj" and root.head.lower_ in ("in", "to", "into", "across", "through")) or (
                root.dep_ == "dobj" and root.head.lemma_.lower() in ("visit", "tour", "enter", "reach")
            )
            if ent.label_ in ("GPE", "LOC") and where:
                area = self.resolver.area(ent.text)
                if area is not None and area.kind == "country":
                    self.resolver.countries.add(area.country)

    def read(self, sentence: Span, noun_chunks: list[Span]) -> None:
        times = self._times(sentence)
        past = frozenset(token.i for expr, token in times if expr.day is not None and not expr.future)
        ahead = frozenset(token.i for expr, token in times if expr.future)
        found: list[Mention] = []
        cands = candidates(sentence, noun_chunks)
        site_heads = {c.span.root.i for c in cands if c.kind == "site"}
        towns: dict[int, Place] = {}
        areas: dict[int, Place] = {}
        for cand in (c for c in cands if c.kind == "name" and c.text.lower() not in self.traveller):
            area = self.resolver.area(cand.text)
            if area is not None:
                areas.update(dict.fromkeys(range(cand.span.start, cand.span.end), area))
                self._region_day(area, cand, site_heads, past, ahead, times)
                continue
            resolved = self.resolver.town(cand.text, label=cand.label, qualifier_text=qualifier(cand.span))
            if resolved is None:
                continue
            place, confidence = resolved
            towns.update(dict.fromkeys(range(cand.span.start, cand.span.end), place))
            visit = visit_of(
                cand.span, traveller=self.traveller, site_heads=site_heads, past_days=past, future_days=ahead
            )
            if visit is not None:
                self._add(found, sentence, cand, visit, place, place.name, place.id, confidence, times, site=False)
        for cand in (c for c in cands if c.kind == "site"):
            visit = visit_of(
                cand.span,
                traveller=self.traveller,
                site_heads=site_heads - {cand.span.root.i},
                past_days=past,
                future_days=ahead,
            )
            if visit is None:
                continue
            anchor = anchor_of(cand, towns) or self._town_inside(cand) or _sentence_town(cand, towns, found)
            known = self.resolver.site(cand.text)
            near = known is not None and (anchor is None or within(known[0], anchor, descriptions.ANCHOR_KM))
            if known is not None and near and known[0].kind not in ("city", "capital"):
                place, confidence = known
                self._add(
                    found, sentence, cand, visit, place, place.name, place.id, confidence, times, site=True, town=anchor
                )
                continue
            named_town = known[0] if known is not None and near and self._plausible(known[0]) else None
            town = named_town or anchor or self._last_town()
            if town is None:
                continue
            key = "site:" + " ".join(cand.text.lower().split())
            name = f"{cand.text}, {town.name}"
            self._add(found, sentence, cand, visit, town, name, key, 0.5, times, site=True, approximate=True, town=town)
        if self.here is not None:
            for token in sentence:
                if token.lower_ == "here" and token.dep_ == "advmod":
                    # "Modi reached here earlier in the day": the dateline's town.
                    visit = visit_of(
                        sentence.doc[token.i : token.i + 1],
                        traveller=self.traveller,
                        site_heads=site_heads,
                        past_days=past,
                    )
                    if visit is not None:
                        cand = Candidate(sentence.doc[token.i : token.i + 1], self.here.name, "name", "HERE")
                        place = self.here
                        self._add(found, sentence, cand, visit, place, place.name, place.id, 0.8, times, site=False)
        for chunk in noun_chunks:
            if not descriptions.is_description(chunk) or chunk.root.i in site_heads:
                continue
            visit = visit_of(chunk, traveller=self.traveller, site_heads=site_heads, past_days=past, future_days=ahead)
            if visit is None:
                continue
            anchor = self._description_anchor(chunk, towns, areas, sentence)
            country = descriptions.country_of(chunk.root, areas)
            resolved = descriptions.resolve(self.gazetteer, chunk.root, anchor, country)
            if resolved is None and anchor is not None and country is not None:
                resolved = descriptions.resolve(self.gazetteer, chunk.root, None, country)
            if resolved is None:
                continue
            place, confidence = resolved
            cand = Candidate(chunk, chunk.text, "site", "DESCRIPTION")
            self._add(found, sentence, cand, visit, place, place.name, place.id, confidence, times, site=True)
        # "an airport near Vladivostok" found as a site: Vladivostok only located it.
        sites = {m.head for m in found if m.site}
        found = [m for m in found if m.locates is None or m.locates not in sites]
        self._keep(_merge_nearby(found), sentence)

    def _region_day(
        self,
        area: Place,
        cand: Candidate,
        site_heads: set[int],
        past: frozenset[int],
        ahead: frozenset[int],
        times: list[tuple[TimeExpr, Token]],
    ) -> None:
        if area.kind != "region" or not area.admin1:
            return
        visit = visit_of(cand.span, traveller=self.traveller, site_heads=site_heads, past_days=past, future_days=ahead)
        verb = visit.verb if visit is not None else None
        if verb is None:
            return
        own = [expr for expr, token in times if governs(verb, token, own=True) and not expr.future and not expr.other]
        day = step(own[0], self.current) if own else None
        if day is not None:
            self.region_days.setdefault((area.country, area.admin1), day)

    # Places ------------------------------------------------------------------------------

    def _town_inside(self, cand: Candidate) -> Place | None:
        """ "Llandaff cathedral", "Kinshasa airport": the town a site's name starts with."""
        words = [t for t in cand.span if t.pos_ == "PROPN" and t.i < cand.span.root.i]
        # The longest run of its first words that is a town: "Denver Art Museum" is in Denver.
        for end in range(len(words), 0, -1):
            phrase = cand.span.doc[words[0].i : words[end - 1].i + 1].text
            if len(phrase) < 4:
                return None  # "Al", "St": not a town's name
            resolved = self.resolver.town(phrase, label="PROPN")
            if resolved and resolved[0].population >= 1_000 and self._plausible(resolved[0]):
                return resolved[0]
        return None

    def _plausible(self, place: Place) -> bool:
        """Near the last stops, or else in a country the report names (when it names any)."""
        points = self.resolver.points[-3:]
        if points:
            return any(float(great_circle(point, (place.lat, place.lon)).km) <= NEAR_KM for point in points)
        return not self.resolver.countries or place.country in self.resolver.countries

    def _last_town(self) -> Place | None:
        """The town of the paragraph's last stop: "the Basilica" after "returned to Rome"."""
        for mention, _, _ in reversed(self.mentions):
            if mention.paragraph < self.paragraph - 1:
                break
            if mention.town is not None:
                return mention.town
        return self.here

    def _description_anchor(
        self, chunk: Span, towns: dict[int, Place], areas: dict[int, Place], sentence: Span
    ) -> Place | None:
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

    # Days --------------------------------------------------------------------------------

    def _times(self, sentence: Span) -> list[tuple[TimeExpr, Token]]:
        found = []
        for expr in find_times(sentence.text, self.reference, self.year):
            if self.offset + sentence.start_char + expr.start < self.dateline_end:
                continue
            span = sentence.doc.char_span(
                sentence.start_char + expr.start, sentence.start_char + expr.end, alignment_mode="expand"
            )
            if span is not None and len(span):
                found.append((_ahead(expr, span.root, self.reference), span.root))
        return found

    def _day(
        self, visit: Visit, times: list[tuple[TimeExpr, Token]], place: Place | None = None
    ) -> tuple[date | None, bool]:
        """The day of a visit and whether it belongs to another period."""
        if visit.detached and visit.event is not None:
            inside = {t.i for t in visit.event.subtree}
            own = [expr for expr, token in times if token.i in inside]
            for expr in own:
                if expr.other:
                    return None, True
            days = [day for expr in own if not expr.future and (day := step(expr, self.current)) is not None]
            if days:
                return days[0], False
            if place is not None and (place.country, place.admin1) in self.region_days:
                # "events in Wisconsin and Michigan on Wednesday. After their stops in Eau Claire and Detroit, ...":
                # an event told apart, without a day of its own, on the day its state was told.
                return self.region_days[(place.country, place.admin1)], False
        verb = visit.verb or visit.event
        # A conjoined verb's own date first: "arrived on Wednesday and flew to Shymkent the next day".
        attached = [expr for expr, token in times if verb is not None and governs(verb, token, own=True)]
        if attached and all(expr.future for expr in attached):
            return None, True  # "where they play Leeds on Saturday, March 23": a day ahead of the report
        attached = attached or [expr for expr, token in times if verb is not None and governs(verb, token)]
        verbs = chain(verb)
        for expr, token in times:
            if expr.other and any(governs(v, token) for v in verbs):
                return None, True  # "In their July meeting, Kim ... invited him to a parade in Pyongyang"
        for expr in attached:
            if not expr.future:
                day = step(expr, self.current)
                if day is not None:
                    return day_after(verb, day), False
        for expr, token in times:
            # A date of the sentence, unless it belongs to another clause ("..., where they play on Saturday").
            owner = clause_verb(token)
            if owner is not None and verb is not None and owner not in verbs:
                continue
            if not expr.other and not expr.future:
                day = step(expr, self.current)
                if day is not None:
                    return day_after(verb, day), False
        linked = self._linked_event(verb)
        if linked is not None:
            return linked, False
        if self.current is not None and verb is not None and a_day_after(verb):
            return self.current + timedelta(days=1), False  # "A day after visiting Ahmedabad, he was received in ..."
        if elsewhere_in_time(verb):
            return None, False  # "he also stopped in Arequipa during the trip": some day of it
        if self.current is None and self.reference is not None and verb is not None and present(verb):
            return self.reference, False  # "has arrived in Kathmandu": today, as the report is dated
        return self.current, False

    def _linked_event(self, verb: Token | None) -> date | None:
        """ "Kim's meeting with Putin was held at ...": the day of "a summit with Putin on Wednesday"."""
        if verb is None:
            return None
        for token in [verb, *verb.children]:
            person = with_whom(token)
            if person is not None and person in self.events:
                return self.events[person]
        return None

    def _add(
        self,
        found: list[Mention],
        sentence: Span,
        cand: Candidate,
        visit: Visit,
        place: Place,
        name: str,
        key: str,
        confidence: float,
        times: list[tuple[TimeExpr, Token]],
        *,
        site: bool,
        approximate: bool = False,
        town: Place | None = None,
    ) -> None:
        day, other = self._day(visit, times, town or place)
        if other or (day is not None and self.reference is not None and day > self.reference):
            return  # another period, or a day after the report was written: a plan, whatever the tense
        if day is not None:
            self.current = day  # "arrived in Almaty on Wednesday and flew to Shymkent the next day"
        score = max(0.05, min(0.99, confidence * visit.strength * (0.6 if approximate else 1.0)))
        told_by = visit.event or visit.verb
        activity = told_by.lemma_.lower() if told_by is not None else ""
        self.returned = self.returned or activity == "return"
        departure = cand.span.root.head.lower_ == "from" or (
            visit.verb is not None and visit.event is None and visit.verb.lemma_.lower() in ("leave", "depart")
        )
        found.append(
            Mention(
                place, name, key, site, approximate, round(score, 2), day, _mode(visit), activity, cand.span.text,
                cand.span.start_char, self.paragraph, departure, cand.span.root.i, visit.locates,
                town if site else place,
            )
        )  # fmt: skip

    def _keep(self, found: list[Mention], sentence: Span) -> None:
        evidence = " ".join(sentence.text.split())
        for mention in found[: max(0, MAX_MENTIONS - len(self.mentions))]:
            self.order += 1
            self.mentions.append((mention, evidence, self.order))
            self.resolver.remember(mention.place)
        days = [
            e.day
            for e in find_times(sentence.text, self.reference, self.year)
            if e.day and not e.other and not e.future
        ]
        if len(days) == 1:
            for token in sentence:
                person = with_whom(token)
                if person is not None:
                    self.events.setdefault(person, days[0])
        dated = [m.day for m in found if m.day is not None]
        if dated:
            self.current = dated[-1]
        else:
            exprs = [e for e in find_times(sentence.text, self.reference, self.year) if not e.other and not e.future]
            for expr in exprs:
                day = step(expr, self.current)
                if day is not None:
                    self.current = day
                    break

    def stops(self) -> list[Stop]:
        """One stop per place and day; an undated mention joins the dated one of its place."""
        kept: list[tuple[Mention, str, int]] = []
        mentions = self.mentions
        if mentions and mentions[0][0].departure and not any(m.key == mentions[0][0].key for m, _, _ in mentions[1:]):
            mentions = mentions[1:]  # "We left New Orleans about 5 am": where the trip starts from, not a stop
        mentions = _without_origin(mentions, returned=self.returned)
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


def _without_origin(mentions: list[tuple[Mention, str, int]], *, returned: bool) -> list[tuple[Mention, str, int]]:
    """Without the place the trip starts from: named only as left ("had left Rome's Fiumicino airport",
    "from Washington to New Delhi"), no later than the first stop, and with no stop near it (the
    airport of a town one also arrived in keeps the town)."""
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
    }
    return [item for item in mentions if item[0].key not in origins]


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
    return len(words) >= 4 and all(w[:1].isupper() for w in words)


def _ahead(expr: TimeExpr, token: Token, reference: date | None) -> TimeExpr:
    """A bare weekday in a clause about the future names the coming one: "on Wednesday, Modi will head to
    Doha" is the next Wednesday, not the last."""
    if expr.kind != WEEKDAY or expr.future or expr.day is None or reference is None:
        return expr
    if expr.text.lower().split()[0] in ("last", "early", "late"):
        return expr
    verb = token.head.head if token.head.pos_ == "ADP" else token.head
    if verb.pos_ not in ("VERB", "AUX") or not planned(verb):
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
