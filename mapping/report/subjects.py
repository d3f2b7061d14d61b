"""Who acts in a clause: a verb's subject, and whether a token is the traveller, their vehicle or someone else."""

from __future__ import annotations

from typing import TYPE_CHECKING

from mapping.report.vocabulary import GROUP_NOUNS, PRONOUNS, RECEIVING_VERBS, VEHICLE_NOUNS

if TYPE_CHECKING:
    from spacy.tokens import Token


def surname(token: Token) -> str:
    """The last word of the entity a token belongs to ("Narendra Modi" -> "modi")."""
    doc = token.doc
    end = token.i
    while end + 1 < len(doc) and doc[end + 1].ent_iob_ == "I":
        end += 1
    return doc[end].lower_.removesuffix("'s").removesuffix("’s")


def subject_of(verb: Token) -> Token | None:
    """The subject of a verb, looking through conjoined and subordinate verbs ("arrived and visited")."""
    current: Token | None = verb
    for _ in range(6):
        if current is None:
            return None
        for child in current.children:
            if child.dep_ in ("nsubj", "nsubjpass", "expl") and child.dep_ != "expl":
                return child
        if current.dep_ in ("conj", "xcomp", "advcl", "pcomp", "acl", "relcl", "ccomp") and current.head.i != current.i:
            current = current.head
            continue
        if current.pos_ == "ADP" and current.dep_ == "prep" and current.head.pos_ in ("VERB", "AUX"):
            # "After wowing the crowds, Modi began": the subject of the clause the phrase belongs to.
            current = current.head
            continue
        return None
    return None


def traveller_subject(verb: Token, traveller: frozenset[str]) -> bool:
    """Whether the verb's subject is the traveller (see :func:`is_traveller`)."""
    subject = subject_of(verb)
    return subject is not None and is_traveller(subject, traveller)


def is_traveller(token: Token, traveller: frozenset[str]) -> bool:
    """The traveller: a pronoun, their name, their vehicle or their party ("the delegation")."""
    return (
        token.lower_ in PRONOUNS
        or surname(token) in traveller
        or vehicle(token)
        or (token.pos_ == "NOUN" and token.lemma_.lower() in GROUP_NOUNS)
    )


def vehicle(token: Token) -> bool:
    """What carries the traveller: "the plane", "his motorcade", "Air Force One", "Shepherd One"."""
    if token.lemma_.lower() in VEHICLE_NOUNS:
        # "the plane", "his motorcade"; not "a Chinese ship", which is someone else's.
        return not any(
            (c.dep_ == "det" and c.lower_ in ("a", "an", "another")) or c.ent_type_ == "NORP" for c in token.children
        )
    # A head of state's aircraft is named by its call sign: a name that ends in "One" ("Air Force One").
    return token.lower_ == "one" and token.pos_ == "PROPN" and any(c.dep_ == "compound" for c in token.children)


def someone_else(token: Token, traveller: frozenset[str]) -> bool:
    """A named person who is not the traveller (the small model tags some, "Trump", as organisations)."""
    if not traveller or surname(token) in traveller:
        return False
    return token.ent_type_ == "PERSON" or (
        token.ent_type_ == "ORG" and token.ent_iob_ == "B" and surname(token) == token.lower_
    )


def receives_traveller(verb: Token, lemma: str, traveller: frozenset[str]) -> bool:
    """ "Hanoi welcomed Biden", "Paris received him": a town that receives the traveller is where they are."""
    return lemma in RECEIVING_VERBS and any(
        c.dep_ == "dobj" and (c.lower_ in ("him", "her", "them", "us") or surname(c) in traveller)
        for c in verb.children
    )


def object_is(verb: Token, traveller: frozenset[str]) -> bool:
    # The small model tags some names as organisations ("meeting Salame"): the name decides.
    return any(
        c.dep_ == "dobj" and (c.ent_type_ in ("PERSON", "ORG") or c.pos_ == "PROPN") and surname(c) in traveller
        for c in verb.children
    )
