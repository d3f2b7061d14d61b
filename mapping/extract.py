"""From a news report to a draft trip: the places the traveller went, their days, and the evidence.

No language model: the gazetteer finds the place names, and a few rules about
English news prose decide which of them are stops.

- A place is a stop when a clause says the traveller went there: a movement or
  visit verb ("travelled to", "toured", "inspected", "entering") or a visit noun
  ("a summit at", "a farewell ceremony at") governs it. A place after any other
  noun ("the war in Ukraine", "a parade in Pyongyang") is only mentioned.
- Countries and regions are never stops, only context: "entering Russia" is too
  coarse to map, and "the train station in the Primorye region" is a station.
- A description resolves through the curated landmarks: "an airport near
  Vladivostok", "an aircraft plant in Komsomolsk-on-Amur", "Russia's main
  spaceport", "a Russian aquarium".
- A sentence about another time ("in July", "in 2019") contributes no stop.

Days follow HeidelTime's habits: a weekday is the latest such day on or before
the reference date (the next one in future tense); "a day after visiting X" puts
X on the day before; a sentence with no date of its own continues the one
before it; "the meeting with Putin" takes the day of "a summit with Putin on
Wednesday". A stop the text gives no day for keeps ``date: None``.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, replace
from datetime import date, timedelta

from geopy.distance import great_circle

from mapping.gazetteer import OfflineGazetteer
from mapping.gazetteer_index import MATCH_FOLDED, Place
from mapping.itinerary import Stop, Trip

MAX_TEXT_CHARS = 200_000

_MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
_MONTHS |= {name.lower(): i for i, name in enumerate(calendar.month_abbr) if name}
_MONTHS["sept"] = 9
_WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}
_MONTH_RE = "|".join(sorted(_MONTHS, key=len, reverse=True))
_DAY_FIRST = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)? (?:of )?({_MONTH_RE})\.?,? ?(\d{{4}})?\b", re.IGNORECASE)
_MONTH_FIRST = re.compile(rf"\b({_MONTH_RE})\.? (\d{{1,2}})(?:st|nd|rd|th)?\b,? ?(\d{{4}})?", re.IGNORECASE)
_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_WEEKDAY = re.compile(r"\b(last |next |this |on |earlier on |later on |on the )?(" + "|".join(_WEEKDAYS) + r")\b", re.I)
_MONTH_ONLY = re.compile(rf"\b(?:in|last|since|during|early|late|mid-?) ?({_MONTH_RE})\b(?! \d)", re.IGNORECASE)
_POSSESSIVE_MONTH = re.compile(
    rf"\b(?:their|his|her|its|the) ({_MONTH_RE}) (?:meeting|visit|trip|summit|talks|parade)\b", re.I
)
_OTHER_YEAR = re.compile(
    r"\b(?:in|since|during|the|his|her|their) (1[89]\d\d|20\d\d)s?\b|\b(?:last|next) (?:year|month)\b"
)
_FUTURE = re.compile(r"\b(will|is to|are to|is due to|plans? to|is expected to|is set to|would)\b", re.I)
# A sentence about what someone intends is a plan, not a stop: "hoped to return to Phnom Penh".
_INTENTION = re.compile(
    r"\b(will|hopes? to|hoped to|plans? to|planned to|intends? to|wants? to|wanted to|is expected to|is due to|"
    r"is set to|would like to)\b|\b(?:may|might)\b(?! \d)",
)
_SEQUENCE = re.compile(r"\b(then|later|also|afterwards|subsequently|eventually)\b", re.I)
_DAY_AFTER = re.compile(r"\b(?:a|one) day after (\w+ing)\b(.*?),", re.I)
_NEXT_DAY = re.compile(r"\b(the next day|the following day|a day later|the day after)\b", re.I)
_TODAY = re.compile(r"\b(today|yesterday)\b", re.I)
_EVENT_WITH = re.compile(r"\b(summit|meeting|talks|met)\b(?: \w+){0,2}? with (?:[A-Z][\w.-]* )?([A-Z][\w-]+)")

_ABBREVIATIONS = frozenset(
    {
        "Mr",
        "Mrs",
        "Ms",
        "Dr",
        "Lt",
        "Gen",
        "Adm",
        "Col",
        "Capt",
        "Maj",
        "Sgt",
        "St",
        "Mt",
        "No",
        "U.S",
        "U.K",
        "Gov",
        "Sen",
        "Rep",
        "Prof",
        "Jan",
        "Feb",
        "Mar",
        "Apr",
        "Jun",
        "Jul",
        "Aug",
        "Sep",
        "Sept",
        "Oct",
        "Nov",
        "Dec",
    }
)
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’)]?\s+(?=[\"“‘(]?[A-Z0-9])")
_TOKEN = re.compile(r"[^\W\d_][\w’'-]*", re.UNICODE)

# Words whose capitalised form starts sentences or names days, never places.
_NOT_PLACES = frozenset(
    {
        "the",
        "a",
        "an",
        "he",
        "she",
        "they",
        "it",
        "his",
        "her",
        "their",
        "after",
        "earlier",
        "later",
        "during",
        "in",
        "on",
        "at",
        "and",
        "but",
        "kim",
        "president",
        "leader",
        "minister",
        "state",
        "media",
        "us",
        "sunday",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "leave",
        "reply",
        "read",
        *_MONTHS,
    }
)
_CONNECTORS = frozenset({"of", "on", "upon", "am", "na", "de", "la", "del", "da", "di", "le", "the"})
_LOCATIVE = frozenset(
    {"in", "at", "to", "from", "near", "into", "via", "across", "toward", "towards", "inside", "outside", "onto", "for"}
)


# Verbs whose object is a place the traveller went to: "toured a university", "entering Russia".
def _forms(*bases: str) -> frozenset[str]:
    """A verb's regular forms: visit -> visit, visits, visited, visiting; arrive -> arrives, arrived, arriving."""
    forms = set()
    for base in bases:
        stem = base[:-1] if base.endswith("e") else base
        forms |= {base, base + "s", base + "es", stem + "ed", stem + "ing", base + "d"}
        if (
            base[-1] in "lpt" and base[-2] in "aeiou" and base[-3] not in "aeiou"
        ):  # travel -> travelled, stop -> stopped
            forms |= {base + base[-1] + "ed", base + base[-1] + "ing"}
    return frozenset(forms)


