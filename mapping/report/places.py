"""The places a parsed sentence names, and where the gazetteer puts them.

Candidates come from the model's entities (GPE, LOC, FAC; an ORG or FAC only when
its head is a site noun: "Tribhuvan International Airport", "Llandaff cathedral"),
from noun phrases headed by a site noun with a proper name in them ("Sybil
Strachan primary school"), and from proper nouns after a locative preposition that
the model left untagged. A word inside a person's, a people's, a work's or an
organisation's name is never a place ("Joe Biden", "Bon Jovi", "Manchester
United"). Countries and regions are context: they steer the gazetteer, they are not
stops. A site the gazetteer does not know falls back to the town the text ties it
to ("the Basilica of Saint Mary Major in Rome", "Rome's Ciampino airport"), marked
approximate.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from geopy.distance import great_circle

from mapping.geocode.index import Place
from mapping.report.states import US_STATES, postal_code
from mapping.report.text import MAX_QUERY_CHARS
from mapping.report.vocabulary import EVENT_NOUNS, LOCATIVE, SITE_NOUNS, STOP_NOUNS, TITLE_NOUNS, words

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

# Nouns that name a kind of place, not a site of its own: "the town of Bossasso".
GENERIC_PLACE_NOUNS = words("""town city capital village area district region county state country island province""")
# Continents and world regions: context, never a town that happens to share the name ("África").
AREA_WORDS = frozenset(
    {
        *["africa", "europe", "asia", "america", "americas", "oceania", "antarctica", "arctic", "caribbean", "balkans", "gulf", "sahel", "levant"],
        *["eurasia", "scandinavia", "mesopotamia"],
        "middle east", "far east", "southern africa", "east africa", "west africa", "north africa", "horn of africa",
        "latin america", "central america", "south america", "north america", "central asia", "south asia",
        "southeast asia", "east asia", "western europe", "eastern europe", "central europe", "the west",
        # Regions a town's name starts with ("the Midwest" is not Midwest City, Oklahoma).
        "midwest", "the midwest", "deep south", "the deep south", "new england", "pacific northwest", "great plains",
        "the great plains", "rust belt", "sun belt", "outback", "the outback",
    }
)  # fmt: skip
# Capitalised words that are common nouns first: a town by that name needs more than the word.
COMMON_WORDS = (
    TITLE_NOUNS
    | SITE_NOUNS
    | EVENT_NOUNS
    | words(
        """base grand opera war church street road river lake mountain hill beach bay union independence
        liberty victory hope faith unity progress government army navy state city"""
    )
)
# A town smaller than this, abroad and far from the trip, is more likely a homonym than a stop.
_NOT_NAMES = words("""PERSON NORP WORK_OF_ART ORG PRODUCT EVENT LAW LANGUAGE""")
_LEADING = re.compile(r"^(?:the|a|an|his|her|their|its)\s+", re.I)
_POSSESSIVE = re.compile(r"(?:'s|’s|')$")


@dataclass(frozen=True, slots=True)
class Candidate:
    """A phrase of the sentence that may name a place."""

    span: Span
    text: str
    #: "name" for a town or a region, "site" for a named building or ground.
    kind: str
    label: str


def candidates(sentence: Span, noun_chunks: list[Span]) -> list[Candidate]:
    """Every phrase of the sentence that may name a place, sites first."""
    found: list[Candidate] = []
    covered: set[int] = set()
    blocked: set[int] = set()
    for ent in sentence.ents:
        if ent.label_ in _NOT_NAMES and not (ent.label_ == "NORP" and ent.root.tag_ == "NNP" and _after_locative(ent)):
            blocked.update(range(ent.start, ent.end))
    for chunk in noun_chunks:
        head = chunk.root
        lemma = head.lemma_.lower()
        if lemma not in SITE_NOUNS or lemma in GENERIC_PLACE_NOUNS:
            continue
        start = _name_start(chunk)
        named = [t for t in sentence.doc[start : head.i] if t.pos_ == "PROPN" or t.ent_type_ in ("FAC", "GPE", "ORG")]
        of_name = head.text[:1].isupper() and head.i + 2 < sentence.end and sentence.doc[head.i + 1].lower_ == "of"
        if not named and not of_name:
            continue
        end = head.i + 1
        # "the Church of Christian Compassion", "the Basilica of Saint Mary Major": the name goes on after "of".
        doc = sentence.doc
        # Capitalised words, whatever their tags: "the Church of Our Lady of Deliverance".
        if end + 1 < sentence.end and doc[end].lower_ == "of" and _name_word(doc[end + 1]):
            end += 1
            while end < sentence.end and (
                _name_word(doc[end])
                or (doc[end].lower_ == "of" and end + 1 < sentence.end and _name_word(doc[end + 1]))
            ):
                end += 1
        span = doc[start:end]
        found.append(Candidate(span, _clean(span.text), "site", "SITE"))
        covered.update(range(span.start, span.end))
    for ent in sentence.ents:
        if any(i in covered for i in range(ent.start, ent.end)):
            continue
        after = sentence.doc[ent.end] if ent.end < sentence.end else None
        if ent.label_ in ("ORG", "PERSON", "FAC") and after is not None and after.lower_ in SITE_NOUNS:
            # "the Admiral Shaposhnikov frigate", parsed with "frigate" as a verb: the name and its noun.
            span = sentence.doc[ent.start : ent.end + 1]
            if span.root.lower_ not in GENERIC_PLACE_NOUNS:
                found.append(Candidate(span, _clean(span.text), "site", ent.label_))
                covered.update(range(span.start, span.end))
                continue
        if len(ent) >= 2 and postal_code(ent[-1]) and all(t.text[:1].isupper() for t in ent[:-1]):
            # "Kalamazoo MI", "Battle Creek MI", tagged as one organisation: the town, and its state behind it.
            town = sentence.doc[ent.start : ent.end - 1]
            found.append(Candidate(town, _clean(town.text), "name", "GPE"))
        elif _abbreviation(ent) or ent.text.lower().removeprefix("the ") in AREA_WORDS:
            pass  # "UK", "US", "IL", "Africa": context or a qualifier, never a stop of its own
        elif ent.label_ in ("FAC", "GPE", "LOC", "ORG") and _site_word(ent):
            found.append(Candidate(ent, _clean(ent.text), "site", ent.label_))
        elif ent.label_ in ("GPE", "LOC", "FAC"):
            ent = _hyphenated(ent)
            found.append(Candidate(ent, _clean(ent.text), "name", ent.label_))
        elif ent.label_ in ("PERSON", "ORG") and _appositive_town(ent):
            # "Garowe, a northern town": the model's person is a town by the text's own word.
            found.append(Candidate(ent, _clean(ent.text), "name", "GPE"))
        elif ent.label_ in ("PERSON", "ORG") and _appositive_site(ent):
            # "Philly Cutz, a barber's shop in West Philadelphia": a named site, whatever the model tagged.
            found.append(Candidate(ent, _clean(ent.text), "site", "SITE"))
        elif (
            (ent.label_ in ("PERSON", "ORG") or (ent.label_ == "NORP" and ent.root.tag_ == "NNP"))
            and len(ent) <= 2
            and _after_locative(ent)
            # "in the van": the model's person in lower case is a common noun, not a town it missed.
            and ent.root.text[:1].isupper()
        ):
            # The small model tags some towns as people or organisations ("In Lyon, ..."); the gazetteer decides.
            # Right after "in", "into", "at", "through" a person is not where one goes: read it as a bare name.
            inside = (ent.root.dep_ == "pobj" and ent.root.head.lower_ in _INSIDE) or after_stop_label(ent)
            label = "GPE" if _named_as_town(ent) else "PROPN" if inside else ent.label_
            found.append(Candidate(ent, _clean(ent.text), "name", label))
        covered.update(range(ent.start, ent.end))
    for token in sentence:
        if token.i in covered or token.i in blocked or token.pos_ != "PROPN" or not token.text[:1].isupper():
            continue
        after_preposition = token.dep_ == "pobj" and (
            token.head.lower_ in LOCATIVE
            or (token.head.lower_ == "of" and token.head.head.lemma_.lower() in _TOUR_NOUNS)
        )
        visited = (token.dep_ == "dobj" and token.head.lemma_.lower() in _DIRECT_VISIT_VERBS) or _after_locative(
            sentence.doc[token.i : token.i + 1]
        )
        if not (after_preposition or visited or _appositive_town(sentence.doc[token.i : token.i + 1])):
            continue
        start = token.i
        while (
            start > sentence.start
            and sentence.doc[start - 1].dep_ == "compound"
            and sentence.doc[start - 1].pos_ == "PROPN"
        ):
            start -= 1
        span = sentence.doc[start : token.i + 1]
        if not any(i in covered or i in blocked for i in range(span.start, span.end)):
            kind = "site" if _site_word(span) else "name"
            # Untagged by the model: a town after "in", a town object of "visited" only if it is a large one.
            found.append(Candidate(span, _clean(span.text), kind, "PROPN" if after_preposition else "OBJECT"))
            covered.update(range(span.start, span.end))
    return [c for c in found if c.kind != "name" or not _a_street(c.span)]


#: Words that make a name an address: "Walnut Street", "the corner of Walnut and Duncan Streets".
_STREET_WORDS = frozenset(
    {"street", "streets", "st", "avenue", "avenues", "ave", "road", "roads", "rd", "boulevard", "blvd", "lane", "drive"}
)
_CROSSING_NOUNS = frozenset({"corner", "corners", "intersection", "junction"})


def _a_street(span: Span) -> bool:
    """A street's name, not a town's: "Walnut Street", "at the corner of Walnut and Duncan Streets"."""
    root = span.root
    if span[-1].lower_.rstrip(".") in _STREET_WORDS:
        return True
    if root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.lemma_.lower() in _CROSSING_NOUNS:
        return True
    related = [c for c in root.children if c.dep_ == "conj"] + ([root.head] if root.dep_ == "conj" else [])
    return any(t.lower_ in _STREET_WORDS for t in related)


def _name_word(token: Token) -> bool:
    return token.pos_ == "PROPN" or (
        token.is_alpha and token.text[:1].isupper() and token.pos_ in ("PRON", "ADJ", "NOUN")
    )


def _name_start(chunk: Span) -> int:
    """Where a site's own name starts: after "the", "his", and a town's possessive ("Rome's Ciampino airport")."""
    doc = chunk.doc
    start = chunk.start
    while start < chunk.root.i:
        token = doc[start]
        town_possessive = token.dep_ == "poss" and (token.ent_type_ in ("GPE", "LOC") or token.pos_ != "PROPN")
        if token.pos_ in ("DET", "PRON") or token.dep_ == "case" or town_possessive:
            start += 1
            continue
        break
    return start


def _appositive_town(span: Span) -> bool:
    """ "Garowe, a northern town", "the capital, Maputo": the text says it is a town."""
    root = span.root
    return any(c.dep_ == "appos" and c.lemma_.lower() in GENERIC_PLACE_NOUNS for c in root.children) or (
        root.dep_ == "appos" and root.head.lemma_.lower() in GENERIC_PLACE_NOUNS
    )


def _named_as_town(span: Span) -> bool:
    """ "the Libyan city of Misrata", "the village of Ur": the text says what it is."""
    root = span.root
    return root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.lemma_.lower() in GENERIC_PLACE_NOUNS


def _appositive_site(span: Span) -> bool:
    return any(c.dep_ == "appos" and c.lemma_.lower() in SITE_NOUNS for c in span.root.children)


def _site_word(span: Span) -> bool:
    return any(t.lemma_.lower() in SITE_NOUNS and t.lemma_.lower() not in GENERIC_PLACE_NOUNS for t in span)


def _abbreviation(span: Span) -> bool:
    text = span.text.replace(".", "")
    return len(text) <= 3 and text.isupper()


def _hyphenated(span: Span) -> Span:
    """ "Komsomolsk-on-Amur" when the model tagged only "Komsomolsk"."""
    doc = span.doc
    end = span.end
    while end + 1 < len(doc) and end - span.end < 6 and doc[end - 1].whitespace_ == "" and doc[end].text in ("-", "‑"):
        end += 2
    return doc[span.start : end] if end > span.end else span


def after_stop_label(span: Span) -> bool:
    """ "Our destination: Moab", "Next stop: Reno": a stop's noun and a colon just before the place."""
    doc = span.doc
    return span.start >= 2 and doc[span.start - 1].text == ":" and doc[span.start - 2].lemma_.lower() in STOP_NOUNS


