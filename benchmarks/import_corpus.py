"""How many real trip files load as a user expects: ``python benchmarks/import_corpus.py CORPUS [dev|heldout]``.

CORPUS holds ``<kind>/<file>`` with a ``<file>.meta.json`` beside each (what a user expects: the number
of stops, some names with their pins and dates, or an error) and a ``SPLIT.json`` naming the dev and
heldout files. Prints one line per file and the share that loaded right. Files come from public
repositories, kept outside this repository (see each sidecar for its source and licence).
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any

from mapping.errors import InputError
from mapping.io.formats import load_trip
from mapping.trip.model import LoadResult, Stop


def _close(a: float | None, b: float, tolerance: float = 1e-4) -> bool:
    return a is not None and abs(a - b) <= tolerance


def _matches(stop: Stop, check: dict[str, Any]) -> bool:
    text = f"{stop.label} | {stop.place} | {stop.name} | {stop.activity}"
    for key, want in check.items():
        if key == "name" and want not in (stop.label, stop.name, stop.place):
            return False
        if key == "name_contains" and want not in text:
            return False
        if key == "name_not_contains" and want in stop.label:
            return False
        if key == "place" and stop.place != want:
            return False
        if key == "place_contains" and want not in stop.place:
            return False
        if key == "lat" and not _close(stop.lat, want):
            return False
        if key == "lon" and not _close(stop.lon, want):
            return False
        if key == "date" and (stop.date.isoformat() if stop.date else None) != want:
            return False
        if key == "month_day" and (stop.date.strftime("%m-%d") if stop.date else None) != want:
            return False
        if key == "time" and stop.time != want:
            return False
        if key == "mode" and stop.mode != want:
            return False
        if key == "activity" and stop.activity != want:
            return False
        if key == "activity_contains" and want not in stop.activity:
            return False
    return True


def judge(path: Path, expect: dict[str, Any]) -> tuple[bool, str]:
    year = expect.get("year_arg") or (expect.get("year") if isinstance(expect.get("year"), int) else None)
    try:
        result: LoadResult = load_trip(path, year=year)
    except InputError as exc:
        if expect.get("error"):
            want = expect.get("message_contains", "")
            return want.lower() in str(exc).lower(), f"error as expected: {str(exc)[:120]}"
        return False, f"refused: {str(exc)[:160]}"
    except Exception as exc:
        return False, f"CRASH {type(exc).__name__}: {exc}"
    if expect.get("error"):
        return False, f"loaded {len(result.trip.stops)} stops; expected an error"
    stops = result.trip.stops
    if any(s.lat == 0 and s.lon == 0 for s in stops):
        return False, "a stop drawn at 0,0"
    if any(re.fullmatch(r"\s*-?\d+\.\d+\s*[, ]\s*-?\d+\.\d+\s*", s.label) for s in stops):
        return False, "a stop named by its coordinates"
    wanted = expect.get("stops")
    if wanted is not None and len(stops) != wanted:
        return False, f"{len(stops)} stops, expected {wanted}"
    if expect.get("stops_min") is not None and len(stops) < expect["stops_min"]:
        return False, f"{len(stops)} stops, expected at least {expect['stops_min']}"
    if expect.get("problems") is not None and len(result.problems) != expect["problems"]:
        return False, f"{len(result.problems)} problems, expected {expect['problems']}: {result.problems[:2]}"
    if expect.get("route") and not result.trip.tracks:
        return False, "no route drawn"
    for check in expect.get("checks", []):
        if not any(_matches(stop, check) for stop in stops):
            near = [(s.label[:30], s.date, s.time, s.lat, s.lon) for s in stops[:4]]
            return False, f"no stop matches {check}; first stops: {near}"
    return True, f"{len(stops)} stops, {len(result.problems)} problems"


def main(argv: list[str]) -> int:
    corpus = Path(argv[0])
    split = json.loads((corpus / "SPLIT.json").read_text())
    parts = argv[1:] or ["dev", "heldout"]
    for part in parts:
        good = 0
        for name in split[part]:
            path = corpus / name
            expect = json.loads(Path(f"{path}.meta.json").read_text())["expect"]
            ok, why = judge(path, expect)
            good += ok
            print(f"{'ok ' if ok else 'BAD'} {name}: {why}")
        print(f"{part}: {good} of {len(split[part])} files load as a user expects\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
