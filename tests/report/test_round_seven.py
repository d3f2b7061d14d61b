"""The seventh round on the report pipeline (issue 15): an itinerary written as lines of towns, and the lines a
title was glued to.

The texts are written for these tests in the shapes that failed; none is copied from a report.
"""

from __future__ import annotations

from datetime import date

import pytest
from geopy.distance import great_circle

from mapping.geocode.gazetteer import OfflineGazetteer
from mapping.report.extract import extract
from mapping.report.routes import route
from tests.report.drafted import drafted


def found(
    text: str, gazetteer: OfflineGazetteer, reference: date | None = date(2019, 9, 1)
) -> list[tuple[str | None, str]]:
    return drafted(text, gazetteer, reference)


def test_an_itinerarys_town_lines_are_stops_of_the_day_above_them(gazetteer: OfflineGazetteer) -> None:
    text = (
        "A campaign weekend by train\n\nThe governor's tour went through three states.\n\n"
        "August 4\nDayton, Ohio\nRally at the station\nLunch with volunteers\n\n"
        "Toledo, Ohio\nRally at the depot\n\n"
        "August 5\nFlint, Michigan\nTown hall at the library\n"
    )
    assert found(text, gazetteer) == [("2019-08-04", "Dayton"), ("2019-08-04", "Toledo"), ("2019-08-05", "Flint")]


def test_a_list_of_towns_with_marks_and_remarks_is_read(gazetteer: OfflineGazetteer) -> None:
    text = (
        "Our loop, stop by stop\n\nWe drove out in July 2019.\n\n"
        "• Ames, Iowa\n• Rapid City SD *\n• Boise, ID — best pie of the trip!\n• Christmas Day\n• Savannah\n"
    )
    # A name alone ("Savannah", "Christmas Day") is a title as often as an entry: only towns written with their
    # state are read.
    assert [place for _, place in found(text, gazetteer)] == ["Ames", "Rapid City", "Boise"]


@pytest.mark.parametrize(
    ("line", "town", "where"),
    [
        ("Akron, Ohio", "Akron", "Ohio"),
        ("• Whitehall, Wisconsin", "Whitehall", "Wisconsin"),
        ("-Brandon, FL.", "Brandon", "FL"),
        ("Mount Vernon IL — best surprise ever!", "Mount Vernon IL", None),
        ("3. Columbia SC *", "Columbia SC", None),
    ],
)
def test_a_town_line_is_taken_apart_by_its_marks(line: str, town: str, where: str | None) -> None:
    heading = route(line)
    assert heading is not None
    assert heading.place_line
    assert (heading.legs[0].name, heading.legs[0].qualifier) == (town, where)
    assert line[heading.legs[0].start : heading.legs[0].end] == town


@pytest.mark.parametrize("line", ["Savannah", "Christmas Day", "KYIV, Ukraine", "Welcome Home"])
def test_a_name_alone_or_a_datelines_capitals_is_no_town_line(line: str) -> None:
    assert route(line) is None


def test_a_town_line_needs_a_state_that_holds_the_town(gazetteer: OfflineGazetteer) -> None:
    # There is an Akron in Ohio, none in Nevada: the line is no entry, and is not drawn in Ohio either.
    assert found("Akron, Nevada\n\nA quiet summer.\n", gazetteer) == []
    assert found("Thanks, Everyone\n\nA quiet summer.\n", gazetteer) == []


def test_a_state_written_once_behind_a_route_is_every_legs(gazetteer: OfflineGazetteer) -> None:
    text = "Day 12\nLafayette to Opelousas, LA\nFlat and hot all day, 40 miles.\n"
    stops = extract(text, gazetteer, reference_date=date(2019, 9, 1)).stops
    assert [(s.place, round(s.lat or 0), round(s.lon or 0)) for s in stops] == [
        ("Lafayette", 30, -92), ("Opelousas", 31, -92)
    ]  # fmt: skip


def test_the_lines_a_title_was_glued_to_are_read_and_a_datelines_town_is_not_a_stop(
    gazetteer: OfflineGazetteer,
) -> None:
    text = "KYIV, Ukraine\nMay 3, 2019 - The minister arrived in Lviv on Friday.\n"
    assert found(text, gazetteer) == [("2019-05-03", "Lviv")]


