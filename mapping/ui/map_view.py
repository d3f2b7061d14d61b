"""The map and everything that follows the days shown and the stop in focus."""

from __future__ import annotations

import dataclasses
import functools
from dataclasses import dataclass
from typing import Any

import streamlit as st

from mapping.export import EXPORTS, HTML, to_html
from mapping.render.assets import AssetError, install_static, static_ready
from mapping.render.features import layer_data
from mapping.render.map import MapOptions, build_map, view_layer
from mapping.trip.choices import placed
from mapping.trip.legs import km_by_mode, mode_word
from mapping.trip.status import NOT_FOUND, UNCERTAIN
from mapping.ui.map_frame import MapFrame, frame_of, show_map
from mapping.ui.page import download_label
from mapping.ui.published import LayerStore, app_store
from mapping.ui.session import Keys, Session, fingerprint
from mapping.ui.text import plain
from mapping.ui.trips import Shown

#: Past this many stops the day layers are fetched from a file rather than sent in the map's script.
LARGE_TRIP = 2_000
TIMELINE_DAYS = 60
TIMELINE_STOPS_PER_DAY = 25
MAP_HEIGHT = 620
CLICKS = ("last_clicked",)


@dataclass(frozen=True)
class ViewSlots:
    """Where :func:`map_view` draws: containers made by the full run, in the sidebar and the main area."""

    controls: Any
    notice: Any
    map: Any
    download: Any
    timeline: Any


def assets_ready() -> bool:
    if static_ready():
        return True
    try:
        install_static()
    except AssetError as exc:
        st.error(plain(f"The map cannot be drawn: {exc}"))
        return False
    return True


@st.cache_resource(show_spinner=False)
def layer_store() -> LayerStore:
    return app_store()


@st.cache_data(show_spinner=False, max_entries=8)
def _frame(_shown: Shown, _options: MapOptions, frame_key: str) -> MapFrame:
    """The map, built and rendered once per trip and options: a day-filter change only swaps the view layer."""
    return frame_of(build_map(_shown.trip, _options))


def map_options(session: Session, shown: Shown, tiles: str | None) -> MapOptions:
    options = MapOptions(tiles=tiles, legend_open=False, palette=shown.palette, overlays=shown.overlays)
    if sum(s.located for s in shown.trip.stops) <= LARGE_TRIP:
        return options
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    ctx = get_script_run_ctx()
    url = layer_store().publish(
        session.token,
        ctx.session_id if ctx else "",
        fingerprint(shown.key, shown.palette),
        lambda: layer_data(shown.trip, palette=shown.palette),
    )
    return dataclasses.replace(options, layers_url=url)


def map_frame(shown: Shown, options: MapOptions) -> MapFrame:
    # The overlays are named by the shown trip's key; the other options are plain values.
    return _frame(shown, options, repr((shown.key, dataclasses.replace(options, overlays=()))))


@st.fragment
def map_view(session: Session, shown: Shown, frame: MapFrame | None, options: MapOptions, slots: ViewSlots) -> None:
    """Everything that follows the days and the stop in focus. A fragment: changing the days reruns only this,
    and the map swaps its small view layer instead of reloading."""
    with slots.controls:
        selected = _view_controls(session, shown)
    # Each slot outside the fragment is written on every run, empty or not: a fragment rerun may only
    # write where the last full run did.
    with slots.notice:
        notice = st.empty()
        if session.placing is not None and session.placing < len(shown.trip.stops):
            stop = shown.trip.stops[session.placing]
            how = "Click the map where" if not stop.located else "Drag its marker, or click the map, where"
            notice.info(plain(f"{how} stop {session.placing + 1} ({stop.label}) is, to place it there."))
        elif not selected:
            notice.info("No day is selected: pick days in the sidebar to see their stops.")
    with slots.map:
        if frame is None:
            st.empty()
        else:
            # Clicks come back (a small rerun of this fragment each); they count only while placing a stop.
            returned = show_map(
                frame,
                view_layer(selected, session.stop, placing_number(session)),
                key=Keys.MAP,
                height=MAP_HEIGHT,
                returned=CLICKS,
            )
            _place_by_click(session, shown, returned.get("last_clicked"))
    with slots.download:
        st.download_button(
            download_label(EXPORTS.index(HTML)),
            # Made when clicked: a self-contained page weighs a megabyte, and most runs are not downloads.
            data=functools.partial(
                to_html,
                shown.trip,
                days=tuple(sorted(selected)),
                tiles=options.tiles,
                palette=options.palette,
                overlays=options.overlays,
            ),
            file_name=f"{shown.stem}-map{HTML.extension}",
            mime=HTML.mime,
            disabled=frame is None,
            on_click="ignore",
            width="stretch",
        )
    with slots.timeline:
        _timeline(shown, set(selected))


