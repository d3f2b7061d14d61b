"""The legend's HTML: the trip's days with their colours, stops and distances, the line styles of
the modes on the map, and what a hollow marker means. Every text is escaped here."""

from __future__ import annotations

import html
from collections.abc import Sequence

from mapping.render.style import Overlay
from mapping.trip.model import Trip
from mapping.trip.modes import MODES_BY_KEY
from mapping.trip.modes import label as mode_label
from mapping.trip.timeline import Day


def mode_sample(mode: str) -> str:
    dash, weight = MODES_BY_KEY[mode].dash, MODES_BY_KEY[mode].weight
    dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
    return (
        f'<svg width="28" height="8"><line x1="1" y1="4" x2="27" y2="4" stroke="#444" '
        f'stroke-width="{min(weight, 3)}" stroke-linecap="round"{dash_attr}/></svg>'
    )


def legend_html(
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
        parts.extend(f"<div>{mode_sample(m)}{mode_label(m)}</div>" for m in modes)
        parts.append("</div>")
    if any(s.stop.uncertain for d in shown for s in d.stops):
        parts.append(
            '<div><span class="swatch" style="background:#fff;border:1px dashed #333"></span>uncertain place</div>'
        )
    parts.append("</details>")
    return "".join(parts)
