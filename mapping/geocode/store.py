"""The place index as the gazetteer reads it: one read-only SQLite connection, names to places, landmarks."""

from __future__ import annotations

import functools
import sqlite3
import threading
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from mapping.errors import GazetteerError
from mapping.geocode.countries import COUNTRY_ALIASES
from mapping.geocode.index import MATCH_FOLDED, Place, open_index, region_name_keys
from mapping.geocode.index import index_path as index_path_default
from mapping.geocode.landmarks import load_landmarks
from mapping.geocode.placenames import RUSSIAN_ADJECTIVE, fold, normalize
from mapping.paths import LANDMARKS


class PlaceStore:
    """Names to places in the index and the curated landmarks; regions and countries by name."""

    def __init__(
        self,
        *,
        index_path: Path | None = None,
        landmarks_path: Path | None = LANDMARKS,
        build_if_missing: bool = True,
    ) -> None:
        self._path = index_path or index_path_default()
        self._db = open_index(index_path, build_if_missing=build_if_missing)
        # One read-only connection shared by Streamlit's script threads.
        self._lock = threading.Lock()
        self._countries = self._load_countries()
        self._region_names: dict[tuple[str, str], str] = {
            (country, admin1): name
            for name, country, admin1 in self._query("SELECT name, country, admin1 FROM places WHERE kind = 'region'")
        }
        # A name can be a region in several countries (Georgia; "Central").
        self._regions: dict[str, set[tuple[str, str]]] = {}
        for key, country, admin1 in self._query("SELECT key, country, admin1 FROM regions"):
            self._regions.setdefault(key, set()).add((country, admin1))
        self._us_states = {
            key
            for key, country, _ in self._query("SELECT key, country, admin1 FROM regions")
            if country == "US" and len(key) == 2
        }
        self._landmarks: dict[str, list[tuple[Place, int]]] = {}
        if landmarks_path is not None:
            self._landmarks = load_landmarks(landmarks_path)

    def _load_countries(self) -> dict[str, str]:
        # Names in other languages first, so that English names and the hand-written aliases win a tie.
        lookup: dict[str, str] = dict(self._query("SELECT key, iso FROM country_names"))
        lookup |= COUNTRY_ALIASES
        for iso, iso3, name in self._query("SELECT iso, iso3, name FROM countries"):
            lookup[normalize(name)] = iso
            # GeoNames says "The Netherlands"; people write "Netherlands".
            lookup[normalize(name).removeprefix("the ")] = iso
            lookup[iso.lower()] = iso
            lookup[iso3.lower()] = iso
        return lookup

    def _region_matches(self, qualifier: str) -> set[tuple[str, str]]:
        matches: set[tuple[str, str]] = set()
        for key in region_name_keys(qualifier):
            matches |= self._regions.get(key) or set()
            # "Novosibirskaya Oblast'", "Kirovskaya": Russian regions named by an adjective of their capital.
            stem = RUSSIAN_ADJECTIVE.sub("", key)
            if stem != key:
                matches |= (self._regions.get(stem) or set()) | (self._regions.get(f"{stem}sk") or set())
        return matches

    def region_name(self, place: Place) -> str:
        """The English name of the place's first-level region, when the index knows it."""
        if place.kind in ("region", "country"):
            return ""
        return self._region_names.get((place.country, place.admin1), "")

    # geopy's contract ---------------------------------------------------------------

    def _query(self, sql: str, params: Sequence[object] = ()) -> list[Any]:
        """Run ``sql`` on the index; a damaged file is a clear error, never a traceback."""
        try:
            with self._lock:
                return self._db.execute(sql, params).fetchall()
        except sqlite3.DatabaseError as exc:
            raise GazetteerError(
                f"the place index {self._path} is damaged ({exc}); rebuild it with 'python -m mapping build-index'"
            ) from exc

    def _find(self, name: str) -> dict[str, tuple[Place, int]]:
        key = normalize(name)
        if not key:
            return {}
        folded = fold(key)
        found: dict[str, tuple[Place, int]] = {}

        def keep(place: Place, match: int) -> None:
            if place.id not in found or found[place.id][1] > match:
                found[place.id] = (place, match)

        for lookup_key, demote in ((key, False), (folded, True)):
            for place, match in self._landmarks.get(lookup_key, ()):
                keep(place, MATCH_FOLDED if demote else match)
        rows = self._query(
            "SELECT p.id, p.name, p.kind, p.lat, p.lon, p.country, p.admin1, p.population, p.source, n.key, n.match"
            " FROM names n JOIN places p ON p.id = n.place WHERE n.key IN (?, ?)",
            (key, folded),
        )
        for pid, pname, kind, lat, lon, country, admin1, population, source, row_key, match in rows:
            place = Place(f"{source}:{pid}", pname, kind, lat, lon, country, admin1, population, source)
            # A folded query key only ever matches by spelling variant.
            keep(place, match if row_key == key else MATCH_FOLDED)
        return found

    def sites(self, kinds: Iterable[str]) -> list[Place]:
        """Landmarks of these kinds, and airports with scheduled service when "airport" is asked for."""
        wanted = set(kinds)
        found = {
            place.id: place for entries in self._landmarks.values() for place, _ in entries if place.kind in wanted
        }
        if "airport" in wanted:
            found.update((p.id, p) for p in self._airports())
        return list(found.values())

    @functools.cache  # noqa: B019 (one gazetteer lives as long as the process)
    def _airports(self) -> tuple[Place, ...]:
        rows = self._query(
            "SELECT id, name, kind, lat, lon, country, admin1, population, source FROM places"
            " WHERE kind = 'airport' AND population > 0"
        )
        return tuple(Place(f"{src}:{pid}", n, k, la, lo, c, a, pop, src) for pid, n, k, la, lo, c, a, pop, src in rows)

    def close(self) -> None:
        self._db.close()
