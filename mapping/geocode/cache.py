"""Caches of online geocoding answers: a shared one in SQLite, and a private one in memory.

Answers are keyed by everything that shapes them: the provider, the server's
endpoint (scheme, host, port and path; empty for the provider's public
service), the query and the options. "Not found" is an answer and is cached; an
error (timeout, refusal, rate limit, server fault, unreadable reply) is not, so
the next run asks again. WAL mode keeps the file whole if the app is killed
mid-trip and lets several sessions read while one writes. The file holds at
most ``MAX_ANSWERS`` answers; the least recently used go first.

Answers from a server a visitor chose are never shared: they go to a
``MemoryCache`` that lives and dies with that visitor's session.
"""

from __future__ import annotations

import json
import os
import sqlite3
import threading
import time
from collections import OrderedDict
from pathlib import Path
from typing import Any, Protocol

from mapping.errors import TripMapError
from mapping.paths import DATA_DIR

DEFAULT_CACHE = DATA_DIR / "cache" / "geocode.sqlite"
CACHE_ENV = "TRIPMAP_CACHE"
#: Answers kept on disk; past this the least recently used are dropped.
MAX_ANSWERS = 200_000
#: Answers kept in one session's memory.
MAX_MEMORY_ANSWERS = 5_000

Results = list[dict[str, Any]]


def cache_path() -> Path:
    return Path(os.environ.get(CACHE_ENV) or DEFAULT_CACHE)


class CacheError(TripMapError):
    """The cache file cannot be opened or read."""


class AnswerCache(Protocol):
    def get(self, provider: str, query: str, options: dict[str, Any], *, endpoint: str = "") -> Results | None: ...

    def put(
        self, provider: str, query: str, options: dict[str, Any], results: Results, *, endpoint: str = ""
    ) -> None: ...


def _key(provider: str, endpoint: str, query: str, options: dict[str, Any]) -> tuple[str, str, str, str]:
    return provider, endpoint, " ".join(query.split()).casefold(), json.dumps(options, sort_keys=True)


class GeoCache:
    """The shared, persistent cache (public services and servers the operator configured)."""

    def __init__(self, path: Path | None = None, *, max_answers: int = MAX_ANSWERS) -> None:
        path = path or cache_path()
        self.path = path
        self.max_answers = max_answers
        self._lock = threading.Lock()
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(path, check_same_thread=False, timeout=10)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")
            # v2: the endpoint is part of the key. Answers cached by older versions (keyed without it)
            # are dropped rather than trusted: a visitor's server could have written them.
            self._db.execute("DROP TABLE IF EXISTS answers")
            self._db.execute(
                "CREATE TABLE IF NOT EXISTS answers_v2 ("
                " provider TEXT NOT NULL, endpoint TEXT NOT NULL, query TEXT NOT NULL, options TEXT NOT NULL,"
                " results TEXT NOT NULL, stored REAL NOT NULL, used REAL NOT NULL,"
                " PRIMARY KEY (provider, endpoint, query, options))"
            )
            self._db.execute("CREATE INDEX IF NOT EXISTS answers_v2_used ON answers_v2 (used)")
            self._db.commit()
        except (sqlite3.DatabaseError, OSError) as exc:
            raise CacheError(self._damaged(exc)) from exc

    def _damaged(self, exc: Exception) -> str:
        return (
            f"the geocoding cache {self.path} is damaged or unreadable ({exc}); delete the file and it "
            "is rebuilt as answers come in (nothing else is lost)"
        )

    def get(self, provider: str, query: str, options: dict[str, Any], *, endpoint: str = "") -> Results | None:
        """The cached results (an empty list for "not found"), or None when never asked."""
        key = _key(provider, endpoint, query, options)
        try:
            with self._lock:
                row = self._db.execute(
                    "SELECT results FROM answers_v2 WHERE provider = ? AND endpoint = ? AND query = ? AND options = ?",
                    key,
                ).fetchone()
                if row is not None:
                    self._db.execute(
                        "UPDATE answers_v2 SET used = ? WHERE provider = ? AND endpoint = ? AND query = ?"
                        " AND options = ?",
                        (time.time(), *key),
                    )
                    self._db.commit()
        except sqlite3.DatabaseError as exc:
            raise CacheError(self._damaged(exc)) from exc
        if row is None:
            return None
        try:
            results: Results = json.loads(row[0])
        except ValueError as exc:
            raise CacheError(self._damaged(exc)) from exc
        return results

    def put(self, provider: str, query: str, options: dict[str, Any], results: Results, *, endpoint: str = "") -> None:
        now = time.time()
        try:
            with self._lock:
                self._db.execute(
                    "INSERT OR REPLACE INTO answers_v2 VALUES (?, ?, ?, ?, ?, ?, ?)",
                    (*_key(provider, endpoint, query, options), json.dumps(results, ensure_ascii=False), now, now),
                )
                excess = self._count() - self.max_answers
                if excess > 0:
                    self._db.execute(
                        "DELETE FROM answers_v2 WHERE rowid IN (SELECT rowid FROM answers_v2 ORDER BY used LIMIT ?)",
                        (excess,),
                    )
                self._db.commit()
        except sqlite3.DatabaseError as exc:
            raise CacheError(self._damaged(exc)) from exc

    def _count(self) -> int:
        return int(self._db.execute("SELECT COUNT(*) FROM answers_v2").fetchone()[0])

    def __len__(self) -> int:
        with self._lock:
            return self._count()

    def close(self) -> None:
        self._db.close()


class MemoryCache:
    """A private cache for one session's own server: bounded, least recently used first out."""

    def __init__(self, max_answers: int = MAX_MEMORY_ANSWERS) -> None:
        self.max_answers = max_answers
        self._answers: OrderedDict[tuple[str, str, str, str], Results] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, provider: str, query: str, options: dict[str, Any], *, endpoint: str = "") -> Results | None:
        key = _key(provider, endpoint, query, options)
        with self._lock:
            if key not in self._answers:
                return None
            self._answers.move_to_end(key)
            return list(self._answers[key])

    def put(self, provider: str, query: str, options: dict[str, Any], results: Results, *, endpoint: str = "") -> None:
        with self._lock:
            self._answers[_key(provider, endpoint, query, options)] = list(results)
            while len(self._answers) > self.max_answers:
                self._answers.popitem(last=False)

    def __len__(self) -> int:
        return len(self._answers)
