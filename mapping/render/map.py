"""The folium map of a trip: one layer per day, numbered stops, legs styled by mode, a legend.

Stops and legs are layers, one of each per day, whose markers and popups are
made in the browser from the day's columns (:mod:`mapping.render.contract`):
one script for a day, not one Python object and one script per stop, so large
trips stay fast. Every text the user gave is HTML-escaped before it reaches the
page (:mod:`mapping.render.features`).
"""

from __future__ import annotations

import contextlib
import functools
import gc
import html
import math
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import ParamSpec, TypeVar

import folium
import xyzservices
from shapely.geometry import LineString

from mapping.render.assets import AssetMode, localize
from mapping.render.basemap import OfflineBasemap
from mapping.render.basemap_detail import detail, region_for
from mapping.render.elements import (
    Attribution,
    DataSlot,
    DayFilter,
    DayKey,
    DayLayer,
    Focus,
    FocusInPlace,
    LayerLoader,
    Legend,
    LegLabels,
    MapStyle,
    Placing,
    Playback,
    RawText,
    ViewOption,
)
from mapping.render.features import layer_data, trip_layout
from mapping.render.legend import legend_html
from mapping.render.places import place_labels
from mapping.render.style import (
    DAY_COLOURS,
    DOT_THRESHOLD,
    GAZETTEER_ATTRIBUTION,
    LEGEND_ROOM,
    ONLINE_ATTRIBUTION,
    TILE_PROVIDERS,
    TRIP_FAMILIES,
    UNDATED_COLOUR,
    Overlay,
    day_colours,
    leg_styles,
    legend_room,
)
from mapping.trip.model import Trip
from mapping.trip.modes import MODES_BY_KEY
from mapping.trip.timeline import Day, NumberedStop, days

__all__ = [
    "DAY_COLOURS",
    "DOT_THRESHOLD",
    "GAZETTEER_ATTRIBUTION",
    "LEGEND_ROOM",
    "TILE_PROVIDERS",
    "TRIP_FAMILIES",
    "UNDATED_COLOUR",
    "MapOptions",
    "Overlay",
    "base_map",
    "build_map",
    "day_colours",
    "day_layers",
    "layer_data",
    "render_html",
    "view_layer",
]


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

P = ParamSpec("P")
R = TypeVar("R")


def _collector_paused(function: Callable[P, R]) -> Callable[P, R]:
    """Python's cyclic garbage collector ran dozens of times while a large trip's features were made,
    and each full pass walks every object in the process (in the app, all of Streamlit and pandas
    too). It resumes afterwards and collects as usual."""

    @functools.wraps(function)
    def paused(*args: P.args, **kwargs: P.kwargs) -> R:
        with _paused():
            return function(*args, **kwargs)

    return paused


@contextlib.contextmanager
def _paused() -> Iterator[None]:
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


@_collector_paused
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
    layout = trip_layout(trip, options.palette)
    shown = layout.shown(options.days)

    fmap = folium.Map(
        location=(20.0, 0.0),
        zoom_start=2,
        tiles=None,
        control_scale=True,
        prefer_canvas=False,
        height=options.height,
        world_copy_jump=True,
    )
    fmap.add_child(MapStyle())
    points = _points(s for d in shown for s in d.stops)
    points += _points(s for overlay in options.overlays for d in days(overlay.trip) for s in d.stops)
    region = region_for(points)
    fmap.add_child(
        OfflineBasemap(
            options.asset_mode,
            detail=detail(region) if region else None,
            places=place_labels(region or _around(points), regional=region is not None),
            show=options.tiles is None,
        )
    )
    tracks = track_layer(trip)
    if tracks is not None:
        fmap.add_child(tracks)
        points += [point for line in tracks.data for point in line]
    for label, provider in TILE_PROVIDERS.items():
        if options.tiles == label:
            tile = xyzservices.providers.query_name(provider)
            folium.TileLayer(tiles=tile, name=f"{label} (online)", overlay=False, show=True).add_to(fmap)
    room = legend_room(len(shown), legend_open=options.legend_open)
    legend = legend_html(trip, layout.days, layout.colours, shown, open_=options.legend_open, overlays=options.overlays)
    fmap.add_child(Legend(legend, room=room))
    fmap.add_child(Playback())
    fmap.add_child(ViewOption())
    fmap.add_child(LegLabels({key: mode.label for key, mode in MODES_BY_KEY.items() if key != "unknown"}))
    fmap.add_child(FocusInPlace())
    bounds = _bounds(points)
    if bounds:
        fmap.fit_bounds(bounds, padding_top_left=(40, 40), padding_bottom_right=(40, room), max_zoom=11)
    fmap.get_root().header.add_child(RawText(f"<title>{html.escape(trip.title)}</title>"))  # type: ignore[attr-defined]
    # GeoNames is credited whatever base layer is on: every stop was placed with it, and names the places.
    fmap.options["attributionControl"] = True
    fmap.add_child(Attribution(GAZETTEER_ATTRIBUTION))
    # An online service that placed a stop is credited too (its data are OpenStreetMap's, ODbL).
    for provider in sorted({stop.provider for stop in trip.stops if stop.provider in ONLINE_ATTRIBUTION}):
        fmap.add_child(Attribution(ONLINE_ATTRIBUTION[provider]))
    localize(fmap, options.asset_mode)
    return fmap


