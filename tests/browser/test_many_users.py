"""Ten people on one app server at once, each with a trip and a day filter of their own."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import Network
from tests.browser.test_app_in_browser import MAP_FRAME, TIMEOUT_MS, upload_trip

pytestmark = pytest.mark.browser

CITIES = ["Paris", "Berlin", "Madrid", "Rome", "Vienna", "Prague", "Warsaw", "Lisbon", "Dublin", "Oslo"]
SESSIONS = len(CITIES)


def trip_for(index: int) -> dict[str, object]:
    """Session i's trip: i + 2 stops over two days, titled so another session's data would show."""
    city = CITIES[index]
    stops = [{"date": "2024-06-01", "place": city}] + [
        {"date": "2024-06-02", "place": city, "name": f"{city} stop {n}", "lat": 40 + index + n / 10, "lon": 2 + n / 10}
        for n in range(index + 1)
    ]
    return {"title": f"Trip of session {index}: {city}", "stops": stops}


def test_ten_sessions_never_see_each_others_trips_or_days(
    browser: Browser, app_url: str, tmp_path: Path, artifacts: Path
) -> None:
    network = Network()
    contexts = [browser.new_context(viewport={"width": 1200, "height": 900}) for _ in range(SESSIONS)]
    pages: list[Page] = []
    errors: list[str] = []
    try:
        for context in contexts:
            context.route("**/*", network.route)
            page = context.new_page()
            page.on("pageerror", lambda error: errors.append(str(error)))
            page.goto(app_url)
            pages.append(page)
        # Everyone uploads at once, then everyone narrows to the second day.
        for index, page in enumerate(pages):
            expect(page.frame_locator(MAP_FRAME).locator(".trip-stop")).to_have_count(13, timeout=TIMEOUT_MS)
            trip = tmp_path / f"trip-{index}.json"
            trip.write_text(json.dumps(trip_for(index)), encoding="utf-8")
            upload_trip(page, trip)
        for index, page in enumerate(pages):
            expect(page.get_by_role("heading", name=f"Trip of session {index}: {CITIES[index]}")).to_be_visible(
                timeout=TIMEOUT_MS
            )
            expect(page.locator(MAP_FRAME)).to_have_count(1, timeout=TIMEOUT_MS)
            expect(page.frame_locator(MAP_FRAME).locator(".trip-stop")).to_have_count(index + 2, timeout=TIMEOUT_MS)
            page.get_by_role("button", name="Remove Sat 01 Jun 2024").click()
        for index, page in enumerate(pages):
            frame = page.frame_locator(MAP_FRAME)
            expect(frame.locator(".trip-stop")).to_have_count(index + 1, timeout=TIMEOUT_MS)
            days = set(frame.locator(".trip-stop").evaluate_all("els => els.map(e => e.dataset.day)"))
            assert days == {"2024-06-02"}
            for other in range(SESSIONS):
                if other != index:
                    expect(page.get_by_text(f"Trip of session {other}:")).to_have_count(0)
        pages[-1].screenshot(path=artifacts / "session-10.png")
    finally:
        for context in contexts:
            context.close()
    (artifacts / "many-users.txt").write_text(
        f"sessions {SESSIONS}, requests {network.local}, page errors {len(errors)}, "
        f"requests to other hosts {len(network.external)}\n"
    )
    assert errors == []
    assert network.external == []
