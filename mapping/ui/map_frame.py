"""The map in the app: streamlit-folium's component, with the map's part worked out once per map.

``st_folium`` renders the whole folium map on every run of the app (most of a
rerun's time; README, "Performance"), although a day-filter change alters only
the small view layer. Here the map's
arguments (its script, header and links) are computed once into a
:class:`MapFrame`, which the app caches on the trip; each run adds only the view
layer and hands both to the component.

The arguments are made by streamlit-folium's own helpers, in the order
``st_folium`` calls them, so the component receives what ``st_folium`` would
send; ``tests/ui/test_map_frame.py`` checks that against ``st_folium`` itself, so
an upgrade of streamlit-folium that changes them fails a test rather than the
map. Import this module only from the running app: importing streamlit-folium
declares its component, which works only once Streamlit's runtime exists.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import folium
import streamlit_folium
from folium.elements import JSCSSMixin
from streamlit_folium import _get_feature_group_string, _get_header, _get_html, _get_map_string, get_full_id

from mapping.render.assets import walk


@dataclass(frozen=True)
class MapFrame:
    """Everything the component needs about the map itself, as text: cheap to cache and to send again."""

    script: str
    header: str
    html: str
    id: str
    css_links: tuple[str, ...]
    js_links: tuple[str, ...]


def frame_of(fmap: folium.Map) -> MapFrame:
    """The map's component arguments. Consumes the map: streamlit-folium renames its elements as it goes."""
    fmap.get_root().render()
    fmap.render()
    html = _get_html(fmap)
    header = _get_header(fmap)
    script = _get_map_string(fmap)
    css_links: list[str] = []
    js_links: list[str] = []
    for element in walk(fmap):
        if not isinstance(element, JSCSSMixin):
            continue
        css_links.extend(href for _, href in getattr(element, "default_css", []))
        js_links.extend(src for _, src in getattr(element, "default_js", []))
    return MapFrame(
        script=script,
        header=header,
        html=html,
        id=get_full_id(fmap),
        css_links=tuple(dict.fromkeys(css_links)),
        js_links=tuple(dict.fromkeys(js_links)),
    )


def show_map(
    frame: MapFrame, view: folium.FeatureGroup, *, key: str, height: int, returned: Sequence[str] = ()
) -> dict[str, Any]:
    """Draw the map as wide as its column, with ``view`` as the layer swapped in without a reload.

    ``returned`` names what the browser sends back, as ``st_folium``'s ``returned_objects`` (read once,
    when the map is first drawn); the answer is the component's value, e.g. ``{"last_clicked": ...}``.
    """
    # The view layer's script names its map; a bare map stands in for the real one, already consumed.
    view_script = _get_feature_group_string(view, map=folium.Map(tiles=None), idx=0)
    value = streamlit_folium._component_func(
        script=frame.script,
        header=frame.header,
        html=frame.html,
        id=frame.id,
        key=streamlit_folium.generate_js_hash(frame.script, key, False),
        height=height,
        width=None,
        returned_objects=list(returned),
        default=dict.fromkeys(returned),
        zoom=None,
        center=None,
        feature_group=view_script,
        return_on_hover=False,
        layer_control=None,
        pixelated=False,
        css_links=list(frame.css_links),
        js_links=list(frame.js_links),
        on_change=None,
        wrap_longitude=False,
    )
    return value if isinstance(value, dict) else {}
