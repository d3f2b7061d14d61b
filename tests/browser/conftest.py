"""A real app server and a real Chromium (Debian's), with every non-local request blocked and recorded.

The server starts once per session on a free port, with its output in
artifacts/; the tests wait on its health endpoint and on elements, never on
fixed sleeps.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, Playwright, Route, expect, sync_playwright

from mapping.paths import PROJECT_ROOT

# Every expectation polls for up to 30 s, not Playwright's 5: on a loaded 2-core machine a Streamlit rerun and
# a map redraw can take longer than 5 s, and a poll that ends early is a flaky test, not a faster one.
expect.set_options(timeout=30_000)

ARTIFACTS = PROJECT_ROOT / "artifacts"
CHROMIUM = os.environ.get("TRIPMAP_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1", "[::1]"}
SERVER_START_TIMEOUT = 120.0

pytestmark = pytest.mark.browser


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_healthy(url: str, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + SERVER_START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"streamlit exited with {process.returncode}:\n{log.read_text()}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.2)  # a poll interval, not a wait for something to happen
    raise RuntimeError(f"streamlit did not answer its health check in {SERVER_START_TIMEOUT:.0f} s:\n{log.read_text()}")


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


@pytest.fixture(scope="session")
def app_url(artifacts: Path) -> Iterator[str]:
    port = free_port()
    log = artifacts / "streamlit.log"
    with open(log, "wb") as out:
        # As ./run.sh starts it: `streamlit run app.py` with the imports warmed.
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "mapping",
                "serve",
                "--server.port",
                str(port),
                "--server.address",
                "127.0.0.1",
                "--server.headless",
                "true",
                "--browser.gatherUsageStats",
                "false",
            ],
            cwd=PROJECT_ROOT,
            # The browser tests keep their geocoding answers out of the user's cache.
            env={
                **os.environ,
                "TRIPMAP_CACHE": str(artifacts / "geocode-cache.sqlite"),
                # A closed tab's map layers go within seconds rather than minutes, for the test that checks it.
                "TRIPMAP_LAYERS_GRACE_S": "2",
                "TRIPMAP_LAYERS_SWEEP_S": "1",
            },
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_healthy(url, process, log)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()


@pytest.fixture(scope="session")
def playwright() -> Iterator[Playwright]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run ./test.sh, which installs Debian's chromium")
    with sync_playwright() as p:
        yield p


@pytest.fixture(scope="session")
def browser(playwright: Playwright) -> Iterator[Browser]:
    browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    yield browser
    browser.close()


@dataclass
class Network:
    """Requests the page tried to send off this machine (all of them are blocked)."""

    external: list[str] = field(default_factory=list)
    local: int = 0

    def route(self, route: Route) -> None:
        url = route.request.url
        parsed = urlparse(url)
        if parsed.scheme in ("data", "blob", "about") or parsed.scheme == "file" or parsed.hostname in LOCAL_HOSTS:
            self.local += 1
            route.continue_()
        else:
            self.external.append(url)
            route.abort()


@pytest.fixture
def network() -> Network:
    return Network()


@pytest.fixture
def context(browser: Browser, network: Network) -> Iterator[BrowserContext]:
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
    context.route("**/*", network.route)
    yield context
    context.close()
    assert network.external == [], f"the map asked the internet for {network.external}"


@pytest.fixture
def page(context: BrowserContext) -> Iterator[Page]:
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    assert errors == [], f"JavaScript errors on the page: {errors}"
