"""The folium map of a trip: one layer per day, numbered stops, legs styled by mode, a legend.

Stops and legs are GeoJSON layers, one of each per day, whose markers and popups
are made in the browser from the features' properties: one script for a day,
not one Python object and one script per stop, so large trips stay fast. Every
text the user gave is HTML-escaped here, before it reaches the page.
"""

from __future__ import annotations

import bisect
import contextlib
import functools
import gc
import html
import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import folium
import xyzservices
from branca.element import MacroElement
from folium.elements import ElementAddToElement
from folium.utilities import get_obj_in_upper_tree
from jinja2 import Template

from mapping.render.assets import AssetMode, localize
from mapping.render.basemap import MapStyle, OfflineBasemap
from mapping.render.basemap_detail import detail, region_for
from mapping.render.elements import RawRender, RawText
from mapping.render.layers import DataSlot, LayerLoader
from mapping.render.leg_labels import LegLabels
from mapping.render.playback import PLAYBACK_CSS, UNDATED_STEP, Playback
from mapping.trip.legs import ARC_MODES, SpeedFlag, leg_path, speed_flags
from mapping.trip.model import Stop, Trip
from mapping.trip.modes import MODES_BY_KEY
from mapping.trip.modes import label as mode_label
from mapping.trip.timeline import Day, Leg, NumberedStop, days

# Colour-blind-safe and distinct on land and sea (Tableau 10, reordered for neighbours).
DAY_COLOURS: tuple[str, ...] = (
    "#4e79a7",
    "#e15759",
    "#59a14f",
    "#f28e2b",
    "#b07aa1",
    "#76b7b2",
    "#edc948",
    "#ff9da7",
    "#9c755f",
    "#17becf",
)
UNDATED_COLOUR = "#6b6b6b"

#: Colour families for trips shown together: one hue per trip, its days in shades of it.
TRIP_FAMILIES: tuple[tuple[str, ...], ...] = (
    ("#08519c", "#4292c6", "#2171b5", "#6baed6", "#084594", "#3182bd"),
    ("#a63603", "#f16913", "#d94801", "#fd8d3c", "#8c2d04", "#e6550d"),
    ("#006d2c", "#41ab5d", "#238b45", "#74c476", "#00441b", "#31a354"),
    ("#54278f", "#807dba", "#6a51a3", "#9e9ac8", "#3f007d", "#756bb1"),
)


GAZETTEER_ATTRIBUTION = "Places: GeoNames (CC BY 4.0)"

# Online tile layers a user may pick; the default map needs none of them.
TILE_PROVIDERS: dict[str, str] = {
    "OpenStreetMap": "OpenStreetMap.Mapnik",
    "CartoDB Positron": "CartoDB.Positron",
    "OpenTopoMap": "OpenTopoMap",
}

_CSS = """
.trip-stop-icon { background: none; border: none; }
.trip-stop { width: 22px; height: 22px; border-radius: 50%; box-sizing: border-box;
  border: 2px solid #fff; color: #fff; font: bold 11px/18px system-ui, sans-serif; text-align: center;
  box-shadow: 0 1px 3px rgba(0,0,0,.45); }
.trip-stop.uncertain { background: #fff !important; border: 2px dashed currentColor; line-height: 18px; }
.trip-popup { font: 13px/1.35 system-ui, sans-serif; max-width: 280px; }
.trip-popup h4 { margin: 0 0 4px; font-size: 14px; }
.trip-popup .meta { color: #555; margin-bottom: 4px; }
.trip-popup .evidence { border-left: 3px solid #ccc; padding-left: 6px; color: #444; font-style: italic; }
.trip-popup .where { color: #666; font-size: 11px; margin-top: 4px; }
.trip-popup .uncertain { color: #b3261e; }
.trip-legend { background: rgba(255,255,255,.92); padding: 6px 9px; border-radius: 6px;
  box-shadow: 0 1px 4px rgba(0,0,0,.3); font: 12px/1.5 system-ui, sans-serif; max-height: 45vh; overflow: auto; }
.trip-legend { max-width: 250px; }
.trip-legend summary { font-weight: 600; font-size: 12px; cursor: pointer; }
.trip-legend details[open] summary { margin-bottom: 3px; }
.trip-legend .swatch { display: inline-block; width: 12px; height: 12px; border-radius: 50%; margin-right: 5px;
  vertical-align: -1px; border: 1px solid #fff; box-shadow: 0 0 1px #000; }
.trip-legend svg { vertical-align: middle; margin-right: 5px; }
"""

