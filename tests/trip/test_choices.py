from __future__ import annotations

import pytest

from mapping.errors import InputError
from mapping.io.csv import trip_to_csv
from mapping.io.formats import parse_trip
from mapping.trip.choices import StopChoice, apply_choices, typed
from mapping.trip.model import Stop, Trip


def test_a_choice_moves_the_stop_and_survives_a_download() -> None:
    trip = Trip("t", (Stop("Artyom", lat=40.47, lon=50.33, provider="gazetteer", confidence=0.4), Stop("B")))
    chosen = apply_choices(trip, {0: StopChoice(43.357, 132.19, "Artëm", "chosen"), 7: typed(1, 2)})
    stop = chosen.stops[0]
    assert (stop.lat, stop.lon, stop.provider, stop.matched) == (43.357, 132.19, "chosen", "Artëm")
    assert not stop.uncertain
    assert chosen.stops[1] == trip.stops[1]
    again = parse_trip(trip_to_csv(chosen).encode(), filename="t.csv").trip
    assert (again.stops[0].lat, again.stops[0].lon) == (43.357, 132.19)


@pytest.mark.parametrize(("lat", "lon"), [(91, 0), (0, 181), (float("nan"), 0)])
def test_typed_coordinates_are_checked(lat: float, lon: float) -> None:
    with pytest.raises(InputError, match="not a place on Earth"):
        typed(lat, lon)
