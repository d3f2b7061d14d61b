"""Geocoding real people's stop names, offline, against their own pins; with a naive baseline.

The labelled set (benchmarks/data/stopnames-{dev,heldout}.csv) holds 500 stop
names and the coordinates their authors pinned, from 25 public trip files and
saved-place lists (Google My Maps KML, Google Takeout "Saved Places", GeoJSON,
itinerary scripts) by 23 authors: cities, shrines, museums, restaurants,
stations, addresses, lakes, decorated names ("1. Shinjuku", "Tsuta \"Ramen\"").
Only facts are kept (a name and a point); each row names its source file. The
set was split once, by author, into a development half (tuning) and a held-out
half. A third, smaller file (stopnames-fresh.csv: 43 names, 3 more authors) was
gathered after the held-out half had been measured once and its two confident
errors studied, so that one set stays unseen by the tuning.

Each file is resolved as one trip, the way the app resolves an upload: the
stops are the names, in the file's order, with no coordinates. An answer is
right when it lies within 25 km of the author's pin (the same measure as the
world-cities benchmark). The baseline, in the same run, is what most tools do:
the most populous place whose own name is exactly the stop's text.

Prints, per half: answered, right, right within 5 km, answers marked
approximate, and the reliability table: for each confidence band, how many
answers and what share of them are right.

    .venv/bin/python benchmarks/stop_names.py [--split dev|heldout|both] [--show-wrong]
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from mapping.geocode.gazetteer import OfflineGazetteer
from mapping.geocode.index import open_index
from mapping.geocode.placenames import normalize
from mapping.geocode.rank import flat_km
from mapping.geocode.resolve import resolve_trip
from mapping.trip.model import Stop, Trip

DATA = Path(__file__).resolve().parent / "data"
RIGHT_KM = 25.0
BANDS = ((0.0, 0.3), (0.3, 0.5), (0.5, 0.7), (0.7, 0.9), (0.9, 1.01))


@dataclass(frozen=True)
class Row:
    name: str
    truth: tuple[float, float]
    trip: str


@dataclass(frozen=True)
class Result:
    row: Row
    point: tuple[float, float] | None
    confidence: float | None
    matched: str | None

    @property
    def km(self) -> float | None:
        return flat_km(self.row.truth, self.point) if self.point else None

    @property
    def right(self) -> bool:
        return self.km is not None and self.km <= RIGHT_KM


def load(split: str) -> list[Row]:
    with open(DATA / f"stopnames-{split}.csv", encoding="utf-8", newline="") as f:
        return [Row(r["name"], (float(r["lat"]), float(r["lon"])), r["trip"]) for r in csv.DictReader(f)]


def ours(rows: Sequence[Row], gazetteer: OfflineGazetteer) -> list[Result]:
    trips: dict[str, list[Row]] = defaultdict(list)
    for row in rows:
        trips[row.trip].append(row)
    results = []
    for trip_id, members in trips.items():
        resolved = resolve_trip(Trip(trip_id, tuple(Stop(r.name) for r in members)), gazetteer).trip
        for row, stop in zip(members, resolved.stops, strict=True):
            point = (stop.lat, stop.lon) if stop.lat is not None and stop.lon is not None else None
            results.append(Result(row, point, stop.confidence if point else None, stop.matched))
    return results


def naive(rows: Sequence[Row]) -> list[Result]:
    db = open_index(build_if_missing=False)
    results = []
    for row in rows:
        found = db.execute(
            "SELECT p.lat, p.lon, p.name FROM names n JOIN places p ON p.id = n.place"
            " WHERE n.key = ? AND n.match = 0 ORDER BY p.population DESC LIMIT 1",
            (normalize(row.name),),
        ).fetchone()
        results.append(Result(row, (found[0], found[1]) if found else None, None, found[2] if found else None))
    return results


def summary(label: str, results: Sequence[Result]) -> None:
    total = len(results)
    answered = [r for r in results if r.point]
    right = [r for r in answered if r.right]
    close = [r for r in answered if r.km is not None and r.km <= 5]
    approximate = [r for r in answered if r.matched and "(approximate" in r.matched]
    print(
        f"  {label:<22s} answered {len(answered):4d} ({len(answered) / total:5.1%})"
        f"  right {len(right):4d} ({len(right) / total:5.1%})  within 5 km {len(close) / total:5.1%}"
        f"  wrong {len(answered) - len(right):4d} ({(len(answered) - len(right)) / total:5.1%})"
        + (f"  approximate {len(approximate)}" if approximate else "")
    )


def reliability(results: Sequence[Result]) -> None:
    print(f"    {'confidence':<12s} {'answers':>8s} {'right':>7s} {'wrong':>7s}")
    for low, high in BANDS:
        band = [r for r in results if r.confidence is not None and low <= r.confidence < high]
        if not band:
            print(f"    {low:.1f}-{min(high, 1.0):.1f}      {0:8d}")
            continue
        right = sum(r.right for r in band)
        print(
            f"    {low:.1f}-{min(high, 1.0):.1f}      {len(band):8d} {right / len(band):7.1%} "
            f"{(len(band) - right) / len(band):7.1%}"
        )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--split", choices=("dev", "heldout", "fresh", "both"), default="both")
    parser.add_argument("--show-wrong", action="store_true", help="list the answers more than 25 km off")
    args = parser.parse_args(argv)
    gazetteer = OfflineGazetteer()
    splits = ("dev", "heldout", "fresh") if args.split == "both" else (args.split,)
    for split in splits:
        rows = load(split)
        trips = len({r.trip for r in rows})
        print(
            f"{split}: {len(rows)} stop names from {trips} files (right = within {RIGHT_KM:g} km of the author's pin)"
        )
        mine = ours(rows, gazetteer)
        summary("trip map gazetteer", mine)
        summary("naive baseline", naive(rows))
        reliability(mine)
        if args.show_wrong:
            for r in sorted(mine, key=lambda r: -(r.confidence or 0)):
                if r.point and not r.right:
                    print(f"      {r.confidence:.2f} {r.km:8.0f} km  {r.row.name!r} -> {r.matched}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
