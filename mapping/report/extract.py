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

The days come from ``report_dates``. A stop the text gives no day for keeps
``date: None``; one place on one day is one stop, whichever sentences name it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, timedelta

from geopy.distance import great_circle

from mapping.geocode.gazetteer import OfflineGazetteer
from mapping.geocode.index import MATCH_FOLDED, Place
from mapping.report.dates import (
    DAY_AFTER,
    MAX_TEXT_CHARS,
    MONTHS,
    Sentence,
    date_sentences,
    reference_date_from,
    split_sentences,
)
from mapping.trip.model import Stop, Trip

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
        *MONTHS,
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
class Mention:
    """A place the traveller went to, as found in one sentence."""

    place: Place
    surface: str
    sentence: int
    position: int
    confidence: float
    specific: int


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
            close = [
                (km, s)
                for s in sites
                if s.country == anchor.country
                and (km := great_circle((anchor.lat, anchor.lon), (s.lat, s.lon)).km) <= radius
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
        after = DAY_AFTER.search(sentence.text)
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
        headline = len(line) <= 150 and len(line.split()) >= 2 and not line.endswith((".", ":"))
        if headline and reference_date_from(line) is None:
            return line
    return "Draft trip from a report"
