"""Speed and memory of the offline gazetteer: build, open, lookups per second, resident memory.

Each figure is measured in a fresh Python process so that nothing is warm from
an earlier step. Lookups run on one core over real city names from
../shared/benchmarks/worldcities.csv (read, not copied). For comparison, the
public Nominatim service allows one request per second.

    .venv/bin/python benchmarks/geocoding_speed.py [--build] [--queries N]
"""

from __future__ import annotations

import argparse
import csv
import json
import subprocess
import sys
import tempfile
import textwrap
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CSV = ROOT.parent / "shared" / "benchmarks" / "worldcities.csv"

_PROBE = textwrap.dedent(
    """
    import json, resource, sys, time
    sys.path.insert(0, {root!r})
    started = time.perf_counter()
    from mapping.geocode.gazetteer import OfflineGazetteer
    gazetteer = OfflineGazetteer(index_path={index!r} and __import__("pathlib").Path({index!r}))
    opened = time.perf_counter() - started
    queries = json.load(open({queries!r}))
    started = time.perf_counter()
    for query in queries:
        gazetteer.lookup(query)
    elapsed = time.perf_counter() - started
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({{"open_s": opened, "lookups_per_s": len(queries) / elapsed, "rss_mb": rss_mb}}))
    """
)


def probe(queries: list[str], index: str | None) -> dict[str, float]:
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
        json.dump(queries, f)
    code = _PROBE.format(root=str(ROOT), index=index, queries=f.name)
    # taskset keeps the lookups on one core, as the goal is stated.
    command = ["taskset", "-c", "0", sys.executable, "-c", code]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    Path(f.name).unlink()
    result: dict[str, float] = json.loads(output)
    return result


_TRIP_PROBE = textwrap.dedent(
    """
    import json, sys, time
    sys.path.insert(0, {root!r})
    from mapping.geocode.gazetteer import OfflineGazetteer
    from mapping.geocode.resolve import resolve_trip
    from mapping.trip.model import Stop, Trip
    places = json.load(open({queries!r}))
    trip = Trip("bench", tuple(Stop(place) for place in places))
    started = time.perf_counter()
    gazetteer = OfflineGazetteer()
    resolved = resolve_trip(trip, gazetteer)
    cold = time.perf_counter() - started
    started = time.perf_counter()
    resolve_trip(trip, gazetteer)
    warm = time.perf_counter() - started
    located = sum(s.located for s in resolved.trip.stops)
    print(json.dumps({{"cold_s": cold, "warm_s": warm, "located": located, "stops": len(places)}}))
    """
)


def trip_probe(places: list[str]) -> dict[str, float]:
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
        json.dump(places, f)
    code = _TRIP_PROBE.format(root=str(ROOT), queries=f.name)
    output = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    Path(f.name).unlink()
    result: dict[str, float] = json.loads(output)
    return result


def build_seconds() -> float:
    code = (
        f"import sys, time, tempfile, pathlib; sys.path.insert(0, {str(ROOT)!r})\n"
        "from mapping.geocode.index import build_index\n"
        "t = time.perf_counter(); d = tempfile.mkdtemp()\n"
        "build_index(pathlib.Path(d) / 'g.sqlite'); print(time.perf_counter() - t)"
    )
    return float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--csv", type=Path, default=DEFAULT_CSV)
    parser.add_argument("--queries", type=int, default=20_000)
    parser.add_argument("--build", action="store_true", help="also time a full index build (about 30 s)")
    args = parser.parse_args(argv)
    with open(args.csv, encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    names = [row["city"] for row in rows]
    queries = (names * (args.queries // len(names) + 1))[: args.queries]
    if args.build:
        print(f"index build                 {build_seconds():8.1f} s")
    result = probe(queries, None)
    print(f"index open (fresh process)  {result['open_s']:8.3f} s    goal < 0.5 s")
    print(f"lookups per second, 1 core  {result['lookups_per_s']:8,.0f}      goal >= 5,000 (Nominatim's policy: 1)")
    print(f"resident memory (peak)      {result['rss_mb']:8.0f} MB   goal < 300 MB")
    # A 1,000-stop trip of "City, Country" places, every 26th row of the list so it spans the world.
    trip = trip_probe([f"{r['city']}, {r['country']}" for r in rows[::26][:1000]])
    print(
        f"1,000-stop trip, cold         {trip['cold_s']:8.2f} s    goal < 1 s (opening the index included; "
        f"{trip['located']:.0f} of {trip['stops']:.0f} placed)"
    )
    print(f"1,000-stop trip, warm         {trip['warm_s']:8.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
