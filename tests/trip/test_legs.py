from __future__ import annotations

import itertools
from datetime import date

import pytest
from geographiclib.geodesic import Geodesic

from mapping.trip.legs import SpeedFlag, arc_path, day_rows, speed_flags, split_at_antimeridian
from mapping.trip.model import Stop, Trip
from mapping.trip.modes import MODES_BY_KEY
from mapping.trip.timeline import Leg, days, legs, numbered

VLADIVOSTOK = (43.1155, 131.8855)
ANCHORAGE = (61.2181, -149.9003)
PYONGYANG = (39.0392, 125.7625)
MOSCOW = (55.7558, 37.6173)


def _legs(*stops: Stop) -> list[Leg]:
    return legs(numbered(Trip("t", stops)))


def _geodesic_m(a: list[float], b: list[float]) -> float:
    return float(Geodesic.WGS84.Inverse(a[1], a[0], b[1], b[0])["s12"])


def test_arc_starts_and_ends_at_the_stops() -> None:
    path = arc_path(PYONGYANG, MOSCOW)
    assert path[0] == [125.7625, 39.0392]
    assert path[-1] == [37.6173, 55.7558]


def test_arc_points_lie_on_the_geodesic() -> None:
    path = arc_path(PYONGYANG, MOSCOW, max_segment_km=100)
    total = float(Geodesic.WGS84.Inverse(*PYONGYANG, *MOSCOW)["s12"])
    assert len(path) == 66  # ceil(6,429 km / 100 km) = 65 segments
    along = sum(_geodesic_m(a, b) for a, b in itertools.pairwise(path))
    assert along == pytest.approx(total, rel=1e-3)
    # Each point is where the geodesic is after its share of the distance, not on a straight lon/lat line.
    azimuth = Geodesic.WGS84.Inverse(*PYONGYANG, *MOSCOW)["azi1"]
    for i, (lon, lat) in enumerate(path):
        expected = Geodesic.WGS84.Direct(*PYONGYANG, azimuth, total * i / 65)
        assert lat == pytest.approx(expected["lat2"], abs=1e-4)
        assert lon == pytest.approx(expected["lon2"], abs=1e-4)
    assert path[33][1] > (PYONGYANG[0] + MOSCOW[0]) / 2 + 5  # bowed towards the pole


def test_short_leg_is_just_its_two_stops() -> None:
    assert arc_path((48.8566, 2.3522), (48.8606, 2.3376)) == [[2.3522, 48.8566], [2.3376, 48.8606]]


def test_segments_are_capped() -> None:
    assert len(arc_path(PYONGYANG, MOSCOW, max_segment_km=1)) == 257


def test_pacific_crossing_is_unwrapped_for_leaflet() -> None:
    path = arc_path(VLADIVOSTOK, ANCHORAGE)
    lons = [p[0] for p in path]
    assert max(abs(b - a) for a, b in itertools.pairwise(lons)) < 180
    assert max(lons) > 180
    assert path[-1] == [pytest.approx(ANCHORAGE[1] + 360), ANCHORAGE[0]]


def test_split_at_antimeridian_meets_on_the_line() -> None:
    first, second = split_at_antimeridian(arc_path(VLADIVOSTOK, ANCHORAGE))
    assert first[0] == [131.8855, 43.1155]
    assert second[-1] == [-149.9003, 61.2181]
    assert first[-1][0] == 180.0
    assert second[0][0] == -180.0
    assert first[-1][1] == second[0][1]
    assert all(-180 <= lon <= 180 for lon, _ in first + second)


def test_split_westwards_and_without_crossing() -> None:
    first, second = split_at_antimeridian([[-170.0, 10.0], [-190.0, 20.0]])
    assert first == [[-170.0, 10.0], [-180.0, 15.0]]
    assert second == [[180.0, 15.0], [170.0, 20.0]]
    assert split_at_antimeridian([[190.0, 1.0], [200.0, 2.0]]) == [[[-170.0, 1.0], [-160.0, 2.0]]]
    assert split_at_antimeridian(arc_path(PYONGYANG, MOSCOW)) == [arc_path(PYONGYANG, MOSCOW)]


def test_car_leg_of_1000_km_in_an_hour_is_flagged() -> None:
    day = date(2023, 9, 12)
    leg_legs = _legs(
        Stop("A", day, "09:00", lat=0.0, lon=0.0),
        Stop("B", day, "10:00", lat=0.0, lon=8.9932, mode="car"),
    )
    (flag,) = speed_flags(leg_legs)
    assert (flag.start_number, flag.end_number, flag.mode) == (1, 2, "car")
    assert flag.km == pytest.approx(1000, abs=1)
    assert flag.hours == 1.0
    assert flag.message == (
        "Stops 1 → 2: 1,000 km by car in 1 h 0 min would need 1,000 km/h; a car manages at most 150 km/h. "
        "Check the date, time or place of these stops."
    )


