"""Geocoding accuracy on an independent list of world cities, against a naive baseline.

Reads ../shared/benchmarks/worldcities.csv (simplemaps basic, CC BY 4.0; not
copied into the project) and asks the offline gazetteer for every row as
"City, Country", and for the 5,000 most populous cities by bare name. The
baseline, in the same run, is what most tools do: the most populous place whose
primary name is exactly the query (in the named country when there is one).

Prints, for each query set: share within 25 km and within 161 km, median error
and miss rate, for the gazetteer and for the baseline.

    .venv/bin/python benchmarks/geocoding_accuracy.py [--csv PATH] [--limit N]
"""

from __future__ import annotations

import argparse
import csv
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from geopy.distance import great_circle

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from mapping.geocode.gazetteer import OfflineGazetteer
from mapping.geocode.index import open_index
from mapping.geocode.placenames import fold, normalize

DEFAULT_CSV = Path(__file__).resolve().parents[2] / "shared" / "benchmarks" / "worldcities.csv"

Point = tuple[float, float]


@dataclass(frozen=True)
class Case:
    query: str
    name: str
    iso2: str | None
    truth: Point


@dataclass(frozen=True)
class Score:
    within_25: float
    within_161: float
    median_km: float
    miss_rate: float
    per_second: float

    def row(self, label: str) -> str:
        return (
            f"{label:<28s} {self.within_25:7.1%} {self.within_161:8.1%} {self.median_km:9.1f} "
            f"{self.miss_rate:7.1%} {self.per_second:10,.0f}"
        )


CORRUPTION = "model.City"


