"""The third round on the report pipeline (issue 15): shapes that failed on reports of new agencies and blogs.

The sentences are written for these tests in the shapes that failed; none is copied from a report.
"""

from __future__ import annotations

from datetime import date

from mapping.geocode.gazetteer import OfflineGazetteer
from mapping.report.extract import extract

SATURDAY = date(2024, 3, 16)


def found(text: str, gazetteer: OfflineGazetteer, reference: date | None = SATURDAY) -> list[tuple[str | None, str]]:
    trip = extract(text, gazetteer, reference_date=reference)
    return [(s.date.isoformat() if s.date else None, s.place) for s in trip.stops]


def places(text: str, gazetteer: OfflineGazetteer, reference: date | None = SATURDAY) -> list[str]:
    return [place for _, place in found(text, gazetteer, reference)]


def test_a_place_that_does_things_is_not_the_traveller(gazetteer: OfflineGazetteer) -> None:
    # "Lyon" is the subject of visit verbs more often than anyone: it is still a place, and "we" travel.
    text = (
        "We flew to Lyon on Monday. Lyon holds the title of France's food capital. Lyon hosts a festival. "
        "We took the train to Dijon on Tuesday."
    )
    assert found(text, gazetteer) == [("2024-03-11", "Lyon"), ("2024-03-12", "Dijon")]


def test_the_vehicle_carries_the_traveller(gazetteer: OfflineGazetteer) -> None:
    text = "The governor boarded her jet in the morning. Her plane pulled up at a rainy Tulsa on Friday."
    assert found(text, gazetteer) == [("2024-03-15", "Tulsa")]


def test_a_verbless_stage_names_where_the_day_starts_and_ends(gazetteer: OfflineGazetteer) -> None:
    # A day's route names where the day starts (the night before's stop) and where it ends (round 6).
    text = "Trekking in Spain\n\nMadrid to Toledo\n\nWe walked around Toledo all afternoon and ate marzipan."
    assert places(text, gazetteer, None) == ["Madrid", "Toledo"]


def test_a_timetable_is_a_programme_not_an_account(gazetteer: OfflineGazetteer) -> None:
    text = (
        "The president toured Macon on Friday morning.\n"
        "Below is the current schedule for the president's trip:\n"
        "- 8:20 a.m. : Depart the White House en route to Joint Base Andrews\n"
        "- 10:40 a.m.: Depart Dallas, TX, en route to Austin, TX\n"
        "- 11:05 a.m.: Arrive at Austin-Bergstrom International Airport\n"
        "- 1:35 p.m.: Depart Austin, TX, en route to Houston, TX"
    )
    assert found(text, gazetteer) == [("2024-03-15", "Macon")]


def test_a_clause_under_a_future_is_a_plan(gazetteer: OfflineGazetteer) -> None:
    text = (
        "The king arrived in Belfast on Tuesday. Friday will see the King travel to the west of Wales "
        "to tour the Tenby Museum and Art Gallery."
    )
    assert found(text, gazetteer) == [("2024-03-12", "Belfast")]


def test_a_report_that_opens_with_its_town_is_filed_from_it(gazetteer: OfflineGazetteer) -> None:
    # No place in the arrival's clause: the town the report opens with is where the traveller arrived.
    text = "Nairobi, The Pope touched down on Kenyan soil on Friday. He greeted the crowds."
    assert found(text, gazetteer) == [("2024-03-15", "Nairobi")]


def test_an_arrival_in_the_datelines_country_is_at_the_datelines_town(gazetteer: OfflineGazetteer) -> None:
    text = "LIMA, March 15: The envoy arrived in Peru on Thursday at the invitation of the government."
    assert found(text, gazetteer) == [("2024-03-14", "Lima")]


def test_an_arrival_placed_elsewhere_is_not_the_datelines_town(gazetteer: OfflineGazetteer) -> None:
    text = "LIMA, March 15: The envoy arrived in Chile on Thursday. She flew to Santiago."
    assert places(text, gazetteer) == ["Santiago"]


def test_a_countrys_institution_is_not_in_the_last_town(gazetteer: OfflineGazetteer) -> None:
    text = "The pope arrived in Nairobi on Friday. His tour sees him visiting the Church of Tanzania too."
    assert places(text, gazetteer) == ["Nairobi"]


def test_a_programme_in_the_present_with_a_weekday_is_a_plan(gazetteer: OfflineGazetteer) -> None:
    # Told on Saturday the 16th: "the tour concludes on Friday" is the coming Friday.
    text = (
        "The king arrived in Belfast on Tuesday. The tour concludes on Friday with a visit to Cardiff. "
        "The visit begins on Monday as the King pays a call at Swansea Guildhall."
    )
    assert found(text, gazetteer) == [("2024-03-12", "Belfast")]