def test_a_place_only_left_is_home_abroad_but_a_stop_of_a_trip_within_its_country(
    gazetteer: OfflineGazetteer,
) -> None:
    within = "We rode hard all week. We arrived in Newton, Iowa on June 4, two days after leaving Sioux City."
    assert {place for _, place in found(within, gazetteer)} == {"Newton", "Sioux City"}
    abroad = "The president arrived in Hanoi on Sunday, a day after leaving Washington."
    assert [place for _, place in found(abroad, gazetteer)] == ["Hanoi"]


def test_a_town_told_after_a_preposition_of_place_is_a_weaker_stop(gazetteer: OfflineGazetteer) -> None:
    text = (
        "Day two of the tour took the squad to Leeds. "
        "Training in Harrogate was light, and the evening belonged to a quiz in York."
    )
    stops = extract(text, gazetteer).stops
    assert [s.place for s in stops] == ["Leeds", "Harrogate", "York"]
    york = stops[-1]
    assert york.confidence is not None
    assert york.confidence < 0.5  # only mentioned: drawn as uncertain, listed to check
    assert "quiz in York" in (york.evidence or "")


def test_a_town_only_mentioned_far_from_the_trip_is_not_a_stop(gazetteer: OfflineGazetteer) -> None:
    text = "The squad arrived in Leeds on Monday. Tickets sold out in Sydney within an hour."
    assert [place for _, place in found(text, gazetteer)] == ["Leeds"]


@pytest.mark.parametrize(
    "sentence",
    [
        "The ride through New York State was long ago.",
        "She took a video tour of a school in Ames.",
        "Her staff talked about the war in Gaza.",
        "Aides said a planned visit to Ames was dropped.",
        "She did not stop in Ames.",
        "She grew up in Ames.",
    ],
)
def test_a_mention_that_says_it_is_no_visit_is_not_a_stop(gazetteer: OfflineGazetteer, sentence: str) -> None:
    text = "The senator arrived in Des Moines on Friday. " + sentence
    assert [place for _, place in found(text, gazetteer)] == ["Des Moines"]


def test_a_states_name_is_the_state_not_a_town_that_bears_it(gazetteer: OfflineGazetteer) -> None:
    # Oklahoma City starts with "Oklahoma", and Montana is a town in Bulgaria: neither is meant.
    assert [place for _, place in found("I landed in Weatherford, Oklahoma.", gazetteer)] == ["Weatherford"]
    text = "On Monday we crossed into Montana and stopped in Billings for the night."
    assert [place for _, place in found(text, gazetteer)] == ["Billings"]


def test_a_routes_towns_are_looked_up_as_a_pair_a_days_travel_apart(gazetteer: OfflineGazetteer) -> None:
    for heading, where in (
        ("Day 3 – Portland to Augusta", (44, -70)),  # Maine, not Oregon and Augsburg
        ("Day 4 - Perth to Inverness", (57, -4)),  # Scotland, not Western Australia
        ("Camino Day 9 – Melide to Arzua – Part 2", (43, -8)),  # Galicia, not Ticino
    ):
        stops = extract(heading + "\n\nA long day in the saddle.", gazetteer).stops
        assert len(stops) == 2, heading
        assert (round(stops[-1].lat or 0), round(stops[-1].lon or 0)) == where, heading
        assert great_circle((stops[0].lat, stops[0].lon), (stops[1].lat, stops[1].lon)).km < 500, heading


def test_a_diary_entrys_date_then_a_town_is_that_days_stop(gazetteer: OfflineGazetteer) -> None:
    text = (
        "Our Iberian summer\n\n26th July 2015 – Sevilla\n\nPERFECT HEAT You know that feeling after a long climb.\n\n"
        "July 25, 2015: Avila\n\nDUST BOWL We left the mountains behind.\n"
    )
    assert found(text, gazetteer, date(2015, 8, 1)) == [("2015-07-25", "Ávila"), ("2015-07-26", "Sevilla")]
    # A date's label then words that are no town: nothing ("Independence Day" is not Independence, Missouri).
    assert found("July 4 - Independence Day\n\nFireworks at home.\n", gazetteer, date(2015, 8, 1)) == []


