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

import os
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from mapping.geocode.gazetteer import OfflineGazetteer
from mapping.report.dates import MAX_TEXT_CHARS, find_times, reference_date_from, trip_year
from mapping.report.nlp import model, parse_lock
from mapping.report.text import MAX_SENTENCES, chunks, find_dateline, stage_heading, title_of
from mapping.report.travellers import travellers
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
# The app's: longer, since the visitor sees a progress bar and can leave (which stops the parse).
APP_TIME_BUDGET = 30.0
# From this length a report is parsed by as many processes as there are cores (at most two), where the caller
# allows it: below it, starting the processes costs more than it saves.
PARALLEL_FROM_CHARS = 30_000

#: Called after each piece parsed with (characters read, characters in all); it may raise to stop the reading.
Progress = Callable[[int, int], None]


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
    progress: Progress | None = None,
    parallel: bool = False,
) -> Reading:
    """:func:`extract`, within an optional time budget for the parse (seconds): past it, the rest of the
    text is not read, and the reading says how far it got (the caller tells the user).

    ``progress`` hears of each piece parsed, and may raise to stop (the app's progress bar does when the
    visitor leaves). ``parallel`` lets a long report be parsed by two processes: only for a caller with
    no other threads (the CLI), since the workers are forked.
    """
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
    processes = min(2, os.cpu_count() or 1) if parallel and len(text) >= PARALLEL_FROM_CHARS else 1
    # Small batches, so that the budget and the visitor's leaving are looked at often; but workers fed small
    # batches spend half their time passing them (a 200,000-character report: 6.4 s at 4 a batch, 4.2 s at 16).
    batches = 4 if time_budget is not None and processes == 1 else 16
    nlp = model()

    def within_budget() -> Iterator[str]:
        # The budget stops the feed, not the loop below: a parallel parse left early hangs in spaCy's
        # clean-up (its workers wait to send what they still hold), while a feed that ends drains in order.
        for index, (_, piece) in enumerate(pieces):
            if index and time_budget is not None and time.monotonic() - started > time_budget:
                return
            yield piece

    with parse_lock:
        parsed = nlp.pipe(within_budget(), batch_size=batches, n_process=processes)
        for (offset, piece), doc in zip(pieces, parsed, strict=False):
            docs.append(doc)
            read_to = offset + len(piece)
            if progress is not None:
                progress(read_to, total)
    if len(docs) == len(pieces) and total <= MAX_TEXT_CHARS:
        read_to = total
    pieces = pieces[: len(docs)]
    where = frozenset(dateline.place.lower().split()) if dateline is not None else frozenset()
    reader = Reader(gazetteer, reference, year, travellers(docs, places=where))
    if dateline is not None:
        reader.context(dateline.place, dateline.where)
        reader.dateline_end = dateline.end
        reader.filed = " ".join(text[dateline.start : dateline.end].split())
        reader.filed_at = dateline.start
    headline = title_of(text)
    # The headline repeats the story in the present tense ("Trump to visit Michigan"): not evidence.
    # A day's route as the first line ("Day 65: Tarragona to Arnes – 108k") is the day's account, read.
    skip_from = text.find(headline) if headline and len(headline.split()) < 25 and not stage_heading(headline) else -1
    skip_to = skip_from + len(headline) if skip_from >= 0 else -1
    sentences = 0
    for number, ((offset, piece), doc) in enumerate(zip(pieces, docs, strict=True)):
        listed = _a_list(piece)  # a set list, a menu, an itinerary: titles, not sentences; only its towns are read
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
                # The title glued by the parser to the lines under it ("KYIV, Ukraine\nMay 3 - The minister
                # arrived ...", "Day 12\nLafayette to Opelousas, LA"): those lines are read, the title is not.
                rest = doc.char_span(skip_to - offset, sentence.end_char, alignment_mode="contract")
                if rest is None or not len(rest):
                    continue
                sentence = rest
            if listed or len(sentence) > MAX_SENTENCE_TOKENS or _title_like(sentence):
                # Not prose (a list, a table, a heading, titles of songs): only an itinerary's lines are read.
                reader.read_headings(sentence)
                continue
            reader.read(sentence, [c for c in noun_chunks if sentence.start <= c.start < sentence.end])
    return Reading(Trip(title or headline, tuple(reader.stops())), read_to, total)
