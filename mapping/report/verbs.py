"""What a verb of a parsed sentence tells on its own: whether it happened where the traveller was ("without
leaving Norfolk", "it's been beautiful in Seattle"), whether it carries something or someone, and where the verb
above a word is. The small tests ``visits`` builds its judgement from."""

from __future__ import annotations

from typing import TYPE_CHECKING

from mapping.report.subjects import is_traveller, someone_else
from mapping.report.vocabulary import OCCURRENCE_VERBS, PRONOUNS, STOP_NOUNS, VEHICLE_NOUNS

if TYPE_CHECKING:
    from spacy.tokens import Token

#: "without leaving Norfolk", "without setting foot in", "without travelling": the traveller stayed where they were.
_STAYING_PUT = frozenset({"leave", "set", "travel", "go", "step"})


def stayed_put(verb: Token) -> bool:
    """ "toured a school in Burnley without leaving Norfolk", "without leaving Norfolk": what did not happen, and
    home is no stop."""
    return verb.head.lower_ == "without" or any(
        c.lower_ == "without" and any(g.lemma_.lower() in _STAYING_PUT for g in c.children) for c in verb.children
    )


def after_a_name(preposition: Token) -> bool:
    """ "Newbridge, near ...": the preposition follows a name and a comma, whatever the parser hung it from."""
    doc = preposition.doc
    i = preposition.i
    return i >= 2 and doc[i - 1].text == "," and doc[i - 2].pos_ == "PROPN"


def verbless(token: Token) -> bool:
    return not any(t.pos_ in ("VERB", "AUX") for t in token.sent)


def verb_above(token: Token) -> Token | None:
    for _ in range(8):
        if token.pos_ in ("VERB", "AUX"):
            return token
        if token.head.i == token.i:
            return None
        token = token.head
    return None


def has_past_day(token: Token, past_days: frozenset[int]) -> bool:
    return any(t.i in past_days for t in token.subtree)


def weather(verb: Token) -> bool:
    """ "it's been beautiful back in Seattle", "it was freezing in Oslo": what a place is like, said of no one."""
    return any(c.dep_ in ("nsubj", "nsubjpass", "expl") and c.lower_ == "it" for c in verb.children) and any(
        c.dep_ == "acomp" for c in verb.children
    )


def occurs(verb: Token, lemma: str) -> bool:
    """ "began", "took place", "ended": the verb tells the event happening."""
    if lemma not in OCCURRENCE_VERBS:
        return False
    return lemma != "take" or any(c.dep_ == "dobj" and c.lower_ == "place" for c in verb.children)


def stop_subject(verb: Token, traveller: frozenset[str]) -> bool:
    """ "Johnson's final stop was ...", "the next destination was ...": a copula that names a stop."""
    for child in verb.children:
        if child.dep_ == "nsubj" and child.lemma_.lower() in STOP_NOUNS:
            owner = next((c for c in child.children if c.dep_ == "poss"), None)
            return owner is None or not someone_else(owner, traveller)
    return False


def carries_object(verb: Token) -> bool:
    """ "sent troops to Kyiv": what goes there is the object; "hightailed it to Olney" is the subject."""
    return any(
        c.dep_ == "dobj"
        and c.lower_ not in ("it", "ourselves", "themselves", "himself", "herself")
        and not conveyance(c)
        for c in verb.children
    )


def carries_traveller(verb: Token, traveller: frozenset[str]) -> bool:
    """The verb's object is the traveller: "brought us", "took the squad", "carried the Pope"."""
    return any(
        c.dep_ == "dobj" and (c.lower_ in _CARRIED or (c.lower_ not in PRONOUNS and is_traveller(c, traveller)))
        for c in verb.children
    )


#: The traveller as the object of a verb: "brought us", "took them", not "took it".
_CARRIED = frozenset({"us", "me", "him", "her", "them"})


def conveyance(noun: Token) -> bool:
    """ "the train", "a bus", "a flight": what the traveller rides ("caught the train to ...")."""
    return noun.pos_ == "NOUN" and (noun.lemma_.lower() in VEHICLE_NOUNS or noun.lemma_.lower() == "flight")
