"""Temporal expressions of a report, each turned into a day against the reference date.

The expressions are found with bounded regular expressions (linear in the text);
python-dateutil reads the explicit ones; the anchoring is ours:

- an explicit date without a year takes the trip's year: the year of the first
  full date in the text, else the reference's, and the year before when that
  would put the day after the reference (a December visit told in January);
- a weekday is the latest such day on or before the reference ("next Friday"
  and "tomorrow" look ahead: a plan, never a stop);
- "the 12th" is the latest 12th on or before the reference;
- "today", "this morning", "tonight" are the reference; "yesterday", "last
  night" the day before;
- "the next day", "a day later" follow the day last spoken of; "that night",
  "earlier in the day", "later that day" stay on it;
- a year, a month or "last year" that is not the trip's marks another period.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from dateutil import parser as dateutil_parser

#: The longest report read; the rest is ignored (and said so by the callers).
MAX_TEXT_CHARS = 200_000

MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
MONTHS |= {name.lower(): i for i, name in enumerate(calendar.month_abbr) if name}
MONTHS["sept"] = 9
WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}
_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
#: A month's name or abbreviation, in lower case, for patterns elsewhere (compiled case-insensitively).
MONTH_PATTERN = _MONTH
_WEEKDAY = "|".join(WEEKDAYS)
_PART = r"(?:\s+(?:morning|afternoon|evening|night))?"

# Kinds of expression, in the order they are tried at one position.
EXPLICIT, DAY_OF_MONTH, WEEKDAY, DEICTIC, RELATIVE, SAME, SPAN, OTHER = (
    "explicit",
    "day-of-month",
    "weekday",
    "deictic",
    "relative",
    "same",
    "span",
    "other",
)

_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (EXPLICIT, re.compile(r"\b\d{4}-\d{2}-\d{2}\b")),
    (
        EXPLICIT,
        re.compile(
            rf"\b(?:(?:{_WEEKDAY}),?\s+)?(?:{_MONTH})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?\b(?:,?\s+\d{{4}}\b)?", re.I
        ),
    ),
    (
        EXPLICIT,
        re.compile(
            rf"\b(?:(?:{_WEEKDAY}),?\s+)?\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{_MONTH})\b\.?(?:,?\s+\d{{4}}\b)?",
            re.I,
        ),
    ),
    # Lower-case "the": "2nd For The 1st Time" is a song title, not a day.
    (DAY_OF_MONTH, re.compile(r"\b(?:[Oo]n\s+)?the\s+(\d{1,2})(?:st|nd|rd|th)\b(?!\s+(?:century|anniversary|of))")),
    (WEEKDAY, re.compile(rf"\b(?:(last|next|this|early|late|on)\s+)?({_WEEKDAY})s?{_PART}\b", re.I)),
    (
        DEICTIC,
        re.compile(
            r"\b(today|tonight|this\s+(?:morning|afternoon|evening)|earlier\s+today|later\s+today|"
            r"yesterday(?:\s+(?:morning|afternoon|evening))?|last\s+night|the\s+day\s+before|tomorrow)\b",
            re.I,
        ),
    ),
    (
        RELATIVE,
        re.compile(
            r"\b(the\s+next\s+(?:day|morning)|the\s+following\s+(?:day|morning)|next\s+morning|"
            r"(?:a|one|two|three|four|five)\s+days?\s+later|the\s+day\s+after)\b",
            re.I,
        ),
    ),
    (
        SAME,
        re.compile(
            r"\b(that\s+(?:night|evening|morning|afternoon|day)|earlier\s+in\s+the\s+day|later\s+(?:that|in\s+the)\s+day|"
            r"the\s+same\s+day)\b",
            re.I,
        ),
    ),
    # Several days at once: "over the weekend, he campaigned in A, B and C" does not say which day each was.
    (
        SPAN,
        re.compile(
            r"\b(?:over|during|throughout|across)\s+the\s+(?:(?:long|whole|entire)\s+)?(?:weekend|week)\b"
            r"|\b(?:that|this|last)\s+weekend\b"
            r"|\bover\s+the\s+(?:next|following|past|last)\s+(?:few|two|three|four|five|several|couple\s+of)\s+days\b",
            re.I,
        ),
    ),
    (
        OTHER,
        re.compile(
            rf"\b(?:in|since|during|by|until|from|of|early|late|mid-?)\s+(?:(?:early|late|mid-?)\s+)?(?:({_MONTH})\b(?!\.?\s+\d)(?:\s+(\d{{4}}))?|((?:1[89]|20)\d\d)s?\b)"
            r"|\b(last|next|this)\s+(year|month|week|summer|winter|spring|autumn)\b"
            rf"|\b(?:their|his|her|its|the)\s+({_MONTH})\s+(?:meeting|visit|trip|summit|talks|parade|tour)\b"
            r"|\b(\d+|two|three|four|five|six|seven|eight|nine|ten)\s+(years|months|weeks)\s+ago\b",
            re.I,
        ),
    ),
)
_COUNTS = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5}
_FULL_DATE = re.compile(
    rf"\b(?:(?:{_MONTH})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+(\d{{4}})|\d{{1,2}}\s+(?:{_MONTH})\.?,?\s+(\d{{4}}))\b",
    re.I,
)
_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")


@dataclass(frozen=True, slots=True)
class TimeExpr:
    """One temporal expression: where it is, what kind, and the day it names (None: not a day)."""

    start: int
    end: int
    kind: str
    text: str
    day: date | None
    #: Another period than the trip's ("in 2019", "in July" of a September trip).
    other: bool = False
    #: Looks ahead of the reference ("tomorrow", "next Friday").
    future: bool = False


def trip_year(text: str, reference: date | None) -> int | None:
    """The year of the first full date in the text that is near the reference (within a year),
    else the reference's: "the May 7, 1999 bombing" does not make "On May 6" a day of 1999."""
    for pattern in (_FULL_DATE, _ISO):
        for found in pattern.finditer(text):
            year = int(next(g for g in found.groups() if g)) if pattern is _FULL_DATE else int(found.group(1))
            if reference is None or abs(year - reference.year) <= 1:
                return year
    return reference.year if reference else None