def test_a_caption_in_the_present_keeps_its_past_weekday(gazetteer: OfflineGazetteer) -> None:
    assert found("Prince Harry meets pupils in Luanda on Friday.", gazetteer) == [("2024-03-15", "Luanda")]


def test_who_acts_is_not_where_nor_is_the_holder_of_a_visit(gazetteer: OfflineGazetteer) -> None:
    # The model may tag a visitor's name as a town ("Kamikawa" is a town in Japan): the subject of
    # "arrived" and the owner of "visit" are who travels, not where.
    text = "Kamikawa arrived in Lima on Sunday. This is Kamikawa's first visit to Peru."
    assert places(text, gazetteer) == ["Lima"]


def test_a_habit_is_not_a_visit(gazetteer: OfflineGazetteer) -> None:
    text = (
        "The king opened a school in Kirkcaldy on Friday. Traditionally, the King spends a week each year "
        "in Edinburgh. He usually stays in Aberdeen in the summer."
    )
    assert places(text, gazetteer) == ["Kirkcaldy"]


def test_a_town_in_apposition_to_the_word_town_is_a_town(gazetteer: OfflineGazetteer) -> None:
    assert places("The envoy flew to the capital, Maputo, on Monday.", gazetteer) == ["Maputo"]


def test_an_event_that_took_place_somewhere_puts_the_traveller_there(gazetteer: OfflineGazetteer) -> None:
    text = "The minister flew to Hanoi on Monday. The talks in Hue began with a handshake on Tuesday."
    assert found(text, gazetteer) == [("2024-03-11", "Hanoi"), ("2024-03-12", "Huế")]


def test_an_event_talked_about_is_not_a_visit(gazetteer: OfflineGazetteer) -> None:
    text = "The minister flew to Hanoi on Monday. His visit to Hue has delivered a surprise."
    assert places(text, gazetteer) == ["Hanoi"]


def test_earlier_leaves_the_day_open(gazetteer: OfflineGazetteer) -> None:
    text = "Qureshi met his counterpart in Beijing on Tuesday. Earlier, Qureshi met Zarif in Tehran."
    assert found(text, gazetteer) == [("2024-03-12", "Beijing"), (None, "Tehran")]


def test_a_city_state_is_a_stop(gazetteer: OfflineGazetteer) -> None:
    assert places("The minister flew to Singapore on Friday.", gazetteer) == ["Singapore"]


def test_a_stage_heading_in_title_case_is_read(gazetteer: OfflineGazetteer) -> None:
    text = "Tour diary, week two\n\nDay 3\n\nTampa FL to Orlando to Daytona Beach\n\nWe played a show and slept well."
    assert places(text, gazetteer, None) == ["Tampa", "Orlando", "Daytona Beach"]


def test_a_small_homonym_far_from_the_trip_in_a_country_never_named_is_not_a_stop(
    gazetteer: OfflineGazetteer,
) -> None:
    # The gazetteer's Kelvin is a village in Canada; the trip is in New Zealand and never names Canada.
    text = "We flew to Auckland on Monday. We lounged over breakfast at the Kelvin on Tuesday."
    assert places(text, gazetteer) == ["Auckland"]


def test_a_far_stop_in_a_country_the_text_names_is_kept(gazetteer: OfflineGazetteer) -> None:
    text = "We flew to Auckland on Monday. On Tuesday we flew on to Canada and landed in Kelvin."
    assert places(text, gazetteer) == ["Auckland", "Kelvin"]


def test_a_name_that_only_says_which_region_is_not_a_town(gazetteer: OfflineGazetteer) -> None:
    text = "We flew to Kathmandu on Monday. We spent the week out in the Pokhara region, then walked into Pokhara."
    assert places(text, gazetteer) == ["Kathmandu", "Pokhara"]
    assert places("We spent a week in the Langtang region.", gazetteer) == []


def test_a_town_whose_name_ends_in_a_sites_word_is_a_town(gazetteer: OfflineGazetteer) -> None:
    # "Park" is a site's word; "Brook Park" is a town, and the hall is in it.
    trip = extract(
        "Trump held a rally at the Grand Hall in Brook Park, Ohio, on Monday.", gazetteer, reference_date=SATURDAY
    )
    (stop,) = trip.stops
    assert stop.place == "Grand Hall, Brook Park"


def test_a_day_is_not_the_traveller(gazetteer: OfflineGazetteer) -> None:
    # "Saturday saw ...", "Friday saw ...": a day is the subject of visit verbs, never who travels, so the
    # group's own stops are not someone else's.
    text = (
        "Friday saw the group arrive in Leeds. Saturday saw the group reach York. Sunday saw the group visit Bath. "
        "The boys then travelled to Durham."
    )
    assert places(text, gazetteer, None) == ["Leeds", "York", "Bath", "Durham"]


