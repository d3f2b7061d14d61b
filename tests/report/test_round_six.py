"""The sixth round on the report pipeline (issue 15): wire datelines in the agencies' other orders, and an
arrival told as the traveller's own noun.

The sentences are written for these tests in the shapes that failed; none is copied from a report.
"""

from __future__ import annotations

from datetime import date

import pytest

from mapping.geocode.gazetteer import OfflineGazetteer
from mapping.report.extract import extract
from mapping.report.text import find_dateline


def found(text: str, gazetteer: OfflineGazetteer, reference: date | None = None) -> list[tuple[str | None, str]]:
    trip = extract(text, gazetteer, reference_date=reference)
    return [(s.date.isoformat() if s.date else None, s.place) for s in trip.stops]


@pytest.mark.parametrize(
    ("text", "place", "day"),
    [
        (
            "Tuesday 4 June\n\nHANOI, Vietnam, (Some Agency / Wire Desk - 4th Jun, 2024 ) :The minister",
            "Hanoi",
            "4th Jun, 2024",
        ),
        ("LIMA (Peru), Mar 15 (XYZ):The envoy arrived", "Lima", "Mar 15"),
        ("SANTIAGO (Chile), 14 March 2024 (ABC) - The envoy", "Santiago", "14 March 2024"),
    ],
)
def test_a_wire_dateline_in_other_orders_is_read(text: str, place: str, day: str) -> None:
    dateline = find_dateline(text)
    assert dateline is not None
    assert (dateline.place, dateline.date_text) == (place, day)


@pytest.mark.parametrize(
    "text",
    [
        "THE BAND PLAYED ON, said the critic, (and 3 more) : nothing else.",
        "THE PLAN (PART 2), Section 3 (draft): The envoy",  # a number is no date
    ],
)
def test_capitals_without_a_date_are_no_dateline(text: str) -> None:
    assert find_dateline(text) is None


def test_arriving_here_under_such_a_dateline_is_the_datelines_town(gazetteer: OfflineGazetteer) -> None:
    text = "HANOI, Vietnam, (Wire Desk - 14th Mar, 2024 ) :The foreign minister arrived here Wednesday for talks."
    assert found(text, gazetteer) == [("2024-03-13", "Hanoi")]


def test_the_travellers_own_arrival_noun_is_an_arrival_in_the_datelines_town(gazetteer: OfflineGazetteer) -> None:
    text = "NAIROBI, March 15 (XYZ) - The envoy was given a warm welcome on Thursday upon her arrival in Kenya."
    assert found(text, gazetteer, date(2024, 3, 15)) == [("2024-03-14", "Nairobi")]


@pytest.mark.parametrize(
    "sentence",
    [
        "The arrival of the aid convoy in Kenya was delayed on Thursday.",  # not the traveller's
        "Her arrival in Kenya is expected on Saturday.",  # a plan
    ],
)
def test_an_arrival_noun_that_is_not_the_travellers_or_is_a_plan_is_not(
    gazetteer: OfflineGazetteer, sentence: str
) -> None:
    assert found(f"NAIROBI, March 15 (XYZ) - {sentence}", gazetteer, date(2024, 3, 15)) == []


@pytest.mark.parametrize(
    "sentence",
    [
        "His itinerary includes stops in Ames, Boone and Ottumwa.",
        "The schedule takes in a rally in Dubuque.",
    ],
)
def test_what_an_itinerary_includes_is_a_programme(gazetteer: OfflineGazetteer, sentence: str) -> None:
    text = f"The senator landed in Des Moines on Thursday. {sentence}"
    assert found(text, gazetteer, date(2024, 3, 15)) == [("2024-03-14", "Des Moines")]


def test_a_common_noun_the_model_took_for_a_person_is_no_town(gazetteer: OfflineGazetteer) -> None:
    text = "We slept in the van talking and laughing. On Monday we drove into Lyon."
    assert [place for _, place in found(text, gazetteer, date(2024, 3, 15))] == ["Lyon"]


def test_a_town_the_report_places_in_a_region_that_does_not_hold_it_is_not_drawn_elsewhere(
    gazetteer: OfflineGazetteer,
) -> None:
    # No Tucson in Vermont is known: the Tucson in Arizona would be a stop the text itself contradicts.
    text = "We arrived in Tucson, Vermont on Monday and stayed the night. On Tuesday we drove to Burlington, Vermont."
    assert [place for _, place in found(text, gazetteer, date(2024, 3, 15))] == ["Burlington"]