# Verbs whose object is a place the traveller went to: "toured a university", "entering Russia".
_DIRECT_VISIT_WORDS = _forms("visit", "tour", "inspect", "enter", "reach", "leave", "cross", "board") | {"left"}
# Verbs that take the traveller somewhere through a preposition: "travelled to", "was seen at", "met in".
_MOTION_WORDS = (
    _DIRECT_VISIT_WORDS
    | _forms(
        "arrive",
        "depart",
        "return",
        "travel",
        "sail",
        "walk",
        "stop",
        "stay",
        "attend",
        "head",
        "land",
        "move",
        "welcome",
        "greet",
        "watch",
        "celebrate",
        "address",
        "host",
        "open",
        "unveil",
        "sign",
        "pray",
        "receive",
        "divert",
        "fly",
        "drive",
        "meet",
        "hold",
        "speak",
        "give",
        "spend",
        "take",
        "come",
        "go",
        "see",
    )
    | {
        "went",
        "gone",
        "flew",
        "flown",
        "flies",
        "drove",
        "driven",
        "met",
        "held",
        "spoke",
        "spoken",
        "gave",
        "given",
        "spent",
        "took",
        "taken",
        "came",
        "seen",
        "saw",
        "began",
        "begun",
        "laid",
    }
)


# Words after which a place is a topic, not a destination: "spoke about the war in Gaza".
_TOPIC_WORDS = frozenset({"and", "but", "said", "says", "with", "about", "over", "against", "regarding", "on", "of"})
_ADJECTIVES = frozenset(
    {
        "main",
        "largest",
        "biggest",
        "key",
        "nearby",
        "new",
        "old",
        "russian",
        "korean",
        "chinese",
        "north",
        "south",
        "island",
        "local",
        "famous",
        "military",
        "naval",
        "secret",
    }
)
_VISIT_NOUNS = frozenset(
    {
        "visit",
        "visits",
        "trip",
        "journey",
        "tour",
        "summit",
        "meeting",
        "talks",
        "ceremony",
        "arrival",
        "stop",
        "stay",
        "welcome",
        "farewell",
        "departure",
        "campus",
        "show",
        "performance",
        "reception",
        "way",
        "lunch",
    }
)
_DETERMINERS = frozenset({"the", "a", "an", "his", "her", "their", "its", "this", "that", "russia's", "island's"})
_DEMONYMS = {
    "russian": "RU",
    "north korean": "KP",
    "korean": "KR",
    "chinese": "CN",
    "japanese": "JP",
    "american": "US",
    "french": "FR",
    "british": "GB",
    "german": "DE",
    "ukrainian": "UA",
    "indian": "IN",
}
_KIND_NOUNS: dict[str, frozenset[str]] = {
    "airport": frozenset({"airfield", "airport"}),
    "airfield": frozenset({"airfield", "airport"}),
    "air base": frozenset({"airfield", "airport"}),
    "airbase": frozenset({"airfield", "airport"}),
    "spaceport": frozenset({"cosmodrome"}),
    "cosmodrome": frozenset({"cosmodrome"}),
    "launch site": frozenset({"cosmodrome"}),
    "space centre": frozenset({"cosmodrome"}),
    "space center": frozenset({"cosmodrome"}),
    "aircraft plant": frozenset({"factory"}),
    "plant": frozenset({"factory"}),
    "factory": frozenset({"factory"}),
    "university": frozenset({"university"}),
    "aquarium": frozenset({"aquarium"}),
    "oceanarium": frozenset({"aquarium"}),
    "train station": frozenset({"station"}),
    "railway station": frozenset({"station"}),
    "station": frozenset({"station"}),
    "naval base": frozenset({"naval_base", "port"}),
    "port": frozenset({"port", "naval_base"}),
    "theatre": frozenset({"theatre"}),
    "theater": frozenset({"theatre"}),
    "border crossing": frozenset({"border_crossing"}),
}
_ANCHOR_KM = 60.0
# A town and a site within it, named in one sentence ("Vladivostok, where they inspected the frigate"), are one stop.
_MERGE_KM = 10.0