def _after_locative(span: Span) -> bool:
    """ "in Lyon", "the city of Bakhmut": where a mis-tagged town stands."""
    root = span.root
    if root.dep_ == "dobj" and root.head.lemma_.lower() in _DIRECT_VISIT_VERBS:
        return True  # "reached Vientiane"
    if root.dep_ == "attr" and any(c.dep_ == "nsubj" and c.lemma_.lower() in STOP_NOUNS for c in root.head.children):
        return True  # "his final stop was Edinburgh"
    if after_stop_label(span):
        return True  # "Our destination: Moab", "Next stop: Reno"
    if root.dep_ != "pobj":
        return False
    prep = root.head
    return prep.lower_ in LOCATIVE or (
        prep.lower_ == "of" and prep.head.lemma_.lower() in GENERIC_PLACE_NOUNS | _TOUR_NOUNS
    )


def _clean(text: str) -> str:
    return _POSSESSIVE.sub("", _LEADING.sub("", " ".join(text.split())))[:MAX_QUERY_CHARS]


def qualifier(span: Span) -> str | None:
    """What follows a town after a comma: "Eau Claire, Wisconsin", "Frederick, MD", "Najaf, Iraq"."""
    doc = span.doc
    if span.end < len(doc) and postal_code(doc[span.end]):
        return US_STATES[doc[span.end].text.rstrip(".")]  # "Kalamazoo MI": a state's code, no comma
    if span.end + 1 >= len(doc) or doc[span.end].text != ",":
        return None
    nxt = doc[span.end + 1]
    word = nxt.text.rstrip(".")
    if word in US_STATES:
        return US_STATES[word]
    if nxt.ent_type_ in ("GPE", "LOC") and nxt.ent_iob_ == "B":
        end = nxt.i + 1
        while end < len(doc) and doc[end].ent_iob_ == "I":
            end += 1
        return doc[nxt.i : end].text[:MAX_QUERY_CHARS]
    return None


