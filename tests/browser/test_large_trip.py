"""A trip too large for the map's script: its day layers come from a file the map fetches once."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from mapping.io.csv import trip_to_csv
from mapping.trip.model import Stop, Trip
from tests.browser.test_app_in_browser import MAP_FRAME, TIMEOUT_MS, open_app, upload_trip

pytestmark = pytest.mark.browser

STOPS = 2_500
DAYS = 10

# Stops Leaflet has on the map (canvas dots have no DOM node to count).
COUNT = """(selector) => {
    const frame = document.querySelector(selector);
    if (!frame || !frame.contentWindow || !frame.contentWindow.map) { return -1; }
    let n = 0;
    frame.contentWindow.map.eachLayer((l) => { if (l.feature && l.getLatLng) { n++; } });
    return n;
}"""


def large_trip() -> Trip:
    return Trip(
        "A long walk",
        tuple(
            Stop(
                f"Point {i}",
                date(2024, 5, 1) + timedelta(days=i * DAYS // STOPS),
                name=f"Point {i}",
                lat=45.0 + i / 1000,
                lon=5.0 + i / 500,
                mode="foot",
            )
            for i in range(STOPS)
        ),
    )


def shown(page: Page) -> int:
    return int(page.evaluate(COUNT, MAP_FRAME))


def test_a_large_trip_is_fetched_once_and_filtered_without_reloading(page: Page, app_url: str, tmp_path: Path) -> None:
    open_app(page, app_url)
    path = tmp_path / "long-walk.csv"
    path.write_text(trip_to_csv(large_trip()), encoding="utf-8")
    fetched: list[str] = []
    page.on("request", lambda request: fetched.append(request.url) if "/app/static/trips/" in request.url else None)
    upload_trip(page, path)
    page.wait_for_function(f"(s) => ({COUNT})(s) === {STOPS}", arg=MAP_FRAME, timeout=TIMEOUT_MS)
    assert len(fetched) == 1
    frame = page.frame_locator(MAP_FRAME)
    frame.locator(".leaflet-container").evaluate("() => { window.sameMap = true; }")

    page.get_by_role("button", name="Remove Wed 01 May 2024").click()
    page.wait_for_function(f"(s) => ({COUNT})(s) === {STOPS - STOPS // DAYS}", arg=MAP_FRAME, timeout=TIMEOUT_MS)
    assert frame.locator(".leaflet-container").evaluate("() => window.sameMap === true")
    assert len(fetched) == 1

    # Playback steps through the days on the map: day 1 is filtered out, so it starts on day 2.
    frame.locator(".trip-playback .next").click()
    expect(frame.locator(".trip-playback")).to_have_attribute("data-step", "2024-05-02")
    assert shown(page) == STOPS // DAYS
    frame.locator(".trip-playback .next").click()
    expect(frame.locator(".trip-playback")).to_have_attribute("data-step", "2024-05-03")
    assert shown(page) == 2 * STOPS // DAYS
