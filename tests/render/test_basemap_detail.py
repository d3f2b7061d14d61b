"""Coastline cuts: regions on a coarse grid, a bounded cache on disk and in memory, and the lakes, rivers and
first-level borders of a region."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from shapely.geometry import Point, shape

from mapping.render import basemap_detail
from mapping.render.basemap_detail import MAX_DETAIL_SPAN_DEGREES, REGION_GRID_DEGREES, _detail, detail, region_for


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


def test_a_trip_round_chicago_has_lake_michigan_rivers_and_state_lines() -> None:
    region = region_for([(41.88, -87.63), (42.36, -87.83), (41.59, -87.35)])
    assert region is not None
    features = {f["properties"]["role"]: f["geometry"] for f in _detail(region)["features"]}
    assert {"sea", "land", "lake", "river", "region"} <= set(features)
    lake = shape(features["lake"])
    # Open water off Chicago is lake; the Loop is not.
    assert lake.contains(Point(-87.3, 42.0))
    assert not lake.contains(Point(-87.63, 41.88))
    # The Illinois-Indiana line runs near -87.5 south of the lake.
    assert shape(features["region"]).distance(Point(-87.53, 41.0)) < 0.05


def test_the_default_trips_region_has_lake_khanka_and_the_amur() -> None:
    region = region_for([(43.12, 131.89), (50.55, 137.01), (51.88, 128.33), (42.43, 130.64)])
    assert region is not None
    features = {f["properties"]["role"]: f["geometry"] for f in _detail(region)["features"]}
    assert shape(features["lake"]).contains(Point(132.4, 45.0))  # Lake Khanka
    assert shape(features["river"]).distance(Point(135.07, 48.48)) < 0.1  # the Amur at Khabarovsk
