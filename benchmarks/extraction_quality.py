"""How well stops are extracted from reports: precision, recall, F1 and exact days, against gold lists.

A found stop matches a gold stop when it lies within 25 km; matching is one to
one, closest pairs first. On matched stops, the share whose date equals the
gold date (both null counts as equal) is reported.

Sets:
- tests/data/reports: texts written while the rules were built;
- tests/data/reports-heldout: texts written by someone else, never tuned on;
- the seed report in ../shared/seed (read, not copied), reference date 2023-09-17.

    .venv/bin/python benchmarks/extraction_quality.py [-v]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from geopy.distance import great_circle

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from mapping.geocode.gazetteer import OfflineGazetteer  # noqa: E402
from mapping.report.extract import extract  # noqa: E402
from mapping.trip.model import Trip  # noqa: E402

SEED = ROOT.parent / "shared" / "seed" / "kim-jong-un-russia-trip-2023.txt"
# Where the seed report's stops really are, and their days (coordinates and dates only, no text).
SEED_GOLD: dict[str, object] = json.loads((ROOT / "tests" / "data" / "seed.gold.json").read_text("utf-8"))
MATCH_KM = 25.0


@dataclass
class Tally:
    found: int = 0
    gold: int = 0
    matched: int = 0
    exact_dates: int = 0

    def add(self, other: Tally) -> None:
        self.found += other.found
        self.gold += other.gold
        self.matched += other.matched
        self.exact_dates += other.exact_dates

    def row(self, label: str) -> str:
        precision = self.matched / self.found if self.found else 0.0
        recall = self.matched / self.gold if self.gold else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        dates = self.exact_dates / self.matched if self.matched else 0.0
        return f"{label:<38s} {self.found:5d} {self.gold:5d} {precision:9.1%} {recall:7.1%} {f1:6.1%} {dates:11.1%}"


def score(trip: Trip, gold: dict[str, object], verbose: bool) -> Tally:
    stops = [s for s in trip.stops if s.lat is not None and s.lon is not None]
    wanted = list(gold["stops"])  # type: ignore[call-overload]
    pairs = sorted(
        (great_circle((s.lat, s.lon), (g["lat"], g["lon"])).km, i, j)
        for i, s in enumerate(stops)
        for j, g in enumerate(wanted)
    )
    used_found: set[int] = set()
    used_gold: set[int] = set()
    tally = Tally(found=len(stops), gold=len(wanted))
    for km, i, j in pairs:
        if km > MATCH_KM or i in used_found or j in used_gold:
            continue
        used_found.add(i)
        used_gold.add(j)
        tally.matched += 1
        stop_day = stops[i].date
        found_day = stop_day.isoformat() if stop_day else None
        same_day = found_day == wanted[j]["date"]
        tally.exact_dates += same_day
        if verbose:
            mark = "" if same_day else f"   date {found_day} != {wanted[j]['date']}"
            print(f"    match  {stops[i].place} ~ {wanted[j]['place']} ({km:.1f} km){mark}")
    if verbose:
        for i, s in enumerate(stops):
            if i not in used_found:
                print(f"    extra  {s.place} ({s.date}) from: {s.evidence[:80]}")
        for j, g in enumerate(wanted):
            if j not in used_gold:
                print(f"    missed {g['place']} ({g['date']})")
    return tally


def run_set(
    label: str, cases: list[tuple[str, str, dict[str, object]]], gazetteer: OfflineGazetteer, verbose: bool
) -> str:
    total = Tally()
    for name, text, gold in cases:
        reference = gold.get("reference_date")
        trip = extract(text, gazetteer, reference_date=date.fromisoformat(str(reference)) if reference else None)
        if verbose:
            print(f"  {name}")
        total.add(score(trip, gold, verbose))
    return total.row(f"{label} ({len(cases)} texts)")


def load_dir(folder: Path) -> list[tuple[str, str, dict[str, object]]]:
    cases = []
    for text_file in sorted(folder.glob("*.txt")):
        gold_file = text_file.with_suffix(".gold.json")
        if gold_file.exists():
            cases.append((text_file.stem, text_file.read_text("utf-8"), json.loads(gold_file.read_text("utf-8"))))
    return cases


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-v", "--verbose", action="store_true", help="list matches, extras and misses")
    args = parser.parse_args(argv)
    gazetteer = OfflineGazetteer()
    print(f"{'set':<38s} {'found':>5s} {'gold':>5s} {'precision':>9s} {'recall':>7s} {'F1':>6s} {'exact date':>11s}")
    sets = [
        ("own texts", load_dir(ROOT / "tests" / "data" / "reports")),
        ("held-out texts", load_dir(ROOT / "tests" / "data" / "reports-heldout")),
    ]
    if SEED.exists():
        sets.append(("seed report", [(SEED.stem, SEED.read_text("utf-8"), SEED_GOLD)]))
    for label, cases in sets:
        if cases:
            print(run_set(label, cases, gazetteer, args.verbose))
    return 0


if __name__ == "__main__":
    sys.exit(main())