@pytest.mark.parametrize(
    ("sentence", "where"),
    [
        ("We drove on to Lincoln NE and spent the night there.", (41, -97)),  # not Lincoln, England
        ("On Tuesday we rolled into Portland ME for lobster.", (44, -70)),  # not Portland, Oregon
        ("Then we stopped at Jackson MS for gas.", (32, -90)),
    ],
)
def test_a_states_postal_code_behind_a_town_places_it_without_a_comma(
    gazetteer: OfflineGazetteer, sentence: str, where: tuple[int, int]
) -> None:
    stops = extract(sentence, gazetteer).stops
    assert [(round(s.lat or 0), round(s.lon or 0)) for s in stops] == [where]


def test_a_verb_that_carries_the_traveller_somewhere_is_a_movement(gazetteer: OfflineGazetteer) -> None:
    assert [p for _, p in found("The wind died at noon. That is what brought us to Lewes, Delaware.", gazetteer)] == [
        "Lewes"
    ]
    assert [p for _, p in found("Our Eurostar journey got us into Paris at five.", gazetteer)] == ["Paris"]
    # What is carried is not the traveller: no movement of theirs.
    assert found("The storm brought rain to Lewes, Delaware.", gazetteer) == []
    assert found("The tide carried the wreck to Lewes, Delaware.", gazetteer) == []


def test_a_small_towns_name_inside_a_sites_name_does_not_place_the_site(gazetteer: OfflineGazetteer) -> None:
    # Buckingham (12,000 people) is not where Buckingham Palace is; Denver is where the Denver Art Museum is.
    text = "The Queen hosted the President at Buckingham Palace on Monday."
    assert all("Buckingham," not in place for _, place in found(text, gazetteer, date(2024, 3, 20)))
    text = "On Monday the President toured the Denver Art Museum."
    assert [place for _, place in found(text, gazetteer, date(2024, 3, 20))] == ["Denver Art Museum, Denver"]


def test_a_state_the_report_names_steers_its_towns_look_ups(gazetteer: OfflineGazetteer) -> None:
    # Manchester alone is the English city, Hamilton the Canadian one; in these reports they are not.
    text = "The candidate spent Saturday in New Hampshire. He held a rally in Manchester that night."
    stops = extract(text, gazetteer, reference_date=date(2024, 8, 5)).stops
    assert [(s.place, round(s.lat or 0), round(s.lon or 0)) for s in stops] == [("Manchester", 43, -71)]
    text = "We rode into Montana on June 3. That night we camped in Hamilton."
    stops = extract(text, gazetteer, reference_date=date(2024, 8, 5)).stops
    assert [(s.place, round(s.lat or 0), round(s.lon or 0)) for s in stops] == [("Hamilton", 46, -114)]
    # A capital keeps its name's meaning: Paris, Texas is not where "Paris" is.
    text = "The senator left Texas on Monday. On Tuesday she landed in Paris for talks."
    assert [(s.place, round(s.lon or 0)) for s in extract(text, gazetteer, reference_date=date(2024, 8, 5)).stops] == [
        ("Paris", 2)
    ]


def test_a_datelines_state_places_its_town(gazetteer: OfflineGazetteer) -> None:
    text = "MILFORD, N.H. — The candidate returned to the state on Tuesday. He held a town hall in Milford."
    stops = extract(text, gazetteer, reference_date=date(2016, 2, 3)).stops
    assert [(s.place, round(s.lat or 0), round(s.lon or 0)) for s in stops] == [("Milford", 43, -72)]


def test_a_us_states_name_is_not_a_foreign_county_of_that_name(gazetteer: OfflineGazetteer) -> None:
    # Maryland is also a county of Liberia; in a report that never names Liberia it is the US state.
    text = "The band drove through Maryland on Friday. We hightailed it to Olney for the gig."
    stops = extract(text, gazetteer, reference_date=date(2015, 9, 5)).stops
    assert [(s.place, round(s.lat or 0), round(s.lon or 0)) for s in stops] == [("Olney", 39, -77)]