#: The most room fitted views leave for an open legend, in pixels; a longer legend scrolls.
LEGEND_ROOM = 300

# Past this many stops on a map, numbered labels are unreadable and thousands of DOM
# markers make the browser crawl: stops become dots on one canvas, popups unchanged.
DOT_THRESHOLD = 2_000

_POINT_TO_DOT = """
function (feature, latlng) {
    var p = feature.properties;
    return L.circleMarker(latlng, {
        renderer: window.tripDots || (window.tripDots = L.canvas({padding: 0.5})),
        radius: 4, weight: 1, color: '#fff', fillColor: p.colour, fillOpacity: p.uncertain ? 0.25 : 0.9
    });
}
"""

# Builds a stop's numbered marker from its feature; properties were escaped in Python.
_POINT_TO_LAYER = """
function (feature, latlng) {
    var p = feature.properties;
    var icon = L.divIcon({
        className: 'trip-stop-icon', iconSize: [22, 22], iconAnchor: [11, 11], popupAnchor: [0, -11],
        html: '<div class="trip-stop' + (p.uncertain ? ' uncertain' : '') + '" data-stop="' + p.number +
              '" data-day="' + p.day + '" style="background:' + p.colour + ';color:' +
              (p.uncertain ? p.colour : '#fff') + '">' + p.number + '</div>'
    });
    return L.marker(latlng, {icon: icon, title: p.number + '. ' + p.label, riseOnHover: true});
}
"""

# A flight's arc is worked out here rather than shipped: a hundred points a flight made a large
# trip's page megabytes heavier and its build seconds slower. A great circle on the sphere, within
# a few km of the ellipsoid's geodesic at this scale; longitudes unwrapped, so the Pacific is crossed.
_ARC_IN_BROWSER = """
function (feature, layer) {
    if (!feature.properties.arc) { return; }
    var ends = layer.getLatLngs(), a = ends[0], b = ends[ends.length - 1], rad = Math.PI / 180;
    function vector(p) {
        return [Math.cos(p.lat * rad) * Math.cos(p.lng * rad), Math.cos(p.lat * rad) * Math.sin(p.lng * rad),
                Math.sin(p.lat * rad)];
    }
    var u = vector(a), v = vector(b);
    var angle = Math.acos(Math.min(1, Math.max(-1, u[0] * v[0] + u[1] * v[1] + u[2] * v[2])));
    var steps = Math.min(128, Math.ceil(angle * 6371 / 50));
    if (steps < 2 || Math.sin(angle) < 1e-9) { return; }
    var points = [a], lng = a.lng;
    for (var i = 1; i < steps; i++) {
        var f = i / steps, s = Math.sin(angle), p = Math.sin((1 - f) * angle) / s, q = Math.sin(f * angle) / s;
        var x = p * u[0] + q * v[0], y = p * u[1] + q * v[1], z = p * u[2] + q * v[2];
        var next = Math.atan2(y, x) / rad;
        next += 360 * Math.round((lng - next) / 360);
        points.push(L.latLng(Math.atan2(z, Math.sqrt(x * x + y * y)) / rad, next));
        lng = next;
    }
    points.push(b);
    layer.setLatLngs(points);
}
"""

# Popups are built when opened, so a large trip does not pay for them up front.
_ON_EACH_STOP = """
function (feature, layer) {
    layer.bindPopup(function () {
        var p = feature.properties;
        var rows = ['<div class="trip-popup"><h4>' + p.number + '. ' + p.label + '</h4>',
                    '<div class="meta">' + p.when + (p.mode ? ' · ' + p.mode : '') + '</div>'];
        if (p.activity) { rows.push('<div>' + p.activity + '</div>'); }
        if (p.evidence) { rows.push('<div class="evidence">' + p.evidence + '</div>'); }
        if (p.source_url) {
            rows.push('<div>Source: <a href="' + p.source_url + '" target="_blank" rel="noopener noreferrer">' +
                      p.source + '</a></div>');
        } else if (p.source) { rows.push('<div>Source: ' + p.source + '</div>'); }
        var at = layer.getLatLng().lat.toFixed(4) + ', ' + layer.getLatLng().lng.toFixed(4);
        rows.push('<div class="where' + (p.uncertain ? ' uncertain' : '') + '">' + at +
                  ' · ' + (p.where || 'coordinates given') + '</div></div>');
        return rows.join('');
    }, {maxWidth: 300});
}
"""


