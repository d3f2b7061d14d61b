"""Playback, links, editing and every download, in Chromium, as a user would use them."""

from __future__ import annotations

import csv
import itertools
import json
import re
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path
from typing import Any

import gpxpy
import pytest
from geopy.distance import great_circle
from playwright.sync_api import FrameLocator, Page, expect

from mapping.export import to_html
from mapping.trip.legs import arc_path
from mapping.trip.model import Stop, Trip
from tests.browser.test_app_in_browser import MAP_FRAME, TIMEOUT_MS, open_app, pick_day

pytestmark = pytest.mark.browser

KML = "{http://www.opengis.net/kml/2.2}"

# Where each marker is, read from Leaflet itself rather than from what the server sent.
MARKERS_JS = """() => {
    var found = {};
    window.map.eachLayer(function (layer) {
        if (layer.feature && layer.getLatLng && layer.feature.properties.label) {
            var at = layer.getLatLng();
            found[layer.feature.properties.number] = [layer.feature.properties.label, at.lat, at.lng];
        }
    });
    return found;
}"""


def markers(frame: FrameLocator) -> dict[int, tuple[str, float, float]]:
    found = frame.locator(".leaflet-container").evaluate(MARKERS_JS)
    return {int(number): (label, lat, lon) for number, (label, lat, lon) in found.items()}


def shown_numbers(frame: FrameLocator) -> list[int]:
    return sorted(frame.locator(".trip-stop").evaluate_all("els => els.map(e => Number(e.dataset.stop))"))


def test_playback_steps_through_the_days_without_a_rerun(page: Page, app_url: str, artifacts: Path) -> None:
    frame = open_app(page, app_url)
    control = frame.locator(".trip-playback")
    expect(control.locator(".when")).to_have_text("Whole trip")
    control.locator(".next").click()
    expect(control).to_have_attribute("data-step", "2023-09-10")
    assert shown_numbers(frame) == [1]
    for _ in range(4):
        control.locator(".next").click()
    expect(control).to_have_attribute("data-step", "2023-09-13T13:09")
    expect(control.locator(".when")).to_contain_text("Wed 13 Sep 2023, 13:09")
    assert shown_numbers(frame) == [1, 2, 3]
    # The stop of the moment stands out; those before it fade.
    assert frame.locator(".leaflet-marker-icon").evaluate_all("els => els.map(e => e.style.opacity)") == [
        "0.4",
        "0.4",
        "1",
    ]
    # A stay lasts: the next day has no stop of its own, and the summit is still the current one.
    control.locator(".next").click()
    expect(control).to_have_attribute("data-step", "2023-09-14")
    assert shown_numbers(frame) == [1, 2, 3]
    page.screenshot(path=artifacts / "playback.png")
    control.locator(".play").click()
    expect(control.locator(".when")).to_have_text("Whole trip", timeout=TIMEOUT_MS)
    assert shown_numbers(frame) == list(range(1, 14))


def test_the_day_filter_swaps_the_days_in_without_reloading_the_map(page: Page, app_url: str) -> None:
    frame = open_app(page, app_url)
    frame.locator(".leaflet-control-zoom-in").click()
    zoom = frame.locator(".leaflet-container").evaluate("() => window.map.getZoom()")
    frame.locator(".leaflet-container").evaluate("() => { window.sameMap = true; }")
    page.get_by_role("button", name="Remove Sat 16 Sep 2023").click()
    expect(frame.locator(".trip-stop")).to_have_count(9, timeout=TIMEOUT_MS)
    # The same page in the frame, at the zoom the user chose, with playback following the filter.
    assert frame.locator(".leaflet-container").evaluate("() => window.sameMap === true")
    assert frame.locator(".leaflet-container").evaluate("() => window.map.getZoom()") == zoom
    for _ in range(8):
        frame.locator(".trip-playback .next").click()
    expect(frame.locator(".trip-playback")).to_have_attribute("data-step", "2023-09-16")
    assert shown_numbers(frame) == [1, 2, 3, 4]
    frame.locator(".trip-playback .next").click()
    expect(frame.locator(".trip-playback")).to_have_attribute("data-step", "2023-09-17")
    assert shown_numbers(frame) == [1, 2, 3, 4, 9, 10, 11]


