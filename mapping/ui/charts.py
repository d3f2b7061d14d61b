"""Charts beside the map: when each stop was, and how far each day went.

Both are Vega-Lite specs as plain dicts for ``st.vega_lite_chart(spec, use_container_width=True)``;
Streamlit bundles Vega, so they draw offline. The data goes inline, and there is no ``$schema`` key
because its value would be a URL. Text from users (stop labels) only ever goes in as data values,
which Vega draws as plain text, never as markup.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from mapping.trip.modes import MODES_BY_KEY, mode_of
from mapping.trip.modes import label as mode_label
from mapping.trip.timeline import Day

HEIGHT = 220


def timeline_chart(panels: Sequence[tuple[Day, str]]) -> dict[str, Any]:
    """The stops on the map as points by date and time (noon when no time is given), coloured as their day.

    Only dated stops that are on the map are drawn. ``spec["usermeta"]`` counts the rest:
    ``{"left_out": n, "undated": u, "not_located": m}`` with ``n == u + m``, and ``spec["description"]``
    says the same in words. Uncertain places are drawn hollow.
    """
    km_to = {leg.end.number: leg.km for day, _ in panels for leg in day.legs}
    dated = [(day, colour, day.date) for day, colour in panels if day.date is not None]
    values: list[dict[str, Any]] = []
    for day, _, _ in dated:
        label, key = day.label, day.key  # one strftime per day, not per stop
        for item in (s for s in day.stops if s.stop.located):
            stop, km = item.stop, km_to.get(item.number)
            values.append(
                {
                    "number": item.number,
                    "stop": stop.label,
                    "day": label,
                    # No UTC offset: Vega reads it as local time, so a stop lands on its own day in any time zone.
                    "at": f"{key}T{stop.time or '12:00'}:00",
                    "minute": _minute(stop.time),
                    "when": f"{label}, {stop.time}" if stop.time else label,
                    "mode": mode_label(stop.mode),
                    # Text, not a number: the first stop has no previous one, and Vega formats a null as 0.0.
                    "km": "—" if km is None else f"{km:,.1f}",
                    "uncertain": stop.uncertain,
                }
            )
    undated = sum(len(day.stops) for day, _ in panels if day.date is None)
    not_located = sum(len(day.stops) for day, _, _ in dated) - len(values)
    colours = {"domain": [day.label for day, _, _ in dated], "range": [colour for _, colour, _ in dated]}
    # The same day axis as the distance chart: one band per day of the trip, in trip order; a stop sits in
    # its day's band at its time of day, so the last stop is inside the axis, never past its last tick.
    x = _day_axis(panels)
    x_offset = {"field": "minute", "type": "quantitative", "scale": {"domain": [0, 24 * 60]}, "title": None}
    title: dict[str, Any] = {"text": "When each stop was"}
    if any(v["uncertain"] for v in values):
        title["subtitle"] = "Hollow: place uncertain, check it on the map"
    return {
        "description": f"{len(values)} stops by date and time; {undated + not_located} left out "
        f"({undated} undated, {not_located} not found on the map)",
        "usermeta": {"left_out": undated + not_located, "undated": undated, "not_located": not_located},
        "title": title,
        "width": "container",
        "height": HEIGHT,
        "data": {"values": values},
        "mark": {"type": "point", "filled": True, "size": 50, "strokeWidth": 1.5},
        "encoding": {
            "x": x,
            "xOffset": x_offset,
            "y": {
                "field": "number",
                "type": "quantitative",
                "title": "Stop",
                "scale": {"zero": False},
                # Stops are counted, never halved: no tick at 2.5.
                "axis": {"format": "d", "tickMinStep": 1},
            },
            # Fill and stroke both, so a hollow point keeps its day's colour round the edge.
            "fill": {"field": "day", "type": "nominal", "scale": colours, "legend": None},
            "stroke": {"field": "day", "type": "nominal", "scale": colours, "legend": None},
            "fillOpacity": {"condition": {"test": "datum.uncertain", "value": 0}, "value": 1},
            "tooltip": _tooltip(("number", "#"), ("stop", "Stop"), ("when", "When"), ("mode", "By"), ("km", "km")),
        },
    }


def distance_chart(panels: Sequence[tuple[Day, str]]) -> dict[str, Any]:
    """Kilometres per day as bars stacked by travel mode, days in trip order; days without travel stay on the axis."""
    labels = [day.label for day, _ in panels]
    order = {mode: index for index, mode in enumerate(MODES_BY_KEY)}
    values: list[dict[str, Any]] = []
    seen: set[str] = set()
    for day, _ in panels:
        per_mode: dict[str, float] = {}
        for leg in day.legs:
            per_mode[leg.mode] = per_mode.get(leg.mode, 0.0) + leg.km
        seen.update(per_mode)
        values.extend(
            {"day": day.label, "mode": mode_label(mode), "order": order.get(mode, len(order)), "km": km}
            for mode, km in per_mode.items()
        )
    modes = sorted(seen, key=lambda mode: order.get(mode, len(order)))
    mode_scale = {
        "domain": [mode_label(m) for m in modes],
        "range": [mode_of(m).chart_colour for m in modes],
    }
    total = sum(v["km"] for v in values)
    tooltip = _tooltip(("day", "Day"), ("mode", "By"))
    tooltip.append({"field": "km", "type": "quantitative", "title": "km", "format": ",.1f"})
    return {
        "description": f"Kilometres per day over {len(labels)} days, by travel mode; {total:,.0f} km in all",
        "title": {"text": "Distance per day", "subtitle": f"{total:,.0f} km in all"},
        "width": "container",
        "height": HEIGHT,
        "data": {"values": values},
        "mark": {"type": "bar"},
        "encoding": {
            "x": _day_axis(panels),
            "y": {"field": "km", "type": "quantitative", "stack": "zero", "title": "km"},
            "color": {"field": "mode", "type": "nominal", "title": "Travel", "scale": mode_scale},
            "order": {"field": "order", "type": "quantitative"},
            "tooltip": tooltip,
        },
    }


def _day_axis(panels: Sequence[tuple[Day, str]]) -> dict[str, Any]:
    """The day axis both charts share. The explicit domain keeps days without stops or travel on the axis;
    the sort keeps trip order, not A-Z."""
    labels = [day.label for day, _ in panels]
    return {
        "field": "day",
        "type": "ordinal",
        "sort": labels,
        "scale": {"domain": labels},
        "title": None,
        "axis": {"labelAngle": -40, "labelOverlap": True},
    }


def _minute(time: str | None) -> int:
    """Minutes into the day of an HH:MM time; noon when no time is given."""
    if not time:
        return 12 * 60
    hours, _, minutes = time.partition(":")
    try:
        return min(24 * 60 - 1, int(hours) * 60 + int(minutes or 0))
    except ValueError:
        return 12 * 60


def _tooltip(*fields: tuple[str, str]) -> list[dict[str, Any]]:
    # Nominal even for the stop number: it is an identifier, and Vega would otherwise write 1,234 for stop 1234.
    return [{"field": field, "type": "nominal", "title": title} for field, title in fields]
