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

from mapping.geocode.gazetteer import OfflineGazetteer
from mapping.geocode.index import MATCH_FOLDED, Place
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
SMALL_TOWN = 5_000
NEAR_TRIP_KM = 300.0
_NOT_NAMES = words("""PERSON NORP WORK_OF_ART ORG PRODUCT EVENT LAW LANGUAGE""")
_AREA_KINDS = frozenset({"country", "region"})
# AP's abbreviations of US states, as they follow a town in wire copy ("Frederick, MD", "Lansing, Mich.").
US_STATES = {
    "AL": "Alabama", "Ala": "Alabama", "AK": "Alaska", "AZ": "Arizona", "Ariz": "Arizona", "AR": "Arkansas",
    "Ark": "Arkansas", "CA": "California", "Calif": "California", "CO": "Colorado", "Colo": "Colorado",
    "CT": "Connecticut", "Conn": "Connecticut", "DE": "Delaware", "Del": "Delaware", "FL": "Florida", "Fla": "Florida",
    "GA": "Georgia", "Ga": "Georgia", "HI": "Hawaii", "ID": "Idaho", "IL": "Illinois", "Ill": "Illinois",
    "IN": "Indiana", "Ind": "Indiana", "IA": "Iowa", "KS": "Kansas", "Kan": "Kansas", "KY": "Kentucky",
    "Ky": "Kentucky", "LA": "Louisiana", "ME": "Maine", "MD": "Maryland", "Md": "Maryland", "MA": "Massachusetts",
    "Mass": "Massachusetts", "MI": "Michigan", "Mich": "Michigan", "MN": "Minnesota", "Minn": "Minnesota",
    "MS": "Mississippi", "Miss": "Mississippi", "MO": "Missouri", "Mo": "Missouri", "MT": "Montana", "Mont": "Montana",
    "NE": "Nebraska", "Neb": "Nebraska", "NV": "Nevada", "Nev": "Nevada", "NH": "New Hampshire", "NJ": "New Jersey",
    "NM": "New Mexico", "NY": "New York", "NC": "North Carolina", "ND": "North Dakota", "OH": "Ohio", "OK": "Oklahoma",
    "Okla": "Oklahoma", "OR": "Oregon", "Ore": "Oregon", "PA": "Pennsylvania", "Pa": "Pennsylvania",
    "Penn": "Pennsylvania", "RI": "Rhode Island", "SC": "South Carolina", "SD": "South Dakota", "TN": "Tennessee",
    "Tenn": "Tennessee", "TX": "Texas", "Tex": "Texas", "UT": "Utah", "VT": "Vermont", "Vt": "Vermont",
    "VA": "Virginia", "Va": "Virginia", "WA": "Washington", "Wash": "Washington", "WV": "West Virginia",
    "WI": "Wisconsin", "Wis": "Wisconsin", "WY": "Wyoming", "Wyo": "Wyoming", "DC": "District of Columbia",
}  # fmt: skip
STATE_NAMES = frozenset(US_STATES.values())
_ARABIC_ARTICLE = re.compile(r"^(?:al|el|an|ar|as|ad|at|az|ash)[- ](?=\w)", re.I)
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
        if len(ent) >= 2 and _postal_code(ent[-1]) and all(t.text[:1].isupper() for t in ent[:-1]):
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
    if span.end < len(doc) and _postal_code(doc[span.end]):
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


def state_name(text: str) -> str:
    """A US state's code or abbreviation written out ("N.H.", "Pa.", "IA", "Wash"); any other text as it is."""
    key = text.strip().replace(".", "")
    return US_STATES.get(key, US_STATES.get(key.upper(), text.strip())) if len(key) <= 5 else text.strip()


def _postal_code(token: Token) -> bool:
    """A US state's two capital letters ("MI", "IN", "OR"): in capitals, never the word."""
    code = token.text.rstrip(".")
    return len(code) == 2 and code.isupper() and code in US_STATES


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