def test_a_copied_link_reopens_the_same_trip_days_and_stop(page: Page, app_url: str) -> None:
    open_app(page, app_url)
    page.get_by_role("button", name="Clear all").click()
    pick_day(page, "Sun 17")
    page.keyboard.press("Escape")
    stop = page.get_by_role("combobox", name="Go to stop")
    stop.click()
    stop.fill("Primorsky Aquarium")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"(?=.*[?&]stop=)(?=.*[?&]days=Sun\+17\+Sep\+2023(&|$))"), timeout=TIMEOUT_MS)
    link = page.url

    again = page.context.new_page()
    again.goto(link)
    frame = again.frame_locator(MAP_FRAME)
    expect(frame.locator(".trip-stop")).to_have_count(3, timeout=TIMEOUT_MS)
    assert shown_numbers(frame) == [9, 10, 11]
    expect(frame.locator(".leaflet-popup-content")).to_contain_text("10. Primorsky Aquarium", timeout=TIMEOUT_MS)
    expect(again.get_by_role("combobox", name="Go to stop")).to_have_value("10. Primorsky Aquarium")


def test_editing_a_place_moves_its_marker_and_undo_puts_it_back(page: Page, app_url: str, artifacts: Path) -> None:
    frame = open_app(page, app_url)
    before = markers(frame)
    page.get_by_role("tab", name="Edit the trip").click()
    # The editor's tab is worked out when opened (a rerun): its button says it is there, not the Stops table.
    expect(page.get_by_role("button", name="Apply changes")).to_be_visible()
    grid = page.get_by_test_id("stDataFrame").filter(visible=True).first
    # The grid draws on a canvas once its rows arrive: wait for them before clicking into it.
    expect(grid.get_by_text("Khasan station", exact=True)).to_have_count(1)
    grid.scroll_into_view_if_needed()
    box = grid.bounding_box()
    assert box is not None
    # glide's grid is a canvas: select the first cell, walk to row 2's place, and open its editor.
    page.mouse.click(box["x"] + 60, box["y"] + 52)
    for key in ["ArrowRight", "ArrowRight", "ArrowRight", "ArrowDown", "Enter"]:
        page.keyboard.press(key)
    editor = page.locator("textarea.gdg-input")
    expect(editor).to_have_value("Khasan station")
    editor.press("Control+a")
    editor.press_sequentially("Ussuriysk")
    editor.press("Enter")
    expect(grid.get_by_text("Ussuriysk", exact=True)).to_have_count(1, timeout=TIMEOUT_MS)
    page.get_by_role("button", name="Apply changes").click()
    expect(page.get_by_text("Looked up again: stop 2")).to_be_visible(timeout=TIMEOUT_MS)
    expect(frame.locator(".trip-stop")).to_have_count(13, timeout=TIMEOUT_MS)
    after = markers(frame)
    assert great_circle(after[2][1:], (43.8, 131.95)).km < 15
    assert {n: m for n, m in after.items() if n != 2} == {n: m for n, m in before.items() if n != 2}
    page.screenshot(path=artifacts / "edited.png")

    page.get_by_role("button", name="Undo the last change").click()
    expect(page.get_by_role("button", name="Undo the last change")).to_be_disabled(timeout=TIMEOUT_MS)
    expect(frame.locator(".trip-stop")).to_have_count(13, timeout=TIMEOUT_MS)
    assert markers(frame) == before


def download(page: Page, label: str, folder: Path) -> Path:
    with page.expect_download() as info:
        page.get_by_role("button", name=label, exact=True).click()
    saved = folder / info.value.suggested_filename
    info.value.save_as(saved)
    return saved


def close(a: tuple[float, float], b: tuple[float, float]) -> bool:
    return bool(great_circle(a, b).km < 0.01)


