"""A town the visit rules leave, read as a weaker visit when nothing in its clause says it is not one.

The visit rules (``visits``) want the place to hang from the traveller's own event. Real reports say where the
traveller was in more ways than they list ("lunch in Two Rivers", "the ride through Herkimer", "dinner in
Shanghai with the parents"), so a town told after a preposition of place, in a clause that is not negated, a
plan, a habit, a programme, speech, a life, someone else's doing or a site's address, is a visit too, at a lower
strength. Such a town is kept only near the trip's other stops (``mentions``), and no other stop leans on it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from mapping.report.plans import habitual, negated, planned, programme
from mapping.report.subjects import someone_else, subject_of, vehicle
from mapping.report.verbs import stayed_put, weather
from mapping.report.visits import FROM_AFAR, Visit
from mapping.report.vocabulary import (
    LIFE_VERBS,
    NOT_VISIT_VERBS,
    PLAN_ADJECTIVES,
    PLAN_WORDS,
    SPEECH_VERBS,
    TITLE_NOUNS,
    VEHICLE_NOUNS,
)

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

#: How sure a town told this way is, against 1.0 for a visit verb.
STRENGTH = 0.4
#: Prepositions of where one is: not "to" ("lost to Liverpool", "pointed to Beijing", "booked a train to Leeds":
#: a destination needs a movement, which the visit rules read), nor "of", "about", "from", "near", "than".
_WHERE = frozenset({"in", "at", "through", "via", "across", "around", "throughout", "along", "past"})
#: "New York State", "Cheshire County": the area, not its town.
_AREA_WORDS = frozenset({"state", "county", "province", "region", "district", "shire"})


def mentioned_visit(place: Span, *, traveller: frozenset[str], site_heads: set[int]) -> Visit | None:
    """The weaker visit a town after a preposition of place tells, or ``None``."""
    doc = place.doc
    if place[-1].lower_ in _AREA_WORDS or (place.end < len(doc) and doc[place.end].lower_ in _AREA_WORDS):
        return None
    token = place.root
    while token.dep_ in ("conj", "appos") and token.head.i != token.i:
        token = token.head  # "in Lumberton, Circleville and Waukesha"
    if token.dep_ != "pobj" or token.head.lower_ not in _WHERE:
        return None
    verb = _verb_on_path(token.head, site_heads)
    if verb is None:
        return None
    lemma = verb.lemma_.lower()
    if lemma in SPEECH_VERBS | LIFE_VERBS | NOT_VISIT_VERBS | PLAN_WORDS:
        return None
    if negated(verb) or planned(verb) or habitual(verb) or programme(verb) or stayed_put(verb) or weather(verb):
        return None
    subject = subject_of(verb)
    if subject is not None and (
        someone_else(subject, traveller) or (subject.lemma_.lower() in VEHICLE_NOUNS and not vehicle(subject))
    ):
        return None  # "Trump held a rally in Reading" in a report on Harris, "a Chinese ship docked at Ream"
    return Visit(verb, None, STRENGTH)


def _verb_on_path(token: Token, site_heads: set[int]) -> Token | None:
    """The verb the preposition's phrase belongs to, unless a noun on the way only places or names something:
    a site's address ("Joint Base Andrews in Washington"), a title ("the mayor of ..."), a planned, remote or
    someone else's event ("a planned visit to Stonecrest", "a video tour of a school in Burnley")."""
    for _ in range(8):
        head = token.head
        if head.i == token.i:
            return None
        if head.pos_ in ("VERB", "AUX"):
            return head
        if head.i in site_heads or head.lemma_.lower() in TITLE_NOUNS:
            return None
        if any(c.dep_ == "amod" and c.lower_ in PLAN_ADJECTIVES for c in head.children):
            return None
        if any(c.lower_ in FROM_AFAR for c in head.children):
            return None  # "a video tour of a school in Burnley"
        if any(c.dep_ == "poss" and c.pos_ == "PROPN" for c in head.children):
            return None  # "Trump's rally in Reading": whose the event is, the rules of ``visits`` judge
        token = head
    return None
