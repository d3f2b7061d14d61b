"""The fourth round on the report pipeline (issue 15): shapes that failed on a third set of reports, mostly
first-person travel writing (diaries, logs, road-trip blogs) and the days of its stops.

The sentences are written for these tests in the shapes that failed; none is copied from a report.
"""

from __future__ import annotations

from datetime import date

from mapping.geocode.gazetteer import OfflineGazetteer
from mapping.report.extract import extract
from tests.report.drafted import drafted

FRIDAY = date(2024, 3, 15)


def found(text: str, gazetteer: OfflineGazetteer, reference: date | None = FRIDAY) -> list[tuple[str | None, str]]:
    return drafted(text, gazetteer, reference)


def test_a_date_line_heads_the_entry_under_it(gazetteer: OfflineGazetteer) -> None:
    # Posted on Friday, the entry is Tuesday's: its "today" is Tuesday, not the day of the post.
    text = (
        "Friday, March 15, 2024\n\nTuesday March 12th.\n\n"
        "The wind dropped at noon, so we motored on. Today, on arrival at Rockland, we bought ice."
    )
    assert found(text, gazetteer) == [("2024-03-12", "Rockland")]


def test_todays_meaning_is_the_post_date_without_an_entry_heading(gazetteer: OfflineGazetteer) -> None:
    text = "Friday, March 15, 2024\n\nThe wind dropped at noon. Today, on arrival at Rockland, we bought ice."
    assert found(text, gazetteer) == [("2024-03-15", "Rockland")]


def test_a_span_of_days_does_not_say_which_day(gazetteer: OfflineGazetteer) -> None:
    text = (
        "On Thursday the senator held a rally in Dayton. Over the weekend, she campaigned in Toledo and Akron "
        "before a town hall in Columbus on Sunday evening."
    )
    assert found(text, gazetteer, date(2024, 3, 18)) == [
        ("2024-03-14", "Dayton"),
        ("2024-03-17", "Columbus"),
        (None, "Toledo"),
        (None, "Akron"),
    ]


def test_a_night_journey_arrives_the_next_day(gazetteer: OfflineGazetteer) -> None:
    text = (
        "We caught the sleeper from Vienna at 10pm on Tuesday night. Nobody slept much in the cabin. "
        "We arrived in Venice at 9.30am and went straight to bed."
    )
    # Vienna is only left, at the start: where the trip starts from, not a stop.
    assert found(text, gazetteer) == [("2024-03-13", "Venice")]


def test_an_arrival_the_same_evening_stays_on_its_day(gazetteer: OfflineGazetteer) -> None:
    text = "We caught the train from Vienna on Tuesday morning. We arrived in Venice at 6pm and went to bed."
    assert found(text, gazetteer) == [("2024-03-12", "Venice")]


def test_a_place_compared_with_is_not_a_stop(gazetteer: OfflineGazetteer) -> None:
    text = "On Wednesday we arrived in Verona, a much quieter city than Milan."
    assert found(text, gazetteer) == [("2024-03-13", "Verona")]


def test_a_days_route_on_the_first_line_is_read_not_skipped_as_a_headline(gazetteer: OfflineGazetteer) -> None:
    # Day 12 starts where day 11 ended: the route's start is a place the traveller was, as the labelled
    # reports count it (round 6); only day 1's start is home, left.
    text = "Day 12: Tarragona to Reus – 48k\n\nA hot ride on quiet roads, with a long lunch on the way."
    assert [place for _, place in found(text, gazetteer, None)] == ["Tarragona", "Reus"]
    first = "Day 1: Tarragona to Reus – 48k\n\nA hot ride on quiet roads, with a long lunch on the way."
    assert [place for _, place in found(first, gazetteer, None)] == ["Reus"]


def test_a_headline_with_a_verb_is_still_skipped(gazetteer: OfflineGazetteer) -> None:
    text = "Minister to travel to Reus\n\nThe minister will meet farmers next week."
    assert found(text, gazetteer, None) == []


def test_a_routes_end_is_looked_up_near_its_start(gazetteer: OfflineGazetteer) -> None:
    # Arnes is a bigger town in Norway than in Catalonia; the route starts in Tarragona.
    text = "Travel diary\n\nDay 65: Tarragona to Arnes – 108k\n\nA hot ride with hills ten kilometres long."
    trip = extract(text, gazetteer)
    assert [(s.place, round(s.lat or 0.0)) for s in trip.stops] == [("Tarragona", 41), ("Arnes", 41)]


