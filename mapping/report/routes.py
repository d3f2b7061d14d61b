"""A day's heading in a travel diary: the route it names, read from the line's text, not from the parse.

"Day 10 - Farmington, New Mexico to Flagstaff, Arizona", "Dillon Montana to Sula Montana, 15th June 2017",
"Day 2 - Primm, NV --> Las Vegas --> Caineville, UT (431 miles)", "Everest Base Camp Trek Day 5: Tengboche
to Dingboche", "Day 5 Khumjung-Phortse:", "Day 8, Lincoln Mt:", "Bristow, VA -Show Day". The small
model tags such lines as fragments (a town as a common noun, a state as the next town's first word), so
the line is taken apart by its own punctuation: a day's label in front, a distance, a date or a note in
brackets behind, and between them the legs, each a town with an optional state or country. Every leg is a
place the traveller was that day: the first is where the day starts (the night before's stop; on day 1, home,
which is left), a single leg after a day's label is where the day is spent.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from mapping.report.dates import MONTH_PATTERN

#: The longest line read as a heading, and the most legs (a longer list is a sentence or a table).
MAX_HEADING_CHARS = 160
MAX_LEGS = 6

_WEEKDAY = r"(?:Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)[a-z]*\.?"
_MONTH = rf"(?i:{MONTH_PATTERN})\b\.?"
# "Day 10 -", "Everest Base Camp Trek Day 5:", "Stage 3.", "Wednesday 4-18-07", "Tuesday, June 3rd:".
_DAY_LABEL = re.compile(
    r"^(?:[A-Z][\w'’ -]{0,40}?\s)?(?:Day|Stage|Leg|Etappe)\s*#?\d{1,3}\b\s*(?:[:.,–—-]+\s*)?(?=\S)"
    r"|^(?:Today'?’?s\s+)?(?:Route|Ride|Drive|Stage)\s*:\s*"
    rf"|^{_WEEKDAY},?\s+(?:\d{{1,2}}[-/.]\d{{1,2}}(?:[-/.]\d{{2,4}})?|{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH})(?:,?\s+\d{{4}})?\s*(?:[:.,–—-]+\s*)?"
    # "31st July 2015 – Barcelona", "July 28, 2015: Lisbon": a diary entry's date, then a dash or colon.
    rf"|^(?:\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH}|{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?)(?:,?\s+\d{{4}})?\s*[:–—-]+\s*"
)
# Behind the route: "(431 miles, 7.5hr)", "– 108k", ", 15th June 2017", "-Show Day", ": It's nice to ...".
_TAIL = re.compile(
    r"\s*\([^()]*\)\s*$"
    r"|\s*[–—-]+\s*\d[\d.,]*\s*(?:k|km|kms|mi|miles|kilometres|kilometers)\b.*$"
    # a date, and what the writer says after it: "Dillon Montana to Sula Montana, 15th June 2017, a holiday"
    rf"|,?\s*\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH}(?:,?\s+\d{{4}})?(?:[,.;:!]\s.*)?\s*$"
    rf"|,?\s*{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?(?:[,.;:!]\s.*)?\s*$"
    r"|\s*[–—-]\s*(?:Show|Rest|Off|Travel|Drive|Zero)\s+Day\b.*$"
    r"|\s+[–—-]\s*(?:Part|Pt\.?)\s*\w{1,3}\s*$"  # "Santa Irene to Santiago de Compostela – Part 2"
    r"|\s*:\s.*$|\s*:$"
    r"|\s+(?:Day|Stage|Leg)\s*#?\d{1,3}\s*$"
)
_DAY_TAIL = re.compile(
    r"\s*[–—-]\s*(?:Show|Rest|Off|Travel|Drive|Zero)\s+Day\b"
    # "Lisbon Day 2", "Lukla to Phakding (Day 1)": the day's label behind the route
    r"|\s*[–—(-]?\s*(?:Day|Stage|Leg)\s*#?\d{1,3}\)?\s*$"
)
# A list's mark in front of a line ("• Whitehall, Wisconsin", "- Brandon, FL.", "3. Akron, Ohio") and a writer's
# remark or mark behind it ("Columbia SC *", "Mount Vernon IL — best surprise ever!").
_BULLET = re.compile(r"^\s*(?:[•*·▪◦‣–—-]\s*|\d{1,2}[.)]\s+)")
_REMARK = re.compile(r"\s*(?:[–—]\s.*|\*+|[.!])\s*$")
_AROUND = re.compile(r"^(?:Around|In|At|Exploring|Rest day in|Rest Day in)\s+")
_SEPARATORS = re.compile(r"\s*(?:-->|->|→|⟶|=>|—>)\s*|\s+to\s+")
# A town of one to four capitalised words (or a lower-case one the writer did not capitalise, after the first),
# then an optional state or country: ", New Mexico", ", NV", " Montana", " Mt".
_LEG = re.compile(
    r"^(?P<name>[A-Z][\w'’.]*(?:[ -](?:[A-Z][\w'’.]*|de|del|la|le|of|upon|on|sur|am))*)"
    r"(?:,?\s+(?P<qualifier>[A-Z][A-Za-z.]*(?:\s+[A-Z][A-Za-z.]*)?))?$"
)


@dataclass(frozen=True, slots=True)
class Leg:
    """One town of a heading's route, where it is in the line, and the state or country written with it."""

    name: str
    start: int
    end: int
    qualifier: str | None


