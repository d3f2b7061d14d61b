"""What a reader needs to use the map, in Chromium with the network off: place names to orient by,
stacked stops that can each be opened, a view that follows the days chosen."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from mapping.export import export
from mapping.trip.model import Stop, Trip
from tests.browser.test_app_in_browser import TIMEOUT_MS, open_app, pick_day

pytestmark = pytest.mark.browser

# The stops Leaflet shows inside the current view, read from the map itself.
IN_VIEW = """() => {
    const map = window.map || Object.values(window).find(v => v instanceof L.Map);
    const view = map.getBounds(), numbers = [];
    map.eachLayer(l => {
        if (l.feature && l.getLatLng && l.feature.properties.number !== undefined) {
            const at = l.feature.geometry.coordinates;
            if (view.contains([at[1], at[0]])) { numbers.push(l.feature.properties.number); }
        }
    });
    return numbers.sort((a, b) => a - b);
}"""


def test_the_overview_names_the_places_around_the_trip(page: Page, app_url: str, artifacts: Path) -> None:
    frame = open_app(page, app_url)
    places = frame.locator(".trip-place")
    expect(places.filter(has_text="Vladivostok")).to_have_count(1, timeout=TIMEOUT_MS)
    expect(places.filter(has_text="Khabarovsk")).to_have_count(1)
    # Never two names on top of each other.
    boxes = places.evaluate_all(
        "els => els.map(e => { const r = e.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; })"
    )
    assert len(boxes) >= 10
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            assert not (a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]), (a, b)
    page.screenshot(path=artifacts / "app-place-names.png")


STACKED = Trip(
    "Two meetings in one building",
    (
        Stop("Kremlin", date(2024, 3, 1), "10:00", name="Morning talks", lat=55.7520, lon=37.6175, provider="given"),
        Stop(
            "Kremlin", date(2024, 3, 1), "15:00", name="Afternoon signing", lat=55.7520, lon=37.6175, provider="given"
        ),
        Stop("Sheremetyevo", date(2024, 3, 2), name="Departure", lat=55.9726, lon=37.4146, provider="given"),
    ),
)


def test_two_stops_at_one_spot_open_two_different_popups(page: Page, tmp_path: Path, artifacts: Path) -> None:
    saved = export(STACKED, tmp_path / "stacked.html")
    page.goto(saved.as_uri())
    expect(page.locator(".trip-stop")).to_have_count(3, timeout=TIMEOUT_MS)
    # The stack spreads out on a click ...
    page.locator('.trip-stop[data-stop="2"]').click()
    opened = []
    for number in (1, 2):
        # ... and each of its stops then opens its own popup with one click.
        page.locator(f'.trip-stop[data-stop="{number}"]').click()
        popup = page.locator(".leaflet-popup-content")
        # The popup closed fades out for a moment: wait until only the new one is there.
        expect(popup).to_have_count(1)
        expect(popup).to_contain_text(f"{number}. ")
        opened.append(popup.locator("h4").inner_text())
        # The popup gives the stop's own place, not where its marker was spread to.
        expect(popup).to_contain_text("55.7520, 37.6175")
    assert opened == ["1. Morning talks", "2. Afternoon signing"]
    page.screenshot(path=artifacts / "stacked-stops.png")


def test_filtering_to_one_day_fits_the_view_to_its_stops(page: Page, app_url: str, artifacts: Path) -> None:
    frame = open_app(page, app_url)
    container = frame.locator(".leaflet-container")
    overview = container.evaluate("() => window.map.getZoom()")
    page.get_by_role("button", name="Clear all").click()
    expect(frame.locator(".trip-stop")).to_have_count(0, timeout=TIMEOUT_MS)
    pick_day(page, "Sun 17")
    expect(frame.locator(".trip-stop")).to_have_count(3, timeout=TIMEOUT_MS)
    # The view closes in on the day's three stops, all of them in view.
    page.wait_for_function(
        "(z) => { const f = document.querySelector('iframe[title=\"streamlit_folium.st_folium\"]');"
        " return f && f.contentWindow.map && f.contentWindow.map.getZoom() > z + 2; }",
        arg=overview,
        timeout=TIMEOUT_MS,
    )
    assert container.evaluate(IN_VIEW) == [9, 10, 11]
    # No leg is drawn from the hidden day's stops into this day: 2 legs among its own 3 stops.
    expect(frame.locator(".leaflet-overlay-pane path")).to_have_count(2)
    page.screenshot(path=artifacts / "app-one-day-fitted.png")


def test_playback_brings_the_stop_of_the_step_into_view(page: Page, tmp_path: Path) -> None:
    saved = export(STACKED, tmp_path / "stacked.html")
    page.goto(saved.as_uri())
    expect(page.locator(".trip-stop")).to_have_count(3, timeout=TIMEOUT_MS)
    page.evaluate(
        "() => { Object.values(window).find(v => v instanceof L.Map).setView([10, 10], 8, {animate: false}); }"
    )
    assert page.evaluate(IN_VIEW) == []
    # The first step is the day itself, before its first stop; the next is the morning's talks.
    page.locator(".trip-playback .next").click()
    expect(page.locator(".trip-playback")).to_have_attribute("data-step", "2024-03-01")
    page.locator(".trip-playback .next").click()
    expect(page.locator(".trip-playback")).to_have_attribute("data-step", "2024-03-01T10:00")
    page.wait_for_function(f"() => ({IN_VIEW})().includes(1)", timeout=TIMEOUT_MS)
    # With "Keep the view" ticked, the next step leaves the view where the user put it.
    page.locator(".trip-keep-view input").check()
    page.evaluate(
        "() => { Object.values(window).find(v => v instanceof L.Map).setView([10, 10], 8, {animate: false}); }"
    )
    page.locator(".trip-playback .next").click()
    expect(page.locator(".trip-playback")).to_have_attribute("data-step", "2024-03-01T15:00")
    assert page.evaluate(IN_VIEW) == []
