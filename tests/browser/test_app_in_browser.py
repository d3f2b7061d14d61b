"""The app and its exported map in Chromium, checked as a user would, with the network off."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import FrameLocator, Locator, Page, expect

pytestmark = pytest.mark.browser

MAP_FRAME = 'iframe[title="streamlit_folium.st_folium"]'
TIMEOUT_MS = 60_000


def open_app(page: Page, url: str) -> FrameLocator:
    page.goto(url)
    frame = page.frame_locator(MAP_FRAME)
    expect(frame.locator(".trip-stop")).to_have_count(13, timeout=TIMEOUT_MS)
    expect(frame.locator('.leaflet-container[data-basemap="ready"]')).to_have_count(1, timeout=TIMEOUT_MS)
    settle(page)
    return frame


def settle(page: Page) -> None:
    """Wait for the app's run to end with nothing left over from the run before: the map is drawn midway
    through a run, and until the run ends the widgets below it are the last run's."""
    expect(page.locator('[data-testid="stApp"][data-test-script-state="notRunning"]')).to_have_count(
        1, timeout=TIMEOUT_MS
    )
    expect(page.locator('[data-stale="true"]')).to_have_count(0, timeout=TIMEOUT_MS)


def open_expander(page: Page, title: str) -> Locator:
    """Open an expander (if closed) and wait until it has finished sliding open. Clicked while it still
    grows, a button in it takes focus, the browser scrolls the clipped box to show it, and the mouse is
    released over another element: the click is lost (half the runs on a loaded 2-core machine)."""
    expander = page.get_by_test_id("stExpander").filter(has_text=title)
    details = expander.locator("details")
    if details.get_attribute("open") is None:
        expander.locator("summary").click()
    expect(details).to_have_attribute("open", "", timeout=TIMEOUT_MS)
    page.wait_for_function(
        "el => el.getAnimations({subtree: true}).length === 0 && el.scrollHeight <= el.clientHeight + 1",
        arg=details.element_handle(),
        timeout=TIMEOUT_MS,
    )
    return expander


def pick_day(page: Page, label: str) -> None:
    """Add one day to "Days to show" by typing its label, as a user does."""
    combo = page.get_by_role("combobox", name="Days to show")
    combo.click()
    combo.fill(label)
    page.keyboard.press("Enter")


def upload_trip(page: Page, path: Path) -> None:
    uploader = page.get_by_test_id("stFileUploader").filter(has_text="Load your own trip")
    uploader.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(path)


def test_map_shows_one_numbered_marker_per_stop_on_the_offline_basemap(
    page: Page, app_url: str, artifacts: Path
) -> None:
    frame = open_app(page, app_url)
    numbers = frame.locator(".trip-stop").evaluate_all("els => els.map(e => Number(e.dataset.stop))")
    assert sorted(numbers) == list(range(1, 14))
    expect(frame.locator(".leaflet-overlay-pane path")).to_have_count(12)
    expect(frame.locator(".leaflet-control-attribution")).to_contain_text("GeoNames")
    expect(frame.locator(".leaflet-control-attribution")).to_contain_text("Natural Earth")
    # The basemap is drawn on a canvas: land pixels differ from the sea colour behind them.
    painted = frame.locator(".leaflet-basemap-pane canvas").evaluate(
        """c => { const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
                  let n = 0; for (let i = 3; i < d.length; i += 4) { if (d[i] > 0) n++; } return n; }"""
    )
    assert painted > 10_000
    page.screenshot(path=artifacts / "app.png", full_page=True)


def test_choosing_one_day_leaves_only_its_markers(page: Page, app_url: str, artifacts: Path) -> None:
    frame = open_app(page, app_url)
    page.get_by_role("button", name="Clear all").click()
    expect(frame.locator(".trip-stop")).to_have_count(0, timeout=TIMEOUT_MS)
    pick_day(page, "Sun 17")
    expect(frame.locator(".trip-stop")).to_have_count(3, timeout=TIMEOUT_MS)
    days = frame.locator(".trip-stop").evaluate_all("els => els.map(e => e.dataset.day)")
    assert set(days) == {"2023-09-17"}
    main = page.get_by_test_id("stMain")
    expect(main.get_by_text("Sun 17 Sep 2023", exact=False)).to_have_count(1)
    expect(main.get_by_text("Sat 16 Sep 2023", exact=False)).to_have_count(0)
    page.screenshot(path=artifacts / "app-one-day.png", full_page=True)


