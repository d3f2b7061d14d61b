"""Start the app the way ``streamlit run app.py`` does, with its heavy imports warmed meanwhile.

Streamlit imports nothing of the app until the first browser connects, so the
first visitor waited about two seconds for folium, pandas and the rest to load
(measured with benchmarks/browser_timing.py). Importing them on a thread
overlaps that with the browser loading Streamlit's own page. The thread starts
once Streamlit's runtime is serving: begun with the process, it slowed the server's
own start by a second (both want the one interpreter lock).

streamlit-folium is not imported here: importing it declares its component,
which is registered only from a script run (imported here, the map's frame was
a 404). Nor is its slow part warmed (``inspect.getmodule`` walking every loaded
module): run beside the first script run, that walk made the script's own
``getmodule`` return None.
"""

from __future__ import annotations

import importlib
import sys
import threading
import time
from collections.abc import Sequence

from mapping.paths import PROJECT_ROOT

WARM = (
    # The page icon is an emoji, which set_page_config checks against this module (0.16 s to import).
    "streamlit.emojis",
    "pandas",
    "folium",
    "folium.plugins",
    "mapping.render.map",
    "mapping.export",
    "mapping.report.extract",
    "mapping.ui.charts",
    "mapping.editing",
    "mapping.geocode.online",
)


def warm() -> None:
    from streamlit import runtime

    while not runtime.exists() or runtime.get_instance().state == runtime.RuntimeState.INITIAL:
        time.sleep(0.01)
    for name in WARM:
        importlib.import_module(name)
    from mapping.geocode.gazetteer import OfflineGazetteer

    # Reads the index once, so the app's first open finds it in the page cache.
    OfflineGazetteer()


def serve(streamlit_args: Sequence[str]) -> int:
    from streamlit.web import cli

    threading.Thread(target=warm, name="warm-imports", daemon=True).start()
    sys.argv = ["streamlit", "run", str(PROJECT_ROOT / "app.py"), *streamlit_args]
    return int(cli.main() or 0)
