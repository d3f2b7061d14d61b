"""Map build and HTML render at 100 to 100,000 stops: trip map against a naive folium map, in one run.

The naive baseline is what folium's documentation shows: one folium.Marker with
a popup per stop and one PolyLine per leg, on the same local assets. Each figure
is the best of --repeat runs; peak memory is traced with tracemalloc during one
build and render.

    .venv/bin/python benchmarks/map_scale.py [--sizes 100,1000,10000,100000] [--naive-max 10000]
"""

from __future__ import annotations

import argparse
import gc
import html
import sys
import time
import tracemalloc
from collections.abc import Callable, Sequence
from pathlib import Path

import folium

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import itertools

from synthetic import synthetic_trip

from mapping.render.assets import AssetMode, localize
from mapping.render.map import MapOptions, build_map, render_html
from mapping.trip.model import Trip


def ours(trip: Trip) -> str:
    return render_html(build_map(trip, MapOptions(asset_mode=AssetMode.SERVED)))


def naive(trip: Trip) -> str:
    fmap = folium.Map(tiles=None)
    points = []
    for number, stop in enumerate(trip.stops, start=1):
        if stop.lat is None or stop.lon is None:
            continue
        point = (stop.lat, stop.lon)
        folium.Marker(point, popup=html.escape(f"{number}. {stop.label}"), tooltip=stop.label).add_to(fmap)
        points.append(point)
    for a, b in itertools.pairwise(points):
        folium.PolyLine([a, b], weight=3).add_to(fmap)
    localize(fmap, AssetMode.SERVED)
    return fmap.get_root().render()


def measure(make: Callable[[Trip], str], trip: Trip, repeat: int) -> tuple[float, int, float]:
    """(best seconds, HTML bytes, peak MB)."""
    best = float("inf")
    size = 0
    for _ in range(repeat):
        gc.collect()
        started = time.perf_counter()
        size = len(make(trip).encode("utf-8"))
        best = min(best, time.perf_counter() - started)
    gc.collect()
    tracemalloc.start()
    make(trip)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return best, size, peak / 1e6


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="100,1000,10000,100000")
    parser.add_argument("--naive-max", type=int, default=10_000, help="largest trip the baseline is run on")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    ours(synthetic_trip(100))  # one-time loads (assets, coastlines) are not part of any size's figure
    print(
        f"{'stops':>8s} {'ours s':>8s} {'naive s':>8s} {'ratio':>7s} {'ours MB':>8s} {'naive MB':>9s} "
        f"{'ours peak':>10s} {'naive peak':>11s}"
    )
    for size in (int(s) for s in args.sizes.split(",")):
        trip = synthetic_trip(size)
        repeat = args.repeat if size <= 10_000 else 1
        our_s, our_bytes, our_peak = measure(ours, trip, repeat)
        if size <= args.naive_max:
            naive_s, naive_bytes, naive_peak = measure(naive, trip, 1)
            naive_cols = f"{naive_s:8.2f} {naive_s / our_s:6.1f}x {our_bytes / 1e6:8.2f} {naive_bytes / 1e6:9.2f}"
            peaks = f"{our_peak:8.0f}MB {naive_peak:9.0f}MB"
        else:
            naive_cols = f"{'not run':>8s} {'':>7s} {our_bytes / 1e6:8.2f} {'':>9s}"
            peaks = f"{our_peak:8.0f}MB {'':>11s}"
        print(f"{size:8,d} {our_s:8.3f} {naive_cols} {peaks}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
