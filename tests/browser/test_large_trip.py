"""A trip too large for the map's script: its day layers come from a file the map fetches once."""

from __future__ import annotations

import urllib.error
import urllib.request
from datetime import date, timedelta
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from mapping.io.csv import trip_to_csv
from mapping.trip.model import Stop, Trip
from tests.browser.conftest import Network
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


def status_of(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return int(response.status)
    except urllib.error.HTTPError as error:
        return int(error.code)


def test_each_session_has_its_own_layers_file_which_goes_with_it(
    browser: Browser, app_url: str, tmp_path: Path
) -> None:
    path = tmp_path / "long-walk.csv"
    path.write_text(trip_to_csv(large_trip()), encoding="utf-8")
    network = Network()
    urls: list[str] = []
    contexts = [browser.new_context(viewport={"width": 1200, "height": 900}) for _ in range(2)]
    try:
        for context in contexts:
            context.route("**/*", network.route)
            page = context.new_page()
            page.on("request", lambda r: urls.append(r.url) if "/app/static/trips/" in r.url else None)
            open_app(page, app_url)
            upload_trip(page, path)
            page.wait_for_function(f"(s) => ({COUNT})(s) === {STOPS}", arg=MAP_FRAME, timeout=TIMEOUT_MS)
        first, second = urls
        # The same trip, yet two addresses: each under its session's own unguessable folder.
        assert first != second
        assert first.rsplit("/", 1)[0] != second.rsplit("/", 1)[0]
        assert status_of(app_url + "/app/static/trips/") >= 400, "no listing of the folders"
        assert status_of(first) == 200
        contexts[0].close()
        deadline = TIMEOUT_MS / 1000
        waited = 0.0
        while status_of(first) == 200 and waited < deadline:
            contexts[1].pages[0].wait_for_timeout(250)  # a poll interval, not a wait for something to happen
            waited += 0.25
        assert status_of(first) == 404, "the closed session's layers are removed"
        assert status_of(second) == 200, "the open session keeps its own"
    finally:
        for context in contexts:
            context.close()
    assert network.external == []