def placing_number(session: Session) -> int | None:
    """The number of the stop being placed by hand, whose marker the map then lets the visitor drag."""
    return None if session.placing is None else session.placing + 1


def _place_by_click(session: Session, shown: Shown, click: Any) -> None:
    index = session.placing
    if not session.new_click(click) or index is None or not 0 <= index < len(shown.trip.stops):
        return
    try:
        lat, lon = float(click["lat"]), float(click["lng"])
    except (KeyError, TypeError, ValueError):
        return
    # The map wraps round the world: a click east of the antimeridian can read 190°.
    lon = (lon + 180.0) % 360.0 - 180.0
    session.choose(index, placed(lat, lon))
    session.place_by_click(None)
    # The trip changed: the whole page follows (the map, the tables and every download).
    st.rerun(scope="app")


def _view_controls(session: Session, shown: Shown) -> list[str]:
    """The days to show and the stop to centre on."""
    # Labels, not keys, travel in the link (?days=Sun+17+Sep+2023): keep them free of anything that changes.
    labels = {day.key: day.label for day, _ in shown.panels}
    every = list(labels)
    if session.days_to_reset() or not (session.has_days() or session.days_in_link()):
        session.set_days(every)
    selected = st.multiselect(
        "Days to show",
        options=every,
        format_func=lambda key: labels[key],
        key=Keys.DAYS,
        bind="query-params",
        help="The map, the timeline and the HTML download follow this choice.",
    )
    st.button("Show all days", key=Keys.SHOW_ALL_DAYS, on_click=session.set_days, args=(every,))
    stop_labels = {n: f"{n}. {stop.label}" for n, stop in enumerate(shown.trip.stops, start=1) if stop.located}
    st.selectbox(
        "Go to stop",
        list(stop_labels),
        index=None,
        format_func=lambda number: stop_labels[number],
        key=Keys.STOP,
        bind="query-params",
        placeholder="Choose a stop to centre the map on it",
    )
    return list(selected)


def _timeline(shown: Shown, selected: set[str]) -> None:
    """The chosen days with their stops; a long trip shows its first days and stops, the table has them all."""
    st.subheader("Day by day")
    shown_days = [(day, colour) for day, colour in shown.panels if day.key in selected]
    if len(shown_days) > TIMELINE_DAYS:
        st.caption(f"The first {TIMELINE_DAYS} of {len(shown_days)} days; every stop is in the table below.")
    for day, colour in shown_days[:TIMELINE_DAYS]:
        modes = [mode_word(mode).lower() for mode, _ in km_by_mode(day) if mode != "unknown"]
        km = f" · {day.km:,.0f} km" + (f" by {' and '.join(modes)}" if modes else "") if day.legs else ""
        # The colour is ours; the day's label is made from its date.
        st.markdown(f'<span style="color:{colour}">●</span> **{plain(day.label)}**{km}', unsafe_allow_html=True)
        lines = []
        for item in day.stops[:TIMELINE_STOPS_PER_DAY]:
            stop = item.stop
            # Streamlit's own icon font, not emoji: Debian's Chromium drew the question-mark emoji as a box.
            flag = f" :material/warning: *{NOT_FOUND}*" if not stop.located else ""
            flag = flag or (f" :material/help: *{UNCERTAIN}*" if stop.uncertain else "")
            time = f"{plain(stop.time)} " if stop.time else ""
            # Escaped, so markdown keeps the trip's numbers instead of renumbering a list from 1.
            lines.append(f"{item.number}\\. {time}{plain(stop.label)}{flag}")
        hidden = len(day.stops) - TIMELINE_STOPS_PER_DAY
        if hidden > 0:
            lines.append(f"*…and {hidden:,} more stops that day*")
        st.markdown("  \n".join(lines))