def test_a_tour_of_a_place_that_began_visits_it(gazetteer: OfflineGazetteer) -> None:
    text = "The squad landed in London on Friday. After lunch a tour of Wembley commenced."
    assert places(text, gazetteer) == ["London", "Wembley"]


def test_a_day_told_in_the_present_is_a_programme(gazetteer: OfflineGazetteer) -> None:
    text = "Harris spoke in Detroit on Monday. Her day starts with an afternoon rally in Lansing."
    assert places(text, gazetteer) == ["Detroit"]


def test_an_arrival_after_a_dated_departure_takes_its_day(gazetteer: OfflineGazetteer) -> None:
    text = "Air Force One landed in Belfast at 9.20pm after leaving Washington earlier today."
    assert found(text, gazetteer) == [("2024-03-16", "Belfast")]


def test_a_stage_heading_that_the_model_reads_as_common_nouns_is_read(gazetteer: OfflineGazetteer) -> None:
    text = "Trek diary\n\nDay 3: Pokhara to Kathmandu\n\nWe walked for six hours and slept well."
    assert places(text, gazetteer, None) == ["Pokhara", "Kathmandu"]


def test_a_town_that_receives_the_traveller_is_where_they_are(gazetteer: OfflineGazetteer) -> None:
    text = "Biden flew to Asia on Saturday. Hanoi welcomed Biden with a parade on Sunday."
    assert found(text, gazetteer) == [("2024-03-10", "Hanoi")]


def test_the_one_welcomed_is_the_traveller_not_the_host(gazetteer: OfflineGazetteer) -> None:
    text = (
        "Shrestha welcomed Nakamura at the airport on Sunday. Shrestha greeted Nakamura warmly. "
        "Nakamura visited Patan on Sunday. Shrestha toured Pokhara on Monday."
    )
    assert places(text, gazetteer) == ["Pātan"]


def test_a_dateline_is_not_the_traveller(gazetteer: OfflineGazetteer) -> None:
    text = "KATHMANDU, March 16: Nakamura visited Patan on Friday. Kathmandu holds the title of capital."
    assert places(text, gazetteer) == ["Pātan"]


def test_making_ones_way_to_a_town_is_a_movement(gazetteer: OfflineGazetteer) -> None:
    assert found("The delegation made its way to Gulu on Tuesday.", gazetteer) == [("2024-03-12", "Gulu")]


def test_a_stop_named_by_a_copula_is_a_stop(gazetteer: OfflineGazetteer) -> None:
    text = "Trump's last stop was Detroit on Friday. Harris flew to Atlanta on Saturday. Her final stop was Macon."
    assert places(text, gazetteer) == ["Atlanta", "Macon"]


def test_a_ship_that_docks_with_the_traveller_is_theirs_another_ship_is_not(gazetteer: OfflineGazetteer) -> None:
    text = (
        "The premier flew to Phnom Penh on Monday. A Chinese ship docked at Sihanoukville on Tuesday. "
        "The premier's ship docked at Kampot on Wednesday."
    )
    assert places(text, gazetteer) == ["Phnom Penh", "Kampot"]


def test_a_town_that_places_where_the_verb_happened_is_a_stop(gazetteer: OfflineGazetteer) -> None:
    # "at a friend's place" is where the squad gathered, and "in Perth" places it; "the war in Gaza" is a topic.
    assert found("The squad gathered at a friend's place in Perth on Monday.", gazetteer) == [("2024-03-11", "Perth")]
    assert found("He spoke at a conference on the war in Gaza on Monday.", gazetteer) == []
    text = "Most of us arrived in a state of high excitement at the southernmost city, Invercargill, on Monday."
    assert found(text, gazetteer) == [("2024-03-11", "Invercargill")]


def test_where_an_event_took_place_with_the_traveller_is_a_stop(gazetteer: OfflineGazetteer) -> None:
    # The model hangs "at the palace" from "the president": it still says where the meeting took place.
    text = "A meeting took place between Qureshi and the Afghan president at the Arg Palace in Kabul on Monday."
    assert found(text, gazetteer) == [("2024-03-11", "Arg Palace, Kabul")]
    assert found("He met the mayor of Kabul on Monday.", gazetteer) == []


def test_what_the_traveller_speaks_of_or_reacts_to_is_not_where_they_are(gazetteer: OfflineGazetteer) -> None:
    before = "Biden flew to Dover on Sunday. "
    for text in (
        "Biden commented on the situation in Gaza on Monday.",
        "Biden expressed alarm at the violence in Sudan on Monday.",
        "Biden spoke to the people in Gaza on Monday.",
    ):
        assert places(before + text, gazetteer) == ["Dover"], text


def test_catching_a_train_to_a_town_is_going_there_booking_one_is_not(gazetteer: OfflineGazetteer) -> None:
    assert found("We caught a flight to Lima on Monday.", gazetteer) == [("2024-03-11", "Lima")]
    assert found("We booked a flight to Lima on Monday.", gazetteer) == []
