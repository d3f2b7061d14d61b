"""Whether a place in a parsed sentence is somewhere the traveller went, read from the dependency parse.

A place is visited when it attaches, directly or through a preposition, to an
event of the traveller: a movement or visit verb ("arrived in", "toured",
"landed at", "left"), an event noun that such a clause carries ("held a rally in",
"a mass at"), or a copula ("is in Baidoa"). Fronted phrases ("In Lyon, the
minister met ...") attach to their verb like any other. It is not a visit when
the clause is negated, a plan or a possibility ("will", "is expected to", "plans
to", "a planned visit"), someone else's event ("Trump's rally"), or when the place
only describes a noun ("the war in Gaza", "the mayor of Belfast").
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from mapping.report.places import after_stop_label
from mapping.report.plans import habitual, negated, planned, programme
from mapping.report.subjects import (
    is_traveller,
    object_is,
    receives_traveller,
    someone_else,
    subject_of,
    surname,
    traveller_subject,
)
from mapping.report.verbs import (
    after_a_name,
    carries_object,
    carries_traveller,
    conveyance,
    has_past_day,
    occurs,
    stayed_put,
    stop_subject,
    verb_above,
    verbless,
    weather,
)
from mapping.report.vocabulary import (
    AREA_NOUNS,
    ARRIVAL_VERBS,
    AT,
    AUDIENCE_NOUNS,
    BOARDING_VERBS,
    CARRYING_VERBS,
    DIRECTIONS,
    EVENT_NOUNS,
    LIFE_VERBS,
    LIGHT_VERBS,
    LIST_WORDS,
    LOCATIVE,
    NOT_MOTION_VERBS,
    NOT_VISIT_VERBS,
    PLAN_ADJECTIVES,
    PLAN_WORDS,
    RELATION_NOUNS,
    SITE_NOUNS,
    SPEECH_VERBS,
    STOP_NOUNS,
    TIME_NOUNS,
    TITLE_NOUNS,
    VISIT_VERBS,
)

if TYPE_CHECKING:
    from spacy.tokens import Span, Token


@dataclass(frozen=True, slots=True)
class Visit:
    """How a place attaches to the traveller's event."""

    verb: Token | None
    event: Token | None
    #: 1.0 for a visit verb, less through an event noun or a copula.
    strength: float
    #: "an airport near Vladivostok": the noun this place only locates (its index), when it does.
    locates: int | None = None
    #: An event told apart from the main clause ("after a speech in Detroit"): it keeps its own day or none.
    detached: bool = False


#: What makes an event one held from afar: "a video tour of a school in Burnley", "a virtual visit to Leeds".
FROM_AFAR = frozenset({"video", "virtual", "online", "remote", "zoom", "televised"})
#: Nouns a place before them tells where: "a Lyon hotel", "the Paris talks", "the Kyiv trip", "a Perth stop".
_WHERE_NOUNS = (
    SITE_NOUNS
    | EVENT_NOUNS
    | TIME_NOUNS
    | STOP_NOUNS
    | AREA_NOUNS
    | AUDIENCE_NOUNS
    | frozenset({"diner", "restaurant", "cafe", "café", "bar", "pub", "bakery", "steakhouse", "office", "suburb"})
)


def visit_of(
    place: Span,
    *,
    traveller: frozenset[str],
    site_heads: set[int],
    past_days: frozenset[int] = frozenset(),
    future_days: frozenset[int] = frozenset(),
) -> Visit | None:
    """How the place attaches to the traveller's event (see :func:`_attached`); an event held from afar ("a video
    tour of a school in Burnley", "a virtual visit to Leeds", "toured a school in Burnley without leaving
    Norfolk") puts no one there."""
    root = place.root
    if root.dep_ == "compound" and root.head.pos_ == "NOUN" and root.head.lemma_.lower() not in _WHERE_NOUNS:
        return None  # "waving Vatican flags", "a few Saigon beers": a place naming a thing, not where one is
    if after_stop_label(place):
        # "Our destination: Moab.": a diary's shorthand for where the day went, unless it looks ahead
        # ("Tomorrow's destination: Reno") or has a verb of its own to say more.
        sentence = place.sent
        ahead = any(t.lower_ in ("tomorrow", "will", "next", "planned") for t in sentence)
        verb = any(t.pos_ in ("VERB", "AUX") for t in sentence)
        return None if ahead or verb else Visit(None, place.doc[place.start - 2], 0.8)
    told_there = _where_clause(root, traveller)
    if told_there is not None:
        return told_there
    visit = _attached(place, traveller=traveller, site_heads=site_heads, past_days=past_days, future_days=future_days)
    if visit is None:
        return None
    if visit.event is not None and any(c.lower_ in FROM_AFAR for c in visit.event.children):
        return None
    return visit if visit.verb is None or not stayed_put(visit.verb) else None


