"""Plain-text and Markdown itineraries: day headings, then one line per stop.

A day heading is a line that starts with a date (``Fri 2026-05-15``, ``# Jan 14 (Tue) - Arrival``,
``Day 2 — 10 October``); under it, each bullet is a stop: ``11am: Katz's Delicatessen`` (a time),
``dinner: Cafe Mogador`` (a part of the day), ``Fort Collins to Park City`` (the day ends in Park
City). Lines such as ``Drive: 434 miles`` or ``Night: friends`` describe the day's stop; ``fallback:``
alternatives are left out. Prose belongs to the report extractor (``python -m mapping extract``).
"""

from __future__ import annotations

import re
from typing import Any

from mapping.errors import InputError
from mapping.io.dates import ParsedDate, decide_order, parse_date, parse_time, settle_years
from mapping.io.records import add_stop, destination, mode_from_words
from mapping.trip.model import MAX_ROWS, LoadResult, Stop, Trip

_BULLET = re.compile(r"^\s*(?:[-*•–·+]|\d{1,2}[.)])\s+")
_HEADING_MARK = re.compile(r"^\s*(?:#{1,6}\s*|\*\*|__)")
_DAY_N = re.compile(r"^\s*(?:day|día|jour|tag|第)\s*(\d{1,3})\b", re.IGNORECASE)
_CLOCK_KEY = re.compile(
    r"^(?P<key>(?:optional\s+|approx\.?\s+|~)?\d{1,2}(?:[:.]\d{2})?\s*(?:[ap]\.?m\.?)?"
    r"(?:\s*[-–~]\s*\d{1,2}(?:[:.]\d{2})?\s*(?:[ap]\.?m\.?)?)?)\s*[:：]\s*(?P<value>.+)$",
    re.IGNORECASE,
)
_KEY = re.compile(r"^(?P<key>[^:：]{1,24})[:：]\s*(?P<value>.+)$")
_SLOTS = {
    "breakfast", "brunch", "lunch", "dinner", "supper", "morning", "afternoon", "evening", "late", "tonight",
    "midday", "noon", "optional", "sightseeing", "visit", "stop", "activity",
}  # fmt: skip
_SKIP = {"fallback", "alternative", "alt", "backup", "option", "plan b", "or", "if time", "maybe"}
_NOTES = {
    "drive", "driving", "plan", "night", "notes", "note", "cost", "budget", "distance", "miles", "tip", "tips",
    "info", "lodging", "sleep", "accommodation", "hotel", "stay", "transport", "permit", "weather", "food",
    "flight", "train", "bus", "ferry", "hike", "walk", "boat",
}  # fmt: skip
_TO = re.compile(r"^(?P<a>.+?)\s+to\s+(?P<b>.+)$", re.IGNORECASE)
_DAY_SUFFIX = re.compile(r"\s+(?:(?:layover|rest|city|free|river)\s+)?day(?:\s*\d+)?$", re.IGNORECASE)


def _heading_date(line: str) -> tuple[str, ParsedDate | None, int | None] | None:
    """A day heading's text, its date if it names one, and its day number ("Day 3")."""
    stripped = _HEADING_MARK.sub("", line).strip().strip("*_").strip()
    if not stripped or _BULLET.match(line) or len(stripped) > 120:
        return None
    number_match = _DAY_N.match(stripped)
    head = stripped[:40]
    parsed = parse_date(head)
    if parsed is not None and not re.match(r"^\W*(?:\w+\W+){0,3}\d|^\W*[A-Za-z]{3,9}\.?\s+\d", head):
        parsed = None
    if parsed is None and number_match is None:
        return None
    return stripped, parsed, int(number_match[1]) if number_match else None