def near_qualifier(span: Span) -> str | None:
    """The town a place is said to be near, after a comma: "Newbridge, near Edinburgh"."""
    doc = span.doc
    if span.end + 2 >= len(doc) or doc[span.end].text != "," or doc[span.end + 1].lower_ != "near":
        return None
    nxt = doc[span.end + 2]
    if nxt.ent_type_ not in ("GPE", "LOC") or nxt.ent_iob_ != "B":
        return None
    end = nxt.i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return doc[nxt.i : end].text[:MAX_QUERY_CHARS]


_INSIDE = frozenset({"in", "into", "at", "through", "via"})
# "a tour of Wembley", "his visit of Rome": what follows "of" is the place visited.
_TOUR_NOUNS = frozenset({"tour", "visit", "inspection"})
_DIRECT_VISIT_VERBS = frozenset({"visit", "reach", "tour", "enter", "leave", "inspect"})
_ANCHOR_PREPOSITIONS = frozenset({"in", "at", "near", "outside", "of", "on"})


def anchor_of(candidate: Candidate, towns: dict[int, Place]) -> Place | None:
    """The town a site is tied to: "in Rome", "Rome's", "Kinshasa's airport", a town inside its name."""
    span = candidate.span
    for token in span:
        if token.i in towns:
            return towns[token.i]
    for token in span.root.subtree:
        inside = span.start <= token.i < span.end
        located = token.dep_ == "poss" or (token.dep_ == "pobj" and token.head.lower_ in _ANCHOR_PREPOSITIONS)
        if token.i in towns and not inside and located:
            return towns[token.i]
    return None


def within(a: Place, b: Place, km: float) -> bool:
    return float(great_circle((a.lat, a.lon), (b.lat, b.lon)).km) <= km


def inside(place: Place, area: Place) -> bool:
    """Whether a place lies in a country, or in a region (state, province), the gazetteer holds."""
    return place.country == area.country and (area.kind == "country" or place.admin1 == area.admin1)
