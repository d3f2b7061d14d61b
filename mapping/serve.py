"""Start the app the way ``streamlit run app.py`` does, with its heavy imports warmed meanwhile.

Streamlit imports nothing of the app until the first browser connects, so the
first visitor waited about two seconds for folium, pandas and the rest to load
(measured with benchmarks/browser_timing.py). Importing them on a thread as the
server starts overlaps that with the browser loading Streamlit's own page.
"""

from __future__ import annotations

import importlib
import sys
import threading
from collections.abc import Sequence

from mapping.paths import PROJECT_ROOT

# Not streamlit_folium: importing it declares its component, which only counts once the server's
# runtime exists; declared earlier, the map's frame was a 404.
WARM = (
    "pandas",
    "folium",
    "folium.plugins",
    "mapping.map_builder",
    "mapping.export",
    "mapping.extract",
    "mapping.charts",
    "mapping.editing",
    "mapping.online",
)


def warm() -> None:
    for name in WARM:
        importlib.import_module(name)
    from mapping.gazetteer import OfflineGazetteer

    # Reads the index once, so the app's first open finds it in the page cache.
    OfflineGazetteer()


def serve(streamlit_args: Sequence[str]) -> int:
    from streamlit.web import cli

    threading.Thread(target=warm, name="warm-imports", daemon=True).start()
    sys.argv = ["streamlit", "run", str(PROJECT_ROOT / "app.py"), *streamlit_args]
    return int(cli.main() or 0)
