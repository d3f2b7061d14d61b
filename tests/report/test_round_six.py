"""The sixth round on the report pipeline (issue 15): wire datelines in the agencies' other orders, and an
arrival told as the traveller's own noun.

The sentences are written for these tests in the shapes that failed; none is copied from a report.
"""

from __future__ import annotations

from datetime import date

import pytest

from mapping.geocode.gazetteer import OfflineGazetteer
from mapping.report.extract import extract
from mapping.report.nlp import model
from mapping.report.places import candidates
from mapping.report.routes import route
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


@pytest.mark.parametrize(
    ("line", "legs", "labelled"),
    [
        (
            "Day 10 - Northport, New Mexico to Fenwick, Arizona",
            [("Northport", "New Mexico"), ("Fenwick", "Arizona")],
            True,
        ),
        (
            "Aldby Montana to Brook Montana, 15th June 2017, what a day",
            [("Aldby Montana", None), ("Brook Montana", None)],
            False,
        ),
        (
            "Day 2 - Aldby, NV --> Brook --> Cale, UT (431 miles, 7.5hr)",
            [("Aldby", "NV"), ("Brook", None), ("Cale", "UT")],
            True,
        ),
        ("Big Hill Trek Day 5: Aldby to Brook", [("Aldby", None), ("Brook", None)], True),
        ("Day 5 Aldby-Brook:", [("Aldby", None), ("Brook", None)], True),
        ("Day 8, Aldby Mt: a picnic every day", [("Aldby Mt", None)], True),
        ("Aldby, VA -Show Day", [("Aldby", "VA")], True),
        ("Day 8 - Around Aldby Springs", [("Aldby Springs", None)], True),
        ("Day 1 Aldby to brook", [("Aldby", None), ("Brook", None)], True),
        ("Aldby to Brook (Day 1)", [("Aldby", None), ("Brook", None)], True),
        ("Today's Route: Aldby, MI to Brook City, MI (71 miles)", [("Aldby", "MI"), ("Brook City", "MI")], True),
        ("Aldby Day 2", [("Aldby", None)], True),
    ],
)
def test_a_days_heading_is_taken_apart_by_its_own_punctuation(
    line: str, legs: list[tuple[str, str | None]], labelled: bool
) -> None:
    heading = route(line)
    assert heading is not None
    assert [(leg.name, leg.qualifier) for leg in heading.legs] == legs
    assert heading.labelled is labelled
    assert all(line[leg.start : leg.end].lower() == leg.name.lower() for leg in heading.legs)


@pytest.mark.parametrize(
    "line",
    [
        "I went to Paris",
        "Minister to travel to Reus",
        "Day Off in Las Vegas",
        "The road to recovery",
        "Christmas Day",
        "x" * 200,
    ],
)
def test_a_sentence_is_no_days_heading(line: str) -> None:
    assert route(line) is None


def test_a_days_route_names_where_the_day_starts_and_ends_and_day_one_leaves_home(gazetteer: OfflineGazetteer) -> None:
    diary = (
        "Day 10 - Farmington, New Mexico to Flagstaff, Arizona\n\nA long drive.\n\n"
        "Butte Montana to Missoula Montana, 15th June 2017, a fine day.\n\nSnow on the pass."
    )
    assert found(diary, gazetteer, date(2017, 6, 20)) == [
        ("2017-06-15", "Butte"), ("2017-06-15", "Missoula"), (None, "Farmington"), (None, "Flagstaff")
    ]  # fmt: skip
    assert [place for _, place in found("Day 1 London to Dover\n\nOff at last.", gazetteer)] == ["Dover"]


def test_a_headings_words_are_towns_only_by_their_own_names(gazetteer: OfflineGazetteer) -> None:
    # "Valley of Fire" is a park, not the town Valley; nothing of the heading is read twice.
    text = "Day 2 - Las Vegas --> Valley of Fire --> Mesquite\n\nHot and dry."
    assert [place for _, place in found(text, gazetteer)] == ["Las Vegas", "Mesquite"]


def test_a_site_named_by_its_kind_alone_is_no_town_of_that_name(gazetteer: OfflineGazetteer) -> None:
    # There is a town called Church in England; "the Church" of a sermon is neither it nor a site in it.
    text = '"Our celebration today is a sign of the growth which God has given to the Church in your country," he said.'
    assert found(text, gazetteer, date(2024, 3, 16)) == []


def test_a_streets_name_is_no_town(gazetteer: OfflineGazetteer) -> None:
    for text in (
        "School Craft, Michigan Rally at corner of Walnut and Duncan Streets",
        "The motorcade turned onto Walnut Street and then Pine Avenue before reaching Dayton.",
    ):
        doc = model()(text)
        names = [c.text for c in candidates(next(iter(doc.sents)), list(doc.noun_chunks)) if c.kind == "name"]
        assert not any("Walnut" in name or "Pine" in name for name in names), names


def test_a_stop_written_as_a_label_is_a_stop_unless_it_looks_ahead(gazetteer: OfflineGazetteer) -> None:
    diary = "We packed the car and took off early. Our destination: Moab. It was a long day."
    assert [place for _, place in found(diary, gazetteer, date(2024, 3, 16))] == ["Moab"]
    assert found("Tomorrow's destination: Reno.", gazetteer, date(2024, 3, 16)) == []