@dataclass(frozen=True, slots=True)
class MapOptions:
    """What the map shows; ``days`` None means every day."""

    days: frozenset[str] | None = None
    tiles: str | None = None
    asset_mode: AssetMode = AssetMode.SERVED
    height: str = "100%"
    #: The app lists the days beside the map, so there the legend starts folded.
    legend_open: bool = True
    palette: tuple[str, ...] = DAY_COLOURS
    overlays: tuple[Overlay, ...] = ()
    #: Where the trip's day layers are fetched from (see :mod:`mapping.render.layers`); None embeds them.
    layers_url: str | None = None


# folium's templates write JSON with ", " and ": "; on a large trip those spaces alone are half a
# megabyte. All folium templates share this environment, so this is the one place it is set.
folium.GeoJson._template.environment.policies["json.dumps_kwargs"] = {"separators": (",", ":")}


class LeanGeoJson(RawRender, folium.GeoJson):
    """folium's GeoJson, written to the page as text: faster for large trips, and user text stays text."""

    def render(self, **kwargs: Any) -> Any:
        if self.includes:
            raise NotImplementedError("LeanGeoJson does not take folium includes")
        # What folium's Layer.render and GeoJson.render would have done first.
        self.parent_map = get_obj_in_upper_tree(self, folium.Map)  # type: ignore[assignment]
        parent = self._parent
        if self.show and parent is not None:
            self.add_child(
                ElementAddToElement(element_name=self.get_name(), element_parent_name=parent.get_name()),
                name=self.get_name() + "_add",
            )
        return super().render(**kwargs)


class Legend(RawRender, MacroElement):
    """The legend as a Leaflet control, so it sits inside the map wherever the map is shown."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function () {
            var legend = L.control({position: 'bottomleft'});
            legend.onAdd = function () {
                var div = L.DomUtil.create('div', 'trip-legend');
                div.innerHTML = {{ this.html|tojson }};
                L.DomEvent.disableScrollPropagation(div);
                return div;
            };
            legend.addTo({{ this._parent.get_name() }});
        })();
        {% endmacro %}
        """
    )

    def __init__(self, legend_html: str) -> None:
        super().__init__()
        self._name = "Legend"
        self.html = legend_html


class _DayKey(RawRender, MacroElement):
    """Marks a day's layer for DayFilter. Set after the fact: folium hands a FeatureGroup's options
    to L.featureGroup as its first argument, which Leaflet takes for layers."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        {{ this._parent.get_name() }}.options.tripDay = {{ this.key|tojson }};
        {% endmacro %}
        """
    )

    def __init__(self, key: str) -> None:
        super().__init__()
        self._name = "DayKey"
        self.key = key


class DayFilter(RawRender, MacroElement):
    """Show the trip's day layers whose key is listed and hide the rest; the layer control follows."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function (group, keys) {
            setTimeout(function () {
                var map = group._map;
                if (!map) { return; }
                // Day layers this filter hid are off the map, so they are remembered as they are met.
                var known = map._tripDays = map._tripDays || {};
                map.eachLayer(function (layer) {
                    if (layer.options && layer.options.tripDay) { known[L.stamp(layer)] = layer; }
                });
                var wanted = {};
                keys.forEach(function (key) { wanted[key] = true; });
                Object.keys(known).map(function (id) { return known[id]; }).forEach(function (layer) {
                    var shown = map.hasLayer(layer);
                    if (wanted[layer.options.tripDay] && !shown) { map.addLayer(layer); }
                    if (!wanted[layer.options.tripDay] && shown) { map.removeLayer(layer); }
                });
            }, 0);
        })({{ this._parent.get_name() }}, {{ this.keys|tojson }});
        {% endmacro %}
        """
    )

    def __init__(self, keys: Sequence[str]) -> None:
        super().__init__()
        self._name = "DayFilter"
        self.keys = list(keys)


