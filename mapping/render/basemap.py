"""An offline basemap: Natural Earth land, coastlines and borders drawn by Leaflet.

Tiles need a tile server; this layer needs nothing but a TopoJSON file that
ships with the project's assets. It draws into its own pane between tiles and
the trip, so switching base layers never puts land on top of a route.
"""

from __future__ import annotations

from typing import Any

from branca.element import MacroElement
from folium.elements import JSCSSMixin
from folium.map import Layer
from jinja2 import Template

from mapping.render.assets import BASEMAP, AssetMode, basemap_json, url_for

SEA = "#d4e4f1"
LAND = "#f4f1e8"
COAST = "#7d9bbd"
BORDER = "#a99f94"
ATTRIBUTION = "Basemap: Natural Earth (public domain)"


class OfflineBasemap(JSCSSMixin, Layer):
    """Natural Earth countries from a local TopoJSON: fetched from the app, or inlined in a file."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        {{ this._parent.get_name() }}.createPane('basemap');
        {{ this._parent.get_name() }}.getPane('basemap').style.zIndex = 250;
        {{ this._parent.get_name() }}.getPane('basemap').style.pointerEvents = 'none';
        {{ this._parent.get_name() }}.getContainer().style.background = {{ this.sea|tojson }};
        var {{ this.get_name() }} = L.layerGroup([], {attribution: {{ this.attribution|tojson }}});
        (function (group) {
            var renderer = L.canvas({pane: 'basemap', padding: 0.5});
            // Natural Earth's Russia and Fiji cross the antimeridian: their outlines step from 180 to -180,
            // which Leaflet draws as a line across the whole world. Lines are cut at such a step; a ring
            // that steps across and back is drawn unbroken on both sides of the line. (Antarctica's rings
            // step once, going round the pole, and are drawn as they are.)
            function steps(line) {
                var n = 0;
                for (var i = 1; i < line.length; i++) { if (Math.abs(line[i][0] - line[i - 1][0]) > 180) { n++; } }
                return n;
            }
            function unwrapped(line, by) {
                var out = [], lon = null;
                line.forEach(function (p) {
                    var next = p[0] + by;
                    if (lon !== null) { next += 360 * Math.round((lon - next) / 360); }
                    out.push([next, p[1]]);
                    lon = next;
                });
                return out;
            }
            function mendPolygon(rings) {
                var n = steps(rings[0]);
                if (n === 0 || n % 2 === 1) { return [rings]; }
                var whole = rings.map(function (ring) { return unwrapped(ring, 0); });
                var east = whole[0].some(function (p) { return p[0] > 180; });
                var by = east ? -360 : 360;
                return [whole, whole.map(function (ring) { return unwrapped(ring, by); })];
            }
            function cutLine(line) {
                var parts = [[line[0]]];
                for (var i = 1; i < line.length; i++) {
                    if (Math.abs(line[i][0] - line[i - 1][0]) > 180) { parts.push([]); }
                    parts[parts.length - 1].push(line[i]);
                }
                return parts.filter(function (part) { return part.length > 1; });
            }
            function mended(geometry) {
                if (geometry.type === 'Polygon' || geometry.type === 'MultiPolygon') {
                    var polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
                    return {type: 'MultiPolygon', coordinates: [].concat.apply([], polygons.map(mendPolygon))};
                }
                if (geometry.type === 'LineString' || geometry.type === 'MultiLineString') {
                    var lines = geometry.type === 'LineString' ? [geometry.coordinates] : geometry.coordinates;
                    return {type: 'MultiLineString', coordinates: [].concat.apply([], lines.map(cutLine))};
                }
                return geometry;
            }
            function land(collection) {
                collection.features.forEach(function (f) { if (f.geometry) { f.geometry = mended(f.geometry); } });
                return collection;
            }
            function draw(topo) {
                var countries = topo.objects.countries;
                L.geoJSON(land(topojson.feature(topo, countries)), {
                    renderer: renderer, pane: 'basemap', interactive: false,
                    style: {stroke: false, fillColor: {{ this.land|tojson }}, fillOpacity: 1}
                }).addTo(group);
                L.geoJSON(mended(topojson.mesh(topo, countries, function (a, b) { return a !== b; })), {
                    renderer: renderer, pane: 'basemap', interactive: false,
                    style: {color: {{ this.border|tojson }}, weight: 1, dashArray: '4 3', fill: false}
                }).addTo(group);
                L.geoJSON(mended(topojson.mesh(topo, countries, function (a, b) { return a === b; })), {
                    renderer: renderer, pane: 'basemap', interactive: false,
                    style: {color: {{ this.coast|tojson }}, weight: 1, fill: false}
                }).addTo(group);
                {%- if this.detail %}
                var detailStyles = {
                    sea: {stroke: false, fillColor: {{ this.sea|tojson }}, fillOpacity: 1},
                    land: {stroke: false, fillColor: {{ this.land|tojson }}, fillOpacity: 1},
                    coast: {color: {{ this.coast|tojson }}, weight: 1, fill: false},
                    border: {color: {{ this.border|tojson }}, weight: 1, dashArray: '4 3', fill: false}
                };
                L.geoJSON({{ this.detail|tojson }}, {
                    renderer: renderer, pane: 'basemap', interactive: false,
                    style: function (feature) { return detailStyles[feature.properties.role]; }
                }).addTo(group);
                {%- endif %}
                group.fire('basemapready');
                {{ this._parent.get_name() }}.getContainer().setAttribute('data-basemap', 'ready');
            }
            {%- if this.inline %}
            draw({{ this.topojson }});
            {%- else %}
            fetch({{ this.url|tojson }})
                .then(function (response) { return response.json(); })
                .then(draw);
            {%- endif %}
        })({{ this.get_name() }});
        {%- if this.show %}
        {{ this.get_name() }}.addTo({{ this._parent.get_name() }});
        {%- endif %}
        {% endmacro %}
        """
    )

    # A name only: assets.localize() swaps it for a local file before rendering.
    default_js = [("topojson", "topojson-client")]  # noqa: RUF012 (folium declares it on the instance)

    def __init__(
        self,
        mode: AssetMode,
        *,
        detail: dict[str, Any] | None = None,
        name: str = "Offline basemap (Natural Earth)",
        show: bool = True,
    ) -> None:
        super().__init__(name=name, overlay=False, control=True, show=show)
        self._name = "OfflineBasemap"
        self.inline = mode is AssetMode.INLINE
        self.url = url_for(BASEMAP, AssetMode.SERVED)
        self.sea, self.land, self.coast, self.border = SEA, LAND, COAST, BORDER
        self.attribution = ATTRIBUTION
        #: Finer coastlines for the trip's region (see basemap_detail), drawn over the world layer.
        self.detail = detail

    def render(self, **kwargs: Any) -> Any:
        if self.inline:
            # Read only when a file is written: the app fetches the same file instead.
            self.topojson = basemap_json()
        return super().render(**kwargs)


class MapStyle(MacroElement):
    """CSS for markers, popups and legend, added by script so it works inside st_folium's frame too."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function () {
            if (document.getElementById('trip-map-style')) { return; }
            var style = document.createElement('style');
            style.id = 'trip-map-style';
            style.textContent = {{ this.css|tojson }};
            document.head.appendChild(style);
        })();
        {% endmacro %}
        """
    )

    def __init__(self, css: str) -> None:
        super().__init__()
        self._name = "MapStyle"
        self.css = css
