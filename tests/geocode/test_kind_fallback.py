"""A stop named with a kind word ("X Castle", "Mount X") falls back to the town X only where something places it.

The stop names are made up; the towns are real places of the index.
"""

from __future__ import annotations

from mapping.geocode.gazetteer import OfflineGazetteer
from mapping.geocode.resolve import resolve_trip
from mapping.trip.model import Stop, Trip

NEAR_ZION_ILLINOIS = (42.36, -87.84)
DENVER = (39.74, -104.99)


def test_alone_the_town_of_a_kind_stripped_name_is_no_answer(gazetteer: OfflineGazetteer) -> None:
    assert gazetteer.lookup("Zion Castle").best is None
    assert gazetteer.geocode("Zion Castle") is None, "geopy's contract: None for not found"
    assert gazetteer.geocode("Zion Lake", near=DENVER) is None, "a namesake 1,400 km from the trip is no answer"


def test_the_town_is_the_approximate_answer_where_the_query_the_caller_or_a_near_stop_places_it(
    gazetteer: OfflineGazetteer,
) -> None:
    for query, hints in (
        ("Zion Castle", {"near": NEAR_ZION_ILLINOIS}),
        ("Zion Castle", {"country_codes": "US"}),
        ("Zion Castle, Illinois", {}),
    ):
        answer = gazetteer.lookup(query, **hints)
        assert answer.best is not None, (query, hints)
        assert (answer.best.name, answer.best.place.admin1, answer.approximate) == ("Zion", "IL", "town")
        assert answer.confidence <= 0.5


def test_a_kind_word_query_the_index_knows_is_untouched(gazetteer: OfflineGazetteer) -> None:
    airport = gazetteer.lookup("Vladivostok airport")
    assert airport.best is not None
    assert airport.best.place.kind == "airport"
    assert not airport.approximate


def _resolved(*names: str) -> list[Stop]:
    return list(resolve_trip(Trip("made-up", tuple(Stop(n) for n in names)), OfflineGazetteer()).trip.stops)


def test_on_a_trip_the_other_stops_decide() -> None:
    far = _resolved("Denver", "Zion Castle", "Boulder, Colorado")
    assert not far[1].located, "Zion, Illinois is 1,400 km from a Colorado trip"
    near = _resolved("Waukegan, Illinois", "Zion Castle", "Kenosha, Wisconsin")
    assert near[1].located
    assert near[1].matched == "Zion (approximate: town)"
    assert (near[1].confidence or 0) <= 0.5


def test_kind_stripped_stops_can_support_each_other_but_not_themselves() -> None:
    # Two sights in two Japanese cities 40 km apart: each town places the other.
    pair = _resolved("Osaka Castle", "Nara Park")
    assert [s.matched for s in pair] == ["Osaka (approximate: town)", "Nara-shi (approximate: town)"]
    assert not _resolved("Zion Castle")[0].located
