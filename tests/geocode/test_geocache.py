from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from mapping.geocode.cache import CacheError, GeoCache


def test_found_not_found_and_never_asked_are_different(tmp_path: Path) -> None:
    cache = GeoCache(tmp_path / "c.sqlite")
    cache.put("nominatim", "Khasan", {}, [{"name": "Khasan", "lat": 42.4, "lon": 130.6, "importance": 0.5}])
    cache.put("nominatim", "Nowhere", {}, [])
    assert cache.get("nominatim", " khasan ", {}) == [{"name": "Khasan", "lat": 42.4, "lon": 130.6, "importance": 0.5}]
    assert cache.get("nominatim", "Nowhere", {}) == []
    assert cache.get("nominatim", "Elsewhere", {}) is None
    assert cache.get("photon", "Khasan", {}) is None
    assert cache.get("nominatim", "Khasan", {"country_codes": ["RU"]}) is None


def test_uses_wal_so_a_killed_writer_leaves_it_whole(tmp_path: Path) -> None:
    GeoCache(tmp_path / "c.sqlite").put("p", "q", {}, [])
    mode = sqlite3.connect(tmp_path / "c.sqlite").execute("PRAGMA journal_mode").fetchone()[0]
    assert mode == "wal"
    assert GeoCache(tmp_path / "c.sqlite").get("p", "q", {}) == []


def test_an_unreadable_cache_says_how_to_recover(tmp_path: Path) -> None:
    (tmp_path / "c.sqlite").write_bytes(b"garbage" * 1000)
    with pytest.raises(CacheError, match="delete the file"):
        GeoCache(tmp_path / "c.sqlite")
