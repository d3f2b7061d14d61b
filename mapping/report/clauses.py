"""How a clause of the parse places itself in time: which verb a date hangs from, "a day after",
"also ... during the trip", a present-perfect arrival, "a meeting with Putin" and its day."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from mapping.report.vocabulary import EVENT_NOUNS

if TYPE_CHECKING:
    from spacy.tokens import Token


def chain(verb: Token | None) -> list[Token]:
    """The verb and the verbs it hangs from, up to its sentence's root."""
    found: list[Token] = []
    current = verb
    for _ in range(8):
        if current is None:
            break
        if current.pos_ in ("VERB", "AUX") or (verb is not None and current.i == verb.i):
            found.append(current)
        if current.head.i == current.i:
            break
        current = current.head
    return found


def with_whom(token: Token) -> str | None:
    """ "summit with Putin" -> "putin"."""
    if token.lemma_.lower() not in EVENT_NOUNS:
        return None
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ == "with":
            for person in child.children:
                if person.ent_type_ == "PERSON":
                    return person.lower_
    return None


def present(verb: Token) -> bool:
    """A present or present-perfect clause: "has arrived", "is in Baidoa", "meets" (a caption)."""
    if verb.tag_ in ("VBZ", "VBP"):
        return True
    return any(c.dep_ in ("aux", "auxpass") and c.tag_ in ("VBZ", "VBP") and c.lemma_ == "have" for c in verb.children)


def governs(verb: Token, token: Token, *, own: bool = False) -> bool:
    """Whether a temporal expression's token hangs from this verb (or, unless ``own``, the verb it is conjoined to)."""
    targets = {verb.i}
    if verb.dep_ == "conj" and not own:
        targets.add(verb.head.i)
    current = token
    for _ in range(8):
        if current.i in targets:
            return True
        if current.head.i == current.i or (
            current.pos_ in ("VERB", "AUX") and current.i not in targets and current.i != token.i
        ):
            return False
        current = current.head
    return False


def a_day_after(verb: Token) -> bool:
    """The main clause of "A day after visiting X, he ...": the day after the last one spoken of."""
    return any(
        child.lower_ == "day"
        and any(c.lower_ in ("a", "one") for c in child.children)
        and any(c.lower_ == "after" for c in child.children)
        for child in verb.children
    )


def elsewhere_in_time(verb: Token | None) -> bool:
    """ "He also stopped in Kisumu", "during the trip", "had stopped": a stop told out of the day-by-day sequence."""
    if verb is None:
        return False
    if verb.tag_ == "VBN" and any(c.dep_ == "aux" and c.lower_ in ("had", "'d") for c in verb.children):
        return True  # "he had travelled from Washington to New Delhi": before the day spoken of
    for child in verb.children:
        if child.lower_ == "also":
            return True
        if child.lower_ == "earlier" and child.dep_ == "advmod" and not any(True for _ in child.children):
            return True  # "Earlier, Qureshi met Zarif in Tehran": some day before ("earlier in the day" is that day)
        if child.lower_ == "during" and any(
            c.lemma_.lower() in ("trip", "visit", "tour", "journey") for c in child.children
        ):
            return True
    return False


def day_after(verb: Token | None, day: date) -> date:
    """ "A day after visiting X, he travelled to Y on Saturday": X is the day before Y."""
    if verb is None:
        return day
    current = verb
    for _ in range(3):
        head = current.head
        if head.i == current.i:
            return day
        if (
            head.lower_ == "after"
            and head.head.lower_ == "day"
            and any(c.lower_ in ("a", "one") for c in head.head.children)
        ):
            return day - timedelta(days=1)
        current = head
    return day


def clause_verb(token: Token) -> Token | None:
    """The verb whose clause a token belongs to (None in a verbless phrase)."""
    current = token
    for _ in range(8):
        if current.pos_ in ("VERB", "AUX") and current.i != token.i:
            return current
        if current.head.i == current.i:
            return None
        current = current.head
    return None


def before(clause: Token, verb: Token) -> bool:
    """ "landed in Belfast at 9.20pm after leaving Washington earlier today": a clause told as what came just
    before the verb's event; its day is the event's too when the event has none of its own."""
    current = clause
    for _ in range(4):
        head = current.head
        if head.i == current.i:
            return False
        if current.lower_ in ("after", "following") and head.i == verb.i:
            return True
        current = head
    return False