def test_a_popup_opens_on_click_with_the_stops_details(page: Page, app_url: str) -> None:
    frame = open_app(page, app_url)
    frame.locator('.trip-stop[data-stop="3"]').click()
    popup = frame.locator(".leaflet-popup-content")
    expect(popup).to_contain_text("3. Summit with Putin")
    expect(popup).to_contain_text("Wed 13 Sep 2023, 13:09")
    expect(popup).to_contain_text("The Guardian")
    # A confident answer: the calibrated confidence follows the fitted bands (geocode/calibration.json).
    expect(popup).to_contain_text(re.compile(r"found by gazetteer, confidence 9\d%"))


def test_downloaded_html_opens_from_disk_offline_with_every_marker(
    page: Page, app_url: str, artifacts: Path, tmp_path: Path
) -> None:
    open_app(page, app_url)
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Download map (HTML, works offline)").click()
    saved = tmp_path / "trip-map.html"
    download_info.value.save_as(saved)
    size = saved.stat().st_size
    assert size < 2_000_000
    (artifacts / "exported-size.txt").write_text(f"{size}\n")

    exported = page.context.new_page()
    exported.goto(saved.as_uri())
    expect(exported.locator(".trip-stop")).to_have_count(13, timeout=TIMEOUT_MS)
    expect(exported.locator('.leaflet-container[data-basemap="ready"]')).to_have_count(1)
    expect(exported.locator(".trip-legend")).to_contain_text("Sun 17 Sep 2023")
    exported.locator('.trip-stop[data-stop="10"]').click()
    expect(exported.locator(".leaflet-popup-content")).to_contain_text("Primorsky Aquarium")
    exported.screenshot(path=artifacts / "exported.png")


def test_a_bad_upload_shows_a_message_and_the_app_keeps_running(page: Page, app_url: str, tmp_path: Path) -> None:
    frame = open_app(page, app_url)
    bad = tmp_path / "notes.csv"
    bad.write_text("foo,bar\n1,2\n")
    upload_trip(page, bad)
    expect(page.get_by_text("notes.csv, row 1: no header row names a place")).to_be_visible(timeout=TIMEOUT_MS)
    expect(frame.locator(".trip-stop")).to_have_count(13)


def test_an_uncertain_stop_is_hollow_and_can_be_moved(
    page: Page, app_url: str, tmp_path: Path, artifacts: Path
) -> None:
    open_app(page, app_url)
    trip = tmp_path / "mixed.csv"
    # Alone, "Springfield" could be any of a dozen towns: the map must say it is unsure.
    trip.write_text("date,place\n2024-05-01,Springfield\n2024-05-02,Chicago\n")
    upload_trip(page, trip)
    frame = page.frame_locator(MAP_FRAME)
    expect(frame.locator(".trip-stop")).to_have_count(2, timeout=TIMEOUT_MS)
    expect(frame.locator(".trip-stop.uncertain")).to_have_count(1)
    expect(frame.locator('.trip-stop.uncertain[data-stop="1"]')).to_have_count(1)
    settle(page)
    open_expander(page, "Fix a stop")
    candidates = page.get_by_role("radiogroup", name="Candidates")
    expect(candidates).to_be_visible(timeout=TIMEOUT_MS)
    candidates.get_by_role("radio").nth(1).check(force=True)
    page.get_by_role("button", name="Use this place").click()
    expect(frame.locator(".trip-stop.uncertain")).to_have_count(0, timeout=TIMEOUT_MS)
    page.screenshot(path=artifacts / "fix-a-stop.png", full_page=True)


REPORT = (
    "March 8, 2024\n\nLeader ends East Africa tour\n\n"
    "He arrived in Nairobi on Tuesday, where he met ministers.\n\n"
    "A day after touring a flower farm outside Naivasha, he travelled to Mombasa on Thursday.\n\n"
    "Officials in Tokyo said the trip was a success. He will visit Kigali next month."
)


def test_a_pasted_report_becomes_a_mapped_trip_with_evidence(page: Page, app_url: str, artifacts: Path) -> None:
    open_app(page, app_url)
    open_expander(page, "From a news report")
    page.get_by_label("Paste the report").fill(REPORT)
    page.get_by_label("Paste the report").blur()
    page.get_by_role("button", name="Extract stops").click()
    expect(page.get_by_text("Draft from the report: 3 stops")).to_be_visible(timeout=TIMEOUT_MS)
    page.screenshot(path=artifacts / "report-draft.png", full_page=True)
    page.get_by_role("button", name="Map these stops").click()
    frame = page.frame_locator(MAP_FRAME)
    expect(frame.locator(".trip-stop")).to_have_count(3, timeout=TIMEOUT_MS)
    frame.locator('.trip-stop[data-stop="2"]').click()
    popup = frame.locator(".leaflet-popup-content")
    expect(popup).to_contain_text("Naivasha")
    expect(popup).to_contain_text("Wed 06 Mar 2024")
    expect(popup).to_contain_text("A day after touring a flower farm outside Naivasha")
    page.screenshot(path=artifacts / "report-mapped.png", full_page=True)