#: What a "where" clause on a place says the traveller did there: they were there.
_BEING_THERE = frozenset({"arrive", "land", "stay", "spend", "stop", "overnight", "sleep", "camp", "visit", "tour"})


def _where_clause(root: Token, traveller: frozenset[str]) -> Visit | None:
    """ "from Indore, where he arrived earlier in the day", "Jaipur, where they had spent the night": the clause
    on the place says the traveller was there, whatever the main clause does with the place (leaves it)."""
    for clause in root.children:
        if clause.dep_ != "relcl" or clause.lemma_.lower() not in _BEING_THERE:
            continue
        if any(c.dep_ == "prt" for c in clause.children):
            continue  # "where he rolled out his missiles": a phrasal verb, not being there
        if not any(c.lower_ == "where" for c in clause.children):
            continue
        if negated(clause) or planned(clause) or habitual(clause) or not traveller_subject(clause, traveller):
            continue
        return Visit(clause, None, 0.9)
    return None


def _attached(
    place: Span,
    *,
    traveller: frozenset[str],
    site_heads: set[int],
    past_days: frozenset[int] = frozenset(),
    future_days: frozenset[int] = frozenset(),
) -> Visit | None:
    """How the place attaches to the traveller's event, or None when it does not.

    ``past_days`` and ``future_days`` hold the tokens of the sentence's temporal expressions that name a
    past day, and a day ahead of the report.
    """
    token = place.root
    event: Token | None = None
    locative = False
    towards = False
    located = False
    locates: int | None = None
    through_adjective: Token | None = None
    ridden = False
    held = False
    for _ in range(10):
        head = token.head
        if head.i == token.i:
            # A verbless line ("One day Lyon, the next Geneva", "Pope Francis in Najaf, March 6"): a visit,
            # less sure; a line with a verb that the place does not hang from: only with an event noun.
            if event is not None:
                return Visit(None, event, 0.6, locates)
            return Visit(None, None, 0.5, locates) if verbless(token) else None
        dep = token.dep_
        if dep == "pobj" and head.lower_ == "than":
            return None  # "a much calmer city than Hanoi", "busier than Rome": a comparison, not where they were
        if dep == "pobj" and head.lower_ in ("near", "outside") and after_a_name(head):
            return None  # "ambulance staff in Newbridge, near Edinburgh": Edinburgh only says where Newbridge is
        if dep == "pobj" or (dep == "pcomp" and head.pos_ == "ADP"):
            if event is not None and event.i == token.i and head.lower_ in ("after", "following", "before"):
                # "..., after a speech in Detroit on Monday", "following a warm-up gig in Newcastle":
                # an event of its own, with its own day or none, whatever the main clause says.
                governor = verb_above(head)
                if governor is not None and planned(governor) and has_past_day(governor, future_days):
                    # "After the inauguration of the temple on Wednesday, Modi will head to Doha": a plan too.
                    return None
                return Visit(None, event, 0.7, locates, detached=True)
            locative = locative or head.lower_ in LOCATIVE
            towards = towards or head.lower_ in DIRECTIONS
            located = located or (head.lower_ in AT and head.dep_ == "prep" and head.head.pos_ in ("VERB", "AUX"))
            token = head
            continue
        if head.lemma_.lower() in LIST_WORDS and head.dep_ == "prep":
            # "appearances across Pennsylvania, including in Scranton": a member of what the clause tells.
            token = head
            continue
        if head.pos_ in ("VERB", "AUX"):
            visit = _judge(
                head,
                "prep" if ridden or held else dep,
                event,
                locative,
                through_adjective,
                traveller,
                past_days,
                towards=towards,
                located=located,
            )
            return Visit(visit.verb, visit.event, visit.strength, locates) if visit is not None else None
        if token.pos_ == "ADP" and token.lower_ in ("near", "outside"):
            if head.pos_ == "PROPN":
                return None  # "a rally in Potterville, near Lansing": Lansing only locates Potterville
            locates = head.i  # "an airport near Vladivostok", "a flower farm outside Naivasha"
            token = head
            continue
        if head.pos_ in ("NOUN", "PROPN", "NUM"):
            lemma = head.lemma_.lower()
            if lemma in TITLE_NOUNS:
                if token.lower_ in AT and head.dep_ in ("dobj", "pobj", "conj"):
                    token = head  # "met the president at the palace": where they met
                    continue
                return None  # "the mayor of Belfast": a title
            if lemma in RELATION_NOUNS and token.lower_ == "of":
                # "spoke in front of the Art Museum", "on the outskirts of Kyiv": where, not what.
                token = head
                continue
            if (
                (lemma == "way" or (conveyance(head) and head.head.lemma_.lower() in BOARDING_VERBS))
                and token.lower_ in DIRECTIONS
                and head.dep_ == "dobj"
            ):
                # "made its way to Gulu", "caught the train to Aguas Calientes": a movement, as if "went to".
                ridden = True
                token = head
                continue
            if (
                event is not None
                and head.dep_ == "ROOT"
                and surname(head) in traveller
                and token.dep_ == "dobj"
                and any(c.dep_ == "amod" and c.tag_ in ("VBD", "VBN") for c in token.children)
            ):
                # "Trump held rallies in Lumberton": the name read as a noun the verb describes ("held" as an
                # adjective), a parse that loses the clause; the traveller's event is there all the same.
                token = head
                continue
            if head.i in site_heads and token.i not in site_heads and (token.pos_ == "ADP" or token.dep_ == "poss"):
                return None  # "CS Lewis square in Belfast": Belfast only says where the site is
            if lemma in EVENT_NOUNS:
                if dep == "poss":
                    return None  # "Kamikawa's first visit", "Lyon's festival": who holds the event, not where
                if any(c.dep_ == "amod" and c.lower_ in PLAN_ADJECTIVES for c in head.children):
                    return None
                owner = next((c for c in head.children if c.dep_ == "poss"), None)
                if owner is not None and someone_else(owner, traveller):
                    return None  # "Trump's rally in Reading" in a report about Harris
                event = head
                token = head
                continue
            if (
                dep in ("conj", "appos", "compound", "npadvmod", "nmod")
                or lemma in SITE_NOUNS
                or lemma in AUDIENCE_NOUNS
                or head.pos_ == "PROPN"
                or (token.lower_ == "to" and verbless(token))  # "Day 3: Pokhara to Kathmandu", a stage
                or (token.lower_ in AT and _where_the_verb_is(head))
            ):
                located = located or (token.lower_ in AT and _where_the_verb_is(head))
                token = head
                continue
            if token.lower_ in AT and _travellers_object(head, traveller):
                # "visited a soccer academy in Manchester", "we ate the best pizza in Naples": what the
                # traveller did something with, there, puts them there (as "did something in X" does).
                held = located = True
                token = head
                continue
            return None  # "the war in Gaza", "the mayor of Belfast": a topic, not a destination
        if head.pos_ in ("ADJ", "ADV", "ADP", "PART", "SCONJ", "CCONJ", "PUNCT", "PRON", "DET"):
            if head.pos_ == "ADJ" and head.lemma_.lower() in PLAN_WORDS:
                through_adjective = head
            token = head
            continue
        return None
    return None


