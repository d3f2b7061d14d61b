"""Kill a long online geocode with SIGKILL, start again: the cache is whole and its answers are reused."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

from mapping.paths import PROJECT_ROOT
from tests.fake_nominatim import Reply, fake_nominatim, places

STOPS = 120

_GEOCODE = textwrap.dedent(
    """
    import sys
    sys.path.insert(0, {root!r})
    from pathlib import Path
    from mapping.geocode.gazetteer import OfflineGazetteer
    from mapping.geocode.cache import GeoCache
    from mapping.geocode.resolve import resolve_trip
    from mapping.trip.model import Stop, Trip
    from mapping.geocode.online import OnlineGeocoder, OnlineSettings
    settings = OnlineSettings(user_agent="tests/1.0 (t@example.org)", domain={domain!r}, scheme="http",
                              min_delay_seconds=0.0, trusted=True)
    online = OnlineGeocoder(settings, GeoCache(Path({cache!r})))
    trip = Trip("t", tuple(Stop(f"Qqq Lodge {{i}}") for i in range({stops})))
    resolved = resolve_trip(trip, OfflineGazetteer(), online=online)
    print(sum(s.provider == "nominatim" for s in resolved.trip.stops), sum(s.cached for s in resolved.trip.stops))
    """
)


def test_a_killed_geocode_leaves_a_whole_cache_that_the_next_run_reuses(tmp_path: Path) -> None:
    cache = tmp_path / "geocode.sqlite"
    slow = Reply(body=places(("Qqq Lodge, Primorsky Krai", 43.2, 131.9, 0.5)).body, delay=0.05)
    with fake_nominatim(default=slow) as fake:
        code = _GEOCODE.format(root=str(PROJECT_ROOT), domain=fake.domain, cache=str(cache), stops=STOPS)
        process = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.DEVNULL)
        # Poll until some answers are stored, then kill mid-run, as a crash or an OOM kill would.
        deadline = time.monotonic() + 60
        stored = 0
        while time.monotonic() < deadline and stored < 10:
            time.sleep(0.1)
            if cache.exists():
                peek = sqlite3.connect(cache)
                try:
                    stored = peek.execute("SELECT COUNT(*) FROM answers_v2").fetchone()[0]
                except sqlite3.OperationalError:
                    stored = 0
                finally:
                    peek.close()
        os.kill(process.pid, signal.SIGKILL)
        process.wait()
        assert 10 <= stored < STOPS, "the run was killed in the middle"

        db = sqlite3.connect(cache)
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        kept = db.execute("SELECT COUNT(*) FROM answers_v2").fetchone()[0]
        db.close()
        asked_before = len(fake.requests)

        again = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120)
        online_answers, from_cache = (int(n) for n in again.stdout.split())
        assert online_answers == STOPS
        assert from_cache >= kept
        assert len(fake.requests) - asked_before == STOPS - from_cache