class Resolver:
    """Gazetteer look-ups with the report's context: the countries it names and the stops found so far.

    Answers are cached for the report: a long text names the same places again and again.
    """

    def __init__(self, gazetteer: OfflineGazetteer) -> None:
        self.gazetteer = gazetteer
        self.countries: set[str] = set()
        #: The states and provinces the report names, in order: where its towns are looked for first.
        self.regions: list[Place] = []
        self.points: list[tuple[float, float]] = []
        self._places: list[str] = []
        self._cache: dict[tuple[str, ...], tuple[Place, float, int] | None] = {}

    def _lookup(self, query: str, *, context: bool) -> tuple[Place, float, int] | None:
        query = query[:MAX_QUERY_CHARS]
        countries = sorted(self.countries) if context else []
        key = (query, *countries, "|", *(self._places[-3:] if context else []))
        if key in self._cache:
            return self._cache[key]
        answer = self.gazetteer.lookup(
            query, country_codes=countries or None, near=(self.points[-3:] or None) if context else None, limit=3
        )
        best = answer.best
        # A report that says "Bayfield, Wisconsin" was not in Bayfield, Colorado, whatever else is known.
        found = (best.place, answer.confidence, best.match) if best is not None and not answer.against_query else None
        if len(self._cache) < 20_000:
            self._cache[key] = found
        return found

    def area(self, text: str) -> Place | None:
        """A country or region named in the text: context for later look-ups. A name that is a country's
        is the country, though a town bears it too ("Mozambique", "Colombia", "Jordan")."""
        found = self._lookup(text, context=False)
        if found is not None and found[0].kind in _AREA_KINDS and found[2] != MATCH_FOLDED:
            return found[0]
        state = self._us_state(text, found[0] if found is not None else None)
        if state is not None:
            return state
        if found is not None and found[2] == 0:
            key = ("country?", text[:MAX_QUERY_CHARS])
            if key not in self._cache:
                answer = self.gazetteer.lookup(text[:MAX_QUERY_CHARS], limit=5)
                country = next((c for c in answer.candidates if c.place.kind == "country" and c.match == 0), None)
                self._cache[key] = (country.place, answer.confidence, 0) if country is not None else None
            cached = self._cache[key]
            if cached is not None and found[0].kind == "capital" and found[0].country == cached[0].country:
                return None  # "Singapore", "Djibouti", "Monaco": a city-state's capital is where one goes
            return cached[0] if cached is not None else None
        return None

    def _us_state(self, text: str, best: Place | None) -> Place | None:
        """ "Oklahoma", "Montana", "Delaware": the state, not a town that bears (or starts with) its name (Oklahoma
        City, Montana in Bulgaria, Delaware in Ohio); a capital or a city of a million still wins ("Washington",
        "New York")."""
        name = " ".join(text.split())
        if name not in STATE_NAMES or (best is not None and (best.kind == "capital" or best.population >= 1_000_000)):
            return None
        key = ("state?", name)
        if key not in self._cache:
            answer = self.gazetteer.lookup(name, country_codes=["US"], limit=10)
            state = next((c.place for c in answer.candidates if c.place.kind == "region" and c.match == 0), None)
            self._cache[key] = (state, 1.0, 0) if state is not None else None
        cached = self._cache[key]
        return cached[0] if cached is not None else None

    def town(
        self, text: str, *, label: str, qualifier_text: str | None = None, near_text: str | None = None
    ) -> tuple[Place, float] | None:
        # "Newbridge, near Edinburgh": the Newbridge by Edinburgh, when there is one; else as if unsaid.
        found = self._lookup(f"{text}, {near_text}", context=True) if near_text and not qualifier_text else None
        if found is None and qualifier_text is None:
            found = self._in_named_region(text)
        if found is None:
            found = self._lookup(f"{text}, {qualifier_text}" if qualifier_text else text, context=True)
        bare = _ARABIC_ARTICLE.sub("", text)
        if found is None and bare != text:
            # "Al-Najaf" is "An Najaf" to GeoNames and "Najaf" to most: try the name without its article.
            text = bare
            found = self._lookup(f"{text}, {qualifier_text}" if qualifier_text else text, context=True)
        if found is None:
            return None
        place, confidence, match = found
        if place.kind in _AREA_KINDS:
            return None  # countries and regions are context, whatever the model tagged them ("Nepal" as a person)
        if " " not in text and text.lower() in COMMON_WORDS:
            return None  # "the future King", "Base", "Grand": words before they are towns
        if match == MATCH_FOLDED and not (label in ("GPE", "LOC") and place.population >= 5_000 and len(text) >= 5):
            return None  # "UCLA" is not Uccle
        if label in ("PERSON", "ORG", "PROPN", "OBJECT") and match != 0:
            return None
        if (label == "PERSON" and place.population < 50_000) or (label == "OBJECT" and place.population < 10_000):
            return None  # "visit the Virgin" is not Virgin, Utah
        if (
            qualifier_text is None
            and place.population < SMALL_TOWN
            and self.countries
            and place.country not in self.countries
            and not self._near(place)
        ):
            # "Congo" (a country the gazetteer lacks by that name) is not Congo, a village in Brazil: a small
            # town far from the trip, in a country the report never names, needs its country named.
            return None
        return place, confidence

    def name_region(self, region: Place) -> None:
        """A state or province the report names ("a bus tour of Iowa"): its towns are looked for there first."""
        if region.kind == "region" and region not in self.regions[-REGIONS_KEPT:]:
            self.regions.append(region)

    def _in_named_region(self, text: str) -> tuple[Place, float, int] | None:
        """ "Washington" and "Des Moines" in a report on a bus tour of Iowa, "Milford" under a New Hampshire
        dateline: the town of that name in a state the report names, when it has one, unless the name is a
        capital's or a city of a million's ("Paris", "London" stay where they are)."""
        if not self.regions:
            return None
        plain = self._lookup(text, context=True)
        if plain is not None and (plain[0].kind == "capital" or plain[0].population >= 1_000_000):
            return None
        for region in reversed(self.regions[-REGIONS_KEPT:]):
            if plain is not None and (plain[0].country, plain[0].admin1) == (region.country, region.admin1):
                return None
            found = self._lookup(f"{text}, {region.name}", context=True)
            if (
                found is not None
                and found[2] != MATCH_FOLDED
                and found[0].kind not in _AREA_KINDS
                and (found[0].country, found[0].admin1) == (region.country, region.admin1)
            ):
                return found
        return None

    def spelt_as_written(self, text: str, qualifier_text: str | None = None) -> bool:
        """Whether the town found for the text bears that name or one of its other names, not only a name
        that folds to it ("Primm" is not Prüm) or a part of it ("Valley of Fire" is not Valley)."""
        found = self._lookup(f"{text}, {qualifier_text}" if qualifier_text else text, context=True)
        return found is not None and found[2] != MATCH_FOLDED

    def exact_town(self, text: str) -> Place | None:
        """A populated town known under exactly this name."""
        found = self._lookup(text, context=True)
        if found is None or found[2] != 0 or found[0].kind not in ("city", "capital") or found[0].population <= 0:
            return None
        return found[0]

    def _near(self, place: Place) -> bool:
        return any(float(great_circle(point, (place.lat, place.lon)).km) <= NEAR_TRIP_KM for point in self.points[-3:])

    def site(self, text: str) -> tuple[Place, float] | None:
        """A named site the gazetteer knows (an airport, a curated landmark), or the town its name contains."""
        found = self._lookup(text, context=True)
        if found is None or found[2] == MATCH_FOLDED or found[0].kind in _AREA_KINDS:
            return None
        return found[0], found[1]

    def remember(self, place: Place) -> None:
        if self._places[-1:] != [place.id]:
            self._places.append(place.id)
            self.points.append((place.lat, place.lon))


_INSIDE = frozenset({"in", "into", "at", "through", "via"})
#: How many of the states a report names steer its look-ups: the last few, as a trip moves on.
REGIONS_KEPT = 3
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