def reference_date_from(text: str) -> date | None:
    """A date line at the top of the report ("October 1, 2023"), as the text's own reference date."""
    for line in text.strip().splitlines()[:4]:
        line = line.strip()
        if 4 <= len(line) <= 40:
            found = _explicit(line, None, None)
            if found is not None:
                return found
    return None


_DATE_LINE = re.compile(r"^[ \t]*([^\n]{4,40}?)[ \t]*$", re.M)


def date_lines(text: str, reference: date | None, year: int | None) -> list[tuple[int, date]]:
    """The lines of ``text`` that are only a date ("Tuesday August 2nd.", "Friday, 5 August 2016"): the heads of
    a diary's entries, as (where the line starts, its day). A line that also says something else is not one."""
    found: list[tuple[int, date]] = []
    for line in _DATE_LINE.finditer(text):
        exprs = find_times(line.group(1), reference, year)
        if len(exprs) != 1 or exprs[0].kind != EXPLICIT or exprs[0].day is None or exprs[0].other:
            continue
        rest = line.group(1)[: exprs[0].start] + line.group(1)[exprs[0].end :]
        if re.fullmatch(r"[\s.,:;()\-–—]*", rest) and (reference is None or exprs[0].day <= reference):
            found.append((line.start(1), exprs[0].day))
    return found


def _explicit(text: str, year: int | None, reference: date | None) -> date | None:
    """An explicit date; without a year it takes ``year``, stepping back a year past the reference."""
    has_year = bool(re.search(r"\b\d{4}\b", text))
    if not has_year and year is None:
        return None
    cleaned = re.sub(r"(\d)(st|nd|rd|th)\b", r"\1", text.replace(".", " "), flags=re.I)
    cleaned = re.sub(r"\bsept\b", "Sep", cleaned, flags=re.I)
    default = datetime(year or 2000, 1, 1)
    try:
        # ignoretz: only the day matters, and a stray capital ("B") would read as a time zone and warn.
        parsed: date = dateutil_parser.parse(cleaned, default=default, fuzzy=True, ignoretz=True).date()
    except (ValueError, OverflowError, TypeError):
        return None
    if not has_year and reference is not None and parsed > reference + timedelta(days=7):
        try:
            parsed = parsed.replace(year=parsed.year - 1)
        except ValueError:
            return None
    return parsed


