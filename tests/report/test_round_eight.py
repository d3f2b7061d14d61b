"""The eighth round on the report pipeline (issue 15): the town a report is filed from as a stop of the trip.

The texts are written for these tests in the shapes that failed; none is copied from a report.
"""

from __future__ import annotations

from datetime import date

from mapping.geocode.gazetteer import OfflineGazetteer
from mapping.report.extract import extract
from tests.report.drafted import drafted


def found(
    text: str, gazetteer: OfflineGazetteer, reference: date | None = date(2019, 9, 1)
) -> list[tuple[str | None, str]]:
    return drafted(text, gazetteer, reference)


def test_the_town_a_report_is_filed_from_is_the_travellers_stop(gazetteer: OfflineGazetteer) -> None:
    text = (
        "LISBON (Wire) - The Chancellor was welcomed by the President at Belem Palace on Tuesday, "
        "the first day of a two-day state visit.\n\nShe laid a wreath and met students before a state dinner."
    )
    stops = found(text, gazetteer)
    assert ("2019-08-27", "Lisbon") in stops
    assert [place for _, place in stops].count("Lisbon") == 1
    trip = extract(text, gazetteer, reference_date=date(2019, 9, 1))
    lisbon = next(s for s in trip.stops if s.place == "Lisbon")
    assert lisbon.evidence.startswith("LISBON (Wire) - The Chancellor was welcomed")
    assert lisbon.confidence is not None
    assert lisbon.confidence < 0.6  # told by the dateline alone: drawn uncertain


def test_a_report_filed_from_home_about_a_trip_abroad_leaves_home_out(gazetteer: OfflineGazetteer) -> None:
    text = (
        "OSLO (Wire) - The foreign minister arrived in Nairobi on Monday for talks on the drought, "
        "and flew on to Kampala the next day."
    )
    assert [place for _, place in found(text, gazetteer)] == ["Nairobi", "Kampala"]


def test_a_dateline_town_the_text_names_itself_is_one_stop(gazetteer: OfflineGazetteer) -> None:
    text = "LYON (Wire) - The President arrived in Lyon on Friday and toured a hospital.\n\nHe left for Paris at night."
    places = [place for _, place in found(text, gazetteer)]
    assert places.count("Lyon") == 1


def test_verbs_joined_to_a_negated_one_share_its_not(gazetteer: OfflineGazetteer) -> None:
    text = (
        "A short week in Denver in May 2019.\n\nWe did not see a show, go to the Botanic Gardens, visit the Art "
        "Museum or tour the Mint. We did not stop in Boulder and drove on to Longmont for lunch."
    )
    places = [place for _, place in found(text, gazetteer)]
    assert "Longmont" in places  # a clause of its own: it happened
    assert not any(word in place for place in places for word in ("Botanic", "Art Museum", "Mint", "Boulder"))


def test_a_name_the_parser_reads_as_a_noun_keeps_its_event(gazetteer: OfflineGazetteer) -> None:
    # The small model reads "Trump held rallies" as a noun phrase ("held" describing "rallies"): the clause's
    # verb is lost, but the traveller's event and its towns are there.
    text = (
        "President Trump spent Saturday on the road.\n\n"
        "Trump held rallies in Greenville, North Carolina; Findlay, Ohio; and Green Bay, Wisconsin on Saturday "
        "before returning to Washington."
    )
    places = [place for _, place in found(text, gazetteer, date(2020, 10, 25))]
    assert {"Greenville", "Findlay", "Green Bay"} <= set(places)


def test_two_spaces_after_a_full_stop_still_end_a_sentence(gazetteer: OfflineGazetteer) -> None:
    # Typed with two spaces after each full stop, a diary's paragraph used to be read as one long sentence,
    # too long to be prose, and its town was lost.
    text = (
        "Day 3 of the drive west, June 2019.\n\n"
        "The end of day two was horrible.  After a 17 hour drive I needed a hotel.  I landed in Amarillo, Texas.  "
        "It is the western part of the state.  The first motel was full, so I went across the street."
    )
    trip = extract(text, gazetteer, reference_date=date(2019, 6, 30))
    amarillo = [s for s in trip.stops if s.place == "Amarillo"]
    assert amarillo
    assert amarillo[0].evidence == "I landed in Amarillo, Texas."


def test_what_a_place_is_like_puts_no_one_there(gazetteer: OfflineGazetteer) -> None:
    text = (
        "Our week in Scotland, June 2019.\n\nWe arrived in Edinburgh on Monday and walked up to the castle. "
        "I hear it's been beautiful back in Glasgow recently, so maybe we chose wrong."
    )
    places = [place for _, place in found(text, gazetteer, date(2019, 6, 30))]
    assert "Edinburgh" in places
    assert "Glasgow" not in places


def test_a_weekday_without_a_report_date_moves_the_account_forward(gazetteer: OfflineGazetteer) -> None:
    # No reference date to count back from: "On Wednesday" after Tuesday 14 May is the 15th, not the 14th.
    text = (
        "LISBON (Wire) - The Chancellor was welcomed by the President at Belem Palace on Tuesday, 14 May 2024, "
        "the first day of a two-day state visit.\n\nOn Wednesday she flew to Porto, where she toured a shipyard."
    )
    stops = dict((place, day) for day, place in found(text, gazetteer, reference=None))
    assert stops["Lisbon"] == "2024-05-14"
    assert stops["Porto"] == "2024-05-15"