@dataclass(frozen=True, slots=True)
class Sentence:
    text: str
    start: int
    index: int


@dataclass(frozen=True, slots=True)
class Mention:
    """A place the traveller went to, as found in one sentence."""

    place: Place
    surface: str
    sentence: int
    position: int
    confidence: float
    specific: int


def split_sentences(text: str) -> list[Sentence]:
    sentences: list[Sentence] = []
    for paragraph in re.finditer(r"[^\n]+(?:\n(?!\s*\n)[^\n]+)*", text):
        body, offset, cursor = paragraph.group(0), paragraph.start(), 0
        for boundary in _SENTENCE_END.finditer(body):
            before = body[: boundary.start()].rstrip('.!?"”’)')
            if before.split()[-1:] and before.split()[-1].rstrip(".") in _ABBREVIATIONS:
                continue
            piece = body[cursor : boundary.start()].strip()
            if piece:
                sentences.append(Sentence(piece, offset + cursor, len(sentences)))
            cursor = boundary.end()
        piece = body[cursor:].strip()
        if piece:
            sentences.append(Sentence(piece, offset + cursor, len(sentences)))
    return sentences


def _explicit_date(text: str, year: int) -> date | None:
    for pattern, order in ((_ISO, "ymd"), (_DAY_FIRST, "dmy"), (_MONTH_FIRST, "mdy")):
        match = pattern.search(text)
        if not match:
            continue
        try:
            if order == "ymd":
                return date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
            if order == "dmy":
                day, month, given_year = int(match.group(1)), _MONTHS[match.group(2).lower()], match.group(3)
            else:
                month, day, given_year = _MONTHS[match.group(1).lower()], int(match.group(2)), match.group(3)
            return date(int(given_year) if given_year else year, month, day)
        except (ValueError, KeyError):
            continue
    return None