#: Tolerance (degrees, about 10 m) for thinning a file's tracks: a recorded track has a point every few metres.
TRACK_TOLERANCE = 1e-4
#: Colour of the paths a file draws: quiet, under the day-coloured legs and stops.
TRACK_COLOUR = "#6b4f9e"


class TrackLayer(folium.FeatureGroup):
    """The paths the trip's file drew (GPX tracks, KML and GeoJSON lines), thinned, as one layer to switch off."""

    def __init__(self, lines: list[list[tuple[float, float]]]) -> None:
        super().__init__(name="Route from the file", overlay=True, show=True)
        self.data = lines
        for line in lines:
            folium.PolyLine(line, color=TRACK_COLOUR, weight=3, opacity=0.7, interactive=False).add_to(self)


def track_layer(trip: Trip) -> TrackLayer | None:
    """The file's own paths, or None when it drew none."""
    lines = []
    for track in trip.tracks:
        if len(track.points) < 2:
            continue
        thinned = LineString([(lon, lat) for lat, lon in track.points]).simplify(TRACK_TOLERANCE)
        lines.append([(round(lat, 5), round(lon, 5)) for lon, lat in thinned.coords])
    return TrackLayer(lines) if lines else None


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
    empty, for :func:`layer_data`'s columns to be fetched into. A leg from a stop
    of a day not shown is left out: it would start from nothing.
    """
    layout = trip_layout(trip, tuple(palette))
    shown = layout.shown(selected)
    as_dots = sum(len(d.stops) for d in shown) > DOT_THRESHOLD
    styles = leg_styles()
    groups = []
    for day in shown:
        colour = layout.colours[day.key]
        title = _day_title(day, colour) + (f" · {html.escape(trip_label)}" if trip_label else "")
        group = folium.FeatureGroup(name=title, overlay=True, show=True)
        if trip_label is None:
            group.add_child(DayKey(day.key))
        if day.legs:
            legs = DayLayer(
                "legs", None if fetched else layout.leg_columns(day, selected), colour=colour, styles=styles
            )
            group.add_child(legs)
            if fetched:
                legs.add_child(DataSlot(f"legs {day.key}"))
        if any(s.stop.located for s in day.stops):
            stops = DayLayer("stops", None if fetched else layout.stop_columns(day), dots=as_dots)
            group.add_child(stops)
            if fetched:
                stops.add_child(DataSlot(f"stops {day.key}"))
        groups.append(group)
    return groups


def view_layer(days_shown: Iterable[str], focus: int | None = None, placing: int | None = None) -> folium.FeatureGroup:
    """What the app changes without reloading the map: the days shown, the stop in focus and the stop
    being placed by hand (by its number), whose marker can then be dragged.

    A few hundred bytes whatever the size of the trip, which the app swaps in with
    streamlit-folium's ``feature_group_to_add``; the days themselves are in the map.
    """
    group = folium.FeatureGroup(name="view", control=False)
    group.add_child(DayFilter(sorted(days_shown)))
    group.add_child(Focus(focus))
    group.add_child(Placing(placing))
    return group


@_collector_paused
def render_html(fmap: folium.Map) -> str:
    """The whole page of a map, as written to a file."""
    return fmap.get_root().render()


def _day_title(day: Day, colour: str) -> str:
    return f'<span style="color:{colour}">&#9679;</span> {html.escape(day.label)}'


def _points(stops: Iterable[NumberedStop]) -> list[tuple[float, float]]:
    return [(s.stop.lat, s.stop.lon) for s in stops if s.stop.lat is not None and s.stop.lon is not None]


def _bounds(points: Sequence[tuple[float, float]]) -> list[list[float]] | None:
    if not points:
        return None
    lats = [p[0] for p in points]
    lons = [p[1] for p in points]
    return [[min(lats), min(lons)], [max(lats), max(lons)]]


def _around(points: Sequence[tuple[float, float]]) -> tuple[float, float, float, float] | None:
    """The trip's box, a little wider, in whole degrees: the area whose cities get names."""
    if not points:
        return None
    (south, west), (north, east) = _bounds(points) or [[0.0, 0.0], [0.0, 0.0]]
    return (
        float(max(-90, math.floor(south - 5))),
        float(max(-180, math.floor(west - 5))),
        float(min(90, math.ceil(north + 5))),
        float(min(180, math.ceil(east + 5))),
    )
