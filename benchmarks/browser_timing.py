"""What a user waits for, measured in Debian's Chromium with Playwright.

- app cold start: the server process started to the health endpoint answering, and to the first
  map painted, for `streamlit run app.py`, for ./run.sh (`python -m mapping serve`), and for
  benchmarks/floor_app.py, a bare Streamlit page with a streamlit-folium map: the floor of the stack;
- a day-filter change on the default trip: from the mouse press to the map showing the new days,
  timed inside the page (a press listener in the page, a watch in the map's frame), against the
  same change in the floor app;
- a 10,000-stop trip uploaded into the app: upload to every stop drawn, and its day-filter changes;
- exported HTML files of 10,000 and 100,000 stops opened from disk: navigation to every stop drawn.

"Painted" means every stop is on the map and, for trip map, the basemap reports itself ready.
Each figure is the median of several runs, each cold start in a fresh browser context (no cache).
Times are wall-clock on this machine; run it when nothing else is.

    .venv/bin/python benchmarks/browser_timing.py
"""

from __future__ import annotations

import contextlib
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from playwright.sync_api import Browser, Frame, Page, sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import synthetic_trip  # noqa: E402

from mapping.export import export  # noqa: E402
from mapping.io.csv import trip_to_csv  # noqa: E402
from mapping.trip.timeline import days  # noqa: E402

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
COLD_RUNS = 3
FILTER_RUNS = 6

STREAMLIT = str(Path(sys.executable).parent / "streamlit")
COMMANDS = {
    "floor (bare Streamlit + streamlit-folium map)": [STREAMLIT, "run", "benchmarks/floor_app.py"],
    "streamlit run app.py": [STREAMLIT, "run", "app.py"],
    "./run.sh (python -m mapping serve)": [sys.executable, "-m", "mapping", "serve"],
}

#: Stops drawn in a frame: DOM markers, or for a large trip the canvas-drawn features.
DOM_STOPS = "(w) => w.document.querySelectorAll('.trip-stop').length"
ALL_STOPS = (
    "(w) => { var n = 0; w.map && w.map.eachLayer(function (l) { if (l.feature && l.getLatLng) { n++; } }); return n; }"
)