def reference_date_from(text: str) -> date | None:
    """A date line at the top of the report ("October 1, 2023"), as the text's own reference date."""
    for line in text.strip().splitlines()[:4]:
        line = line.strip()
        if 4 <= len(line) <= 40:
            found = _explicit_date(line, 0)
            if found and found.year > 1:
                return found
    return None


def _weekday_date(match: re.Match[str], reference: date, future: bool) -> date:
    modifier = (match.group(1) or "").strip().lower()
    weekday = _WEEKDAYS[match.group(2).lower()]
    if modifier == "next" or (future and modifier != "last"):
        return reference + timedelta(days=(weekday - reference.weekday() - 1) % 7 + 1)
    return reference - timedelta(days=(reference.weekday() - weekday) % 7)


@dataclass(frozen=True, slots=True)
class SentenceDate:
    day: date | None
    own: bool
    other_period: bool
    #: (start, end, day) spans of the sentence that are dated differently ("a day after visiting X, ...").
    spans: tuple[tuple[int, int, date], ...] = ()
    #: Where a plan starts ("said he would travel to ..."): places after it are not stops.
    intention_at: int | None = None


def _fallback_year(sentences: list[Sentence]) -> int | None:
    """With no reference date, "14 May" takes the year of the first full date in the text."""
    for sentence in sentences:
        for pattern in (_ISO, _DAY_FIRST, _MONTH_FIRST):
            for match in pattern.finditer(sentence.text):
                year = match.group(1) if pattern is _ISO else match.group(3)
                if year:
                    return int(year)
    return None


def date_sentences(sentences: list[Sentence], reference: date | None) -> list[SentenceDate]:
    dated: list[SentenceDate] = []
    year = reference.year if reference else _fallback_year(sentences)
    last_day: date | None = None
    events: dict[str, date] = {}
    previous: SentenceDate | None = None
    for sentence in sentences:
        text = sentence.text
        own: date | None = None
        other = bool(_OTHER_YEAR.search(text))
        if year is not None:
            own = _explicit_date(text, year)
        if reference is not None:
            if own is None:
                weekday = _WEEKDAY.search(text)
                if weekday:
                    own = _weekday_date(weekday, reference, bool(_FUTURE.search(text)))
            if own is None:
                today = _TODAY.search(text)
                if today:
                    own = reference - timedelta(days=1 if today.group(1).lower() == "yesterday" else 0)
            if own is None:
                month = _MONTH_ONLY.search(text) or _POSSESSIVE_MONTH.search(text)
                if month and _MONTHS[month.group(1).lower()] != reference.month:
                    other = True
        if own is None and last_day is not None and _NEXT_DAY.search(text):
            own = last_day + timedelta(days=1)
        event = _EVENT_WITH.search(text)
        day = own
        if day is None and event and event.group(2) in events:
            day = events[event.group(2)]
        # A sentence with no day of its own continues the one before, if that one said its day;
        # "then", "later", "also" move on to a time the text does not give.
        continues = not _SEQUENCE.search(text)
        if (
            day is None
            and continues
            and not other
            and previous is not None
            and previous.own
            and not previous.other_period
        ):
            day = previous.day
        if event and own is not None:
            events.setdefault(event.group(2), own)
        spans: list[tuple[int, int, date]] = []
        after = _DAY_AFTER.search(text)
        if after and day is not None:
            spans.append((after.start(), after.end(), day - timedelta(days=1)))
        intention = _INTENTION.search(text)
        current = SentenceDate(
            None if other else day, own is not None, other, tuple(spans), intention.start() if intention else None
        )
        dated.append(current)
        previous = current
        if own is not None and not other:
            last_day = own
    return dated


