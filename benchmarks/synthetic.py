"""Synthetic trips of any size for the benchmarks: a wandering route over many days, placed, not geocoded."""

from __future__ import annotations

import random
from datetime import date, timedelta

from mapping.trip.model import Stop, Trip

MODES = ("train", "car", "plane", "ship", "foot")


def synthetic_trip(stops: int, *, days: int = 90, seed: int = 1) -> Trip:
    rng = random.Random(seed)
    start = date(2024, 1, 1)
    lat, lon = 48.0, 10.0
    items = []
    for i in range(stops):
        lat = max(-60.0, min(70.0, lat + rng.uniform(-0.4, 0.4)))
        lon = ((lon + rng.uniform(-0.3, 0.5) + 180) % 360) - 180
        items.append(
            Stop(
                place=f"Place {i}",
                date=start + timedelta(days=i * days // stops),
                name=f"Stop {i}",
                lat=round(lat, 5),
                lon=round(lon, 5),
                activity=f"Visited site {i}" if i % 3 == 0 else "",
                mode=rng.choice(MODES),
                provider="given",
                confidence=1.0,
            )
        )
    return Trip(f"Synthetic trip of {stops:,} stops", tuple(items))
