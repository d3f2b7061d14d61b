"""The sentences of a news report and the day each one speaks of.

Days follow HeidelTime's habits: a weekday is the latest such day on or before
the reference date (the next one in future tense); explicit dates may come with
or without a year, day first or month first; "the next day" follows the last
dated event; "a day after visiting X" puts X on the day before; a sentence with
no day of its own continues the one before unless it moves on ("then", "later",
"also"); "the meeting with Putin" takes the day of "a summit with Putin on
Wednesday". A sentence about another time ("in July", "in 2019", "last year")
is marked so that it gives no stop, and so is a plan ("he will travel to").
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

MAX_TEXT_CHARS = 200_000

MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
MONTHS |= {name.lower(): i for i, name in enumerate(calendar.month_abbr) if name}
MONTHS["sept"] = 9
_WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}
_MONTH_RE = "|".join(sorted(MONTHS, key=len, reverse=True))
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
DAY_AFTER = re.compile(r"\b(?:a|one) day after (\w+ing)\b(.*?),", re.I)
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


@dataclass(frozen=True, slots=True)
class Sentence:
    text: str
    start: int
    index: int


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
                day, month, given_year = int(match.group(1)), MONTHS[match.group(2).lower()], match.group(3)
            else:
                month, day, given_year = MONTHS[match.group(1).lower()], int(match.group(2)), match.group(3)
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
                if month and MONTHS[month.group(1).lower()] != reference.month:
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
        after = DAY_AFTER.search(text)
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
