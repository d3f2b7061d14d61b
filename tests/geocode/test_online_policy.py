"""Online geocoding as a well-behaved, hard-to-abuse client: Photon too, servers on a list, one pace, caps."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from mapping.geocode.cache import CacheError, GeoCache, MemoryCache
from mapping.geocode.gazetteer import OfflineGazetteer
from mapping.geocode.online import OnlineGeocoder, OnlineSettings, ProviderFailure
from mapping.geocode.pace import Budget, Pace
from mapping.geocode.resolve import resolve_trip
from mapping.geocode.servers import REFUSED, SERVERS_ENV, check_server
from mapping.trip.model import Stop, Trip
from tests.fake_nominatim import Reply, fake_nominatim, photon_places, places

AGENT = "trip-map-tests/1.0 (tests@example.org)"


def geocoder(domain: str, tmp_path: Path, **settings: object) -> OnlineGeocoder:
    options = {"user_agent": AGENT, "domain": domain, "scheme": "http", "min_delay_seconds": 0.0, **settings}
    return OnlineGeocoder(OnlineSettings(**options), GeoCache(tmp_path / "cache.sqlite"))  # type: ignore[arg-type]


def test_photon_answers_in_its_own_format_are_read_and_cached(tmp_path: Path) -> None:
    reply = photon_places(("Artyom", "RU", 43.35, 132.18), ("Artyom", "AZ", 40.47, 50.33))
    with fake_nominatim({"Artyom": reply}) as fake:
        photon = geocoder(fake.domain, tmp_path, service="photon", trusted=True)
        first = photon.lookup("Artyom", viewbox=((42.0, 130.0), (44.0, 134.0)))
        again = photon.lookup("Artyom", viewbox=((42.0, 130.0), (44.0, 134.0)))
    assert fake.paths == ["/api"]
    assert [(c.place.country, c.lat) for c in first.results] == [("RU", 43.35), ("AZ", 40.47)]
    assert first.results[0].provider == "photon"
    assert first.results[0].place.kind == "place/town"
    assert again.cached
    # The trip's middle biases Photon's ranking.
    assert fake.requests[0]["lat"] == ["43.0"]
    assert fake.requests[0]["lon"] == ["132.0"]


@pytest.mark.parametrize(
    ("reply", "words"),
    [
        (Reply(status=400, body='{"message": "missing search term q"}'), "photon failed|refused|could not"),
        (Reply(status=500, body="oops"), r"server error \(HTTP 500\)"),
        (Reply(body='{"features": [{"geometry": '), "could not be read"),
    ],
)
def test_photon_errors_are_reported_and_never_cached(tmp_path: Path, reply: Reply, words: str) -> None:
    with fake_nominatim(default=reply) as fake:
        photon = geocoder(fake.domain, tmp_path, service="photon", trusted=True)
        with pytest.raises(ProviderFailure, match=words):
            photon.lookup("Vladivostok")
        with pytest.raises(ProviderFailure):
            photon.lookup("Vladivostok")
    assert len(fake.requests) == 2
    assert len(GeoCache(tmp_path / "cache.sqlite")) == 0


def test_nominatim_gets_the_trips_countries_and_box(gazetteer: OfflineGazetteer, tmp_path: Path) -> None:
    trip = Trip("t", (Stop("Vladivostok"), Stop("Qqq Lodge"), Stop("Khabarovsk")))
    with fake_nominatim({"Qqq Lodge": places(("Qqq Lodge, Primorsky Krai", 43.2, 131.9, 0.4))}) as fake:
        resolve_trip(trip, gazetteer, online=geocoder(fake.domain, tmp_path, trusted=True))
    asked = fake.requests[0]
    assert asked["q"] == ["Qqq Lodge"]
    assert asked["countrycodes"] == ["ru"]
    lon1, lat1, lon2, lat2 = (float(v) for v in asked["viewbox"][0].split(","))
    assert min(lon1, lon2) < 131.9 < 135.1 < max(lon1, lon2)
    assert min(lat1, lat2) < 43.1 < 48.5 < max(lat1, lat2)
    assert asked.get("bounded", ["0"]) == ["0"], "the box prefers, it does not exclude"


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:9",
        "http://localhost:8080",
        "http://10.0.0.1",
        "http://169.254.169.254/latest/meta-data",
        "http://[::1]:8080",
        "https://nominatim.example.org",
    ],
)
def test_a_visitors_server_must_be_on_the_operators_list(url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(SERVERS_ENV, raising=False)
    scheme, _, domain = url.partition("://")
    with pytest.raises(ProviderFailure) as refused:
        OnlineGeocoder(OnlineSettings(user_agent=AGENT, domain=domain, scheme=scheme), MemoryCache())
    # One message for every refusal: the answers map nothing about the network behind the app.
    assert str(refused.value) == REFUSED


@pytest.mark.parametrize("url", ["http://user:pw@example.org", "http://example.org/?q=x", "ftp://example.org", "::"])
def test_server_urls_with_more_than_a_server_are_refused(url: str) -> None:
    with pytest.raises(Exception, match=r"server URL|user name"):
        check_server(url, trusted=True)


def test_a_listed_server_is_used_and_its_answers_stay_with_the_visitor(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with fake_nominatim({"Khasan": places(("Khasan, Russia", 42.43, 130.64, 0.5))}) as fake:
        monkeypatch.setenv(SERVERS_ENV, f"https://nominatim.example.org, http://{fake.domain}")
        shared = GeoCache(tmp_path / "shared.sqlite")
        visitor = OnlineGeocoder(OnlineSettings(user_agent=AGENT, domain=fake.domain, scheme="http"), shared)
        first = visitor.lookup("Khasan")
        again = visitor.lookup("Khasan")
        other_visitor = OnlineGeocoder(OnlineSettings(user_agent=AGENT, domain=fake.domain, scheme="http"), shared)
        other = other_visitor.lookup("Khasan")
    assert first.results[0].lat == 42.43
    assert again.cached
    assert not other.cached, "another session does not get the first one's answers"
    assert len(shared) == 0, "a visitor's server never writes the shared cache"


def test_one_pace_per_service_for_the_whole_process() -> None:
    first = Pace.for_service("nominatim https://pace.test", 1.0)
    second = Pace.for_service("nominatim https://pace.test", 0.5)
    assert first is second
    assert first.min_delay == 1.0, "the strictest policy wins"
    now = [100.0]
    slept: list[float] = []
    pace = Pace(1.0, clock=lambda: now[0], sleep=slept.append)
    for _ in range(3):
        pace.wait()
    assert slept == [1.0, 2.0], "callers from any thread are spaced a second apart"


def test_geocoders_of_one_service_share_the_pace(tmp_path: Path) -> None:
    with fake_nominatim() as fake:
        one = geocoder(fake.domain, tmp_path, trusted=True, min_delay_seconds=0.01)
        two = geocoder(fake.domain, tmp_path, trusted=True, min_delay_seconds=0.01)
    assert one.pace is two.pace


def test_a_trip_and_a_session_have_a_request_cap(gazetteer: OfflineGazetteer, tmp_path: Path) -> None:
    trip = Trip("t", tuple(Stop(f"Qqq Lodge {i}") for i in range(6)))
    session = Budget(4, "This session")
    with fake_nominatim(default=places(("Qqq Lodge, Primorsky Krai", 43.2, 131.9, 0.4))) as fake:
        online = OnlineGeocoder(
            OnlineSettings(user_agent=AGENT, domain=fake.domain, scheme="http", min_delay_seconds=0, trusted=True),
            GeoCache(tmp_path / "c.sqlite"),
            session=session,
            trip_requests=3,
        )
        first = resolve_trip(trip, gazetteer, online=online)
        second = resolve_trip(Trip("u", (Stop("Www Camp 1"), Stop("Www Camp 2"))), gazetteer, online=online)
    assert sum(s.provider == "nominatim" for s in first.trip.stops) == 3
    assert any("limit" in n for n in first.notices)
    assert len(fake.requests) == 3
    assert session.used == 3
    assert not any(s.provider == "nominatim" for s in second.trip.stops), "the trip's cap was spent"


def test_a_cancelled_trip_stops_asking(gazetteer: OfflineGazetteer, tmp_path: Path) -> None:
    cancel = threading.Event()
    cancel.set()
    with fake_nominatim(default=places(("Qqq Lodge", 43.2, 131.9, 0.4))) as fake:
        resolution = resolve_trip(
            Trip("t", (Stop("Qqq Lodge 1"), Stop("Qqq Lodge 2"))),
            gazetteer,
            online=geocoder(fake.domain, tmp_path, trusted=True),
            cancel=cancel,
        )
    assert fake.requests == []
    assert not any(s.located for s in resolution.trip.stops)


def test_the_shared_cache_is_bounded_least_recently_used_first(tmp_path: Path) -> None:
    cache = GeoCache(tmp_path / "c.sqlite", max_answers=3)
    for name in ("a", "b", "c"):
        cache.put("nominatim", name, {}, [])
    assert cache.get("nominatim", "a", {}) == []  # "a" is now the most recently used
    cache.put("nominatim", "d", {}, [])
    assert len(cache) == 3
    assert cache.get("nominatim", "b", {}) is None
    assert cache.get("nominatim", "a", {}) == []
    memory = MemoryCache(max_answers=2)
    for name in ("a", "b", "c"):
        memory.put("p", name, {}, [])
    assert len(memory) == 2
    assert memory.get("p", "a", {}) is None


def test_the_cache_key_holds_the_endpoint(tmp_path: Path) -> None:
    cache = GeoCache(tmp_path / "c.sqlite")
    cache.put("nominatim", "Khasan", {}, [{"name": "poison"}], endpoint="http://evil.example")
    assert cache.get("nominatim", "Khasan", {}) is None
    assert cache.get("nominatim", "Khasan", {}, endpoint="http://evil.example") == [{"name": "poison"}]


def test_a_cache_damaged_while_open_says_how_to_recover(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite"
    cache = GeoCache(path)
    cache.put("nominatim", "Khasan", {}, [])
    cache.close()
    path.write_bytes(b"garbage" * 5000)
    for suffix in ("-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    with pytest.raises(CacheError, match="delete the file"):
        GeoCache(path).get("nominatim", "Khasan", {})


def test_the_progress_counts_the_online_requests_to_the_end(gazetteer: OfflineGazetteer, tmp_path: Path) -> None:
    seen: list[tuple[int, int]] = []
    trip = Trip("t", (Stop("Vladivostok"), Stop("Qqq Lodge 1"), Stop("Qqq Lodge 2")))
    with fake_nominatim(default=places(("Qqq Lodge", 43.2, 131.9, 0.4))) as fake:
        resolve_trip(
            trip,
            gazetteer,
            online=geocoder(fake.domain, tmp_path, trusted=True),
            progress=lambda done, total: seen.append((done, total)),
        )
    assert len(fake.requests) == 2
    assert seen[-1] == (8, 8), "3 stops x 2 offline passes + 2 online requests"
    assert all(done <= total for done, total in seen)


def test_the_map_credits_openstreetmap_only_when_an_online_service_placed_a_stop() -> None:
    from mapping.render.map import build_map, render_html

    offline = Trip("t", (Stop("Vladivostok", lat=43.1, lon=131.9, provider="gazetteer"),))
    online = Trip("t", (*offline.stops, Stop("Russky Island", lat=43.0, lon=131.8, provider="nominatim")))
    assert "OpenStreetMap contributors" not in render_html(build_map(offline))
    page = render_html(build_map(online))
    assert "Geocoding by Nominatim, data \\u00a9 OpenStreetMap contributors (ODbL)" in page or (
        "Geocoding by Nominatim, data © OpenStreetMap contributors (ODbL)" in page
    )