def arrival(verb: Token, traveller: frozenset[str]) -> Visit | None:
    """The traveller's arrival as a clause tells it, placed or not ("touched down just after 4pm on Friday"), or
    as their own noun ("was given a welcome upon his arrival to Russia")."""
    lemma = verb.lemma_.lower()
    if verb.pos_ == "NOUN" and lemma == "arrival":
        owner = next((c for c in verb.children if c.dep_ == "poss"), None)
        if owner is None or not is_traveller(owner, traveller):
            return None  # "the arrival of the troops", "their arrival" of someone else's party
        above = verb_above(verb)
        if above is not None and (
            negated(above) or planned(above) or above.lemma_.lower() in PLAN_WORDS | NOT_VISIT_VERBS
        ):
            return None  # "his arrival is expected on Friday"
        return Visit(above, verb, 0.7)
    if verb.pos_ != "VERB" or lemma not in ARRIVAL_VERBS:
        return None
    if lemma == "touch" and not any(c.dep_ == "prt" and c.lower_ == "down" for c in verb.children):
        return None
    subject = subject_of(verb)
    if negated(verb) or planned(verb) or subject is None or someone_else(subject, traveller):
        return None
    return Visit(verb, None, 0.7)


def _where_the_verb_is(noun: Token) -> bool:
    """ "gathered at Heather's place in Owings Mills", "arrived ... at the southernmost city, Invercargill": a
    noun that is itself where the verb happened; a town in it places it (unlike "spoke about the war in Gaza")."""
    preposition = noun.head
    verb = preposition.head
    return (
        noun.dep_ == "pobj"
        and preposition.lower_ in AT
        and preposition.dep_ == "prep"
        and verb.pos_ in ("VERB", "AUX")
        # Not "spoke in detail in ...", "expressed alarm at the violence in Sudan": a verb of saying, or one
        # with an object of its own, takes its "at" as what it is about.
        and verb.lemma_.lower() not in SPEECH_VERBS
        and not carries_object(verb)
    )


