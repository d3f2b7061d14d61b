"""A persistent cache of online geocoding answers, in SQLite.

Answers are keyed by provider, query and options. "Not found" is an answer and
is cached; an error (timeout, refusal, rate limit, server fault, unreadable
reply) is not, so the next run asks again. WAL mode keeps the file whole if
the app is killed mid-trip, and lets several sessions read while one writes.
"""

from __future__ import annotations

import json
import os
import sqlite3
import threading
import time
from pathlib import Path
from typing import Any

from mapping.errors import TripMapError
from mapping.paths import DATA_DIR

DEFAULT_CACHE = DATA_DIR / "cache" / "geocode.sqlite"
CACHE_ENV = "TRIPMAP_CACHE"


def cache_path() -> Path:
    return Path(os.environ.get(CACHE_ENV) or DEFAULT_CACHE)


class CacheError(TripMapError):
    """The cache file cannot be opened."""


class GeoCache:
    def __init__(self, path: Path | None = None) -> None:
        path = path or cache_path()
        self.path = path
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(path, check_same_thread=False, timeout=10)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")
            self._db.execute(
                "CREATE TABLE IF NOT EXISTS answers ("
                " provider TEXT NOT NULL, query TEXT NOT NULL, options TEXT NOT NULL,"
                " results TEXT NOT NULL, stored REAL NOT NULL,"
                " PRIMARY KEY (provider, query, options))"
            )
            self._db.commit()
        except sqlite3.DatabaseError as exc:
            raise CacheError(
                f"cannot open the geocoding cache {path} ({exc}); delete the file to start afresh"
            ) from exc
        self._lock = threading.Lock()

    @staticmethod
    def _key(query: str, options: dict[str, Any]) -> tuple[str, str]:
        return " ".join(query.split()).casefold(), json.dumps(options, sort_keys=True)

    def get(self, provider: str, query: str, options: dict[str, Any]) -> list[dict[str, Any]] | None:
        """The cached results (an empty list for "not found"), or None when never asked."""
        key, opts = self._key(query, options)
        with self._lock:
            row = self._db.execute(
                "SELECT results FROM answers WHERE provider = ? AND query = ? AND options = ?", (provider, key, opts)
            ).fetchone()
        if row is None:
            return None
        results: list[dict[str, Any]] = json.loads(row[0])
        return results

    def put(self, provider: str, query: str, options: dict[str, Any], results: list[dict[str, Any]]) -> None:
        key, opts = self._key(query, options)
        with self._lock:
            self._db.execute(
                "INSERT OR REPLACE INTO answers VALUES (?, ?, ?, ?, ?)",
                (provider, key, opts, json.dumps(results, ensure_ascii=False), time.time()),
            )
            self._db.commit()

    def __len__(self) -> int:
        with self._lock:
            return int(self._db.execute("SELECT COUNT(*) FROM answers").fetchone()[0])

    def close(self) -> None:
        self._db.close()
