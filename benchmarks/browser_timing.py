"""What a user waits for, measured in Debian's Chromium with Playwright.

- app cold start: `streamlit run app.py` to the health endpoint answering, and to the first map painted;
- default trip in the app: navigation to all 13 markers painted, and a day-filter change to the updated map;
- exported HTML files of 10,000 and 100,000 stops opened from disk: navigation to every stop drawn.

"Painted" means the markers (or canvas dots) are in the page and the basemap reports itself ready.
Times are wall-clock on this machine; run it when nothing else is.

    .venv/bin/python benchmarks/browser_timing.py
"""

from __future__ import annotations

import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Sequence
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import synthetic_trip  # noqa: E402

from mapping.export import export  # noqa: E402
from mapping.itinerary import trip_to_csv  # noqa: E402
from mapping.timeline import days  # noqa: E402

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
FRAME = 'iframe[title="streamlit_folium.st_folium"]'


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


STREAMLIT_RUN = [str(Path(sys.executable).parent / "streamlit"), "run", "app.py"]
#: What ./run.sh starts: the same server, with the app's imports warmed on a thread.
MAPPING_SERVE = [sys.executable, "-m", "mapping", "serve"]


def start_app(port: int, command: Sequence[str]) -> tuple[subprocess.Popen[bytes], float]:
    started = time.perf_counter()
    process = subprocess.Popen(
        [
            *command,
            "--server.port",
            str(port),
            "--server.address",
            "127.0.0.1",
            "--server.headless",
            "true",
        ],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    while True:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=1) as response:
                if response.status == 200:
                    return process, time.perf_counter() - started
        except OSError:
            time.sleep(0.02)


def app_figures(page: Page, port: int, process_started: float, how: str) -> list[tuple[str, float]]:
    figures = []
    started = time.perf_counter()
    page.goto(f"http://127.0.0.1:{port}")
    frame = page.frame_locator(FRAME)
    frame.locator(".trip-stop").nth(12).wait_for(state="attached", timeout=60_000)
    frame.locator('.leaflet-container[data-basemap="ready"]').wait_for(state="attached", timeout=60_000)
    painted = time.perf_counter()
    figures.append((f"app cold start ({how}): process to first map painted", painted - process_started))
    figures.append((f"default trip ({how}): navigation to 13 markers painted", painted - started))
    # Day filter: remove one day from the selection and wait for its markers to go.
    before = frame.locator(".trip-stop").count()
    started = time.perf_counter()
    page.get_by_role("button", name="Remove Sat 16 Sep 2023").click()
    page.wait_for_function(
        """([selector, count]) => {
            const frame = document.querySelector(selector);
            return frame && frame.contentDocument && frame.contentDocument.querySelectorAll('.trip-stop').length === count;
        }""",
        arg=[FRAME, before - 4],
        timeout=60_000,
    )
    figures.append((f"day-filter change to the updated map (default trip, {how})", time.perf_counter() - started))
    return figures


def large_trip_figures(page: Page, port: int, stops: int, folder: Path) -> list[tuple[str, float]]:
    """A large trip uploaded into the app: upload to every stop drawn, then one day taken off."""
    trip = synthetic_trip(stops)
    path = folder / f"trip-{stops}.csv"
    path.write_text(trip_to_csv(trip), encoding="utf-8")
    page.goto(f"http://127.0.0.1:{port}")
    frame = page.frame_locator(FRAME)
    frame.locator(".trip-stop").nth(12).wait_for(state="attached", timeout=60_000)
    count = "(w) => { var n = 0; w.map.eachLayer(function (l) { if (l.feature && l.getLatLng) { n++; } }); return n; }"
    started = time.perf_counter()
    uploader = page.get_by_test_id("stFileUploader").filter(has_text="Load your own trip")
    uploader.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(path)
    page.wait_for_function(
        f"""(selector) => {{ const f = document.querySelector(selector);
            return f && f.contentWindow && f.contentWindow.map && ({count})(f.contentWindow) === {stops}; }}""",
        arg=FRAME,
        timeout=300_000,
    )
    figures = [(f"{stops:,} stops uploaded: upload to every stop drawn", time.perf_counter() - started)]
    first_day = days(trip)[0]
    started = time.perf_counter()
    page.get_by_role("button", name=f"Remove {first_day.label}").click()
    page.wait_for_function(
        f"""(selector) => {{ const f = document.querySelector(selector);
            return f && f.contentWindow && f.contentWindow.map &&
                   ({count})(f.contentWindow) === {stops - len(first_day.stops)}; }}""",
        arg=FRAME,
        timeout=300_000,
    )
    figures.append((f"day-filter change to the updated map ({stops:,} stops)", time.perf_counter() - started))
    return figures


def file_figure(page: Page, stops: int, folder: Path) -> tuple[str, float]:
    out = export(synthetic_trip(stops), folder / f"trip-{stops}.html")
    started = time.perf_counter()
    page.goto(out.as_uri(), timeout=300_000)
    page.locator('.leaflet-container[data-basemap="ready"]').wait_for(state="attached", timeout=300_000)
    page.wait_for_function(
        "() => document.querySelectorAll('.leaflet-overlay-pane canvas, .trip-stop').length > 0", timeout=300_000
    )
    size = out.stat().st_size / 1e6
    return (f"exported file, {stops:,} stops ({size:.0f} MB): open to map drawn", time.perf_counter() - started)


def main(argv: Sequence[str] | None = None) -> int:
    figures: list[tuple[str, float]] = []
    with sync_playwright() as p, tempfile.TemporaryDirectory() as folder:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        for how, command in (
            ("streamlit run app.py", STREAMLIT_RUN),
            ("./run.sh: python -m mapping serve", MAPPING_SERVE),
        ):
            port = free_port()
            process_started = time.perf_counter()
            process, health = start_app(port, command)
            figures.append((f"app cold start ({how}): process to health endpoint", health))
            try:
                page = browser.new_page(viewport={"width": 1400, "height": 1000})
                figures += app_figures(page, port, process_started, how)
                if command is MAPPING_SERVE:
                    figures += large_trip_figures(
                        browser.new_page(viewport={"width": 1400, "height": 1000}), port, 10_000, Path(folder)
                    )
            finally:
                process.terminate()
                process.wait(timeout=20)
        for stops in (10_000, 100_000):
            figures.append(file_figure(browser.new_page(), stops, Path(folder)))
        browser.close()
    for label, seconds in figures:
        print(f"{label:<75s} {seconds:8.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
