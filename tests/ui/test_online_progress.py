"""Online geocoding from the app: a progress bar that counts the online questions, and a run that stops asking.

Streamlit ends a run whose visitor has gone by raising from the next Streamlit call; the app's progress
callback makes one after every online question, so the questions stop with the visitor.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.runtime.scriptrunner_utils.exceptions import StopException

from mapping.geocode.cache import GeoCache
from mapping.geocode.gazetteer import OfflineGazetteer
from mapping.geocode.online import OnlineGeocoder, OnlineSettings
from mapping.geocode.resolve import resolve_trip
from mapping.trip.model import Stop, Trip
from tests.fake_nominatim import fake_nominatim, places

PLACES = ["Qqq Lodge", "Zzz Pier", "Www Camp", "Xxx Hut"]


def online(fake_domain: str, tmp_path: Path) -> OnlineGeocoder:
    settings = OnlineSettings(
        user_agent="trip-map-tests/1.0 (tests@example.org)",
        domain=fake_domain,
        scheme="http",
        min_delay_seconds=0,
        trusted=True,
    )
    return OnlineGeocoder(settings, GeoCache(tmp_path / "cache.sqlite"))


def test_the_progress_counts_every_online_question(gazetteer: OfflineGazetteer, tmp_path: Path) -> None:
    replies = {p: places((f"{p}, Somewhere", 10.0, 20.0, 0.5)) for p in PLACES}
    calls: list[tuple[int, int]] = []
    with fake_nominatim(replies) as fake:
        resolve_trip(
            Trip("t", tuple(Stop(p) for p in PLACES)),
            gazetteer,
            online=online(fake.domain, tmp_path),
            progress=lambda done, total: calls.append((done, total)),
        )
    assert len(fake.requests) == len(PLACES)
    # Two offline passes and one online question per stop: the bar ends full, not "8 of 8" all along.
    assert calls[-1] == (3 * len(PLACES), 3 * len(PLACES))
    assert [done for done, _ in calls] == list(range(1, 3 * len(PLACES) + 1))


def test_a_run_stopped_from_the_progress_asks_no_more(gazetteer: OfflineGazetteer, tmp_path: Path) -> None:
    replies = {p: places((f"{p}, Somewhere", 10.0, 20.0, 0.5)) for p in PLACES}

    def visitor_gone(done: int, total: int) -> None:
        if done > 2 * len(PLACES):  # the first online answer is in
            raise StopException()

    with fake_nominatim(replies) as fake, pytest.raises(StopException):
        resolve_trip(
            Trip("t", tuple(Stop(p) for p in PLACES)),
            gazetteer,
            online=online(fake.domain, tmp_path),
            progress=visitor_gone,
        )
    assert len(fake.requests) == 1
