"""Whether a clause tells what happened, or something else: a plan, a programme, a habit, a negation.

"will visit", "is expected to travel", "Friday will see the President travel to ...", "8:40 a.m.: Depart
Washington", "the tour concludes on Friday with a visit to Cardiff", "Traditionally, the King spends a week
each year at ...", "did not stop in Beijing": none of these puts the traveller anywhere.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from mapping.report.vocabulary import EVENT_NOUNS, FUTURE_AUX, HABIT_ADVERBS, PLAN_FORMS, PLAN_WORDS

if TYPE_CHECKING:
    from spacy.tokens import Token


def schedule_entry(verb: Token) -> bool:
    """A bare verb without a subject at the head of its line: a programme's entry or an instruction
    ("8:40 a.m.: Depart Washington en route to Fort Benning", "Arrive at the hotel"), not an account."""
    return (
        verb.dep_ == "ROOT"
        and verb.tag_ == "VB"
        and not any(c.dep_ in ("nsubj", "nsubjpass", "expl", "aux", "auxpass") for c in verb.children)
    )


def programme(verb: Token) -> bool:
    """A visit told in the simple present as the subject is a programme: "the visit begins on Saturday",
    "the tour concludes on Friday with a visit to Cardiff", "Trump's day starts with a rally in Potterville",
    "his itinerary includes stops in Ames".
    (A caption's present has a person as the subject: "Harry meets victims in Luanda" is an account.)"""
    if verb.tag_ not in ("VBZ", "VBP") or any(c.dep_ in ("aux", "auxpass") for c in verb.children):
        return False
    return any(c.dep_ == "nsubj" and c.lemma_.lower() in EVENT_NOUNS | _PROGRAMME_NOUNS for c in verb.children)


#: What a programme is written in: "His itinerary includes stops in Ames and Ottumwa", "the route takes in Leeds".
_PROGRAMME_NOUNS = frozenset({"itinerary", "schedule", "programme", "program", "agenda", "timetable", "route"})


def habitual(verb: Token) -> bool:
    """A habit, not an event: "traditionally spends a week each year at", "usually stays in"."""
    for child in verb.children:
        if child.dep_ == "advmod" and child.lower_ in HABIT_ADVERBS:
            return True
        if child.dep_ == "npadvmod" and any(c.lower_ in ("each", "every") for c in child.children):
            return True
    return False


#: Words whose complement did not happen: "was unable to reach", "failed to land in", "refused to visit".
_FAILED = frozenset({"unable", "fail", "refuse", "decline", "cancel", "scrap", "abandon"})


# What gives a joined verb a clause of its own: its own subject or auxiliary.
_OWN_CLAUSE = frozenset({"nsubj", "nsubjpass", "aux"})


def negated(verb: Token) -> bool:
    """ "did not stop in", "were not able to fly to", "was unable to reach", "failed to land in", "had no time to
    stop in": it did not happen."""
    current = verb
    while (
        current.dep_ in ("conj", "dep")
        and current.tag_ == "VB"
        and current.head.pos_ in ("VERB", "AUX")
        and not any(c.dep_ in _OWN_CLAUSE for c in current.children)
    ):
        # "We did not attend an opera, go to Symphony Hall or visit the museum": a bare verb joined to another
        # shares its "did not" (unlike "did not stop in Reno and drove on to Elko", a clause of its own).
        current = current.head
    for _ in range(3):
        if any(c.dep_ == "neg" for c in current.children):
            return True
        if current.i != verb.i and current.lemma_.lower() in _FAILED:
            return True
        if current.dep_ in ("acl", "relcl") and any(c.lower_ == "no" for c in current.head.children):
            return True  # "there was no way to go to Shanghai", "had no time to stop in Dijon"
        if current.dep_ not in ("xcomp", "acomp") or current.head.i == current.i:
            return False
        current = current.head
    return False


def planned(verb: Token, *, own_past_day: bool = False) -> bool:
    """A future, a possibility or a plan: "will visit", "is expected to travel", "plans to stop".

    A clause under a future one is a plan too ("will celebrate mass after visiting Mosul"), unless it
    carries a past day of its own (``own_past_day``: "will be his third visit, after a speech on Monday").
    """
    current = verb
    for _ in range(6):
        if schedule_entry(current):
            return True
        for child in current.children:
            if child.dep_ in ("aux", "auxpass") and (child.lower_ in FUTURE_AUX or child.tag_ == "MD"):
                return True
            if child.dep_ == "acomp" and child.lemma_.lower() in PLAN_WORDS:
                return True
        head = current.head
        if head.i == current.i:
            return False
        if current.dep_ == "xcomp":
            if head.lemma_.lower() in PLAN_WORDS or head.lower_ in PLAN_FORMS or head.lemma_.lower() == "be":
                return True  # "is scheduled to campaign", "is to visit"
            current = head
            continue
        if current.dep_ in ("conj", "ccomp"):
            # "Friday will see the President travel to ...": a clause under a future is one.
            current = head
            continue
        if current.dep_ in ("advcl", "pcomp", "pobj", "prep") and not own_past_day:
            current = head
            continue
        if current.dep_ in ("relcl", "acl") and current.tag_ in ("VBZ", "VBP", "VBG", "VBN") and not own_past_day:
            # "a mass that includes thousands, after visiting Mosul": present under a future is future.
            current = head
            continue
        if current.pos_ in ("NOUN", "PROPN") and current.dep_ in ("dobj", "pobj", "attr", "nsubj", "nsubjpass"):
            current = head
            continue
        return False
    return False