class Focus(RawRender, MacroElement):
    """Centre the map on one stop and open it, once per choice: later swaps of the days leave the view alone."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function (group, number) {
            setTimeout(function focus() {
                var map = group._map;
                if (map && map._tripLoading) { map.once('tripdata', focus); return; }
                if (!map || map._tripFocus === number) { return; }
                map._tripFocus = number;
                map.eachLayer(function (layer) {
                    if (number !== null && layer.feature && layer.feature.properties.number === number &&
                            layer.getLatLng) {
                        map.setView(layer.getLatLng(), Math.max(map.getZoom(), 10));
                        layer.openPopup();
                    }
                });
            }, 0);
        })({{ this._parent.get_name() }}, {{ this.number|tojson }});
        {% endmacro %}
        """
    )

    def __init__(self, number: int | None) -> None:
        super().__init__()
        self._name = "Focus"
        self.number = number


def day_colours(trip_days: Sequence[Day], palette: Sequence[str] = DAY_COLOURS) -> dict[str, str]:
    """Colour per day key; the same whichever days are shown."""
    colours: dict[str, str] = {}
    dated = 0
    for day in trip_days:
        if day.date is None:
            colours[day.key] = UNDATED_COLOUR
        else:
            colours[day.key] = palette[dated % len(palette)]
            dated += 1
    return colours


