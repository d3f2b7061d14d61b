"""A journey across midnight: set off at night, arrived in the morning, so the arrival is the next day.

"We caught the sleeper from Hanoi at 10pm on Saturday night. ... We arrived in Hue at 10.45am": Hue is Sunday's,
though no sentence names Sunday. Only an arrival told with a morning hour and no day of its own moves on a day.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

#: A departure told at night: "at 10pm", "on Saturday night", "the overnight train", "a red-eye".
_NIGHT = re.compile(
    r"\b(?:overnight|night\s+(?:train|bus|flight|ferry|boat|crossing)|sleeper\s+(?:train|bus)|red-?eye"
    r"|(?:1[01]|[89])(?:[.:][0-5]\d)?\s*p\.?\s?m\b|(?:mon|tues|wednes|thurs|fri|satur|sun)day\s+night|that\s+night)",
    re.I,
)
#: A morning hour: "at 10.45am", "at 6 a.m.", "early the next morning" is already a day of its own.
_MORNING = re.compile(r"\b(?:[1-9]|1[01])(?:[.:][0-5]\d)?\s*a\.?\s?m\b|\bat\s+(?:dawn|daybreak|sunrise)\b", re.I)
#: Setting off, with whatever carries the traveller.
_SET_OFF = frozenset(
    {"catch", "take", "board", "leave", "depart", "fly", "drive", "sail", "ride", "set", "head", "get"}
)
#: Getting there.
ARRIVALS = frozenset({"arrive", "reach", "land", "get", "pull", "roll", "dock"})
#: How many sentences later an arrival can still be the end of that night's journey (a blog tells the ride at
#: length); a stop or a day told in between ends the wait sooner.
SENTENCES_AFTER = 12


def night_departure(sentence: Span) -> bool:
    """Whether the sentence sets off at night ("caught the train at 10pm on Saturday night")."""
    return bool(_NIGHT.search(sentence.text)) and any(
        t.pos_ == "VERB" and t.lemma_.lower() in _SET_OFF for t in sentence
    )


def morning_arrival(verb: Token | None) -> bool:
    """Whether the verb is an arrival whose sentence tells a morning hour ("arrived in Hue at 10.45am")."""
    return verb is not None and verb.lemma_.lower() in ARRIVALS and bool(_MORNING.search(verb.sent.text))