def load_cases(path: Path, *, repair: bool = False) -> tuple[list[Case], list[Case], list[Case], list[Case]]:
    with open(path, encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    if repair:
        # The shared copy has "City" rewritten as "model.City" in 246 rows ("Mexico model.City").
        rows = [{k: v.replace(CORRUPTION, "City") for k, v in r.items()} for r in rows]
    with_country = [
        Case(f"{r['city']}, {r['country']}", r["city"], r["iso2"], (float(r["lat"]), float(r["lng"]))) for r in rows
    ]
    with_region = [
        Case(
            ", ".join(p for p in (r["city"], r["admin_name"], r["country"]) if p),
            r["city"],
            r["iso2"],
            (float(r["lat"]), float(r["lng"])),
        )
        for r in rows
    ]
    populous = sorted(rows, key=lambda r: -float(r["population"] or 0))
    bare = [Case(r["city"], r["city"], None, (float(r["lat"]), float(r["lng"]))) for r in populous[:5000]]
    return with_country, with_region, bare[:2000], bare


def naive_baseline() -> Callable[[Case], Point | None]:
    db = open_index(build_if_missing=False)

    def find(case: Case) -> Point | None:
        key = normalize(case.name)
        sql = (
            "SELECT p.lat, p.lon FROM names n JOIN places p ON p.id = n.place "
            "WHERE n.key = ? AND n.match = 0 AND p.source = 'geonames'"
        )
        params: list[object] = [key]
        if case.iso2:
            sql += " AND p.country = ?"
            params.append(case.iso2)
        row = db.execute(sql + " ORDER BY p.population DESC LIMIT 1", params).fetchone()
        return (row[0], row[1]) if row else None

    return find


def ours(gazetteer: OfflineGazetteer) -> Callable[[Case], Point | None]:
    def find(case: Case) -> Point | None:
        best = gazetteer.lookup(case.query, limit=5).best
        return (best.place.lat, best.place.lon) if best else None

    return find


def ceiling(cases: Sequence[Case]) -> float:
    """The best share within 25 km any ranking of this index could reach.

    A case counts when some place with the query's name (in the named country)
    lies within 25 km of the truth, and when no earlier case asked the very same
    query about a place more than 25 km away: one answer cannot be right twice.
    """
    db = open_index(build_if_missing=False)
    answered: dict[str, list[Point]] = {}
    reachable = 0
    for case in cases:
        key = normalize(case.name)
        sql = "SELECT p.lat, p.lon FROM names n JOIN places p ON p.id = n.place WHERE n.key IN (?, ?)"
        params: list[object] = [key, fold(key)]
        if case.iso2:
            sql += " AND p.country = ?"
            params.append(case.iso2)
        if not any(great_circle(case.truth, row).km <= 25 for row in db.execute(sql, params)):
            continue
        earlier = answered.setdefault(case.query, [])
        if earlier and all(great_circle(case.truth, point).km > 25 for point in earlier):
            continue
        earlier.append(case.truth)
        reachable += 1
    return reachable / len(cases)


def one_answer_bound(cases: Sequence[Case]) -> float:
    """The best share within 25 km that any geocoder giving one answer per query text could reach.

    It depends on the list alone: a query asked about several places more than 25 km apart
    ("Springfield, United States" asked 20 times) can be right for only those near its one answer.
    Here the answer is put at the row that covers most of its query's rows.
    """
    groups: dict[str, list[Point]] = {}
    for case in cases:
        groups.setdefault(case.query, []).append(case.truth)
    reachable = 0
    for points in groups.values():
        if len(points) == 1:
            reachable += 1
            continue
        reachable += max(sum(great_circle(p, q).km <= 25 for q in points) for p in points)
    return reachable / len(cases)


def score(cases: Sequence[Case], find: Callable[[Case], Point | None]) -> Score:
    errors: list[float] = []
    misses = 0
    started = time.perf_counter()
    answers = [find(case) for case in cases]
    elapsed = time.perf_counter() - started
    for case, answer in zip(cases, answers, strict=True):
        if answer is None:
            misses += 1
            continue
        errors.append(great_circle(case.truth, answer).km)
    total = len(cases)
    return Score(
        within_25=sum(e <= 25 for e in errors) / total,
        within_161=sum(e <= 161 for e in errors) / total,
        median_km=statistics.median(errors) if errors else float("nan"),
        miss_rate=misses / total,
        per_second=total / elapsed,
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--csv", type=Path, default=DEFAULT_CSV)
    parser.add_argument("--limit", type=int, default=None, help="only the first N rows of each set (quick runs)")
    parser.add_argument("--repair", action="store_true", help=f"read '{CORRUPTION}' in the CSV as 'City'")
    args = parser.parse_args(argv)
    if not args.csv.exists():
        print(f"error: {args.csv} not found; pass --csv PATH", file=sys.stderr)
        return 2
    with_country, with_region, top_2000, bare = load_cases(args.csv, repair=args.repair)
    corrupted = sum(CORRUPTION in c.query for c in with_country)
    if corrupted:
        print(f"note: {corrupted} rows name a city with '{CORRUPTION}' (a corrupted copy); --repair reads it as 'City'")
    if args.limit:
        with_country, with_region = with_country[: args.limit], with_region[: args.limit]
        top_2000, bare = top_2000[: args.limit], bare[: args.limit]
    gazetteer = OfflineGazetteer()
    baseline = naive_baseline()
    print(
        f"{'query set / geocoder':<28s} {'<=25km':>7s} {'<=161km':>8s} {'median km':>9s} {'missed':>7s} {'queries/s':>10s}"
    )
    for label, cases in (
        (f"City, Country ({len(with_country):,})", with_country),
        (f"City, Region, Country ({len(with_region):,})", with_region),
        (f"bare name, top {len(top_2000):,}", top_2000),
        (f"bare name, top {len(bare):,}", bare),
    ):
        print(label)
        print(score(cases, ours(gazetteer)).row("  trip map gazetteer"))
        print(score(cases, baseline).row("  naive baseline"))
        print(f"  {'ceiling for this index':<26s} {ceiling(cases):7.1%}  (ambiguous or unlisted names)")
        print(f"  {'one answer per query text':<26s} {one_answer_bound(cases):7.1%}  (any geocoder: repeated queries)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
