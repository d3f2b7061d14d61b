from __future__ import annotations

from datetime import date

import pytest
from geopy.distance import great_circle

from mapping.geocode.resolve import Resolution
from mapping.trip.model import Stop, Trip
from mapping.trip.timeline import days, great_circle_km, legs, numbered, total_km


def test_days_in_order_with_undated_last_and_numbers_over_the_whole_trip() -> None:
    trip = Trip(
        "t",
        (
            Stop("A", date(2023, 9, 2), lat=0.0, lon=0.0),
            Stop("B", None, lat=0.0, lon=1.0),
            Stop("C", date(2023, 9, 1), lat=0.0, lon=2.0),
        ),
    )
    result = days(trip)
    assert [d.key for d in result] == ["2023-09-01", "2023-09-02", "undated"]
    assert [[s.number for s in d.stops] for d in result] == [[3], [1], [2]]
    assert result[0].label == "Fri 01 Sep 2023"


def test_legs_join_located_stops_and_count_for_the_arrival_day() -> None:
    trip = Trip(
        "t",
        (
            Stop("A", date(2023, 9, 1), lat=0.0, lon=0.0),
            Stop("lost", date(2023, 9, 1)),
            Stop("B", date(2023, 9, 2), lat=0.0, lon=1.0, mode="car"),
        ),
    )
    (leg,) = legs(numbered(trip))
    assert (leg.start.number, leg.end.number, leg.mode, leg.day) == (1, 3, "car", date(2023, 9, 2))
    assert leg.km == pytest.approx(111.19, abs=0.1)
    assert [d.km for d in days(trip)] == [0, pytest.approx(111.19, abs=0.1)]


def test_default_trip_distances(resolved_default: Resolution) -> None:
    by_day = {d.key: d for d in days(resolved_default.trip)}
    # Khasan to the cosmodrome by rail is over 1,000 km as the crow flies.
    assert 1000 < by_day["2023-09-13"].km < 1150
    assert by_day["2023-09-17"].km < 100
    assert 3500 < total_km(resolved_default.trip) < 4500


@pytest.mark.parametrize(
    ("a", "b"),
    [((43.1155, 131.8855), (61.2181, -149.9003)), ((0.0, 0.0), (0.0, 180.0)), ((89.9, 10.0), (-89.9, -170.0))],
)
def test_great_circle_km_is_geopys_great_circle(a: tuple[float, float], b: tuple[float, float]) -> None:
    assert great_circle_km(*a, *b) == pytest.approx(great_circle(a, b).km, rel=1e-12)
