"""The report ceiling benchmark says how much of a labelled set the gazetteer can place at all."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _run(*folders: Path) -> str:
    done = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "report_ceiling.py"), *map(str, folders)],
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    return done.stdout


def _set(folder: Path, stops: list[dict[str, object]]) -> Path:
    folder.mkdir()
    (folder / "trip.txt").write_text("A made-up report.\n", encoding="utf-8")
    (folder / "trip.gold.json").write_text(json.dumps({"reference_date": None, "stops": stops}), encoding="utf-8")
    return folder


def test_a_stop_the_gazetteer_holds_is_placeable_and_one_it_does_not_is_not(tmp_path: Path) -> None:
    known = _set(
        tmp_path / "known",
        [
            {"place": "Vladivostok", "lat": 43.115, "lon": 131.885, "date": None},
            # A site the gazetteer does not hold, but its town is named: placeable by the town.
            {"place": "Zzyxq Qwv Hall, Ussuriysk", "lat": 43.80, "lon": 131.95, "date": None, "kind": "site"},
        ],
    )
    unknown = _set(
        tmp_path / "unknown",
        [
            {"place": "Vladivostok", "lat": 43.115, "lon": 131.885, "date": None},
            # Vladivostok's name, but 500 km from it: no candidate is within 25 km.
            {"place": "Vladivostok", "lat": 47.5, "lon": 133.0, "date": None},
            {"place": "Zzyxq Qwv Hall", "lat": 43.80, "lon": 131.95, "date": None, "kind": "site"},
        ],
    )
    rows = {line.split("|")[1].strip(): line for line in _run(known, unknown).splitlines()[2:]}
    assert [cell.strip() for cell in rows["known"].split("|")[2:8]] == ["1", "2", "1/1", "1/1", "100.0%", "100.0%"]
    assert [cell.strip() for cell in rows["unknown"].split("|")[2:8]] == ["1", "3", "1/2", "0/1", "33.3%", "50.0%"]
    assert rows["unknown"].rstrip(" |").endswith("out of reach")
