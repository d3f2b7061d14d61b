"""Coastline cuts: regions on a coarse grid, and a bounded cache on disk and in memory."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from shapely.geometry import Point, shape

from mapping.render import basemap_detail
from mapping.render.basemap_detail import MAX_DETAIL_SPAN_DEGREES, REGION_GRID_DEGREES, detail, region_for


def test_regions_fall_on_the_grid_so_nearby_trips_share_one() -> None:
    vladivostok = region_for([(43.12, 131.89), (43.03, 131.90)])
    russky = region_for([(43.01, 131.85)])
    assert vladivostok == russky
    assert vladivostok is not None
    assert all(edge % REGION_GRID_DEGREES == 0 for edge in vladivostok)
    south, west, north, east = vladivostok
    assert south < 43.01 < 43.12 < north
    assert west < 131.85 < 131.90 < east


def test_a_continental_trip_needs_no_detail() -> None:
    assert region_for([(0.0, 0.0), (0.0, MAX_DETAIL_SPAN_DEGREES + 1)]) is None
    assert region_for([]) is None


def test_the_cut_around_vladivostok_has_russky_island_as_land() -> None:
    region = region_for([(43.12, 131.89)])
    assert region is not None
    roles = {f["properties"]["role"]: f for f in detail(region)["features"]}
    assert {"sea", "land", "coast"} <= set(roles)
    assert shape(roles["land"]["geometry"]).contains(Point(131.85, 43.02))  # Russky Island


def test_the_disk_cache_keeps_only_the_most_recently_used_regions(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    computed: list[Any] = []

    def cheap(bounds: Any) -> dict[str, Any]:
        computed.append(bounds)
        return {"type": "FeatureCollection", "features": []}

    monkeypatch.setattr(basemap_detail, "DETAIL_CACHE", tmp_path)
    monkeypatch.setattr(basemap_detail, "MAX_CACHED_REGIONS", 3)
    monkeypatch.setattr(basemap_detail, "_detail", cheap)
    (tmp_path / "v1-old.json").write_text("{}")  # an older version's file
    detail.cache_clear()
    regions = [(float(s), 0.0, float(s + 5), 5.0) for s in range(0, 50, 5)]
    for region in regions:
        detail(region)
    files = sorted(p.name for p in tmp_path.glob("*.json"))
    assert len(files) == 3
    assert "v1-old.json" not in files
    assert detail.cache_info().maxsize == 8
    assert detail.cache_info().currsize <= 8
    detail.cache_clear()
