"""How the map looks: day colours, trip colour families, line styles by mode, online tile layers."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from mapping.trip.model import Trip
from mapping.trip.modes import MODES_BY_KEY
from mapping.trip.timeline import Day

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


@dataclass(frozen=True, slots=True)
class Overlay:
    """Another trip drawn on the same map in its own colour family."""

    trip: Trip
    palette: tuple[str, ...]


GAZETTEER_ATTRIBUTION = "Places: GeoNames (CC BY 4.0)"
#: What the map credits when an online service placed stops (by ``Stop.provider``).
ONLINE_ATTRIBUTION = {
    "nominatim": "Geocoding by Nominatim, data © OpenStreetMap contributors (ODbL)",
    "photon": "Geocoding by Photon (komoot), data © OpenStreetMap contributors (ODbL)",
}

# Online tile layers a user may pick; the default map needs none of them.
TILE_PROVIDERS: dict[str, str] = {
    "OpenStreetMap": "OpenStreetMap.Mapnik",
    "CartoDB Positron": "CartoDB.Positron",
    "OpenTopoMap": "OpenTopoMap",
}

#: The most room fitted views leave for an open legend, in pixels; a longer legend scrolls.
LEGEND_ROOM = 300

# Past this many stops on a map, numbered labels are unreadable and thousands of DOM
# markers make the browser crawl: stops become dots on one canvas, popups unchanged.
DOT_THRESHOLD = 2_000


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


def leg_styles() -> dict[str, dict[str, Any]]:
    """Dashes and weight by mode key, for the browser to style each leg (``legStyle``)."""
    return {key: {"dashArray": mode.dash, "weight": mode.weight} for key, mode in MODES_BY_KEY.items()}


def legend_room(days_shown: int, *, legend_open: bool) -> int:
    """Room at the bottom of a fitted view for the legend, open or folded, so no stop hides behind it.
    A long legend scrolls (its height is capped): more room than the map has made Leaflet zoom all the way in."""
    return min(60 + 22 * (days_shown + 3), LEGEND_ROOM) if legend_open else 100
