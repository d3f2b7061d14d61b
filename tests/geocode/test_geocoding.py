from __future__ import annotations

from geopy.distance import geodesic

from mapping.geocode.gazetteer import OfflineGazetteer
from mapping.geocode.resolve import Resolution, resolve_trip
from mapping.trip.model import Stop, Trip

# Where each default-trip stop really is (independent of data/landmarks.csv), and how close it must land.
REAL_SITES: dict[str, tuple[float, float, float]] = {
    "Pyongyang": (39.0339, 125.7543, 10),
    "Khasan station": (42.4297, 130.6436, 10),
    "Vostochny Cosmodrome": (51.884, 128.334, 25),
    "Yuri Gagarin Aircraft Plant": (50.592, 137.06, 10),
    "Artyom-Primorsky-1": (43.357, 132.19, 10),
    "Knevichi airfield": (43.3990, 132.148, 10),
    "Marshal Shaposhnikov frigate": (43.112, 131.89, 10),
    "Primorsky Stage of the Mariinsky Theatre": (43.099, 131.90, 10),
    "Far Eastern Federal University": (43.0245, 131.8925, 10),
    "Primorsky Aquarium": (43.0139, 131.93, 10),
    "Tumangang station": (42.42, 130.61, 10),
    "Pyongyang railway station": (39.0296, 125.7437, 10),
}


def test_every_default_stop_resolves_offline_within_tolerance(resolved_default: Resolution) -> None:
    assert resolved_default.unresolved == []
    for stop in resolved_default.trip.stops:
        lat, lon, tolerance = REAL_SITES[stop.place]
        assert stop.provider == "gazetteer"
        assert stop.confidence is not None
        assert stop.confidence >= 0.6, stop.place
        distance = geodesic((stop.lat, stop.lon), (lat, lon)).km
        assert distance < tolerance, f"{stop.place} is {distance:.1f} km off"


def test_given_coordinates_win_and_unknown_places_stay_flagged(gazetteer: OfflineGazetteer) -> None:
    trip = Trip(
        "t",
        (
            Stop("Vladivostok", lat=1.0, lon=2.0, provider="given", confidence=1.0),
            Stop("Qqqxyz Nowhere"),
            Stop("Vladivostok"),
        ),
    )
    stops = resolve_trip(trip, gazetteer).trip.stops
    assert (stops[0].lat, stops[0].lon, stops[0].provider) == (1.0, 2.0, "given")
    assert stops[1].place == "Qqqxyz Nowhere"
    assert not stops[1].located
    assert stops[1].provider is None
    assert stops[2].provider == "gazetteer"
    assert len(stops) == 3


def test_trip_context_resolves_an_ambiguous_stop(gazetteer: OfflineGazetteer) -> None:
    alone = resolve_trip(Trip("t", (Stop("Artyom"),)), gazetteer).trip.stops[0]
    in_primorye = resolve_trip(
        Trip("t", (Stop("Vladivostok"), Stop("Artyom"), Stop("Knevichi airfield"))), gazetteer
    ).trip.stops[1]
    near_baku = resolve_trip(Trip("t", (Stop("Baku"), Stop("Artyom"), Stop("Sumqayit"))), gazetteer).trip.stops[1]
    assert in_primorye.lat is not None
    assert geodesic((in_primorye.lat, in_primorye.lon), (43.357, 132.19)).km < 10
    assert near_baku.lat is not None
    assert near_baku.lon is not None
    assert near_baku.lon < 60
    assert (in_primorye.confidence or 0) > (alone.confidence or 0)


def test_progress_reports_every_step(gazetteer: OfflineGazetteer) -> None:
    seen: list[tuple[int, int]] = []
    resolve_trip(
        Trip("t", (Stop("Paris"), Stop("Lyon"))), gazetteer, progress=lambda done, total: seen.append((done, total))
    )
    assert seen[-1] == (4, 4)
    assert [d for d, _ in seen] == [1, 2, 3, 4]


def test_uncertain_means_geocoded_with_low_confidence() -> None:
    assert (Stop("x", lat=1, lon=1, provider="gazetteer", confidence=0.3)).uncertain
    assert not (Stop("x", lat=1, lon=1, provider="given", confidence=0.3)).uncertain
    assert not (Stop("x")).uncertain


def test_stops_placed_by_a_geocoder_still_offer_candidates(gazetteer: OfflineGazetteer) -> None:
    trip = Trip(
        "t",
        (
            Stop("Artyom", lat=43.35, lon=132.19, provider="gazetteer", confidence=0.9),
            Stop("Paris", lat=1.0, lon=2.0, provider="given", confidence=1.0),
        ),
    )
    resolution = resolve_trip(trip, gazetteer)
    assert len(resolution.choices[0]) >= 2
    assert 1 not in resolution.choices
    assert resolution.trip.stops[0].lat == 43.35