def _tokens(text: str) -> list[re.Match[str]]:
    return list(_TOKEN.finditer(text))


def _word(token: re.Match[str]) -> str:
    return token.group(0).lower().replace("’", "'")


def _skippable(token: re.Match[str]) -> bool:
    """Words between a verb or preposition and the place it governs: 'the', "Russia's", 'main', 'aircraft'."""
    word = _word(token)
    return word in _DETERMINERS or word in _KIND_WORDS_FLAT or word in _ADJECTIVES or token.group(0)[:1].isupper()


def _locative_before(tokens: list[re.Match[str]], index: int) -> int | None:
    """The position of the preposition that governs token ``index``, if any."""
    j = index - 1
    while j >= 0 and index - j <= 5:
        word = _word(tokens[j])
        if word in _LOCATIVE or word in ("of", "through"):
            return j
        if not _skippable(tokens[j]):
            return None
        j -= 1
    return None


def _governed_as_visit(tokens: list[re.Match[str]], index: int) -> bool:
    """Whether the words before token ``index`` say the traveller went to what follows."""
    j = index - 1
    while j >= 0 and index - j <= 5:
        word = _word(tokens[j])
        if word in _LOCATIVE or word in ("of", "through"):
            before = _word(tokens[j - 1]) if j > 0 else ""
            if word == "of":
                return before in _VISIT_NOUNS  # "the campus of", "a tour of"
            if before in _MOTION_WORDS or before in _VISIT_NOUNS or before in ("there", "back", "home", "was", "were"):
                return True
            # "a show at", "touring a flower farm outside": a visit a few nouns back still governs.
            for k in range(j - 2, max(-1, j - 8), -1):
                word_k = _word(tokens[k])
                if (word_k in _MOTION_WORDS) or word_k in _VISIT_NOUNS:
                    return True
                if word_k in _LOCATIVE or word_k in _TOPIC_WORDS:
                    return False
            return False
        if word in _DIRECT_VISIT_WORDS:
            return True
        if not _skippable(tokens[j]):
            # "toured a contract manufacturer's plant": a few plain words may stand between.
            for k in range(j, max(-1, j - 4), -1):
                word_k = _word(tokens[k])
                if word_k in _DIRECT_VISIT_WORDS:
                    return True
                if word_k in _LOCATIVE or word_k in _TOPIC_WORDS or word_k in _MOTION_WORDS:
                    return False
            return False
        j -= 1
    return False


_KIND_WORDS_FLAT = frozenset(w for phrase in _KIND_NOUNS for w in phrase.split()) | {"aircraft", "train", "railway"}


