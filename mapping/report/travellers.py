"""Who the report is about: the traveller, their other names and their companions, read from the parse."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from mapping.report.subjects import subject_of, surname, vehicle
from mapping.report.vocabulary import LIGHT_VERBS, NOT_TRAVELLER_ENTITIES, RECEIVING_VERBS, TITLE_NOUNS, VISIT_VERBS

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token


def travellers(docs: list[Doc], *, places: frozenset[str] = frozenset()) -> frozenset[str]:
    """The report's main subject of travel: the name most often subject of a visit verb,
    and most often named when two are tied ("Harris" over "Trump" in a report about Harris). ``places``: names
    known to be places (the dateline's town), never the traveller."""
    counts: Counter[str] = Counter()
    named: Counter[str] = Counter()
    # Names the text goes to or is in ("flew to Lyon", "in Lyon"): places, whatever the model tagged them.
    destinations: set[str] = set(places)
    for doc in docs:
        for token in doc:
            if token.pos_ == "PROPN":
                named[token.lower_] += 1
            after = doc[token.i + 1].text if token.i + 1 < len(doc) else ""
            possessive = after in ("'s", "’s", "'", "’")  # "at Harris' first rally"
            if token.dep_ == "pobj" and token.pos_ == "PROPN" and not possessive and _destination(token.head):
                destinations.add(token.lower_)
            if token.pos_ == "VERB" and token.lemma_.lower() in VISIT_VERBS:
                # "Lamsal welcomed Kamikawa at the airport": the one received travels, not the host.
                received = token.lemma_.lower() in RECEIVING_VERBS and not any(
                    c.dep_ == "auxpass" for c in token.children
                )
                subject = next((c for c in token.children if c.dep_ == "dobj"), None) if received else subject_of(token)
                if subject is None or subject.ent_type_ in NOT_TRAVELLER_ENTITIES or vehicle(subject):
                    continue  # "Kathmandu holds the title", "Air Force One landed": not who travels
                if subject.i == 0 and len(doc) > 1 and doc[1].text == ",":
                    continue  # "KATHMANDU, May 6: ..." parsed as the subject: a dateline
                if subject.ent_type_ in ("PERSON", "ORG") or subject.pos_ == "PROPN":
                    name = surname(subject)
                    if name not in TITLE_NOUNS:  # "The Duke of Cambridge played": a title, not a name
                        counts[name] += 1
    for name in destinations:
        counts.pop(name, None)
    if not counts:
        return frozenset()
    ranked = sorted(counts, key=lambda name: (-counts[name], -named[name], name))
    top = ranked[0]
    main = frozenset(n for n in ranked if (counts[n], named[n]) == (counts[top], named[top]))
    return main | _companions(docs, main) | _other_names(docs, main)


def _destination(preposition: Token) -> bool:
    """ "in", "into", "at" a name, or "to" it after a verb of going: a place."""
    if preposition.lower_ in ("in", "into", "at"):
        return True
    return preposition.lower_ == "to" and preposition.head.lemma_.lower() in VISIT_VERBS - LIGHT_VERBS


def _other_names(docs: list[Doc], main: frozenset[str]) -> frozenset[str]:
    """The other words of the traveller's name ("Pope Francis", "Kamala Harris"): "the Pope has returned"
    and "Kamala arrived" are the traveller too."""
    found: set[str] = set()
    for doc in docs:
        for ent in doc.ents:
            if ent.label_ != "PERSON" or len(ent) > 4:
                continue
            # With the title the model leaves outside the name ("Pope" in "Pope Francis"), unless it is a
            # rank many hold ("President", "Prince").
            words = [*ent, *(c for c in ent.root.children if c.dep_ == "compound" and c.i < ent.start)]
            names = {t.lower_ for t in words if t.is_alpha and len(t) > 1 and t.lower_ not in TITLE_NOUNS}
            if names & main:
                found.update(names)
    return frozenset(found)


def _companions(docs: list[Doc], main: frozenset[str]) -> frozenset[str]:
    """People the traveller travels with: named in one subject with them ("Charles and Camilla arrived"),
    so that "Camilla visited the library" is the trip's too, not someone else's event."""
    found: set[str] = set()
    for doc in docs:
        for token in doc:
            if token.dep_ not in ("nsubj", "nsubjpass") or token.head.lemma_.lower() not in VISIT_VERBS:
                continue
            group = [token, *token.conjuncts]
            names = {surname(t) for t in group if t.ent_type_ == "PERSON" or t.pos_ == "PROPN"}
            if names & main:
                found.update(n for n in names if n not in TITLE_NOUNS)
    return frozenset(found)
