"""How well stops are extracted from reports: precision, recall, F1 and right days, against gold lists.

A found stop matches a gold stop when it lies within 25 km (10 km when the gold
stop is a site); matching is one to one, closest pairs first. On matched stops,
the share whose date equals the gold date (both null counts as equal) is reported.

Sets:
- real reports (news, wire copy, blogs), split once into a development half and a
  held-out half: the texts are third-party and copyrighted, so they live outside
  the repository, in ``$TRIP_REPORTS_DIR`` (default ``../staging/reports`` beside
  the project; skipped when absent), with ``SPLIT.json`` naming the halves;
- a fresh set of real reports gathered for the second round, all held out, in
  ``$TRIP_REPORTS_FRESH_DIR`` (default ``../staging/reports-fresh``; skipped when absent);
- tests/data/reports and tests/data/reports-heldout: short look-alikes in the repository;
- the seed report in ../shared/seed (read, not copied), reference date 2023-09-17.

Then the time to extract a 2,000-word report once the model is loaded.

    .venv/bin/python benchmarks/extraction_quality.py [-v] [--set dev|heldout|...]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from geopy.distance import great_circle

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from mapping.geocode.gazetteer import OfflineGazetteer  # noqa: E402
from mapping.report.extract import extract  # noqa: E402
from mapping.report.nlp import model  # noqa: E402
from mapping.trip.model import Trip  # noqa: E402


def _beside(*parts: str) -> Path:
    """A path beside the project, or beside the checkout it is a worktree of."""
    for base in (ROOT.parent, ROOT.parent.parent):
        if (base.joinpath(*parts)).exists():
            return base.joinpath(*parts)
    return ROOT.parent.joinpath(*parts)


SEED = _beside("shared", "seed", "kim-jong-un-russia-trip-2023.txt")
SEED_GOLD: dict[str, object] = json.loads((ROOT / "tests" / "data" / "seed.gold.json").read_text("utf-8"))
REAL = Path(os.environ.get("TRIP_REPORTS_DIR") or _beside("staging", "reports"))
# A second set collected after the first was used for development (round 2): every text in it is held out.
FRESH = Path(os.environ.get("TRIP_REPORTS_FRESH_DIR") or _beside("staging", "reports-fresh"))
MATCH_KM = 25.0
SITE_KM = 10.0

Case = tuple[str, str, dict[str, object]]


@dataclass
class Tally:
    found: int = 0
    gold: int = 0
    matched: int = 0
    right_days: int = 0

    def add(self, other: Tally) -> None:
        self.found += other.found
        self.gold += other.gold
        self.matched += other.matched
        self.right_days += other.right_days

    def row(self, label: str) -> str:
        precision = self.matched / self.found if self.found else 0.0
        recall = self.matched / self.gold if self.gold else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        days = self.right_days / self.matched if self.matched else 0.0
        return f"| {label:<34s} | {self.found:5d} | {self.gold:4d} | {precision:9.1%} | {recall:6.1%} | {f1:6.1%} | {days:9.1%} |"


def score(trip: Trip, gold: dict[str, object], verbose: bool) -> Tally:
    stops = [s for s in trip.stops if s.lat is not None and s.lon is not None]
    wanted: list[dict[str, object]] = list(gold["stops"])  # type: ignore[call-overload]
    pairs = sorted(
        (great_circle((s.lat, s.lon), (g["lat"], g["lon"])).km, i, j)
        for i, s in enumerate(stops)
        for j, g in enumerate(wanted)
    )
    used_found: set[int] = set()
    used_gold: set[int] = set()
    tally = Tally(found=len(stops), gold=len(wanted))
    for km, i, j in pairs:
        limit = SITE_KM if wanted[j].get("kind") == "site" else MATCH_KM
        if km > limit or i in used_found or j in used_gold:
            continue
        used_found.add(i)
        used_gold.add(j)
        tally.matched += 1
        stop_day = stops[i].date
        found_day = stop_day.isoformat() if stop_day else None
        same_day = found_day == wanted[j]["date"]
        tally.right_days += same_day
        if verbose:
            mark = "" if same_day else f"   date {found_day} != {wanted[j]['date']}"
            print(f"    match  {stops[i].place} ~ {wanted[j]['place']} ({km:.1f} km){mark}")
    if verbose:
        for i, s in enumerate(stops):
            if i not in used_found:
                print(f"    extra  {s.place} ({s.date}) from: {s.evidence[:90]}")
        for j, g in enumerate(wanted):
            if j not in used_gold:
                print(f"    missed {g['place']} ({g['date']})")
    return tally


def run_set(label: str, cases: list[Case], gazetteer: OfflineGazetteer, verbose: bool) -> str:
    total = Tally()
    for name, text, gold in cases:
        reference = gold.get("reference_date")
        trip = extract(text, gazetteer, reference_date=date.fromisoformat(str(reference)) if reference else None)
        if verbose:
            print(f"  {name}")
        total.add(score(trip, gold, verbose))
    return total.row(f"{label} ({len(cases)} texts)")


def load_dir(folder: Path, names: Sequence[str] | None = None) -> list[Case]:
    cases = []
    for text_file in sorted(folder.glob("*.txt")):
        gold_file = text_file.with_suffix(".gold.json")
        if gold_file.exists() and (names is None or text_file.stem in names):
            cases.append((text_file.stem, text_file.read_text("utf-8"), json.loads(gold_file.read_text("utf-8"))))
    return cases


def sets() -> list[tuple[str, list[Case]]]:
    found: list[tuple[str, list[Case]]] = []
    split_file = REAL / "SPLIT.json"
    if split_file.exists():
        split = json.loads(split_file.read_text("utf-8"))
        found.append(("real reports, dev", load_dir(REAL, split["dev"])))
        found.append(("real reports, heldout", load_dir(REAL, split["heldout"])))
    if FRESH.is_dir() and FRESH != REAL:
        found.append(("real reports, fresh (round 2)", load_dir(FRESH)))
    found.append(("look-alikes (tests/data/reports)", load_dir(ROOT / "tests" / "data" / "reports")))
    found.append(("look-alikes, held-out", load_dir(ROOT / "tests" / "data" / "reports-heldout")))
    if SEED.exists():
        found.append(("seed report", [(SEED.stem, SEED.read_text("utf-8"), SEED_GOLD)]))
    return found


def speed(gazetteer: OfflineGazetteer, loaded: float) -> None:
    source = REAL if (REAL / "SPLIT.json").exists() else ROOT / "tests" / "data" / "reports"
    words: list[str] = []
    while len(words) < 2_000:
        for path in sorted(source.glob("*.txt")):
            words.extend(path.read_text("utf-8").split())
    text = " ".join(words[:2_000])
    runs = []
    for _ in range(5):
        started = time.perf_counter()
        extract(text, gazetteer, reference_date=date(2024, 6, 1))
        runs.append(time.perf_counter() - started)
    runs.sort()
    print(
        f"\nmodel load: {loaded:.2f} s; a 2,000-word report after the load: median {runs[2]:.2f} s (best {runs[0]:.2f} s)"
    )
    with open("/proc/loadavg", encoding="ascii") as f:
        print(f"load average during the run: {f.read().split()[0]} on {os.cpu_count()} cores")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-v", "--verbose", action="store_true", help="list matches, extras and misses")
    parser.add_argument("--set", action="append", help="only the sets whose label contains this")
    parser.add_argument("--no-speed", action="store_true", help="skip the timing")
    args = parser.parse_args(argv)
    gazetteer = OfflineGazetteer()
    started = time.perf_counter()
    model()  # the first call loads it; later calls return it
    loaded = time.perf_counter() - started
    print(f"| {'set':<34s} | found | gold | precision | recall |     F1 | right day |")
    print(f"|{'-' * 36}|-------|------|-----------|--------|--------|-----------|")
    for label, cases in sets():
        if cases and (not args.set or any(s in label for s in args.set)):
            print(run_set(label, cases, gazetteer, args.verbose))
    if not args.no_speed:
        speed(gazetteer, loaded)
    return 0


if __name__ == "__main__":
    sys.exit(main())