class Extractor:
    def __init__(self, gazetteer: OfflineGazetteer) -> None:
        self.gazetteer = gazetteer

    def _named(self, phrase: str) -> Place | None:
        answer = self.gazetteer.lookup(phrase, limit=3)
        best = answer.best
        if best is None or best.match == MATCH_FOLDED:
            return None
        return best.place

    def _names_in(self, sentence: Sentence) -> list[tuple[int, int, Place, str]]:
        """Longest runs of capitalised words that the gazetteer knows: (first token, end token, place, text)."""
        tokens = _tokens(sentence.text)
        found = []
        i = 0
        while i < len(tokens):
            word = tokens[i].group(0)
            if not word[:1].isupper() or word.lower() in _NOT_PLACES:
                i += 1
                continue
            matched = None
            for n in range(min(6, len(tokens) - i), 0, -1):
                last = tokens[i + n - 1].group(0)
                inner = [t.group(0) for t in tokens[i : i + n]]
                if not last[:1].isupper() or any(not w[:1].isupper() and w.lower() not in _CONNECTORS for w in inner):
                    continue
                surface = (
                    sentence.text[tokens[i].start() : tokens[i + n - 1].end()].removesuffix("'s").removesuffix("’s")
                )
                place = self._named(surface)
                if place is not None:
                    matched = (i, i + n, place, surface)
                    break
            if matched:
                found.append(matched)
                i = matched[1]
            else:
                i += 1
        return found

    def _descriptions(self, sentence: Sentence, anchors: list[tuple[int, int, Place, str]]) -> list[Mention]:
        """ "an airport near Vladivostok", "Russia's main spaceport", "a Russian aquarium", "the train station"."""
        text = sentence.text
        tokens = _tokens(text)
        mentions = []
        for noun in sorted(_KIND_NOUNS, key=len, reverse=True):
            for match in re.finditer(rf"\b{noun}s?\b", text, re.IGNORECASE):
                start_token = next((k for k, t in enumerate(tokens) if t.start() >= match.start()), None)
                if start_token is None:
                    continue
                # A name that contains the noun ("Primorsky Aquarium") is a name, not a description.
                if any(tokens[a].start() <= match.start() < tokens[b - 1].end() for a, b, _, _ in anchors):
                    continue
                head = start_token
                while head > 0 and (
                    _word(tokens[head - 1]) in _KIND_WORDS_FLAT or _word(tokens[head - 1]) in _ADJECTIVES
                ):
                    head -= 1
                if not _governed_as_visit(tokens, head):
                    continue
                before = text[max(0, match.start() - 40) : match.start()].lower()
                country = next(
                    (code for name, code in _DEMONYMS.items() if re.search(rf"\b{name}\b[\w ]*$", before)), None
                )
                possessive = re.search(r"(\w[\w ]*?)['’]s (?:\w+ )?$", text[max(0, match.start() - 40) : match.start()])
                if possessive and country is None:
                    owner = self._named(possessive.group(1).split()[-1])
                    if owner is not None and owner.kind == "country":
                        country = owner.country
                after = text[match.end() : match.end() + 60]
                anchor: Place | None = None
                near = re.match(
                    r"\s+(?:near|in|outside|at|of|on)\s+(?:the\s+)?(.+?)(?:[,.;]|\s+(?:on|where|that|which|and|to|for)\b|$)",
                    after,
                )
                if near:
                    anchor = self._named(near.group(1).strip())
                if anchor is None:
                    # "the train station" in a sentence that says "from the Primorye region".
                    for first, _, place, _ in anchors:
                        if place.kind in ("region", "city", "capital") and _locative_before(tokens, first) is not None:
                            anchor = place
                            break
                site = self._site(_KIND_NOUNS[noun], anchor, country)
                if site is None and anchor is not None and country is not None:
                    site = self._site(_KIND_NOUNS[noun], None, country)
                if site is not None:
                    mentions.append(Mention(site[0], match.group(0), sentence.index, match.start(), site[1], 3))
                elif anchor is not None and anchor.kind not in ("country", "region"):
                    mentions.append(
                        Mention(anchor, near.group(1) if near else anchor.name, sentence.index, match.start(), 0.6, 1)
                    )
        return mentions

    def _site(self, kinds: frozenset[str], anchor: Place | None, country: str | None) -> tuple[Place, float] | None:
        sites = self.gazetteer.sites(kinds)
        if anchor is not None:
            radius = 400.0 if anchor.kind == "region" else _ANCHOR_KM
            close = sorted(
                (great_circle((anchor.lat, anchor.lon), (s.lat, s.lon)).km, s)
                for s in sites
                if s.country == anchor.country
            )
            close = [(km, s) for km, s in close if km <= radius]
            if close:
                # Curated sites before airports: the curated one is what a report talks about.
                close.sort(key=lambda pair: (pair[1].source != "landmarks", pair[0]))
                return close[0][1], 0.85 if len(close) == 1 else 0.6
            return None
        if country is not None:
            in_country = [s for s in sites if s.country == country and s.source == "landmarks"]
            if len(in_country) == 1:
                return in_country[0], 0.75
        return None

    def mentions(self, sentence: Sentence) -> list[Mention]:
        tokens = _tokens(sentence.text)
        names = self._names_in(sentence)
        found = self._descriptions(sentence, names)
        for first, _end, place, surface in names:
            if place.kind in ("country", "region"):
                continue
            if not _governed_as_visit(tokens, first):
                continue
            specific = (
                3
                if place.source == "landmarks" and place.kind != "landmark"
                else 2
                if place.source == "landmarks"
                else 1
            )
            found.append(Mention(place, surface, sentence.index, tokens[first].start(), 0.9, specific))
        return _merge_nearby(found)


