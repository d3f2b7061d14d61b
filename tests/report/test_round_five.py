"""The fifth round on the report pipeline (issue 15): recall on ordinary towns told in ways the visit rules did
not take, with the trip's geography as the guard.

The sentences are written for these tests in the shapes that failed; none is copied from a report.
"""

from __future__ import annotations

from datetime import date

from mapping.geocode.gazetteer import OfflineGazetteer
from mapping.report.extract import extract

FRIDAY = date(2024, 3, 15)


def found(text: str, gazetteer: OfflineGazetteer, reference: date | None = FRIDAY) -> list[tuple[str | None, str]]:
    trip = extract(text, gazetteer, reference_date=reference)
    return [(s.date.isoformat() if s.date else None, s.place) for s in trip.stops]


def places(text: str, gazetteer: OfflineGazetteer) -> list[str]:
    return [place for _, place in found(text, gazetteer)]


def test_what_the_traveller_did_something_with_in_a_town_puts_them_there(gazetteer: OfflineGazetteer) -> None:
    text = (
        "The chancellor landed in Lisbon on Tuesday. On Wednesday she visited a cork academy in Porto and "
        "then had dinner with the crew."
    )
    assert found(text, gazetteer) == [("2024-03-12", "Lisbon"), ("2024-03-13", "Porto")]
    diary = "We flew into Lisbon on Tuesday. On Wednesday we ate the best custard tarts in Porto."
    assert found(diary, gazetteer) == [("2024-03-12", "Lisbon"), ("2024-03-13", "Porto")]


def test_what_the_traveller_spoke_of_in_a_town_does_not(gazetteer: OfflineGazetteer) -> None:
    # Saying, a bare abstract noun, and someone else's doing are not being there.
    text = (
        "The chancellor landed in Lisbon on Tuesday. She discussed the new port in Sines with the mayor. "
        "She sought investment in Braga. Later Rui Moreira showed a film in Faro."
    )
    assert places(text, gazetteer) == ["Lisbon"]


def test_a_town_said_to_be_near_another_is_the_one_by_it(gazetteer: OfflineGazetteer) -> None:
    # There is a Newbridge in Wales and one by Edinburgh: the text says which.
    text = "On Tuesday the prince met nurses in Newbridge, near Edinburgh, before boarding the royal train."
    stops = extract(text, gazetteer, reference_date=FRIDAY).stops
    assert [s.place for s in stops] == ["Newbridge"]
    assert stops[0].lat is not None
    assert stops[0].lat > 55.5  # Scotland, not Wales (51.7)