@dataclass(frozen=True, slots=True)
class Overlay:
    """Another trip drawn on the same map in its own colour family."""

    trip: Trip
    palette: tuple[str, ...]


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """Python's cyclic garbage collector ran dozens of times while a large trip's features were made,
    and each full pass walks every object in the process (in the app, all of Streamlit and pandas
    too): 0.1 s of a 0.6 s build of 10,000 stops. It resumes afterwards and collects as usual."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


@_collector_paused()
def build_map(trip: Trip, options: MapOptions | None = None) -> folium.Map:
    """The whole map of ``trip``, showing the days in ``options.days`` (all when None): what a file holds."""
    options = options or MapOptions()
    fmap = base_map(trip, options)
    groups = day_layers(trip, options.days, palette=options.palette, fetched=options.layers_url is not None)
    for overlay in options.overlays:
        groups += day_layers(overlay.trip, palette=overlay.palette, trip_label=overlay.trip.title)
    for group in groups:
        group.add_to(fmap)
    if options.layers_url is not None:
        fmap.add_child(LayerLoader(options.layers_url))
    folium.LayerControl(collapsed=True, position="topright").add_to(fmap)
    return fmap


def base_map(trip: Trip, options: MapOptions | None = None) -> folium.Map:
    """Everything but the trip's day layers: basemap, legend, playback, framing.

    The app keeps this part unchanged while the day filter swaps the layers in
    (streamlit-folium's ``feature_group_to_add``), so the map neither reloads nor
    loses its zoom.
    """
    options = options or MapOptions()
    trip_days = days(trip)
    colours = day_colours(trip_days, options.palette)
    shown = [d for d in trip_days if options.days is None or d.key in options.days]

    fmap = folium.Map(
        location=(20.0, 0.0),
        zoom_start=2,
        tiles=None,
        control_scale=True,
        prefer_canvas=False,
        height=options.height,
        world_copy_jump=True,
    )
    fmap.add_child(MapStyle(_CSS + PLAYBACK_CSS))
    points = _points(s for d in shown for s in d.stops)
    points += _points(s for overlay in options.overlays for d in days(overlay.trip) for s in d.stops)
    region = region_for(points)
    fmap.add_child(
        OfflineBasemap(options.asset_mode, detail=detail(region) if region else None, show=options.tiles is None)
    )
    for label, provider in TILE_PROVIDERS.items():
        if options.tiles == label:
            tile = xyzservices.providers.query_name(provider)
            folium.TileLayer(tiles=tile, name=f"{label} (online)", overlay=False, show=True).add_to(fmap)
    legend = _legend_html(trip, trip_days, colours, shown, open_=options.legend_open, overlays=options.overlays)
    fmap.add_child(Legend(legend))
    fmap.add_child(Playback())
    fmap.add_child(LegLabels({key: mode.label for key, mode in MODES_BY_KEY.items() if key != "unknown"}))
    fmap.add_child(_FocusInPlace())
    bounds = _bounds(points)
    if bounds:
        # Room at the bottom for the legend, open or folded, so no stop hides behind it. A long legend
        # scrolls (its height is capped), and more room than the map has made Leaflet zoom all the way in.
        bottom = min(60 + 22 * (len(shown) + 3), LEGEND_ROOM) if options.legend_open else 100
        fmap.fit_bounds(bounds, padding_top_left=(40, 40), padding_bottom_right=(40, bottom), max_zoom=11)
    fmap.get_root().header.add_child(RawText(f"<title>{html.escape(trip.title)}</title>"))  # type: ignore[attr-defined]
    _attribute(fmap)
    localize(fmap, options.asset_mode)
    return fmap


def day_layers(
    trip: Trip,
    selected: frozenset[str] | None = None,
    *,
    palette: Sequence[str] = DAY_COLOURS,
    trip_label: str | None = None,
    fetched: bool = False,
) -> list[folium.FeatureGroup]:
    """One layer per shown day, with its legs and its stops: what the day filter swaps.

    ``trip_label`` names another trip's days in the layer control; the trip's own
    days carry their key, for :class:`DayFilter`. ``fetched`` leaves the layers
    empty, for :func:`layer_data`'s features to be fetched into.
    """
    trip_days = days(trip)
    colours = day_colours(trip_days, palette)
    shown = [d for d in trip_days if selected is None or d.key in selected]
    # A fetched map's layers start empty: its features are worked out once, by layer_data.
    features = _DayFeatures(trip_days, colours) if not fetched else None
    as_dots = sum(len(d.stops) for d in shown) > DOT_THRESHOLD
    groups = []
    for day in shown:
        colour = colours[day.key]
        title = _day_title(day, colour) + (f" · {html.escape(trip_label)}" if trip_label else "")
        group = folium.FeatureGroup(name=title, overlay=True, show=True)
        if trip_label is None:
            group.add_child(_DayKey(day.key))
        if day.legs:
            legs_layer = LeanGeoJson(
                features.legs(day) if features is not None else _collection([]),
                name=f"legs {day.key}",
                control=False,
                interactive=False,
                style=_leg_style(colour),
                on_each_feature=folium.JsCode(_ARC_IN_BROWSER),
                trip_layer="legs",
            ).add_to(group)
            if fetched:
                legs_layer.add_child(DataSlot(f"legs {day.key}"))
        if any(s.stop.located for s in day.stops):
            stops_layer = LeanGeoJson(
                features.stops(day) if features is not None else _collection([]),
                name=f"stops {day.key}",
                control=False,
                pointToLayer=folium.JsCode(_POINT_TO_DOT if as_dots else _POINT_TO_LAYER),
                on_each_feature=folium.JsCode(_ON_EACH_STOP),
                trip_layer="stops",
            ).add_to(group)
            if fetched:
                stops_layer.add_child(DataSlot(f"stops {day.key}"))
        groups.append(group)
    return groups


@_collector_paused()
def layer_data(trip: Trip, *, palette: Sequence[str] = DAY_COLOURS) -> dict[str, dict[str, Any]]:
    """Every day layer's features by the key :class:`DataSlot` registers it under."""
    trip_days = days(trip)
    features = _DayFeatures(trip_days, day_colours(trip_days, palette))
    data: dict[str, dict[str, Any]] = {}
    for day in trip_days:
        if day.legs:
            data[f"legs {day.key}"] = features.legs(day)
        if any(s.stop.located for s in day.stops):
            data[f"stops {day.key}"] = features.stops(day)
    return data


class _DayFeatures:
    """A day's legs and stops as GeoJSON, with what they need from the whole trip worked out once."""

    def __init__(self, trip_days: Sequence[Day], colours: dict[str, str]) -> None:
        self.colours = colours
        self.moments = _moments(trip_days)
        self.flags = {(f.start_number, f.end_number): f for f in speed_flags(leg for d in trip_days for leg in d.legs)}

    def legs(self, day: Day) -> dict[str, Any]:
        return _collection([_leg_feature(leg, self.moments, self.flags) for leg in day.legs])

    def stops(self, day: Day) -> dict[str, Any]:
        colour = self.colours[day.key]
        return _collection([_stop_feature(s, day, colour, self.moments) for s in day.stops if s.stop.located])


def _collection(features: list[dict[str, Any]]) -> dict[str, Any]:
    return {"type": "FeatureCollection", "features": features}


def view_layer(days_shown: Iterable[str], focus: int | None = None) -> folium.FeatureGroup:
    """What the app changes without reloading the map: the days shown and the stop in focus.

    A few hundred bytes whatever the size of the trip, which the app swaps in with
    streamlit-folium's ``feature_group_to_add``; the days themselves are in the map.
    """
    group = folium.FeatureGroup(name="view", control=False)
    group.add_child(DayFilter(sorted(days_shown)))
    group.add_child(Focus(focus))
    return group


@dataclass(frozen=True, slots=True)
class _Moment:
    """When a stop happens, and until when it is the current one (the next later moment)."""

    at: str
    until: str | None


def _moment_of(stop: Stop) -> str:
    if stop.date is None:
        return UNDATED_STEP
    return f"{stop.date.isoformat()}T{stop.time}" if stop.time else stop.date.isoformat()


def _moments(trip_days: Sequence[Day]) -> dict[int, _Moment]:
    """Moments by stop number; a stay lasts until the trip's next later moment, so it spans its days."""
    at = {s.number: _moment_of(s.stop) for d in trip_days for s in d.stops}
    dated = sorted(set(at.values()) - {UNDATED_STEP})
    result: dict[int, _Moment] = {}
    for number, moment in at.items():
        later = bisect.bisect_right(dated, moment)
        result[number] = _Moment(moment, dated[later] if moment != UNDATED_STEP and later < len(dated) else None)
    return result


def _attribute(fmap: folium.Map) -> None:
    """GeoNames is credited whatever base layer is on: every stop was placed with it."""
    fmap.options["attributionControl"] = True
    fmap.add_child(_Attribution(GAZETTEER_ATTRIBUTION))


class _FocusInPlace(RawRender, MacroElement):
    """Leaflet focuses the map on the first mouse-down; in an iframe, that scrolled the page under the
    pointer, so a first click on a marker low on the screen landed on the map instead."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function (container) {
            container.focus = function () { HTMLElement.prototype.focus.call(container, {preventScroll: true}); };
        })({{ this._parent.get_name() }}.getContainer());
        {% endmacro %}
        """
    )

    def __init__(self) -> None:
        super().__init__()
        self._name = "FocusInPlace"