def _merge_nearby(mentions: list[Mention]) -> list[Mention]:
    """In one sentence, "Vladivostok, where they inspected the frigate": the specific site is the stop."""
    kept: list[Mention] = []
    for mention in sorted(mentions, key=lambda m: (-m.specific, m.position)):
        if any(
            great_circle((k.place.lat, k.place.lon), (mention.place.lat, mention.place.lon)).km <= _MERGE_KM
            for k in kept
        ):
            continue
        kept.append(mention)
    return sorted(kept, key=lambda m: m.position)


def extract(
    text: str, gazetteer: OfflineGazetteer, *, reference_date: date | None = None, title: str | None = None
) -> Trip:
    """A draft trip from a report: stops with evidence, in order of their days, then of the text."""
    text = text[:MAX_TEXT_CHARS]
    reference = reference_date or reference_date_from(text)
    sentences = split_sentences(text)
    days = date_sentences(sentences, reference)
    extractor = Extractor(gazetteer)
    drafts: list[tuple[date | None, int, int, Stop]] = []
    # place id -> the drafts' indexes: one stop per place and day, an undated mention joins a dated one.
    by_place: dict[str, list[int]] = {}
    for sentence, dated in zip(sentences, days, strict=True):
        if dated.other_period:
            continue
        mentions = [
            m for m in extractor.mentions(sentence) if dated.intention_at is None or m.position < dated.intention_at
        ]
        sentence_day = dated.day
        after = _DAY_AFTER.search(sentence.text)
        if after and not dated.own:
            # "A day after visiting Ahmedabad, he was received in New Delhi": the day after Ahmedabad's.
            known: list[date] = [
                day
                for m in mentions
                if after.start() <= m.position < after.end()
                for i in by_place.get(m.place.id, [])
                if (day := drafts[i][0]) is not None
            ]
            if known:
                sentence_day = known[-1] + timedelta(days=1)
        for mention in mentions:
            day = sentence_day
            in_span = after is not None and after.start() <= mention.position < after.end()
            if in_span and by_place.get(mention.place.id):
                continue  # already a stop, dated by its own sentence
            for start, end, span_day in dated.spans:
                if start <= mention.position < end and dated.own:
                    day = span_day
            earlier = by_place.setdefault(mention.place.id, [])
            if day is None and earlier:
                continue
            same_day = [i for i in earlier if drafts[i][0] in (day, None)]
            if same_day:
                i = same_day[0]
                if drafts[i][0] is None and day is not None:
                    drafts[i] = (day, *drafts[i][1:3], replace(drafts[i][3], date=day))
                continue
            place = mention.place
            stop = Stop(
                place=place.name,
                date=day,
                name=place.name,
                lat=place.lat,
                lon=place.lon,
                mode="unknown",
                evidence=" ".join(sentence.text.split()),
                provider="gazetteer",
                confidence=mention.confidence,
                matched=mention.surface,
            )
            earlier.append(len(drafts))
            drafts.append((day, sentence.index, mention.position, stop))
    ordered = sorted(drafts, key=lambda d: (d[0] is None, d[0] or date.min, d[1], d[2]))
    return Trip(title or _title(text), tuple(d[3] for d in ordered))


def _title(text: str) -> str:
    """The headline: the first short line that is neither a date nor a sentence."""
    for line in text.strip().splitlines():
        line = line.strip()
        if line and reference_date_from(line) is None and len(line) <= 150 and not line.endswith((".", ":")):
            if len(line.split()) >= 2:
                return line
    return "Draft trip from a report"