def test_car_leg_of_40_km_in_an_hour_is_fine() -> None:
    day = date(2023, 9, 12)
    assert not speed_flags(
        _legs(Stop("A", day, "09:00", lat=0.0, lon=0.0), Stop("B", day, "10:00", lat=0.0, lon=0.36, mode="car"))
    )


def test_arriving_before_leaving_is_flagged() -> None:
    day = date(2023, 9, 12)
    (flag,) = speed_flags(
        _legs(Stop("A", day, "10:00", lat=0.0, lon=0.0), Stop("B", day, "05:30", lat=0.0, lon=0.36, mode="car"))
    )
    assert flag.message == (
        "Stops 1 → 2: 40 km by car arrives before it leaves (stop 2 is timed 4 h 30 min before stop 1). "
        "Check the date, time or place of these stops."
    )


def test_local_clocks_are_allowed_for() -> None:
    """Times are local: a border crossing, a long flight west and the date line are not impossible."""
    day = date(2023, 9, 12)
    khasan_to_tumangang = _legs(
        Stop("Khasan", day, "10:00", lat=42.43, lon=130.65), Stop("Tumangang", day, "09:15", lat=42.41, lon=130.6)
    )
    to_moscow = _legs(
        Stop("Pyongyang", day, "08:00", lat=PYONGYANG[0], lon=PYONGYANG[1]),
        Stop("Moscow", day, "10:00", lat=MOSCOW[0], lon=MOSCOW[1], mode="plane"),
    )
    across_the_date_line = _legs(
        Stop("Vladivostok", date(2023, 9, 13), "08:00", lat=VLADIVOSTOK[0], lon=VLADIVOSTOK[1]),
        Stop("Anchorage", date(2023, 9, 12), "20:00", lat=ANCHORAGE[0], lon=ANCHORAGE[1], mode="plane"),
    )
    assert not speed_flags([*khasan_to_tumangang, *to_moscow, *across_the_date_line])


def test_date_only_train_of_12000_km_in_one_day_is_flagged_but_a_plane_to_moscow_is_not() -> None:
    day = date(2023, 9, 12)
    (flag,) = speed_flags(_legs(Stop("A", day, lat=0.0, lon=0.0), Stop("B", day, lat=0.0, lon=108.0, mode="train")))
    assert flag.km > 12_000
    assert (flag.hours, flag.exact) == (24.0, False)
    assert "12,009 km by train on the same day would need at least 500 km/h" in flag.message
    assert "a train manages at most 350 km/h" in flag.message
    plane = _legs(
        Stop("Pyongyang", day, "08:00", lat=PYONGYANG[0], lon=PYONGYANG[1]),
        Stop("Moscow", day, lat=MOSCOW[0], lon=MOSCOW[1], mode="plane"),
    )
    assert plane[0].km > 6000
    assert not speed_flags(plane)


def test_undated_and_tiny_legs_are_never_flagged() -> None:
    day = date(2023, 9, 12)
    assert not speed_flags(
        _legs(
            Stop("A", None, lat=0.0, lon=0.0),
            Stop("B", day, "09:00", lat=0.0, lon=100.0, mode="foot"),
            Stop("C", None, lat=0.0, lon=0.0, mode="foot"),
            Stop("D", day, "09:00", lat=0.0, lon=0.005, mode="foot"),
            Stop("E", day, "08:00", lat=0.0, lon=0.0, mode="foot"),
        )
    )


def test_every_mode_has_a_limit_and_words() -> None:
    for mode, limit in ((m.key, m.max_kmh) for m in MODES_BY_KEY.values()):
        message = SpeedFlag(1, 2, limit * 2, 1.0, mode).message
        assert f"{limit * 2:,.0f} km/h" in message
        assert f"at most {limit:,.0f} km/h" in message


def test_day_rows() -> None:
    trip = Trip(
        "t",
        (
            Stop("Pyongyang", date(2023, 9, 10), lat=39.0, lon=125.0),
            Stop("Khasan", date(2023, 9, 10), lat=39.0, lon=127.0, mode="train"),
            Stop("Station", date(2023, 9, 10), lat=39.0, lon=127.5, mode="car"),
            Stop("Border", date(2023, 9, 11), lat=39.0, lon=128.0, mode="train"),
            Stop("Somewhere", None),
        ),
    )
    rows = day_rows(days(trip))
    assert rows == [
        {
            "day": "Sun 10 Sep 2023",
            "stops": 3,
            "km": pytest.approx(216.0, abs=0.5),
            "modes": "Train 173 km, Car 43 km",
            "legs": 2,
        },
        {"day": "Mon 11 Sep 2023", "stops": 1, "km": pytest.approx(43.2, abs=0.1), "modes": "Train 43 km", "legs": 1},
        {"day": "Undated", "stops": 1, "km": 0, "modes": "", "legs": 0},
    ]
