"""geopy's real Nominatim client against a local fake server: answers, faults and the cache."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from mapping.geocode.cache import GeoCache
from mapping.geocode.gazetteer import OfflineGazetteer
from mapping.geocode.online import OnlineGeocoder, OnlineSettings, ProviderFailure
from mapping.geocode.resolve import resolve_trip
from mapping.trip.model import Stop, Trip
from tests.fake_nominatim import Reply, fake_nominatim, places

AGENT = "trip-map-tests/1.0 (tests@example.org)"


def online(domain: str, tmp_path: Path, **settings: object) -> OnlineGeocoder:
    # The fake server stands for one the operator configured (trusted); visitors' servers are tested apart.
    options = {
        "user_agent": AGENT,
        "domain": domain,
        "scheme": "http",
        "min_delay_seconds": 0.0,
        "trusted": True,
        **settings,
    }
    return OnlineGeocoder(OnlineSettings(**options), GeoCache(tmp_path / "cache.sqlite"))  # type: ignore[arg-type]


def test_answers_are_parsed_and_cached(tmp_path: Path) -> None:
    reply = places(
        ("Artyom, Primorsky Krai, Russia", 43.35, 132.18, 0.6), ("Artyom, Baku, Azerbaijan", 40.47, 50.33, 0.3)
    )
    with fake_nominatim({"Artyom": reply}) as fake:
        geocoder = online(fake.domain, tmp_path)
        first = geocoder.lookup("Artyom")
        again = geocoder.lookup("  artyom ")
    assert [r.name for r in first.results] == ["Artyom, Primorsky Krai, Russia", "Artyom, Baku, Azerbaijan"]
    assert (first.results[0].lat, first.cached) == (43.35, False)
    assert again.cached
    assert again.results == first.results
    assert len(fake.requests) == 1
    assert fake.requests[0]["q"] == ["Artyom"]
    assert fake.requests[0]["format"] == ["json"]


def test_not_found_is_an_answer_and_is_cached(tmp_path: Path) -> None:
    with fake_nominatim() as fake:
        geocoder = online(fake.domain, tmp_path)
        assert geocoder.lookup("Qqqxyz").results == ()
        assert geocoder.lookup("Qqqxyz").cached
    assert len(fake.requests) == 1


@pytest.mark.parametrize(
    ("reply", "words"),
    [
        (Reply(status=500, body="oops"), r"server error \(HTTP 500\)"),
        (Reply(status=503, body="down"), "did not answer within the time limit"),
        (Reply(status=429, headers={"Retry-After": "30"}), "asked to wait 30 s"),
        (Reply(status=403, body="blocked"), "refused the request; check the user agent"),
        (Reply(body='[{"lat": "43.1", "lon"'), "could not be read"),
        (Reply(body=places(("Slow", 1.0, 2.0, 0.5)).body, delay=1.5), "did not answer within the time limit"),
        (Reply(body=places(("Trickle", 1.0, 2.0, 0.5)).body, trickle=0.2), "did not finish its answer within 1.5 s"),
    ],
)
def test_errors_are_reported_and_never_cached(tmp_path: Path, reply: Reply, words: str) -> None:
    with fake_nominatim(default=reply) as fake:
        geocoder = online(fake.domain, tmp_path, timeout=0.5)
        with pytest.raises(ProviderFailure, match=words):
            geocoder.lookup("Vladivostok")
        with pytest.raises(ProviderFailure):
            geocoder.lookup("Vladivostok")
        assert len(fake.requests) == 2, "an error must not be served from the cache"
    assert len(GeoCache(tmp_path / "cache.sqlite")) == 0


def test_connection_refused_is_reported(tmp_path: Path) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    geocoder = online(f"127.0.0.1:{port}", tmp_path, timeout=2)
    with pytest.raises(ProviderFailure, match="could not be reached"):
        geocoder.lookup("Vladivostok")


def test_nominatims_pace_and_user_agent_are_its_policy(tmp_path: Path) -> None:
    with fake_nominatim() as fake:
        geocoder = OnlineGeocoder(
            OnlineSettings(user_agent=AGENT, domain=fake.domain, scheme="http", trusted=True),
            GeoCache(tmp_path / "c.sqlite"),
        )
    assert geocoder.pace.min_delay >= 1.0
    with pytest.raises(ProviderFailure, match="cannot be used as configured"):
        OnlineGeocoder(OnlineSettings(user_agent=""), GeoCache(tmp_path / "c.sqlite"))
    with pytest.raises(ProviderFailure, match="not a geocoder geopy knows"):
        OnlineGeocoder(OnlineSettings(service="nosuchservice", user_agent=AGENT), GeoCache(tmp_path / "c.sqlite"))


def test_the_cache_survives_a_restart(tmp_path: Path) -> None:
    with fake_nominatim({"Khasan": places(("Khasan, Russia", 42.43, 130.64, 0.5))}) as fake:
        online(fake.domain, tmp_path).lookup("Khasan")
        # A new geocoder over a new connection to the same file: as after a restart.
        again = online(fake.domain, tmp_path).lookup("Khasan")
    assert again.cached
    assert again.results[0].lat == 42.43
    assert len(fake.requests) == 1


def test_one_servers_answers_are_never_served_for_another(tmp_path: Path) -> None:
    poisoned = places(("Khasan, Antarctica", -80.0, 0.0, 0.9))
    with fake_nominatim({"Khasan": poisoned}) as theirs:
        online(theirs.domain, tmp_path).lookup("Khasan")
    with fake_nominatim({"Khasan": places(("Khasan, Russia", 42.43, 130.64, 0.5))}) as ours:
        answer = online(ours.domain, tmp_path).lookup("Khasan")
    assert not answer.cached
    assert answer.results[0].lat == 42.43
    assert len(ours.requests) == 1


def test_trip_uses_online_only_for_unsure_stops_and_reports_one_failure(
    gazetteer: OfflineGazetteer, tmp_path: Path
) -> None:
    trip = Trip("t", (Stop("Vladivostok"), Stop("Qqq Lodge"), Stop("Zzz Pier"), Stop("Www Camp")))
    replies = {"Qqq Lodge": places(("Qqq Lodge, Primorsky Krai", 43.2, 131.9, 0.4))}
    with fake_nominatim(replies, default=Reply(status=500)) as fake:
        resolution = resolve_trip(trip, gazetteer, online=online(fake.domain, tmp_path))
    stops = resolution.trip.stops
    assert stops[0].provider == "gazetteer"
    assert (stops[1].provider, stops[1].lat, stops[1].matched) == ("nominatim", 43.2, "Qqq Lodge, Primorsky Krai")
    assert not stops[2].located
    assert not stops[3].located
    queried = [r["q"][0] for r in fake.requests]
    assert queried == ["Qqq Lodge", "Zzz Pier"], "after a failure the service is not asked again"
    assert len(resolution.notices) == 1
    assert "offline gazetteer placed the stops instead" in resolution.notices[0]
    assert any(c.provider == "nominatim" for c in resolution.choices[1])