def find_times(text: str, reference: date | None, year: int | None) -> list[TimeExpr]:
    """Every temporal expression of ``text`` (one sentence), left to right, without overlaps."""
    found: list[TimeExpr] = []
    taken: list[tuple[int, int]] = []
    for kind, pattern in _PATTERNS:
        for match in pattern.finditer(text):
            if any(match.start() < end and start < match.end() for start, end in taken):
                continue
            expr = _resolve(kind, match, reference, year)
            if expr is not None:
                found.append(expr)
                taken.append((match.start(), match.end()))
    return sorted(found, key=lambda e: e.start)


def _resolve(kind: str, match: re.Match[str], reference: date | None, year: int | None) -> TimeExpr | None:
    text = match.group(0)
    span = (match.start(), match.end(), kind, text)
    if kind == EXPLICIT:
        day = _explicit(text, year, reference)
        # Far from the reference and outside the trip's year: another time ("the May 7, 1999 bombing").
        other = (
            day is not None
            and reference is not None
            and abs((reference - day).days) > 120
            and (year is None or day.year != year)
        )
        return TimeExpr(*span, day=day, other=other, future=bool(day and reference and day > reference))
    if kind == DAY_OF_MONTH:
        if reference is None:
            return TimeExpr(*span, day=None)
        number = int(match.group(1))
        day_found = _latest_day_of_month(reference, number)
        return TimeExpr(*span, day=day_found)
    if kind == WEEKDAY:
        modifier = (match.group(1) or "").lower()
        if reference is None:
            return TimeExpr(*span, day=None)
        weekday = WEEKDAYS[match.group(2).lower()]
        if modifier == "next":
            ahead = reference + timedelta(days=(weekday - reference.weekday() - 1) % 7 + 1)
            return TimeExpr(*span, day=ahead, future=True)
        back = reference - timedelta(days=(reference.weekday() - weekday) % 7)
        if modifier == "last" and back == reference:
            back -= timedelta(days=7)
        return TimeExpr(*span, day=back)
    if kind == DEICTIC:
        word = " ".join(text.lower().split())
        if reference is None:
            return TimeExpr(*span, day=None)
        if word == "tomorrow":
            return TimeExpr(*span, day=reference + timedelta(days=1), future=True)
        days_back = 1 if word.startswith("yesterday") or word in ("last night", "the day before") else 0
        return TimeExpr(*span, day=reference - timedelta(days=days_back))
    if kind in (RELATIVE, SAME, SPAN):
        return TimeExpr(*span, day=None)
    # OTHER: a month or a year that is not the trip's, or "last year".
    month, month_year, bare_year, deictic, unit = (
        match.group(1),
        match.group(2),
        match.group(3),
        match.group(4),
        match.group(5),
    )
    month = month or match.group(6)
    if bare_year:
        other = year is None or int(bare_year) != year
        return TimeExpr(*span, day=None, other=other) if other else None
    if month:
        if reference is None:
            return None
        same_month = MONTHS[month.lower()] == reference.month and (
            month_year is None or int(month_year) == reference.year
        )
        return None if same_month else TimeExpr(*span, day=None, other=True)
    if deictic:
        if deictic.lower() == "this" or unit.lower() == "week":
            return None
        return TimeExpr(*span, day=None, other=True)
    return TimeExpr(*span, day=None, other=True)


def step(expr: TimeExpr, current: date | None) -> date | None:
    """The day a relative expression names, from the day last spoken of."""
    if expr.kind == SAME:
        return current
    if expr.kind == WEEKDAY and expr.day is None and current is not None:
        # No reference date to count back from: an account moves forward, so "On Wednesday" after a Tuesday
        # is the next day, the first such weekday from the day last spoken of ("last Friday" stays unknown).
        words = expr.text.lower().split()
        weekday = next((WEEKDAYS[w.rstrip("s")] for w in words if w.rstrip("s") in WEEKDAYS), None)
        if weekday is None or words[0] in ("last", "next"):
            return None
        return current + timedelta(days=(weekday - current.weekday()) % 7)
    if expr.kind != RELATIVE or current is None:
        return expr.day
    words = expr.text.lower().split()
    return current + timedelta(days=_COUNTS.get(words[0], 1) if words[0] in _COUNTS else 1)


def _latest_day_of_month(reference: date, number: int) -> date | None:
    year, month = reference.year, reference.month
    for _ in range(3):
        if number <= calendar.monthrange(year, month)[1]:
            candidate = date(year, month, number)
            if candidate <= reference:
                return candidate
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return None
