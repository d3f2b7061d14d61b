"""A large trip's layer files: each session's under its own unguessable folder, gone with the session, bounded."""

from __future__ import annotations

import os
from pathlib import Path

from mapping.ui.published import GRACE_SECONDS, PER_SESSION, LayerStore


class Clock:
    def __init__(self) -> None:
        self.now = 1_000_000.0

    def __call__(self) -> float:
        return self.now


def store_in(tmp_path: Path, alive: set[str], clock: Clock, quota: int = 10_000_000) -> LayerStore:
    return LayerStore(tmp_path / "trips" / "p1", "/app/static/trips/p1", alive.__contains__, quota=quota, clock=clock)


def test_two_sessions_get_different_addresses_for_the_same_trip(tmp_path: Path) -> None:
    store = store_in(tmp_path, {"a", "b"}, Clock())
    data = {"stops 2024-05-01": {"type": "FeatureCollection", "features": []}}
    first = store.publish("token-a", "a", "trip", lambda: data)
    second = store.publish("token-b", "b", "trip", lambda: data)
    assert first
    assert second
    assert first != second
    assert first.startswith("/app/static/trips/p1/token-a/")
    assert (tmp_path / "trips" / "p1" / "token-a" / "trip.json").read_text() == (
        '{"stops 2024-05-01":{"type":"FeatureCollection","features":[]}}'
    )


def test_a_sessions_files_go_after_it_has_gone_for_the_grace(tmp_path: Path) -> None:
    alive = {"a", "b"}
    clock = Clock()
    store = store_in(tmp_path, alive, clock)
    store.publish("token-a", "a", "trip", dict)
    store.publish("token-b", "b", "trip", dict)
    alive.discard("a")
    clock.now += GRACE_SECONDS / 2
    store.sweep()
    assert (tmp_path / "trips" / "p1" / "token-a").exists(), "a reconnect within the grace finds its files"
    clock.now += GRACE_SECONDS
    store.sweep()
    assert not (tmp_path / "trips" / "p1" / "token-a").exists()
    assert (tmp_path / "trips" / "p1" / "token-b" / "trip.json").exists()


def test_files_expire_and_a_session_keeps_only_its_last_few(tmp_path: Path) -> None:
    clock = Clock()
    store = store_in(tmp_path, {"a"}, clock)
    for n in range(PER_SESSION + 3):
        store.publish("token-a", "a", f"trip-{n}", dict)
        os.utime(tmp_path / "trips" / "p1" / "token-a" / f"trip-{n}.json", (clock.now + n, clock.now + n))
    assert len(list((tmp_path / "trips" / "p1" / "token-a").glob("*.json"))) <= PER_SESSION
    clock.now += store.expiry + PER_SESSION + 10
    store.sweep()
    assert list((tmp_path / "trips" / "p1" / "token-a").glob("*.json")) == []


def test_the_quota_is_never_passed(tmp_path: Path) -> None:
    store = store_in(tmp_path, {"a", "b"}, Clock(), quota=1_000)
    assert store.publish("token-a", "a", "small", lambda: {"x": "y" * 500}) is not None
    assert store.publish("token-b", "b", "big", lambda: {"x": "y" * 800}) is None
    total = sum(p.stat().st_size for p in (tmp_path / "trips").rglob("*.json"))
    assert total <= 1_000


def test_strays_and_files_of_stopped_servers_are_removed(tmp_path: Path) -> None:
    trips = tmp_path / "trips"
    (trips / "old-server" / "token").mkdir(parents=True)
    (trips / "old-server" / "token" / "t.json").write_text("{}")
    (trips / "0123abcd.json").write_text("{}")  # the old, shared, content-named form
    clock = Clock()
    os.utime(trips / "old-server", (clock.now - 3600, clock.now - 3600))
    store = store_in(tmp_path, set(), clock)
    assert sorted(p.name for p in trips.iterdir()) == ["p1"]
    (store.root / "unknown-token").mkdir()
    store.sweep()
    assert list(store.root.iterdir()) == []
