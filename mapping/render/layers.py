"""A large trip's day layers as a file the map fetches once, instead of data inside the map's script.

streamlit-folium sends the whole map script to the browser on every rerun; for
10,000 stops that was 5 MB, rendered twice on the server and received again by
the browser at each click of the day filter. With the features in a file under
the app's static folder, the script holds empty layers and a loader, and a
rerun carries only the view layer. Exported files never use this: they embed
their data, so they open anywhere.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from branca.element import MacroElement
from jinja2 import Template

from mapping.io.files import write_atomically
from mapping.paths import STATIC_DIR
from mapping.render.elements import RawRender

PUBLISHED_DIR = STATIC_DIR / "trips"
PUBLISHED_URL = "/app/static/trips"


class DataSlot(RawRender, MacroElement):
    """Registers its layer under a key, for the loader to fill."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (window.tripSlots = window.tripSlots || {})[{{ this.key|tojson }}] = {{ this._parent.get_name() }};
        {% endmacro %}
        """
    )

    def __init__(self, key: str) -> None:
        super().__init__()
        self._name = "DataSlot"
        self.key = key


class LayerLoader(RawRender, MacroElement):
    """Fetches the day layers' features and adds them; the map fires 'tripdata' when they are in."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function (map) {
            map._tripLoading = true;
            fetch({{ this.url|tojson }}).then(function (response) {
                if (!response.ok) { throw new Error('HTTP ' + response.status); }
                return response.json();
            }).then(function (data) {
                Object.keys(data).forEach(function (key) {
                    var layer = (window.tripSlots || {})[key];
                    if (layer) { layer.addData(data[key]); }
                });
                map._tripLoading = false;
                map.fire('tripdata');
            }).catch(function (error) {
                map._tripLoading = false;
                map.attributionControl.addAttribution('<b style="color:#b3261e">The trip could not be loaded (' +
                    String(error).replace(/[<>&]/g, '') + '): reload the page.</b>');
            });
        })({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self, url: str) -> None:
        super().__init__()
        self._name = "LayerLoader"
        self.url = url


def publish(data: dict[str, Any]) -> str:
    """Write the features where the app serves them (named by their content) and return their URL."""
    text = json.dumps(data, separators=(",", ":"), ensure_ascii=False)
    name = hashlib.sha256(text.encode()).hexdigest()[:24] + ".json"
    path = PUBLISHED_DIR / name
    if not path.exists():
        PUBLISHED_DIR.mkdir(parents=True, exist_ok=True)
        write_atomically(path, text)
    return f"{PUBLISHED_URL}/{name}"
