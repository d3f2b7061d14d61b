"""The towns of a day's heading (``routes``), looked up in the gazetteer as a day's route."""

from __future__ import annotations

from itertools import pairwise

from geopy.distance import great_circle

from mapping.geocode.index import MATCH_ALTERNATE, MATCH_PRIMARY, Place
from mapping.geocode.placenames import fold, normalize
from mapping.report.places import inside, within
from mapping.report.resolver import Resolver
from mapping.report.routes import Leg, Route
from mapping.report.states import STATE_NAMES, state_name

#: The farthest apart two towns of a heading without a day's label may be, to be read as a day's route.
ROUTE_HOP_KM = 1_500
#: Two towns of a route farther apart than a day's ride or drive are looked up again as a pair, among so many
#: towns of each name: "Portland to Augusta" is in Maine.
JOIN_KM = 500
JOIN_CANDIDATES = 10


def route_places(resolver: Resolver, heading: Route) -> list[Place | None] | None:
    """Each leg's town (``None`` for a leg the gazetteer does not hold), or ``None`` when the line is no route after
    all: without a day's label, at least two of its towns and most of them must be known, a day's drive apart."""
    if heading.place_line:
        # Alone on its line, a town is an entry only when written with a state or country it is in.
        place = _placed(resolver, heading.legs[0].name, heading.legs[0].qualifier)
        if place is not None:
            resolver.remember(place)
        return None if place is None else [place]
    # "Syracuse to Herkimer, NY": a state written once, behind the last town, is every unqualified leg's.
    shared = heading.legs[-1].qualifier if len(heading.legs) > 1 else None
    places: list[Place | None] = []
    for leg in heading.legs:
        # Each leg is looked up near the one before it: "Tarragona to Arnes" is the Arnes a day's ride away.
        place = leg_place(resolver, leg.name, shared) if leg.qualifier is None and shared else None
        places.append(place or leg_place(resolver, leg.name, leg.qualifier))
        if places[-1] is not None:
            resolver.remember(places[-1])
    for i in range(len(places) - 1):
        a, b = places[i], places[i + 1]
        if (a is None) == (b is None) and (a is None or b is None or within(a, b, JOIN_KM)):
            continue
        # "Portland to Augusta", "Perth to Inverness": each town alone is the best known one of its name, the two
        # together are a day apart only in Maine, in Scotland. The pair of towns so named that a day's travel
        # joins, the best known first, is the route.
        pair = _joined(resolver, heading.legs[i], heading.legs[i + 1])
        if pair is not None:
            places[i], places[i + 1] = pair
    known = [place for place in places if place is not None]
    hops = [0.0, *(float(great_circle((a.lat, a.lon), (b.lat, b.lon)).km) for a, b in pairwise(known))]
    if not heading.labelled and (2 * len(known) < len(places) or len(known) < 2 or max(hops) > ROUTE_HOP_KM):
        return None  # "Welcome to Paris", "Back to School": no day's label, and not a day's drive
    return places


def leg_place(resolver: Resolver, name: str, qualifier_text: str | None) -> Place | None:
    """A heading's town, only by its own names ("Valley of Fire" is not Valley, "Primm" not Prüm); "Dillon
    Montana" and "Lincoln Mt" are Dillon and Lincoln in Montana when no town bears the whole name."""
    found = resolver.town(name, label="GPE", qualifier_text=qualifier_text)
    if found is not None and resolver.spelt_as_written(name, qualifier_text):
        return found[0]
    words = name.split()
    for cut in (1, 2):
        if qualifier_text is None and len(words) > cut:
            town, state = " ".join(words[:-cut]), " ".join(words[-cut:])
            state = state_name(state)
            if state not in STATE_NAMES and resolver.area(state) is None:
                continue  # "Valley of Fire" is not a Valley in a state called Fire
            found = resolver.town(town, label="GPE", qualifier_text=state)
            if found is not None and resolver.spelt_as_written(town, state):
                return found[0]
    return None


def _placed(resolver: Resolver, name: str, qualifier: str | None) -> Place | None:
    """ "Akron, Ohio", "Columbia SC", "Jackson Hole WY": the town, when the state or country written is its own."""
    words = name.split()
    splits = [(name, qualifier)] if qualifier else [(" ".join(words[:-c]), " ".join(words[-c:])) for c in (1, 2)]
    for town, where in splits:
        if not town or where is None:
            continue
        area = resolver.area(state_name(where))
        place = resolver.town(town, label="GPE", qualifier_text=state_name(where)) if area is not None else None
        if place is not None and area is not None and inside(place[0], area):
            return place[0]
    return None


def _joined(resolver: Resolver, first: Leg, second: Leg) -> tuple[Place, Place] | None:
    """The two towns of these names that a day's travel joins, by the sum of their ranks, or ``None``."""
    options = [_named(resolver, leg) for leg in (first, second)]
    pairs = [(i + j, a, b) for i, a in enumerate(options[0]) for j, b in enumerate(options[1]) if within(a, b, JOIN_KM)]
    if not pairs:
        return None
    _, a, b = min(pairs, key=lambda item: item[0])
    return a, b


def _named(resolver: Resolver, leg: Leg) -> list[Place]:
    query = f"{leg.name}, {leg.qualifier}" if leg.qualifier else leg.name
    answer = resolver.gazetteer.lookup(query, limit=JOIN_CANDIDATES)
    # By its own name, or another of its names, or its name without accents ("Arzua"): not a look-alike (Prüm).
    return [
        c.place
        for c in answer.candidates
        if c.place.kind not in ("country", "region")
        and (c.match in (MATCH_PRIMARY, MATCH_ALTERNATE) or fold(normalize(c.place.name)) == fold(normalize(leg.name)))
    ]