def read_text_itinerary(text: str, filename: str, title: str, year: int | None = None) -> LoadResult:
    lines = text.splitlines()
    if len(lines) > MAX_ROWS:
        raise InputError(f"more than {MAX_ROWS:,} lines; split the itinerary", source=filename)
    headings: dict[int, tuple[str, ParsedDate | None, int | None]] = {}
    for number, line in enumerate(lines):
        found = _heading_date(line)
        if found is not None:
            headings[number] = found
    if not headings:
        raise InputError(
            "no day headings found (lines such as 'Fri 2026-05-15', '# Jan 14', 'Day 1'); "
            "for a news report or prose use 'python -m mapping extract', or write the trip as a CSV",
            source=filename,
        )
    first_heading = min(headings)
    title = next(
        (
            _HEADING_MARK.sub("", line).strip()
            for line in lines[:first_heading]
            if line.strip() and not _BULLET.match(line)
        ),
        title,
    )[:200]
    order = decide_order([h[0] for h in headings.values()])
    settled, year_note = settle_years([h[1] for h in headings.values()], year=year)
    day_of = dict(zip(headings, settled, strict=True))
    _count_days_from_dates(headings, day_of)
    records: list[tuple[int, dict[str, Any]]] = []
    current: Any = None
    in_day = False
    first_day = True
    for number, line in enumerate(lines):
        if number in headings:
            current, in_day = day_of[number], True
            continue
        if not line.strip():
            continue
        if not _BULLET.match(line) and not line.startswith((" ", "\t")):
            in_day = False  # a section after the days ("Notes", "Rivers to target")
            continue
        if not in_day:
            continue
        body = _BULLET.sub("", line).strip()
        made = _line(body, current, records, first_day, number + 1)
        first_day = first_day and not made
    stops: list[Stop] = []
    problems: list[InputError] = []
    for row, record in records:
        add_stop(record, source=filename, row=row, stops=stops, problems=problems)
    notes = [f"{len(headings)} day heading(s) read; each line under one is a stop"]
    if year_note:
        notes.append(year_note)
    if order.reason and any("/" in h[0] for h in headings.values()):
        notes.append(order.reason)
    return LoadResult(Trip(title=title, stops=tuple(stops)), tuple(problems), notes=tuple(notes))


def _count_days_from_dates(
    headings: dict[int, tuple[str, ParsedDate | None, int | None]], day_of: dict[int, Any]
) -> None:
    """ "Day 4" with no date of its own: counted from a day heading that has both a number and a date."""
    anchor = next(((h[2], day_of[n]) for n, h in headings.items() if h[2] and day_of.get(n)), None)
    if anchor is None:
        return
    from datetime import timedelta

    for number, heading in headings.items():
        if day_of.get(number) is None and heading[2]:
            day_of[number] = anchor[1] + timedelta(days=heading[2] - anchor[0])


def _line(body: str, day: Any, records: list[tuple[int, dict[str, Any]]], first_day: bool, row: int) -> bool:
    """One line under a day heading: a stop (True), a note on the day's stop, or nothing."""
    record: dict[str, Any] = {"date": day}
    match = _CLOCK_KEY.match(body) or _KEY.match(body)
    value = body
    if match:
        key = match["key"].strip().lower()
        value = match["value"].strip()
        words = re.sub(r"\b(?:optional|maybe|approx)\b", "", key).strip()
        clock = parse_time(words) if words else None
        if key in _SKIP or key.split()[0] in _SKIP:
            return False
        if clock is not None:
            record["time"] = clock.time
        elif key in _NOTES or key not in _SLOTS:
            if records and records[-1][1].get("date") == day:
                last = records[-1][1]
                mode, _ = mode_from_words(key)
                if mode != "unknown" and last.get("mode") in (None, "", "unknown"):
                    last["mode"] = key
                last["activity"] = "; ".join(
                    filter(None, [last.get("activity", ""), f"{match['key'].strip()}: {value}"])
                )
            return False
    if len(value) > 100 or (value.endswith((".", "!")) and len(value.split()) > 8):
        return False  # prose, not a place
    to = _TO.match(value)
    place = value
    if to and len(to["a"]) < 50:
        if first_day:
            records.append((row, {**record, "place": to["a"].strip(), "name": "", "activity": "start"}))
        place = to["b"]
    place = destination(re.split(r",\s*then\s+|\s+then\s+", place)[-1])
    place = _DAY_SUFFIX.sub("", place).strip(" .;") or value
    records.append((row, {**record, "place": place, "name": value if value != place else "", "activity": ""}))
    return True
