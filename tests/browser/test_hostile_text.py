"""Script-injection payloads in every text field of a trip: none may run, in the app or in its export."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from playwright.sync_api import Dialog, Page, expect

from tests.browser.test_app_in_browser import MAP_FRAME, TIMEOUT_MS, open_app, upload_trip

pytestmark = pytest.mark.browser

PAYLOADS = [
    "<script>window.__pwned = 1</script>",
    '<img src=x onerror="window.__pwned = 1">',
    '"><svg onload="window.__pwned = 1">',
    "</script><script>window.__pwned = 1</script>",
    "'); window.__pwned = 1; ('",
    "{{ 7*7 }} {% raw %}",
    "javascript:window.__pwned = 1",
]


def hostile_trip() -> dict[str, object]:
    stops = []
    for i, payload in enumerate(PAYLOADS):
        stops.append(
            {
                "date": f"2024-05-0{1 + i % 3}",
                "place": f"Vladivostok {payload}",
                "name": payload,
                "lat": 43.1 + i / 100,
                "lon": 131.9 + i / 100,
                "activity": payload,
                "source": payload if payload.startswith("javascript:") else f"https://example.org/?q={payload}",
                "evidence": payload,
            }
        )
    return {"title": " ".join(PAYLOADS[:3]), "stops": stops}


def pwned(page: Page) -> list[bool]:
    found = [page.evaluate("() => window.__pwned === 1")]
    for frame in page.frames:
        found.append(frame.evaluate("() => window.__pwned === 1"))
    return found


def test_payloads_never_run_in_the_app_or_the_export(page: Page, app_url: str, tmp_path: Path) -> None:
    dialogs: list[str] = []

    def on_dialog(dialog: Dialog) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    open_app(page, app_url)
    trip_file = tmp_path / "hostile.json"
    trip_file.write_text(json.dumps(hostile_trip()), encoding="utf-8")
    upload_trip(page, trip_file)
    # The old map frame lingers for a moment after a rerun: wait for the new one alone.
    expect(page.locator(MAP_FRAME)).to_have_count(1, timeout=TIMEOUT_MS)
    frame = page.frame_locator(MAP_FRAME)
    expect(frame.locator(".trip-stop")).to_have_count(len(PAYLOADS), timeout=TIMEOUT_MS)
    for number in range(1, len(PAYLOADS) + 1):
        frame.locator(f'.trip-stop[data-stop="{number}"]').click(force=True)
        expect(frame.locator(".leaflet-popup-content").last).to_be_visible()
    expect(frame.locator(".leaflet-popup-content a[href^='javascript']")).to_have_count(0)
    assert not any(pwned(page))

    with page.expect_download() as download_info:
        page.get_by_role("button", name="Download map (HTML, works offline)").click()
    saved = tmp_path / "hostile-map.html"
    download_info.value.save_as(saved)
    exported = page.context.new_page()
    exported.on("dialog", on_dialog)
    exported.goto(saved.as_uri())
    expect(exported.locator(".trip-stop")).to_have_count(len(PAYLOADS), timeout=TIMEOUT_MS)
    for number in range(1, len(PAYLOADS) + 1):
        exported.locator(f'.trip-stop[data-stop="{number}"]').click(force=True)
        expect(exported.locator(".leaflet-popup-content").last).to_contain_text("window.__pwned")
    assert not any(pwned(exported))
    assert exported.title().startswith("<script>window.__pwned = 1</script>")
    assert dialogs == []