def test_a_journey_that_could_not_be_made_is_not_a_stop(gazetteer: OfflineGazetteer) -> None:
    text = (
        "On Tuesday we flew to Lyon. We were not able to fly to Nice because of fog. "
        "We were unable to reach Marseille either, and the pilot failed to land in Toulon. "
        "There was no way to go to Nice, and we had no time to stop in Avignon."
    )
    assert found(text, gazetteer) == [("2024-03-12", "Lyon")]


def test_a_monument_of_the_town_is_a_site_of_its_own(gazetteer: OfflineGazetteer) -> None:
    # "the Citadel" is not in the gazetteer: it falls back to the town the traveller is in, marked approximate.
    text = "On Thursday we arrived in Hue. After lunch we headed out for a walking tour of the Citadel."
    trip = extract(text, gazetteer, reference_date=FRIDAY)
    citadel = [s for s in trip.stops if s.place.startswith("Citadel")]
    assert [str(s.date) for s in citadel] == ["2024-03-14"]
    assert (citadel[0].confidence or 1.0) < 0.5
    assert "Hu" in citadel[0].place


def test_a_day_told_in_an_aside_does_not_move_the_account(gazetteer: OfflineGazetteer) -> None:
    text = (
        "Thursday, March 14, 2024\n\nI stopped at the same store I'd visited yesterday to buy water. "
        "When I reached Dodge City, I decided to end my day early."
    )
    assert found(text, gazetteer) == [("2024-03-14", "Dodge City")]


def test_a_national_park_is_not_put_in_the_last_town(gazetteer: OfflineGazetteer) -> None:
    text = "On Thursday we had breakfast in Flagstaff. Around midnight, we finally reached Yosemite National Park."
    assert found(text, gazetteer) == [("2024-03-14", "Flagstaff")]


def test_an_event_held_from_afar_puts_no_one_there(gazetteer: OfflineGazetteer) -> None:
    text = (
        "On Wednesday the Duke toured a hospital in Norwich. On Thursday he took a video tour of a school in "
        "Burnley, and later paid a virtual visit to Leeds. On Friday he toured a factory in Preston without "
        "leaving Norfolk."
    )
    assert found(text, gazetteer) == [("2024-03-13", "Norwich")]


def test_a_region_named_like_a_town_is_not_a_stop(gazetteer: OfflineGazetteer) -> None:
    text = "On Monday we drove for hours until we got to the Midwest, then on to Omaha."
    assert found(text, gazetteer) == [("2024-03-11", "Omaha")]


def test_a_place_naming_a_thing_is_not_where_one_is(gazetteer: OfflineGazetteer) -> None:
    text = (
        "On Monday the Pope landed in Leon, greeted by a crowd waving Vatican flags. "
        "We drank a few Saigon beers on the train."
    )
    assert found(text, gazetteer) == [("2024-03-11", "León")]


def test_a_place_naming_where_one_ate_is_still_a_stop(gazetteer: OfflineGazetteer) -> None:
    assert found("On Monday the candidates lunched at a Cleveland diner.", gazetteer) == [("2024-03-11", "Cleveland")]


def test_a_national_park_is_not_in_a_town_its_name_starts_with(gazetteer: OfflineGazetteer) -> None:
    text = "On Thursday we stopped at the Theodore Roosevelt National Park visitor center in the rain."
    assert found(text, gazetteer) == []


def test_a_place_left_where_the_traveller_had_arrived_is_a_stop(gazetteer: OfflineGazetteer) -> None:
    text = (
        "On Thursday the minister arrived at the temple by road from Jodhpur, where he arrived earlier in the day. "
        "He then prayed at the temple in Jaisalmer."
    )
    assert [place for _, place in found(text, gazetteer)][:2] == ["Jodhpur", "Jaisalmer"]


def test_a_where_clause_of_another_kind_says_nothing(gazetteer: OfflineGazetteer) -> None:
    # "rolled out" is a phrasal verb: the missiles were shown there, it does not say the traveller was.
    text = (
        "On Thursday the general arrived in Vladivostok. In their July meeting, he was invited to a parade in "
        "the capital, Pyongyang, where he rolled out his newest missiles."
    )
    assert found(text, gazetteer) == [("2024-03-14", "Vladivostok")]
