"""Curated landmarks (data/landmarks.csv): the sites a trip visits that GeoNames does not list.

They are a small CSV read when the gazetteer opens, so editing them needs no index rebuild.
"""

from __future__ import annotations

import csv
from pathlib import Path

from mapping.errors import GazetteerError
from mapping.geocode.index import Place, name_keys


def load_landmarks(path: Path) -> dict[str, list[tuple[Place, int]]]:
    """Name key -> the landmarks found under it, with how the key matched."""
    landmarks: dict[str, list[tuple[Place, int]]] = {}
    try:
        with open(path, encoding="utf-8-sig", newline="") as f:
            rows = list(csv.DictReader(f))
    except OSError as exc:
        raise GazetteerError(f"cannot read the landmarks file {path} ({exc.strerror})") from exc
    for number, row in enumerate(rows, start=2):
        try:
            place = Place(
                id=f"landmark:{row['id']}",
                name=row["name"].strip(),
                kind=row["kind"].strip() or "landmark",
                lat=float(row["lat"]),
                lon=float(row["lon"]),
                country=row["country"].strip().upper(),
                admin1=(row.get("admin1") or "").strip(),
                population=int(row.get("population") or 0),
                source="landmarks",
            )
        except (KeyError, ValueError, AttributeError) as exc:
            raise GazetteerError(
                f"{path}, row {number}: cannot read the landmark ({exc!r}); "
                "it needs id, name, kind, lat, lon and country"
            ) from exc
        aliases = [a.strip() for a in (row.get("aliases") or "").split("|") if a.strip()]
        for key, match in name_keys([place.name, *aliases]).items():
            landmarks.setdefault(key, []).append((place, match))
    return landmarks
