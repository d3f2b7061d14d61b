"""A stop no geocoder found, placed by a click on the map: it stays, it can be undone, every export carries it."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from geopy.distance import great_circle
from playwright.sync_api import Page, expect

from tests.browser.test_app_in_browser import MAP_FRAME, TIMEOUT_MS, open_app, open_expander, settle, upload_trip
from tests.browser.test_explore_and_share import download

pytestmark = pytest.mark.browser


def test_a_not_found_stop_is_placed_by_a_click_and_exported(page: Page, app_url: str, tmp_path: Path) -> None:
    open_app(page, app_url)
    trip = tmp_path / "lodge.csv"
    trip.write_text("date,place\n2024-05-01,Vladivostok\n2024-05-02,Qqqxyz Hunting Lodge\n", encoding="utf-8")
    upload_trip(page, trip)
    frame = page.frame_locator(MAP_FRAME)
    expect(page.locator(MAP_FRAME)).to_have_count(1, timeout=TIMEOUT_MS)
    expect(frame.locator(".trip-stop")).to_have_count(1, timeout=TIMEOUT_MS)
    settle(page)

    open_expander(page, "Fix a stop")
    # Stops not found come first in the list.
    expect(page.get_by_role("combobox", name="Stop", exact=True)).to_have_value(
        "2. Qqqxyz Hunting Lodge — not found", timeout=TIMEOUT_MS
    )
    page.get_by_role("button", name="Place it on the map").click()
    expect(page.get_by_text("Click the map where stop 2", exact=False)).to_be_visible(timeout=TIMEOUT_MS)

    container = frame.locator(".leaflet-container")
    box = container.bounding_box()
    assert box is not None
    x, y = box["width"] * 0.3, box["height"] * 0.4
    target = container.evaluate(
        f"() => {{ const p = window.map.containerPointToLatLng([{x}, {y}]); return [p.lat, p.lng]; }}"
    )
    container.click(position={"x": x, "y": y})
    expect(frame.locator(".trip-stop")).to_have_count(2, timeout=TIMEOUT_MS)
    expect(page.get_by_text("Click the map where stop 2", exact=False)).to_have_count(0)
    settle(page)

    collection = json.loads(download(page, "GeoJSON", tmp_path).read_text(encoding="utf-8"))
    points = [f for f in collection["features"] if f["geometry"]["type"] == "Point"]
    assert len(points) == 2
    lon, lat = points[1]["geometry"]["coordinates"]
    assert great_circle((lat, lon), target).km < 1
    assert points[1]["properties"]["provider"] == "placed"

    # A rerun keeps it; undo takes it away again.
    page.get_by_role("button", name="Remove Wed 01 May 2024").click()
    expect(frame.locator(".trip-stop")).to_have_count(1, timeout=TIMEOUT_MS)
    settle(page)
    combo = page.get_by_role("combobox", name="Days to show")
    combo.click()
    combo.fill("Wed 01")
    page.keyboard.press("Enter")
    expect(frame.locator(".trip-stop")).to_have_count(2, timeout=TIMEOUT_MS)
    # The page was redrawn with the placed stop: open "Fix a stop" again if it closed.
    settle(page)
    open_expander(page, "Fix a stop")
    expect(page.get_by_role("combobox", name="Stop", exact=True)).to_have_value("2. Qqqxyz Hunting Lodge — not found")
    page.get_by_role("button", name="Undo my choice for this stop").click()
    expect(frame.locator(".trip-stop")).to_have_count(1, timeout=TIMEOUT_MS)


def test_a_wrong_stop_is_moved_by_dragging_its_marker_and_exported(
    page: Page, app_url: str, tmp_path: Path, artifacts: Path
) -> None:
    open_app(page, app_url)
    trip = tmp_path / "two.csv"
    # Stop 1 is the one "Fix a stop" opens on when nothing is unsure: it is the one moved.
    trip.write_text("date,place\n2024-05-01,Vladivostok\n2024-05-02,Khabarovsk\n", encoding="utf-8")
    upload_trip(page, trip)
    frame = page.frame_locator(MAP_FRAME)
    expect(frame.locator(".trip-stop")).to_have_count(2, timeout=TIMEOUT_MS)
    # The new trip's map comes first; "Fix a stop" below it is the old trip's until the run ends.
    settle(page)
    open_expander(page, "Fix a stop")
    expect(page.get_by_role("combobox", name="Stop", exact=True)).to_have_value(
        re.compile(r"^1\. Vladivostok"), timeout=TIMEOUT_MS
    )
    page.get_by_role("button", name="Place it on the map").click()
    expect(page.get_by_text("Drag its marker, or click the map, where stop 1", exact=False)).to_be_visible(
        timeout=TIMEOUT_MS
    )
    marker = frame.locator('.trip-placing .trip-stop[data-stop="1"]')
    expect(marker).to_have_count(1, timeout=TIMEOUT_MS)
    # The mouse works in the viewport: bring the map (under the notice) into it.
    frame.locator(".leaflet-container").scroll_into_view_if_needed()
    artifacts.mkdir(exist_ok=True)
    page.screenshot(path=artifacts / "placing-drag.png")

    box = marker.bounding_box()
    container = frame.locator(".leaflet-container")
    map_box = container.bounding_box()
    assert box is not None
    assert map_box is not None
    start = (box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    end = (start[0] + 90, start[1] - 60)
    # Where the drop lands, in the map's own terms (the marker keeps its offset from the pointer).
    before = container.evaluate(
        f"() => {{ const p = window.map.containerPointToLatLng([{start[0] - map_box['x']}, {start[1] - map_box['y']}]);"
        " return [p.lat, p.lng]; }"
    )
    target = container.evaluate(
        f"() => {{ const p = window.map.containerPointToLatLng([{end[0] - map_box['x']}, {end[1] - map_box['y']}]);"
        " return [p.lat, p.lng]; }"
    )
    page.mouse.move(*start)
    page.mouse.down()
    page.mouse.move(*end, steps=12)
    page.mouse.up()
    expect(page.get_by_text("where stop 1", exact=False)).to_have_count(0, timeout=TIMEOUT_MS)
    expect(frame.locator(".trip-placing")).to_have_count(0, timeout=TIMEOUT_MS)
    settle(page)

    collection = json.loads(download(page, "GeoJSON", tmp_path).read_text(encoding="utf-8"))
    points = [f for f in collection["features"] if f["geometry"]["type"] == "Point"]
    lon, lat = points[0]["geometry"]["coordinates"]
    moved = great_circle(before, target).km
    assert great_circle((lat, lon), target).km < moved * 0.1, "the stop is where its marker was dropped"
    assert points[0]["properties"]["provider"] == "placed"