def _travellers_object(noun: Token, traveller: frozenset[str]) -> bool:
    """The object of the traveller's own verb, one of doing, not of saying or of a life ("visited an academy",
    not "discussed investment", "praised the progress", "studied law")."""
    verb = noun.head
    # A thing, counted, pointed at or named by its kind ("a cork academy", "the best tarts", "ambulance staff"),
    # not a bare abstract noun ("sought investment in Braga", "hailed progress in Faro"): what a place is about.
    thing = noun.tag_ in ("NNS", "NNPS") or any(c.dep_ in ("det", "poss", "nummod", "compound") for c in noun.children)
    return (
        thing
        and noun.dep_ == "dobj"
        and verb.pos_ == "VERB"
        and verb.lemma_.lower() not in SPEECH_VERBS | NOT_VISIT_VERBS | LIFE_VERBS
        and traveller_subject(verb, traveller)
    )


def _judge(
    verb: Token,
    dep: str,
    event: Token | None,
    locative: bool,
    adjective: Token | None,
    traveller: frozenset[str],
    past_days: frozenset[int],
    *,
    towards: bool = False,
    located: bool = False,
) -> Visit | None:
    lemma = verb.lemma_.lower()
    if lemma in NOT_VISIT_VERBS or adjective is not None:
        return None
    if dep == "nsubj" and event is None and lemma != "be" and not receives_traveller(verb, lemma, traveller):
        return None  # "Kamikawa arrived in Nepal", "Lyon hosts a festival": who or what acts is not where
    if (
        dep == "nsubj"
        and event is not None
        and lemma != "be"
        and event.lemma_.lower() not in TIME_NOUNS
        and not occurs(verb, lemma)
    ):
        # "his visit to Washington has delivered a surprise": about the visit, not of it; but a stage of the
        # journey told by its time is the journey ("a big day to Ordway left only 51 miles").
        return None
    if event is None and occurs(verb, lemma):
        # "A meeting took place between ... at the palace in Kabul": where the event happened.
        event = next((c for c in verb.children if c.dep_ == "nsubj" and c.lemma_.lower() in EVENT_NOUNS), None)
    if lemma in VISIT_VERBS and (lemma not in LIGHT_VERBS or event is not None or locative):
        strength = 1.0
    elif lemma in SPEECH_VERBS:
        if not (locative and dep == "prep") and event is None:
            return None
        strength = 0.8
    elif event is not None:
        strength = 0.8
    elif lemma == "be" and locative and not weather(verb):
        strength = 0.8  # "is currently in Geneva"
    elif lemma == "be" and dep == "attr" and stop_subject(verb, traveller):
        strength = 0.8  # "Johnson's final stop was Edinburgh", "the next destination was Hue"
    elif (
        towards
        and dep == "prep"
        and lemma not in NOT_MOTION_VERBS
        and lemma != "be"
        and not carries_object(verb)
        and traveller_subject(verb, traveller)
    ):
        # "we hightailed it to Olney", "the pair zipped into Denver": the traveller's own verb with a
        # destination is a movement, whatever the verb (a listed verb is not needed for an idiom).
        strength = 0.7
    elif towards and dep == "prep" and lemma in CARRYING_VERBS and carries_traveller(verb, traveller):
        # "That is what brought us to Lewes", "train number one took us to Brig": the traveller carried there.
        strength = 0.7
    elif (
        located
        and dep == "prep"
        and lemma not in LIFE_VERBS
        and lemma != "be"
        and verb.tag_ != "VBN"
        and traveller_subject(verb, traveller)
    ):
        # "After wowing the crowds at the UN headquarters, Modi began ...", "the chill he felt in Washington":
        # whatever the traveller did somewhere, they were there.
        strength = 0.6
    else:
        return None
    if negated(verb) or planned(verb) or habitual(verb) or programme(verb):
        return None
    if verb.dep_ == "acl" and verb.head.dep_ in ("dobj", "pobj") and verb.head.tag_ in ("NNS", "NNPS"):
        return None  # "we met two bikers travelling to San Francisco": the bikers' journey
    subject = subject_of(verb)
    # "after meeting Salame in Tripoli, Sarraj said": the traveller is met there, so it is a visit still.
    met = lemma in ("meet", "receive", "welcome", "greet", "host") and object_is(verb, traveller)
    if subject is not None and someone_else(subject, traveller) and not met:
        return None
    return Visit(verb, event, strength)
