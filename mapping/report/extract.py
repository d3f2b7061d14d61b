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
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from mapping.geocode.gazetteer import OfflineGazetteer
from mapping.report.dates import MAX_TEXT_CHARS, find_times, reference_date_from, trip_year
from mapping.report.nlp import model, parse_lock
from mapping.report.text import MAX_SENTENCES, chunks, find_dateline, title_of
from mapping.report.visits import travellers
from mapping.trip.model import Trip

if TYPE_CHECKING:
    from spacy.tokens import Doc

from mapping.report.mentions import (
    _a_list,
    _title_like,
)
from mapping.report.reader import Reader

# A "sentence" longer than this is not prose (a list, a table, text without punctuation): it is not read.
MAX_SENTENCE_TOKENS = 250
# The CLI's time budget for parsing one report (seconds): what is not parsed by then is not read, and it says so.
CLI_TIME_BUDGET = 6.0


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
    reader = Reader(gazetteer, reference, year, travellers(docs))
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