# In the page: when the mouse was last pressed.
PRESS_LISTENER = (
    "window.addEventListener('mousedown', function () { window.__pressed = performance.timeOrigin + performance.now(); },"
    " true);"
)
# In the map's frame: when the count of stops first reaches n, checked at every animation frame.
WATCH = """([count, n]) => {
    const counter = eval(count);
    window.__reached = null;
    (function tick() {
        if (counter(window) === n) { window.__reached = performance.timeOrigin + performance.now(); }
        else { requestAnimationFrame(tick); }
    })();
}"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_app(port: int, command: Sequence[str]) -> tuple[subprocess.Popen[bytes], float]:
    started = time.perf_counter()
    process = subprocess.Popen(
        [*command, "--server.port", str(port), "--server.address", "127.0.0.1", "--server.headless", "true"],
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


def stop_app(process: subprocess.Popen[bytes]) -> None:
    process.terminate()
    process.wait(timeout=20)


@contextlib.contextmanager
def served(command: Sequence[str]) -> Iterator[int]:
    """The app running on a free port, for as long as the block lasts."""
    port = free_port()
    process, _ = start_app(port, command)
    try:
        yield port
    finally:
        stop_app(process)


def map_frame(page: Page, count: str, stops: int) -> Frame:
    """The frame of the map that shows ``stops`` stops (a replaced map's frame can linger a moment)."""
    deadline = time.perf_counter() + 300
    while time.perf_counter() < deadline:
        for frame in page.frames:
            if "st_folium" in frame.url and frame.evaluate(f"!!window.map && ({count})(window) === {stops}"):
                return frame
        time.sleep(0.02)
    raise TimeoutError(f"no map with {stops} stops")


def wait_painted(page: Page, stops: int, basemap: bool) -> None:
    frame = page.frame_locator(FRAME)
    frame.locator(".trip-stop").nth(stops - 1).wait_for(state="attached", timeout=120_000)
    if basemap:
        frame.locator('.leaflet-container[data-basemap="ready"]').wait_for(state="attached", timeout=120_000)


def cold_start(browser: Browser, command: Sequence[str], basemap: bool) -> tuple[float, float]:
    """Process start to health, and to the default view painted, in a fresh browser context."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    port = free_port()
    started = time.perf_counter()
    process, health = start_app(port, command)
    try:
        page = context.new_page()
        page.goto(f"http://127.0.0.1:{port}")
        wait_painted(page, 13, basemap)
        return health, time.perf_counter() - started
    finally:
        context.close()
        stop_app(process)


def timed_change(page: Page, frame: Frame, change: Callable[[], None], count: str, expected: int) -> float:
    """Mouse press to the map's frame showing ``expected`` stops, in seconds, timed in the page."""
    frame.evaluate(WATCH, [count, expected])
    change()
    frame.wait_for_function("() => window.__reached !== null", timeout=300_000)
    return float(frame.evaluate("window.__reached") - page.evaluate("window.__pressed")) / 1000


def filter_changes(page: Page, frame: Frame, day: str, total: int, on_day: int, count: str = DOM_STOPS) -> list[float]:
    """Take ``day`` off, then show all days again, FILTER_RUNS times in all."""
    times = []
    for run in range(FILTER_RUNS):
        if run % 2 == 0:
            button = page.get_by_role("button", name=f"Remove {day}")
            times.append(timed_change(page, frame, button.click, count, total - on_day))
        else:
            button = page.get_by_role("button", name="Show all days")
            times.append(timed_change(page, frame, button.click, count, total))
        time.sleep(0.5)
    return times


def open_app(browser: Browser, port: int, basemap: bool) -> tuple[Page, Frame]:
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.add_init_script(PRESS_LISTENER)
    page.goto(f"http://127.0.0.1:{port}")
    wait_painted(page, 13, basemap)
    return page, map_frame(page, DOM_STOPS, 13)


def large_trip(page: Page, stops: int, folder: Path) -> tuple[float, list[float]]:
    """Upload to every stop drawn, then day-filter changes, for a synthetic trip of ``stops``."""
    trip = synthetic_trip(stops)
    path = folder / f"trip-{stops}.csv"
    path.write_text(trip_to_csv(trip), encoding="utf-8")
    started = time.perf_counter()
    uploader = page.get_by_test_id("stFileUploader").filter(has_text="Load your own trip")
    uploader.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(path)
    frame = map_frame(page, ALL_STOPS, stops)
    uploaded = time.perf_counter() - started
    first_day = days(trip)[0]
    return uploaded, filter_changes(page, frame, first_day.label, stops, len(first_day.stops), ALL_STOPS)


def file_figure(browser: Browser, stops: int, folder: Path) -> tuple[str, str]:
    out = export(synthetic_trip(stops), folder / f"trip-{stops}.html")
    page = browser.new_page()
    started = time.perf_counter()
    page.goto(out.as_uri(), timeout=300_000)
    page.locator('.leaflet-container[data-basemap="ready"]').wait_for(state="attached", timeout=300_000)
    page.wait_for_function(
        "() => document.querySelectorAll('.leaflet-overlay-pane canvas, .trip-stop').length > 0", timeout=300_000
    )
    size = out.stat().st_size / 1e6
    page.close()
    return f"exported file, {stops:,} stops ({size:.0f} MB): open to map drawn", seconds(time.perf_counter() - started)


def seconds(value: float) -> str:
    return f"{value:.2f} s"


def spread(values: Sequence[float]) -> str:
    return f"{statistics.median(values):.2f} s (median of {len(values)}; {min(values):.2f}-{max(values):.2f})"


def main(argv: Sequence[str] | None = None) -> int:
    rows: list[tuple[str, str]] = []
    with sync_playwright() as p, tempfile.TemporaryDirectory() as folder:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        painted: dict[str, float] = {}
        for how, command in COMMANDS.items():
            runs = [cold_start(browser, command, basemap="floor" not in how) for _ in range(COLD_RUNS)]
            painted[how] = statistics.median(run[1] for run in runs)
            rows.append((f"cold start, {how}: process to health endpoint", spread([run[0] for run in runs])))
            rows.append((f"cold start, {how}: process to first map painted", spread([run[1] for run in runs])))
        floor = painted["floor (bare Streamlit + streamlit-folium map)"]
        for how in list(COMMANDS)[1:]:
            rows.append((f"  {how} over the floor", f"{painted[how] / floor:.2f}x (+{painted[how] - floor:.2f} s)"))

        with served(COMMANDS["floor (bare Streamlit + streamlit-folium map)"]) as port:
            page, frame = open_app(browser, port, basemap=False)
            floor_filter = filter_changes(page, frame, "Day 1", 13, 4)
            rows.append(("day-filter change, floor app: press to map updated", spread(floor_filter)))

        with served(COMMANDS["./run.sh (python -m mapping serve)"]) as port:
            page, frame = open_app(browser, port, basemap=True)
            trip_filter = filter_changes(page, frame, "Sat 16 Sep 2023", 13, 4)
            rows.append(("day-filter change, default trip: press to map updated", spread(trip_filter)))
            rows.append(
                (
                    "  default trip over the floor",
                    f"{statistics.median(trip_filter) / statistics.median(floor_filter):.2f}x",
                )
            )
            uploaded, large_filter = large_trip(page, 10_000, Path(folder))
            rows.append(("10,000 stops uploaded: upload to every stop drawn", seconds(uploaded)))
            rows.append(("day-filter change, 10,000 stops: press to map updated", spread(large_filter)))

        for stops in (10_000, 100_000):
            rows.append(file_figure(browser, stops, Path(folder)))
        browser.close()
    for label, value in rows:
        print(f"{label:<82s} {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