class _Attribution(RawRender, MacroElement):
    _template = Template(
        """
        {% macro script(this, kwargs) %}
        {{ this._parent.get_name() }}.attributionControl.addAttribution({{ this.text|tojson }});
        {% endmacro %}
        """
    )

    def __init__(self, text: str) -> None:
        super().__init__()
        self._name = "Attribution"
        self.text = text


def _day_title(day: Day, colour: str) -> str:
    return f'<span style="color:{colour}">&#9679;</span> {html.escape(day.label)}'


def _escape(text: str) -> str:
    return html.escape(text) if text else ""


@functools.lru_cache(maxsize=4096)
def _when(stop_date: date | None, time: str | None) -> str:
    """The stop's date and time as the popup shows them, escaped (the time is the user's text)."""
    if stop_date is None:
        return "Undated"
    text = stop_date.strftime("%a %d %b %Y")
    return _escape(f"{text}, {time}" if time else text)


def _is_web_url(value: str) -> bool:
    return value.lower().startswith(("http://", "https://")) and " " not in value.strip()


def _stop_feature(numbered: NumberedStop, day: Day, colour: str, moments: dict[int, _Moment]) -> dict[str, Any]:
    stop = numbered.stop
    moment = moments[numbered.number]
    # Empty fields are left out: on a large trip they are most of the page.
    properties: dict[str, Any] = {"number": numbered.number, "day": day.key, "colour": colour}
    uncertain = stop.uncertain
    if uncertain:
        properties["uncertain"] = True
    properties["label"] = _escape(stop.label)
    properties["when"] = _when(stop.date, stop.time)
    if stop.mode != "unknown" and (mode := mode_label(stop.mode)):
        properties["mode"] = mode
    for key in ("activity", "evidence", "source"):
        if value := getattr(stop, key):
            properties[key] = _escape(value)
    if _is_web_url(stop.source):
        properties["source_url"] = _escape(stop.source.strip())
    # Given coordinates, the popup's default, are not written out: 30 bytes a stop.
    if stop.provider != "given" and (where := _where(stop, uncertain)):
        properties["where"] = where
    properties["t"] = moment.at
    if moment.until is not None:
        properties["u"] = moment.until
    return {"type": "Feature", "geometry": {"type": "Point", "coordinates": _lon_lat(stop)}, "properties": properties}


def _where(stop: Stop, uncertain: bool) -> str:
    """How a geocoded stop was placed, for its popup."""
    parts = []
    if stop.provider:
        matched = f" as {_escape(stop.matched)}" if stop.matched and stop.matched != stop.place else ""
        parts.append(f"found by {_escape(stop.provider)}{matched}, confidence {stop.confidence or 0:.0%}")
    if uncertain:
        parts.append("uncertain: check this place")
    return " · ".join(parts)


