"""A report's text cut into the pieces the pipeline reads, in linear time and within budgets.

Every scan here is one pass of a bounded regular expression or a slice of fixed
width: a 200,000-character paste costs milliseconds, not minutes.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace

from mapping.report.dates import EXPLICIT, MAX_TEXT_CHARS, find_times, reference_date_from
from mapping.report.routes import route

__all__ = [
    "MAX_TEXT_CHARS",
    "Sentence",
    "chunks",
    "find_dateline",
    "schedule_lines",
    "split_sentences",
    "stage_heading",
    "title_of",
]
#: The most sentences read from one report.
MAX_SENTENCES = 6_000
#: A paragraph longer than this is handed to the parser in sentence-sized pieces.
MAX_PARAGRAPH_CHARS = 5_000
#: The longest place name sent to the gazetteer.
MAX_QUERY_CHARS = 100

_ABBREVIATION_TEXT = """Mr Mrs Ms Dr Lt Gen Adm Col Capt Maj Sgt St Mt No U.S U.K Gov Sen Rep Prof Jan Feb Mar Apr Jun Jul
    Aug Sep Sept Oct Nov Dec Jr Sr Inc Corp Co Ltd vs Mich Wis Ga Pa Penn Calif Fla Ill Md Va Mass Conn
    Ariz Nev Tex Ore Wash"""
_ABBREVIATIONS = frozenset(_ABBREVIATION_TEXT.split())
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’)]?\s+(?=[\"“‘(]?[A-Z0-9])")
_LAST_WORD = re.compile(r"(\S+)$")
_PARAGRAPH = re.compile(r"[^\n]+(?:\n(?![ \t]*\n)[^\n]+)*")


@dataclass(frozen=True, slots=True)
class Sentence:
    text: str
    start: int
    index: int


def split_sentences(text: str) -> list[Sentence]:
    """Sentences by punctuation, in one pass: a boundary after a known abbreviation is not one."""
    sentences: list[Sentence] = []
    for paragraph in _PARAGRAPH.finditer(text):
        body, offset, cursor = paragraph.group(0), paragraph.start(), 0
        for boundary in _SENTENCE_END.finditer(body):
            # Only the few characters before the boundary are looked at, so the pass stays linear.
            tail = body[max(cursor, boundary.start() - 12) : boundary.start()].rstrip('.!?"”’)')
            last = _LAST_WORD.search(tail)
            if last and last.group(1).rstrip(".") in _ABBREVIATIONS:
                continue
            piece = body[cursor : boundary.start()].strip()
            if piece:
                sentences.append(Sentence(piece, offset + cursor, len(sentences)))
                if len(sentences) >= MAX_SENTENCES:
                    return sentences
            cursor = boundary.end()
        piece = body[cursor:].strip()
        if piece:
            sentences.append(Sentence(piece, offset + cursor, len(sentences)))
            if len(sentences) >= MAX_SENTENCES:
                return sentences
    return sentences


def chunks(text: str) -> Iterator[tuple[int, str]]:
    """(offset, piece): paragraphs, with long ones cut at sentence ends (or, with none, into fixed slices)."""
    for paragraph in _PARAGRAPH.finditer(text):
        body, base = paragraph.group(0), paragraph.start()
        if len(body) <= MAX_PARAGRAPH_CHARS:
            yield base, body
            continue
        start = last_end = 0
        for boundary in _SENTENCE_END.finditer(body):
            if boundary.start() - start > MAX_PARAGRAPH_CHARS and last_end > start:
                yield base + start, body[start:last_end]
                start = last_end
            while boundary.start() - start > MAX_PARAGRAPH_CHARS:
                yield base + start, body[start : start + MAX_PARAGRAPH_CHARS]
                start += MAX_PARAGRAPH_CHARS
            last_end = boundary.end()
        while len(body) - start > MAX_PARAGRAPH_CHARS:
            cut = last_end if start < last_end < start + MAX_PARAGRAPH_CHARS else start + MAX_PARAGRAPH_CHARS
            yield base + start, body[start:cut]
            start = cut
        if start < len(body):
            yield base + start, body[start:]


# "HANOI —", "KATHMANDU, May 6:", "LANSING, Mich. (AP) —", "KYIV, Dec 21 (Reuters) –", "Abu Dhabi, Feb 13 (PTI)", "STONECREST, Ga. —"
_DATELINE = re.compile(
    r"^[ \t]*(?P<place>[A-Z][A-Za-z.'’ -]{1,40}?)"
    r"(?:,[ \t]*(?P<extra>[A-Z][A-Za-z.]{1,12}\.?(?:[ \t]+\d{1,2}(?:,?[ \t]+\d{4})?)?|\d{1,2}[ \t]+[A-Z][a-z]{2,8}\.?(?:[ \t]+\d{4})?))?"
    r"(?:[ \t]*\[[^\]\n]{1,30}\])?"
    r"(?:[ \t]*\((?P<agency>[A-Za-z. ]{2,20})\))?"
    r"[ \t]*(?:—|–|--|-(?=[ \t])|:(?=[ \t]))",
    re.M,
)
_WIRE = re.compile(
    r"^[ \t]*(?P<place>[A-Z][A-Za-z.'’ -]{1,40}?),[ \t]*(?P<extra>[A-Z][a-z]{2,4}\.?[ \t]+\d{1,2})[ \t]*\((?P<agency>[A-Za-z. ]{2,20})\)"
)
# Agencies' other orders, for a town in capitals: "MOSCOW (Russia), Feb 23 (APP):Prime Minister ...",
# "CHENGDU, China, (UrduPoint / Pakistan Point News - 23rd Jul, 2021 ) :Foreign Minister ...". Between the town
# and the dash or colon only a country, a date and an agency, in brackets or after commas; no sentence.
_CAPITALS = re.compile(
    r"^[ \t]*(?P<place>[A-Z][A-Z.'’-]+(?:[ \t][A-Z][A-Z.'’-]+){0,3})"
    r"(?P<extra>(?:[ \t]*,?[ \t]*\([^()\n]{2,60}\)|[ \t]*,[ \t]*[A-Za-z0-9.'’ /]{2,40}?){1,4}?)"
    r"[ \t]*(?:—|–|--|-(?=[ \t])|:)",
    re.M,
)


@dataclass(frozen=True, slots=True)
class Dateline:
    place: str
    date_text: str | None
    start: int
    end: int
    #: The state or country written with the town ("MILFORD, N.H.", "DAVENPORT, Iowa", "LIMA (Peru)"), if any.
    where: str | None = None


def find_dateline(text: str) -> Dateline | None:
    """The dateline that opens the first paragraphs, if any: where the reporter filed from, and when."""
    head = text[:1_500]
    for pattern in (_WIRE, _DATELINE, _CAPITALS):
        for match in pattern.finditer(head):
            place = match.group("place").strip()
            extra = match.group("extra")
            upper = place.isupper() and len(place) > 2
            if (pattern is _DATELINE and not (upper or match.group("agency"))) or len(place.split()) > 4:
                continue
            if pattern is _CAPITALS and (not upper or not extra or _date_in(extra) is None):
                continue  # "NEW DELHI: ..." alone is the plain pattern's; here a date must say it is a dateline
            date_text = (_date_in(extra) or extra) if extra and re.search(r"\d", extra) else None
            where = next((p for p in re.split(r"[,()]", extra or "") if p.strip() and not re.search(r"\d", p)), None)
            dateline = Dateline(place.title() if upper else place, date_text, match.start("place"), match.end())
            return replace(dateline, where=where.strip() if where else None)
    return None


def _date_in(extra: str) -> str | None:
    """The date among a dateline's country and agency ("Feb 23", "23rd Jul, 2021"), read as any text's dates are."""
    found = [expr for expr in find_times(extra, None, None) if expr.kind == EXPLICIT]
    return found[0].text if found else None


def title_of(text: str) -> str:
    """The headline: the first short line that is neither a date nor a sentence."""
    for line in text.strip().splitlines()[:20]:
        line = line.strip()
        headline = len(line) <= 150 and len(line.split()) >= 2 and not line.endswith((".", ":"))
        if headline and reference_date_from(line) is None:
            return line
    return "Draft trip from a report"


def stage_heading(line: str) -> bool:
    """Whether a line is a day's route ("Day 3: Pokhara to Kathmandu", see ``routes``): the day's account, not a
    headline."""
    return len(line) <= 120 and route(line.strip()) is not None


# "- 8:40 a.m.: Depart Washington", "10.30: Arrive at the airport", "2 p.m. - Visit the school": a timetable's line.
_SCHEDULE_LINE = re.compile(
    r"^[ \t]*(?:[-–•*][ \t]*)?\d{1,2}(?:[:.]\d{2})?[ \t]*(?:[ap]\.?[ \t]?m\.?)?[ \t]*[:–-][ \t]*(?P<word>[A-Za-z]+)[^\n]*",
    re.M | re.I,
)


def schedule_lines(text: str, verbs: frozenset[str]) -> list[tuple[int, int]]:
    """The lines of a timetable in a text: a clock time, then a verb in its bare form ("Depart", "Arrive",
    "Visit"). A programme tells what is to happen, not what happened; an account says "arrived"."""
    return [
        (match.start(), match.end()) for match in _SCHEDULE_LINE.finditer(text) if match.group("word").lower() in verbs
    ]
