"""A large trip's day layers as a file the map fetches once, instead of data inside the map's script.

streamlit-folium sends the whole map script to the browser on every rerun; for
10,000 stops that was megabytes, rendered twice on the server and received again by
the browser at each click of the day filter. With the features in a file under
the app's static folder, the script holds empty layers and a loader, and a
rerun carries only the view layer (the loader and slots are in
:mod:`mapping.render.elements`). Exported files never use this: they embed
their data, so they open anywhere.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from mapping.io.files import write_atomically
from mapping.paths import STATIC_DIR

PUBLISHED_DIR = STATIC_DIR / "trips"
PUBLISHED_URL = "/app/static/trips"


def publish(data: dict[str, Any]) -> str:
    """Write the features where the app serves them (named by their content) and return their URL."""
    text = json.dumps(data, separators=(",", ":"), ensure_ascii=False)
    name = hashlib.sha256(text.encode()).hexdigest()[:24] + ".json"
    path = PUBLISHED_DIR / name
    if not path.exists():
        PUBLISHED_DIR.mkdir(parents=True, exist_ok=True)
        write_atomically(path, text)
    return f"{PUBLISHED_URL}/{name}"