def _lon_lat(stop: Stop) -> list[float]:
    """GeoJSON's order; five decimals is a metre, and more only weighs down a large trip's page."""
    if stop.lat is None or stop.lon is None:
        raise ValueError(f"stop {stop.place!r} has no coordinates to draw")
    return [round(stop.lon, 5), round(stop.lat, 5)]


def _leg_feature(leg: Leg, moments: dict[int, _Moment], flags: dict[tuple[int, int], SpeedFlag]) -> dict[str, Any]:
    flag = flags.get((leg.start.number, leg.end.number))
    return {
        "type": "Feature",
        "geometry": {"type": "LineString", "coordinates": leg_path(leg, arcs=False)},
        "properties": {
            key: value
            for key, value in {
                "mode": leg.mode,
                "arc": leg.mode in ARC_MODES,
                "km": round(leg.km, 1),
                "t": moments[leg.end.number].at,
                "warn": _escape(flag.message) if flag else "",
            }.items()
            if value
        },
    }


def _leg_style(colour: str) -> folium.JsCode:
    """One style function per day layer: the mode picks the dashes, the day the colour."""
    styles = {key: {"dashArray": mode.dash, "weight": mode.weight} for key, mode in MODES_BY_KEY.items()}
    return folium.JsCode(
        f"""function (feature) {{
        var styles = {json.dumps(styles)};
        var style = styles[feature.properties.mode] || styles.unknown;
        return {{color: {json.dumps(colour)}, weight: style.weight, dashArray: style.dashArray,
                 opacity: 0.85, lineCap: 'round'}};
    }}"""
    )


def _points(stops: Iterable[NumberedStop]) -> list[tuple[float, float]]:
    return [(s.stop.lat, s.stop.lon) for s in stops if s.stop.lat is not None and s.stop.lon is not None]


def _bounds(points: Sequence[tuple[float, float]]) -> list[list[float]] | None:
    if not points:
        return None
    lats = [p[0] for p in points]
    lons = [p[1] for p in points]
    return [[min(lats), min(lons)], [max(lats), max(lons)]]


def _mode_sample(mode: str) -> str:
    dash, weight = MODES_BY_KEY[mode].dash, MODES_BY_KEY[mode].weight
    dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
    return (
        f'<svg width="28" height="8"><line x1="1" y1="4" x2="27" y2="4" stroke="#444" '
        f'stroke-width="{min(weight, 3)}" stroke-linecap="round"{dash_attr}/></svg>'
    )


def _legend_html(
    trip: Trip,
    trip_days: Sequence[Day],
    colours: dict[str, str],
    shown: Sequence[Day],
    *,
    open_: bool,
    overlays: Sequence[Overlay] = (),
) -> str:
    esc = html.escape
    shown_keys = {d.key for d in shown}
    parts = [f"<details{' open' if open_ else ''}><summary>{esc(trip.title)}</summary>"]
    for day in trip_days:
        if day.key not in shown_keys:
            continue
        km = f" · {day.km:,.0f} km" if day.legs else ""
        parts.append(
            f'<div><span class="swatch" style="background:{colours[day.key]}"></span>'
            f"{esc(day.label)} ({len(day.stops)} stop{'s' if len(day.stops) != 1 else ''}{km})</div>"
        )
    for overlay in overlays:
        swatches = "".join(
            f'<span class="swatch" style="background:{c};margin-right:0"></span>' for c in overlay.palette[:3]
        )
        parts.append(f'<div style="margin-top:4px">{swatches} {esc(overlay.trip.title)}</div>')
    modes = sorted({leg.mode for d in shown for leg in d.legs}, key=list(MODES_BY_KEY).index)
    if modes:
        parts.append('<div style="margin-top:4px">')
        parts.extend(f"<div>{_mode_sample(m)}{mode_label(m)}</div>" for m in modes)
        parts.append("</div>")
    if any(s.stop.uncertain for d in shown for s in d.stops):
        parts.append(
            '<div><span class="swatch" style="background:#fff;border:1px dashed #333"></span>uncertain place</div>'
        )
    parts.append("</details>")
    return "".join(parts)


@_collector_paused()
def render_html(fmap: folium.Map) -> str:
    """The whole page of a map, as written to a file."""
    return fmap.get_root().render()
