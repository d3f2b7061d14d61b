"""Reading a parsed report sentence by sentence: places, visits and days become mentions, then stops."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING

from mapping.geocode.gazetteer import OfflineGazetteer
from mapping.geocode.index import Place
from mapping.report import descriptions
from mapping.report.anchors import last_town, plausible, town_inside
from mapping.report.clauses import governs, with_whom
from mapping.report.dates import TimeExpr, date_lines, find_times, step
from mapping.report.days import aside, visit_day
from mapping.report.headings import route_places
from mapping.report.here import filed_from, opening_town, unplaced_arrivals
from mapping.report.mentioned import mentioned_visit
from mapping.report.overnight import ARRIVALS, SENTENCES_AFTER, night_departure
from mapping.report.places import (
    COMMON_WORDS,
    Candidate,
    anchor_of,
    candidates,
    near_qualifier,
    qualifier,
    within,
)
from mapping.report.resolver import Resolver
from mapping.report.routes import route
from mapping.report.states import state_name
from mapping.report.text import schedule_lines
from mapping.report.unplaced import Unplaced, with_unplaced, worth_placing
from mapping.report.visits import Visit, visit_of
from mapping.report.vocabulary import VISIT_VERBS
from mapping.trip.model import Stop

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

from mapping.report.mentions import (
    MAX_MENTIONS,
    Mention,
    _ahead,
    _inside_any,
    _merge_nearby,
    _mode,
    _names_an_area,
    _sentence_town,
    _stage_start,
    _tagged_town,
    one_per_place_and_day,
)

#: Sites as wide as a region: "Yosemite National Park", "Valley of Fire State Park", "the Tongass National Forest".
_WIDE_SITE = re.compile(r"\b(?:national|state|provincial|regional)\s+(?:park|forest|monument|reserve|seashore)", re.I)


class Reader:
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
        #: The dateline's town: what "here" means, and the words that tell it (a stop's evidence, if it is one).
        self.here: Place | None = None
        self.filed = ""
        #: Whether the dateline's town was found under the name written (a fuzzy match is not trusted alone).
        self.filed_as_written = False
        #: Where the dateline starts in the text: its sentence is the evidence of the town it names.
        self.filed_at = -1
        #: The day a state or province was visited on ("events in Wisconsin on Wednesday"), by (country, admin1).
        self.region_days: dict[tuple[str, str], date] = {}
        #: Whether the report tells the traveller's return: then a place only left is the last stop, not the origin.
        self.returned = False
        #: Visits to places no look-up found, for the draft (``unplaced``).
        self.unplaced: list[Unplaced] = []
        #: Every country the text names, or names a region of, whatever it says of it.
        self.named_countries: set[str] = set()
        #: Whether a sentence has been read yet: the first may open with its town ("Antananarivo, Pope Francis ...").
        self.opened = False
        #: The day of the diary entry being read: a line that is only a date ("Tuesday August 2nd.") heads the lines
        #: under it, whose "today" and "yesterday" are that day's, not the day the page was posted.
        self.today: date | None = None
        #: The date lines of the paragraph being read, as (where it starts in its piece, day).
        self.headings: list[tuple[int, date]] = []
        #: Sentences left in which an arrival in the morning ends a journey begun the night before.
        self.overnight = 0

    def context(self, name: str, where: str | None = None) -> None:
        """A dateline or a country named anywhere: where look-ups lean, not a stop. The state or country written
        with a dateline's town ("MILFORD, N.H.") places the town and steers the report's other look-ups."""
        area = self.resolver.area(name)
        if area is not None:
            self.resolver.countries.add(area.country)
            self.resolver.name_region(area)
            return
        region = self.resolver.area(state_name(where)) if where else None
        if region is not None:
            self.resolver.countries.add(region.country)
            self.resolver.name_region(region)
        town = self.resolver.town(name, label="GPE", qualifier_text=region.name if region is not None else None)
        if town is not None:
            self.here = town[0]
            self.filed_as_written = town[0].name.lower() == name.lower()
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
        self.headings = date_lines(doc.text, self.reference, self.year)

    def _entry_day(self) -> date | None:
        """What "today" means here: the day of the entry being read, else the report's date."""
        return self.today or self.reference

    def read(self, sentence: Span, noun_chunks: list[Span]) -> None:
        while self.headings and self.headings[0][0] <= sentence.start_char:
            # A new entry begins: its day is the one spoken of until the text says another.
            self.today = self.current = self.headings.pop(0)[1]
        if self.offset + sentence.start_char <= self.filed_at < self.offset + sentence.end_char:
            self.filed = " ".join(sentence.text.split())  # the dateline with its sentence, as the evidence
        if not self.opened:
            self.opened = True
            town = opening_town(sentence, self.resolver) if self.here is None else None
            if town is not None:
                # "Antananarivo, Pope Francis touched down ...": filed from that town, like a dateline.
                self.here = town
                self.filed = " ".join(sentence.text.split())
                self.resolver.remember(town)
                self.resolver.countries.add(town.country)
        times = self._times(sentence)
        past = frozenset(token.i for expr, token in times if expr.day is not None and not expr.future)
        ahead = frozenset(token.i for expr, token in times if expr.future)
        found: list[Mention] = []
        # The dateline's town is where the report was filed from, not a stop of its own; a timetable's lines
        # are a programme.
        timetable = [
            (sentence.start_char + a, sentence.start_char + b) for a, b in schedule_lines(sentence.text, VISIT_VERBS)
        ]
        # the day's headings are read: their words are not read again
        timetable.extend(self._route(sentence, times, found))
        cands = [
            c
            for c in candidates(sentence, noun_chunks)
            if self.offset + c.span.start_char >= self.dateline_end
            and not any(a <= c.span.start_char < b for a, b in timetable)
        ]
        # "Brook Park", "Palm Beach", "Castle Rock": a town the model tagged whose name ends in a site's word.
        cands = [
            replace(c, kind="name", label="GPE")
            if c.kind == "site" and _tagged_town(c.span) and self.resolver.exact_town(c.text)
            else c
            for c in cands
        ]
        site_heads = {c.span.root.i for c in cands if c.kind == "site"}
        towns: dict[int, Place] = {}
        areas: dict[int, Place] = {}
        for cand in (c for c in cands if c.kind == "name" and c.text.lower() not in self.traveller):
            area = self.resolver.area(cand.text)
            if area is not None:
                areas.update(dict.fromkeys(range(cand.span.start, cand.span.end), area))
                self.named_countries.add(area.country)
                self.resolver.name_region(area)
                self._region_day(area, cand, site_heads, past, ahead, times)
                continue
            if _names_an_area(cand.span):
                continue  # "the Langtang region": an area, not its town
            resolved = self.resolver.town(
                cand.text,
                label=cand.label,
                qualifier_text=qualifier(cand.span),
                near_text=near_qualifier(cand.span),
            )
            if resolved is None:
                continue
            place, confidence = resolved
            towns.update(dict.fromkeys(range(cand.span.start, cand.span.end), place))
            visit = visit_of(
                cand.span, traveller=self.traveller, site_heads=site_heads, past_days=past, future_days=ahead
            )
            loose = visit is None and cand.label in ("GPE", "LOC")
            if loose:
                visit = mentioned_visit(cand.span, traveller=self.traveller, site_heads=site_heads)
            if visit is not None:
                self._add(
                    found,
                    sentence,
                    cand,
                    visit,
                    place,
                    place.name,
                    place.id,
                    confidence,
                    times,
                    site=False,
                    loose=loose,
                )
                if found and found[-1].departure and found[-1].place == place:
                    # "Tarragona to Arnes", "from Sisters to McKenzie Bridge": a route's end is looked up near
                    # its start (a list of towns is not: each is looked up near the stops before it).
                    self.resolver.remember(place)
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
            wide = bool(_WIDE_SITE.search(cand.text))
            # A national park is no town's: only a town the text ties it to ("the park near Medora") places it,
            # not a name inside its own ("Theodore Roosevelt National Park" is not in Theodore).
            anchor = anchor_of(cand, towns) or (
                None if wide else town_inside(self.resolver, cand) or _sentence_town(cand, towns, found)
            )
            # "the Church in your country": a site named by its kind alone is no town of that name (Church, England).
            generic = " " not in cand.text.strip() and cand.text.strip().lower() in COMMON_WORDS
            known = None if generic else self.resolver.site(cand.text)
            near = known is not None and (anchor is None or within(known[0], anchor, descriptions.ANCHOR_KM))
            if known is not None and near and known[0].kind not in ("city", "capital"):
                place, confidence = known
                self._add(
                    found, sentence, cand, visit, place, place.name, place.id, confidence, times, site=True, town=anchor
                )
                continue
            named_town = known[0] if known is not None and near and plausible(self.resolver, known[0]) else None
            # "the Church of Mozambique": a country's institution, in that country if anywhere.
            _, of, tail = cand.text.rpartition(" of ")
            own = self.resolver.area(tail) if of else None
            last = None if wide else last_town(self.mentions, self.paragraph, self.here)
            town = (None if own is not None else named_town) or anchor or last
            bounds = {own} if own is not None else set(areas.values()) if anchor is None else set()
            if town is None and not wide and not generic and not known:
                self._unplaced(cand, sentence, visit, times)
            if town is None or not _inside_any(town, bounds):
                # "in Ireland ... the Genealogical Centre" after a stop in Washington: not the last town.
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
        if self.here is not None:
            # "touched down just after 4pm", "arrived in Nepal on Sunday": where the report is filed from.
            for token, visit in unplaced_arrivals(sentence, self.here, self.traveller, towns, areas):
                cand = Candidate(sentence.doc[token.i : token.i + 1], self.here.name, "name", "HERE")
                self._add(found, sentence, cand, visit, self.here, self.here.name, self.here.id, 0.7, times, site=False)
        for chunk in noun_chunks:
            if not descriptions.is_description(chunk) or chunk.root.i in site_heads:
                continue
            visit = visit_of(chunk, traveller=self.traveller, site_heads=site_heads, past_days=past, future_days=ahead)
            if visit is None:
                continue
            anchor = descriptions.anchor(chunk, towns, areas, sentence)
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

    def read_headings(self, sentence: Span) -> None:
        """Only the day's headings and itinerary lines of a sentence that is no prose ("August 4 / Akron, Ohio")."""
        found: list[Mention] = []
        self._route(sentence, self._times(sentence), found)
        self._keep(found, sentence)

    def _route(
        self, sentence: Span, times: list[tuple[TimeExpr, Token]], found: list[Mention]
    ) -> list[tuple[int, int]]:
        """The day's headings among the sentence's lines ("Day 10 - Farmington, New Mexico to Flagstaff, Arizona",
        "Akron, Ohio" under "August 4"): their towns are stops of that day, the first where it starts from; where in
        the text they are."""
        doc = sentence.doc
        read: list[tuple[int, int]] = []
        start = sentence.start_char
        for number, line in enumerate(sentence.text.split("\n")):
            begin, start = start, start + len(line) + 1
            if number == 0 and begin and doc.text[begin - 1] != "\n":
                continue  # the sentence starts inside a line: its first line is no heading
            heading = route(line)
            if heading is None or (heading.place_line and self.offset + begin < self.dateline_end):
                continue  # a dateline's town on its own line is where the report was filed from
            while self.headings and self.headings[0][0] <= begin:
                # "August 5" on the line above: the day this entry is of.
                self.today = self.current = self.headings.pop(0)[1]
            places = route_places(self.resolver, heading)
            if places is None:
                continue
            end = begin + len(line)
            own = [(expr, token) for expr, token in times if token.idx < end and (number == 0 or token.idx >= begin)]
            for leg, place in zip(heading.legs, places, strict=True):
                span = doc.char_span(begin + leg.start, begin + leg.end, "expand")
                if place is not None and span is not None:
                    first_day_start = leg is heading.legs[0] and len(heading.legs) > 1 and heading.day_number == 1
                    cand = Candidate(span, leg.name, "name", "STAGE_FROM" if first_day_start else "STAGE")
                    visit = Visit(None, None, 0.8)
                    self._add(found, sentence, cand, visit, place, place.name, place.id, 0.8, own, site=False)
            read.append((begin, end))
        return read

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

    # Days --------------------------------------------------------------------------------

    def _times(self, sentence: Span) -> list[tuple[TimeExpr, Token]]:
        found = []
        for expr in find_times(sentence.text, self._entry_day(), self.year):
            if self.offset + sentence.start_char + expr.start < self.dateline_end:
                continue
            span = sentence.doc.char_span(
                sentence.start_char + expr.start, sentence.start_char + expr.end, alignment_mode="expand"
            )
            if span is not None and len(span):
                found.append((_ahead(expr, span.root, self.reference), span.root))
        return found

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
        loose: bool = False,
    ) -> None:
        planned, day = self._day_of(visit, times, town or place)
        if planned:
            return
        if day is not None and not loose:
            self.current = day  # "arrived in Almaty on Wednesday and flew to Shymkent the next day"
        score = max(0.05, min(0.99, confidence * visit.strength * (0.6 if approximate else 1.0)))
        activity = _activity(visit)
        self.returned = self.returned or activity == "return"
        # "from Indore, where he arrived earlier": left, but told as a place the traveller was.
        told_there = visit.verb is not None and visit.verb.dep_ == "relcl" and visit.verb.head.i == cand.span.root.i
        # A day's heading names where the traveller was that day, its start too: the night before's stop.
        departure = cand.label == "STAGE_FROM" or (
            not told_there
            and not cand.label.startswith("STAGE")
            and (
                cand.span.root.head.lower_ == "from"
                or (visit.verb is not None and visit.event is None and visit.verb.lemma_.lower() in ("leave", "depart"))
                or (visit.verb is None and _stage_start(cand.span))
            )
        )
        found.append(
            Mention(
                place, name, key, site, approximate, round(score, 2), day, _mode(visit), activity, cand.span.text,
                cand.span.start_char, self.paragraph, departure, cand.span.root.i, visit.locates,
                None if loose else town if site else place, loose,
            )
        )  # fmt: skip

    def _day_of(
        self, visit: Visit, times: list[tuple[TimeExpr, Token]], place: Place | None
    ) -> tuple[bool, date | None]:
        """Whether the visit is of another period or after the report was written (a plan, whatever the
        tense), and its day."""
        day, other = visit_day(
            visit,
            times,
            place,
            current=self.current,
            reference=self.reference,
            region_days=self.region_days,
            events=self.events,
            overnight=self.overnight,
        )
        return other or (day is not None and self.reference is not None and day > self.reference), day

    def _unplaced(self, cand: Candidate, sentence: Span, visit: Visit, times: list[tuple[TimeExpr, Token]]) -> None:
        """A visit to a place no look-up found: kept for the draft, to be placed by hand."""
        planned, day = self._day_of(visit, times, None)
        if planned or not worth_placing(cand.text):
            return
        evidence = " ".join(sentence.text.split())
        position = self.offset + cand.span.start_char
        self.unplaced.append(Unplaced(cand.text, evidence, day, _activity(visit), _mode(visit), position))

    def _keep(self, found: list[Mention], sentence: Span) -> None:
        evidence = " ".join(sentence.text.split())
        for mention in found[: max(0, MAX_MENTIONS - len(self.mentions))]:
            self.order += 1
            self.mentions.append((mention, evidence, self.order))
            if not mention.loose:  # only mentioned: no later look-up leans on it
                self.resolver.remember(mention.place)
        days = [
            e.day
            for e in find_times(sentence.text, self._entry_day(), self.year)
            if e.day and not e.other and not e.future
        ]
        if len(days) == 1:
            for token in sentence:
                person = with_whom(token)
                if person is not None:
                    self.events.setdefault(person, days[0])
        dated = [m.day for m in found if m.day is not None]
        if night_departure(sentence):
            self.overnight = SENTENCES_AFTER
        elif self.overnight:
            # The journey ended, or the text moved on to a stop or a day of its own.
            ended = found or any(t.lemma_.lower() in ARRIVALS for t in sentence if t.pos_ == "VERB")
            told = any(e.day for e in find_times(sentence.text, self._entry_day(), self.year))
            self.overnight = 0 if ended or told else self.overnight - 1
        dated = [m.day for m in found if m.day is not None and not m.loose]
        if dated:
            self.current = dated[-1]
        else:
            # "the store I'd visited yesterday": a day told of something before, not the day the text moves to.
            exprs = [e for e, token in self._times(sentence) if not e.other and not e.future and not aside(token)]
            for expr in exprs:
                day = step(expr, self.current)
                if day is not None:
                    self.current = day
                    break

    def stops(self) -> list[Stop]:
        """One stop per place and day; an undated mention joins the dated one of its place; the town the report
        is filed from when it is the traveller's (``here.filed_from``)."""
        mentions = self.mentions
        trusted = bool(self.traveller) and self.filed_as_written
        filed = filed_from([m for m, _, _ in mentions], self.here, trusted=trusted) if self.here is not None else None
        if filed is not None:
            mentions = [*mentions, (filed, self.filed, 0)]
        stops = one_per_place_and_day(
            mentions, returned=self.returned, countries=self.named_countries | self.resolver.countries
        )
        return with_unplaced(stops, self.unplaced)


def _activity(visit: Visit) -> str:
    """The verb or event noun that tells the visit, as the stop's activity ("visit", "fly", "rally")."""
    told_by = visit.event or visit.verb
    return told_by.lemma_.lower() if told_by is not None else ""
