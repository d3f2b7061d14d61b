"""An offline basemap: Natural Earth land, coastlines and borders drawn by Leaflet, with place names.

Tiles need a tile server; this layer needs nothing but a TopoJSON file that
ships with the project's assets. It draws into its own pane between tiles and
the trip, so switching base layers never puts land on top of a route. Place
names come from the project's own place index (:mod:`mapping.render.places`).
"""

from __future__ import annotations

from typing import Any

from folium.elements import JSCSSMixin
from folium.map import Layer

from mapping.render.assets import BASEMAP, AssetMode, basemap_json, url_for
from mapping.render.elements import TRIP_CSS, TRIP_JS, template

COLOURS = {
    "sea": "#d4e4f1",
    "land": "#f4f1e8",
    "coast": "#7d9bbd",
    "border": "#a99f94",
    "region": "#c2b8ad",
    "river": "#9dbcd9",
}
ATTRIBUTION = "Basemap: Natural Earth (public domain)"


class OfflineBasemap(JSCSSMixin, Layer):
    """Natural Earth countries from a local TopoJSON: fetched from the app, or inlined in a file."""

    _template = template(
        """
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = L.layerGroup([], {attribution: {{ this.attribution|tojson }}});
        L.tripMap.basemap({{ this._parent.get_name() }}, {{ this.get_name() }}, Object.assign(
            {{ this.options|tojson }}, {topology: {{ this.topojson }}}));
        {%- if this.show %}
        {{ this.get_name() }}.addTo({{ this._parent.get_name() }});
        {%- endif %}
        {% endmacro %}
        """
    )

    # Names only: assets.localize() swaps them for local files before rendering.
    default_js = [("topojson", "topojson-client"), *TRIP_JS]  # noqa: RUF012 (folium declares it on the instance)
    default_css = TRIP_CSS

    def __init__(
        self,
        mode: AssetMode,
        *,
        detail: dict[str, Any] | None = None,
        places: dict[str, Any] | None = None,
        name: str = "Offline basemap (Natural Earth)",
        show: bool = True,
    ) -> None:
        super().__init__(name=name, overlay=False, control=True, show=show)
        self._name = "OfflineBasemap"
        self.inline = mode is AssetMode.INLINE
        self.attribution = ATTRIBUTION
        #: Finer coastlines for the trip's region (see basemap_detail) and the place labels (see places).
        self.options = {
            "colours": COLOURS,
            "url": None if self.inline else url_for(BASEMAP, AssetMode.SERVED),
            "detail": detail,
            "places": places,
        }
        self.topojson = "null"

    def render(self, **kwargs: Any) -> Any:
        if self.inline:
            # Read only when a file is written: the app fetches the same file instead.
            self.topojson = basemap_json()
        return super().render(**kwargs)
