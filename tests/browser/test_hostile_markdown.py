"""Markdown in every text a visitor controls: the page shows it as text, with no image, link or formula."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.browser.test_app_in_browser import MAP_FRAME, TIMEOUT_MS, open_app, open_expander, settle, upload_trip

pytestmark = pytest.mark.browser

# Every Markdown feature Streamlit renders: an image, a link, an autolink, bare URL, address and www,
# KaTeX, an emoji shortcode, a coloured directive, emphasis and a heading.
MARKDOWN = (
    "# ![pwn](https://evil.example/pwn.png) [Re-login here](https://evil.example/login) "
    "<https://evil.example/auto> https://evil.example/bare me@evil.example www.evil.example "
    "$e^{i\\pi}$ :smile: :red[red] **bold**"
)
# A file name cannot hold a slash.
FILE_NAME = "![pwn](pwn.png) [Re-login](javascript:void) $x^2$ :smile: www.evil.example"


def assert_inert(page: Page) -> None:
    app = page.get_by_test_id("stApp")
    expect(app.locator(".katex")).to_have_count(0)
    expect(app.locator("img")).to_have_count(0)
    hrefs = app.locator("a").evaluate_all("els => els.map(e => e.getAttribute('href'))")
    # Only the app's own credits link anywhere, and its own headings' anchors.
    outside = {h for h in hrefs if not h.startswith("#")}
    assert outside <= {"https://www.geonames.org/", "https://www.naturalearthdata.com/"}, hrefs
    assert not [h for h in hrefs if "evil" in h or "pwn" in h], hrefs
    assert "😄" not in app.inner_text()


def test_markdown_in_every_field_stays_text(page: Page, app_url: str, tmp_path: Path) -> None:
    open_app(page, app_url)
    trip = {
        "title": MARKDOWN,
        "stops": [
            {"date": "2024-05-01", "place": "Paris", "name": MARKDOWN, "activity": MARKDOWN, "source": MARKDOWN},
            {
                "date": "2024-05-01",
                "place": "Lyon",
                "lat": 45.76,
                "lon": 4.84,
                "provider": MARKDOWN[:40],
                "confidence": 0.5,
                "matched": MARKDOWN,
            },
            {"date": "2024-05-02", "place": MARKDOWN},  # not found: named in the problem list
        ],
    }
    path = tmp_path / f"{FILE_NAME}.json"
    path.write_text(json.dumps(trip), encoding="utf-8")
    upload_trip(page, path)
    heading = page.get_by_role("heading", level=1)
    expect(heading).to_contain_text("![pwn](", timeout=TIMEOUT_MS)
    # Word joiners (U+2060, invisible) keep autolinks and shortcodes from forming: the rest is the text.
    # (A title is held to 200 characters when read.)
    assert heading.inner_text().replace("\u2060", "").strip() == " ".join(MARKDOWN.split())[:200].strip()
    showing = page.get_by_test_id("stSidebar").get_by_text("Showing", exact=False)
    assert f"Showing {FILE_NAME}.json." in showing.inner_text().replace("\u2060", "")
    expect(page.locator(MAP_FRAME)).to_have_count(1, timeout=TIMEOUT_MS)
    # The provider shows in "Fix a stop": open it on the stop that has one.
    settle(page)
    open_expander(page, "Fix a stop")
    stop = page.get_by_role("combobox", name="Stop", exact=True)
    expect(stop).to_be_visible(timeout=TIMEOUT_MS)
    option = page.get_by_role("option", name="2. Lyon")
    # A rerun still under way can close the list as it opens: open it again until it stays.
    for _ in range(5):
        stop.click()
        stop.fill("Lyon")
        try:
            expect(option).to_be_visible(timeout=5_000)
            break
        except AssertionError:
            page.keyboard.press("Escape")
    option.click()
    expect(stop).to_have_value(re.compile(r"^2\. Lyon"), timeout=TIMEOUT_MS)
    caption = page.get_by_text("from # ![pwn]", exact=False)
    expect(caption).to_be_visible(timeout=TIMEOUT_MS)
    expect(caption).to_contain_text("Now: # ![pwn]")
    assert_inert(page)

    # A header row echoed in an error message.
    bad = tmp_path / "headers.csv"
    bad.write_text(f"foo,{MARKDOWN.replace(',', ' ')}\n1,2\n", encoding="utf-8")
    upload_trip(page, bad)
    expect(page.get_by_text("headers.csv, row 1", exact=False)).to_be_visible(timeout=TIMEOUT_MS)
    expect(page.get_by_text("Re-login here", exact=False).first).to_be_visible()
    assert_inert(page)


def test_a_markers_hover_title_is_the_stops_name_as_written(page: Page, app_url: str, tmp_path: Path) -> None:
    open_app(page, app_url)
    path = tmp_path / "names.csv"
    path.write_text('place,name,lat,lon\nA,AT&T <b>HQ</b> "east",40.7,-74.0\n', encoding="utf-8")
    upload_trip(page, path)
    frame = page.frame_locator(MAP_FRAME)
    expect(frame.locator(".trip-stop")).to_have_count(1, timeout=TIMEOUT_MS)
    expect(frame.locator(".leaflet-marker-icon").first).to_have_attribute("title", '1. AT&T <b>HQ</b> "east"')