@dataclass(frozen=True, slots=True)
class Route:
    """A heading's legs in order, and whether a day's label says it is one (else only its towns can)."""

    legs: tuple[Leg, ...]
    labelled: bool
    #: The day's number in its label ("Day 1"), if it has one: the first day starts from home.
    day_number: int | None = None
    #: A line that is only a town and its state or country ("Akron, Ohio", "• Sioux Falls, South Dakota"): an
    #: itinerary's entry, when the state or country is one the town is in.
    place_line: bool = False


@lru_cache(maxsize=4096)  # a line is asked about by the headline check, the title check and the reader
def route(line: str) -> Route | None:
    """The route a day's heading names; ``None`` when the line is no such heading."""
    if len(line) > MAX_HEADING_CHARS or "\n" in line.strip():
        return None
    text = line.rstrip()
    label = _DAY_LABEL.match(text)
    start = label.end() if label else 0
    end = len(text)
    day_tail = False
    while True:
        tail = _TAIL.search(text, start, end)
        if tail is None or tail.start() <= start:
            break
        day_tail = day_tail or bool(_DAY_TAIL.match(tail.group(0)))
        end = tail.start()
    labelled = bool(label) or day_tail  # "Bristow, VA -Show Day": the day's label behind
    body = text[start:end]
    parts: list[tuple[int, int]] = []
    cursor = start
    for separator in _SEPARATORS.finditer(text, start, end):
        parts.append((cursor, separator.start()))
        cursor = separator.end()
    parts.append((cursor, end))
    if len(parts) == 1 and labelled and "-" in body and " " not in body.strip():
        # "Day 5 Khumjung-Phortse": two one-word towns joined by a hyphen after a day's label.
        first, _, second = body.strip().partition("-")
        at = start + body.index(first)
        parts = [(at, at + len(first)), (at + len(first) + 1, at + len(first) + 1 + len(second))]
    if len(parts) == 1 and not labelled:
        return _place_line(text)
    if len(parts) > MAX_LEGS:
        return None
    legs = []
    for number, (a, b) in enumerate(parts):
        around = _AROUND.match(text[a:b].lstrip()) if number == 0 and labelled else None
        if around:
            a += len(text[a:b]) - len(text[a:b].lstrip()) + around.end()  # "Day 8 - Around Colorado Springs"
        piece = text[a:b].strip()
        # "Day 1 London to houdain": a writer's lower case is forgiven after a day's label only.
        matched = _LEG.match(piece) or (_LEG.match(piece[:1].upper() + piece[1:]) if labelled else None)
        if matched is None or len(matched["name"].split()) > 4:
            return None
        at = a + text[a:b].index(piece[:1]) if piece else a
        legs.append(Leg(matched["name"], at, at + len(matched["name"]), matched["qualifier"]))
    day = re.search(r"\b(?:Day|Stage|Leg|Etappe)\s*#?(\d{1,3})\b", label.group(0) if label else text[end:])
    return Route(tuple(legs), labelled, int(day.group(1)) if day else None)


def _place_line(text: str) -> Route | None:
    """ "Akron, Ohio", "• Whitehall, Wisconsin", "Jackson Hole WY", "-Brandon, FL.": a town and where it is, alone."""
    bullet = _BULLET.match(text)
    start = bullet.end() if bullet else len(text) - len(text.lstrip())
    remark = _REMARK.search(text, start)
    end = remark.start() if remark else len(text.rstrip())
    matched = _LEG.match(text[start:end])
    if matched is None or (matched["qualifier"] is None and not re.search(r" [A-Z]{2}\.?$", matched["name"])):
        return None  # "Savannah", "Christmas Day": a name alone is a title as often as an entry
    if matched["name"].isupper() and len(matched["name"]) > 3:
        return None  # "KYIV, Ukraine": a dateline's town, where the report is filed from
    leg = Leg(matched["name"], start, start + len(matched["name"]), matched["qualifier"])
    return Route((leg,), labelled=False, place_line=True)
