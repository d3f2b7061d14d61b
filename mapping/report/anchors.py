"""The town a site belongs to when the gazetteer does not hold the site: the one its name starts with, or the
town of the paragraph's last stop."""

from __future__ import annotations

from geopy.distance import great_circle

from mapping.geocode.index import Place
from mapping.report.mentions import NEAR_KM, Mention
from mapping.report.places import Candidate
from mapping.report.resolver import Resolver

#: The smallest town a site's name may place the site in: any town the model tags as one, else a sizeable one.
TAGGED_TOWN_POPULATION = 1_000
NAMED_TOWN_POPULATION = 20_000


def town_inside(resolver: Resolver, cand: Candidate) -> Place | None:
    """ "Llandaff cathedral", "Kinshasa airport": the town a site's name starts with."""
    words = [t for t in cand.span if t.pos_ == "PROPN" and t.i < cand.span.root.i]
    # The longest run of its first words that is a town: "Denver Art Museum" is in Denver.
    for end in range(len(words), 0, -1):
        phrase = cand.span.doc[words[0].i : words[end - 1].i + 1].text
        if len(phrase) < 4:
            return None  # "Al", "St": not a town's name
        resolved = resolver.town(phrase, label="PROPN")
        # "Russell Square", "Buckingham Palace": a small town's name in a site's is more often a person's or a
        # family's, unless the model tags it as a place ("Llandaff cathedral").
        tagged = all(t.ent_type_ == "GPE" for t in words[:end])
        size = TAGGED_TOWN_POPULATION if tagged else NAMED_TOWN_POPULATION
        if resolved and resolved[0].population >= size and plausible(resolver, resolved[0]):
            return resolved[0]
    return None


def plausible(resolver: Resolver, place: Place) -> bool:
    """Near the last stops, or else in a country the report names (when it names any)."""
    points = resolver.points[-3:]
    if points:
        return any(float(great_circle(point, (place.lat, place.lon)).km) <= NEAR_KM for point in points)
    return not resolver.countries or place.country in resolver.countries


def last_town(mentions: list[tuple[Mention, str, int]], paragraph: int, here: Place | None) -> Place | None:
    """The town of the paragraph's last stop: "the Basilica" after "returned to Rome"; else the dateline's."""
    for mention, _, _ in reversed(mentions):
        if mention.paragraph < paragraph - 1:
            break
        if mention.town is not None:
            return mention.town
    return here