def test_every_download_reads_back_stop_by_stop(page: Page, app_url: str, tmp_path: Path) -> None:
    frame = open_app(page, app_url)
    shown = markers(frame)
    expected = [(shown[n][0], (shown[n][1], shown[n][2])) for n in sorted(shown)]

    with download(page, "Download trip (CSV)", tmp_path).open(encoding="utf-8") as file:
        rows = list(csv.DictReader(line for line in file if not line.startswith("#")))
    assert [r["name"] for r in rows] == [name for name, _ in expected]
    assert all(close((float(r["lat"]), float(r["lon"])), at) for r, (_, at) in zip(rows, expected, strict=True))

    document: dict[str, Any] = json.loads(download(page, "JSON", tmp_path).read_text(encoding="utf-8"))
    stops = document["stops"]
    assert [s["name"] for s in stops] == [name for name, _ in expected]
    assert all(close((s["lat"], s["lon"]), at) for s, (_, at) in zip(stops, expected, strict=True))

    collection = json.loads(download(page, "GeoJSON", tmp_path).read_text(encoding="utf-8"))
    points = [f for f in collection["features"] if f["geometry"]["type"] == "Point"]
    # RFC 7946: longitude first.
    assert all(
        close((f["geometry"]["coordinates"][1], f["geometry"]["coordinates"][0]), at)
        for f, (_, at) in zip(points, expected, strict=True)
    )

    with download(page, "GPX", tmp_path).open(encoding="utf-8") as file:
        gpx = gpxpy.parse(file)
    route_points = [p for route in gpx.routes for p in route.points]
    assert len(gpx.routes) == 8
    assert [p.name for p in route_points] == [f"{n}. {name}" for n, (name, _) in enumerate(expected, start=1)]
    assert all(close((p.latitude, p.longitude), at) for p, (_, at) in zip(route_points, expected, strict=True))

    root = ET.parse(download(page, "KML (Google Earth)", tmp_path)).getroot()
    folders = root.iter(f"{KML}Folder")
    placemarks = [
        (p.findtext(f"{KML}name"), p.findtext(f"{KML}Point/{KML}coordinates"))
        for folder in folders
        for p in folder.iter(f"{KML}Placemark")
        if p.find(f"{KML}Point") is not None
    ]
    assert [name for name, _ in placemarks] == [f"{n}. {name}" for n, (name, _) in enumerate(expected, start=1)]
    for (name, coordinates), (_, at) in zip(placemarks, expected, strict=True):
        lon, lat = map(float, (coordinates or "").split(",")[:2])
        assert close((lat, lon), at), name


def test_a_flight_is_drawn_as_an_arc_across_the_pacific(page: Page, tmp_path: Path) -> None:
    trip = Trip(
        "Across the Pacific",
        (
            Stop("Vladivostok", date(2023, 9, 1), lat=43.1155, lon=131.8855),
            Stop("Anchorage", date(2023, 9, 2), lat=61.2181, lon=-149.9003, mode="plane"),
        ),
    )
    saved = tmp_path / "pacific.html"
    saved.write_text(to_html(trip), encoding="utf-8")
    page.goto(saved.as_uri())
    expect(page.locator(".trip-stop")).to_have_count(2, timeout=TIMEOUT_MS)
    path = page.evaluate(
        """() => { var found = null;
            for (var name in window) {
                var value = window[name];
                if (value instanceof L.Map) {
                    value.eachLayer(function (l) { if (l.feature && l.feature.properties.arc) {
                        found = l.getLatLngs().map(function (p) { return [p.lat, p.lng]; }); } });
                }
            }
            return found; }"""
    )
    assert len(path) > 50
    assert path[0] == [43.1155, 131.8855]
    assert path[-1] == [61.2181, -149.9003 + 360]
    assert all(abs(b[1] - a[1]) < 10 for a, b in itertools.pairwise(path))
    # The great circle bulges north of both ends, through the Bering Sea.
    assert 62 < max(lat for lat, _ in path) < 66
    # Within 3 km of the ellipsoid's geodesic at its middle.
    middle = path[len(path) // 2]
    assert (
        min(
            great_circle(middle, (lat, lon - 360 if lon > 180 else lon)).km
            for lon, lat in arc_path((43.1155, 131.8855), (61.2181, -149.9003))
        )
        < 3
    )
    # The exported file plays back too, with no server behind it.
    page.locator(".trip-playback .next").click()
    expect(page.locator(".trip-playback")).to_have_attribute("data-step", "2023-09-01")
    expect(page.locator(".trip-stop")).to_have_count(1)
