"""Trip map: the Streamlit shell. Widgets, layout and session state; the work is in mapping/."""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import html
from typing import Any

import pandas as pd
import streamlit as st

from mapping.editing import EDIT_COLUMNS, apply_edits, editor_rows
from mapping.errors import InputError, TripMapError
from mapping.export import to_html
from mapping.geocode.cache import GeoCache
from mapping.geocode.gazetteer import OfflineGazetteer
from mapping.geocode.online import SERVICES, OnlineGeocoder, OnlineSettings, ProviderFailure
from mapping.geocode.resolve import Resolution, resolve_trip
from mapping.io.formats import parse_trip, readable_extensions, writable
from mapping.io.json import trip_to_json
from mapping.paths import DEFAULT_TRIP, bundled_trips
from mapping.render.assets import AssetError, install_static, static_ready
from mapping.render.layers import publish
from mapping.render.map import (
    DAY_COLOURS,
    TILE_PROVIDERS,
    TRIP_FAMILIES,
    MapOptions,
    Overlay,
    build_map,
    layer_data,
    view_layer,
)
from mapping.report.dates import MAX_TEXT_CHARS, reference_date_from
from mapping.report.drafts import DRAFT_FILENAME, draft_rows, draft_to_json
from mapping.report.extract import extract
from mapping.trip.choices import StopChoice, apply_choices, typed
from mapping.trip.legs import day_rows, km_by_mode, mode_word, speed_flags
from mapping.trip.model import MODES, LoadResult, Trip
from mapping.trip.timeline import Day, days
from mapping.ui.charts import distance_chart, timeline_chart
from mapping.ui.map_frame import MapFrame, frame_of, show_map
from mapping.ui.panels import day_panels, stop_rows, summary

TRIPS = bundled_trips()
OFFLINE_BASEMAP = "Offline (Natural Earth)"
OFFLINE_ONLY = "Off (offline gazetteer only)"
MAX_UPLOAD_MB = 10
KEPT_EDITS = 20
KEPT_RESOLUTIONS = 4

st.set_page_config(page_title="Trip map", page_icon="🗺️", layout="wide")


@st.cache_resource(show_spinner="Opening the offline place index (the first run builds it, about 30 s)…")
def gazetteer() -> OfflineGazetteer:
    return OfflineGazetteer()


@st.cache_resource
def geocode_cache() -> GeoCache:
    return GeoCache()


@st.cache_data(show_spinner=False, max_entries=32)
def load(data: bytes, filename: str) -> LoadResult:
    return parse_trip(data, filename=filename)


#: Past this many stops the day layers are fetched from a file rather than sent in the map's script.
LARGE_TRIP = 2_000


@st.cache_data(show_spinner="Preparing the map of a large trip…", max_entries=8)
def published_layers(_trip: Trip, trip_key: str, palette: tuple[str, ...]) -> str:
    """``trip_key`` stands for the trip in the cache: Streamlit's hashing of 10,000 stops took over a second."""
    return publish(layer_data(_trip, palette=palette))


@st.cache_data(show_spinner=False, max_entries=8)
def map_frame(_trip: Trip, _options: MapOptions, frame_key: str) -> MapFrame:
    """The map, built and rendered once per trip and options: a day-filter change only swaps the view layer."""
    return frame_of(build_map(_trip, _options))


@st.cache_data(show_spinner=False)
def bundled_title(trip_id: str) -> str:
    """Asked once per option on every run by the trip pickers: read and parsed once."""
    path = TRIPS[trip_id]
    return load(path.read_bytes(), path.name).trip.title


def ensure_assets() -> bool:
    if static_ready():
        return True
    try:
        install_static()
    except AssetError as exc:
        st.error(f"The map cannot be drawn: {exc}")
        return False
    return True


def chosen_source() -> tuple[bytes, str]:
    """The trip to show: an upload kept in the session, or the bundled trip the sidebar (or the link) names."""
    upload = st.session_state.get("upload")
    if upload:
        return upload["data"], upload["name"]
    path = TRIPS.get(st.session_state.get("trip") or "", DEFAULT_TRIP)
    return path.read_bytes(), path.name


def reset_trip_state() -> None:
    """Another trip: its own days, stop and choices. The days are set, not dropped, when the sidebar
    next draws them, or the browser would keep showing the old trip's days as chosen."""
    st.session_state.pop("choices", None)
    st.session_state["stop"] = None
    st.session_state["days_reset"] = True


def on_pick_trip() -> None:
    st.session_state.pop("upload", None)
    st.session_state.pop("upload_error", None)
    reset_trip_state()


def on_upload() -> None:
    file = st.session_state.get("uploader")
    if file is None:
        return
    data = file.getvalue()
    if len(data) > MAX_UPLOAD_MB * 1024 * 1024:
        st.session_state["upload_error"] = (
            f"{file.name}: the file is {len(data) / 1e6:.1f} MB; the limit is {MAX_UPLOAD_MB} MB. "
            "Split the trip into smaller files."
        )
        return
    try:
        load(data, file.name)
    except InputError as exc:
        st.session_state["upload_error"] = str(exc)
        return
    st.session_state.pop("upload_error", None)
    st.session_state["upload"] = {"data": data, "name": file.name}
    reset_trip_state()


def report_text() -> str:
    file = st.session_state.get("report_file")
    if file is not None:
        try:
            return str(file.getvalue().decode("utf-8-sig"))
        except UnicodeDecodeError:
            st.session_state["report_error"] = f"{file.name} is not UTF-8 text; save it as UTF-8 and upload it again."
            return ""
    return str(st.session_state.get("report_paste", ""))


def on_report_change() -> None:
    """Prefill the reference date from the report's own date line, when it has one."""
    st.session_state.pop("report_error", None)
    found = reference_date_from(report_text())
    if found is not None:
        st.session_state["report_date"] = found


def on_extract() -> None:
    text = report_text()
    if not text.strip():
        st.session_state["report_error"] = "Paste a report or upload a .txt file first."
        return
    if len(text) > MAX_TEXT_CHARS:
        st.session_state["report_error"] = (
            f"The report is {len(text):,} characters long; the limit is {MAX_TEXT_CHARS:,}. Split it."
        )
        return
    st.session_state.pop("report_error", None)
    st.session_state["draft"] = extract(text, gazetteer(), reference_date=st.session_state.get("report_date"))


def on_map_draft() -> None:
    draft = st.session_state.pop("draft", None)
    rows = st.session_state.get("draft_rows_edited")
    if draft is None or rows is None:
        return
    st.session_state["upload"] = {"data": draft_to_json(rows, draft), "name": DRAFT_FILENAME}
    st.session_state.pop("upload_error", None)
    reset_trip_state()


def use_default_trip() -> None:
    st.session_state.pop("upload", None)
    st.session_state.pop("upload_error", None)
    st.session_state["trip"] = DEFAULT_TRIP.stem
    reset_trip_state()


def online_settings() -> OnlineSettings | None:
    service = st.session_state.get("online_service", OFFLINE_ONLY)
    if service == OFFLINE_ONLY:
        return None
    server = st.session_state.get("online_server", "").strip().rstrip("/")
    scheme, _, domain = server.rpartition("://")
    return OnlineSettings(
        service=service,
        user_agent=st.session_state.get("user_agent", ""),
        domain=domain or None,
        scheme=scheme or "https",
    )


def resolve(data: bytes, filename: str, trip: Trip, settings: OnlineSettings | None, slot: Any) -> Resolution:
    """Geocode once per trip and settings, with a progress bar; reruns reuse the answer."""
    key = (hashlib.sha256(data).hexdigest(), filename, settings)
    kept: dict[Any, Resolution] = st.session_state.setdefault("resolutions", {})
    if key in kept:
        return kept[key]
    online = None
    notices: list[str] = []
    if settings is not None:
        try:
            online = OnlineGeocoder(settings, geocode_cache())
        except ProviderFailure as exc:
            notices.append(f"{exc}. The offline gazetteer placed the stops instead.")
    # In a slot that is always there: a bar appearing only on the first run would move the map and reload it.
    bar = slot.progress(0.0, text="Geocoding…") if len(trip.stops) > 20 or online else None
    step = max(1, len(trip.stops) // 50)

    def progress(done: int, total: int) -> None:
        if bar is not None and (done % step == 0 or done == total):
            bar.progress(done / total, text=f"Geocoding: {done:,} of {total:,} steps")

    resolution = resolve_trip(trip, gazetteer(), online=online, progress=progress)
    if bar is not None:
        bar.empty()
    if notices:
        resolution = dataclasses.replace(resolution, notices=(*notices, *resolution.notices))
    while len(kept) >= KEPT_RESOLUTIONS:
        kept.pop(next(iter(kept)))
    kept[key] = resolution
    return resolution


def trip_picker() -> list[str]:
    """The bundled trip to show and others to lay over it; both travel in the link."""
    with st.sidebar:
        st.header("Trip map")
        trip_id = st.selectbox(
            "Trip",
            list(TRIPS),
            format_func=bundled_title,
            key="trip",
            bind="query-params",
            on_change=on_pick_trip,
            help="The trips that come with the app. A copied link reopens the same trip, days and stop.",
        )
        others = [other for other in TRIPS if other != trip_id]
        overlays = st.multiselect(
            "Compare with",
            others,
            format_func=bundled_title,
            key="overlay",
            bind="query-params",
            help="Draws other trips on the same map, each in its own colour family.",
        )
    return [other for other in overlays if other in others]


def sidebar() -> tuple[Any, str]:
    """The sidebar's settings; the day filter has its place here but is drawn by :func:`map_view`."""
    with st.sidebar:
        st.file_uploader(
            "Load your own trip",
            type=[extension.lstrip(".") for extension in readable_extensions()],
            key="uploader",
            on_change=on_upload,
            help="Columns: date, time, place, name, lat, lon, activity, mode, source, evidence. "
            "Only place is required.",
        )
        if st.session_state.get("upload_error"):
            st.error(st.session_state["upload_error"])
        if st.session_state.get("upload"):
            st.caption(
                f"Showing **{_md(st.session_state['upload']['name'])}**. "
                "Links carry the days and stop but not the file: it stays in this browser session."
            )
            st.button("Back to the default trip", on_click=use_default_trip)
        st.divider()
        view_slot = st.container()
        basemap = st.selectbox(
            "Basemap",
            [OFFLINE_BASEMAP, *TILE_PROVIDERS],
            help="The offline basemap needs no internet; the others load tiles from their servers.",
        )
        with st.expander("From a news report"):
            st.text_area("Paste the report", key="report_paste", height=150, on_change=on_report_change)
            st.file_uploader("…or upload it (.txt)", type=["txt"], key="report_file", on_change=on_report_change)
            st.date_input(
                "Reference date (when the report was written)",
                value=None,
                key="report_date",
                help="Weekdays such as 'on Sunday' count back from this day. "
                "Filled in from a date line at the top of the report when there is one.",
            )
            st.button("Extract stops", on_click=on_extract, type="primary")
            if st.session_state.get("report_error"):
                st.error(st.session_state["report_error"])
        with st.expander("Online geocoding"):
            st.selectbox(
                "Ask an online geocoder about places the offline gazetteer is unsure of",
                [OFFLINE_ONLY, *SERVICES],
                key="online_service",
                help="Needs internet. Answers are cached on disk; errors are not, and the offline answer stands.",
            )
            st.text_input(
                "User agent (your app name and an e-mail)",
                key="user_agent",
                placeholder="my-trip-map/1.0 (me@example.org)",
                help="Nominatim's usage policy asks every application to identify itself.",
            )
            st.text_input(
                "Server (optional)",
                key="online_server",
                placeholder="https://nominatim.example.org",
                help="For a self-hosted service; empty uses the public one.",
            )
            st.caption("Nominatim is asked at most once a second, as its policy requires. © OpenStreetMap (ODbL).")
        st.divider()
        st.caption(
            "Places: [GeoNames](https://www.geonames.org/) (CC BY 4.0), airportsdata and curated landmarks. "
            "Basemap: [Natural Earth](https://www.naturalearthdata.com/) (public domain)."
            + (" Tiles © OpenStreetMap contributors (ODbL)." if basemap != OFFLINE_BASEMAP else "")
        )
    return view_slot, basemap


def view_controls(day_keys: list[str], labels: dict[str, str], stop_labels: dict[int, str]) -> list[str]:
    """The days to show and the stop to centre on."""
    if st.session_state.pop("days_reset", False):
        st.session_state["days"] = list(day_keys)
    selected = st.multiselect(
        "Days to show",
        options=day_keys,
        default=day_keys,
        format_func=lambda key: labels[key],
        key="days",
        bind="query-params",
        help="The map, the timeline and the HTML download follow this choice.",
    )
    st.button("Show all days", on_click=lambda: st.session_state.update(days=list(day_keys)))
    st.selectbox(
        "Go to stop",
        list(stop_labels),
        index=None,
        format_func=lambda number: stop_labels[number],
        key="stop",
        bind="query-params",
        placeholder="Choose a stop to centre the map on it",
    )
    return list(selected)


@dataclasses.dataclass(frozen=True)
class ViewSlots:
    """Where :func:`map_view` draws: containers made by the full run, in the sidebar and the main area."""

    controls: Any
    notice: Any
    map: Any
    timeline: Any


@st.fragment
def map_view(
    trip: Trip,
    panels: list[tuple[Day, str]],
    frame: MapFrame | None,
    options: MapOptions,
    filename: str,
    slots: ViewSlots,
) -> None:
    """Everything that follows the days and the stop in focus. A fragment: changing the days reruns only this,
    and the map swaps its small view layer instead of reloading."""
    # Labels, not keys, travel in the link (?days=Sun+17+Sep+2023): keep them free of anything that changes.
    labels = {day.key: day.label for day, _ in panels}
    stop_labels = {n: f"{n}. {stop.label}" for n, stop in enumerate(trip.stops, start=1) if stop.located}
    with slots.controls:
        selected = view_controls(list(labels), labels, stop_labels)
    with slots.notice:
        if not selected:
            st.info("No day is selected: pick days in the sidebar to see their stops.")
    with slots.map:
        if frame is not None:
            show_map(frame, view_layer(selected, st.session_state.get("stop")), key="trip_map", height=620)
        st.download_button(
            "Download map (HTML, works offline)",
            # Made when clicked: a self-contained page weighs a megabyte, and most runs are not downloads.
            data=functools.partial(
                to_html,
                trip,
                days=tuple(sorted(selected)),
                tiles=options.tiles,
                palette=options.palette,
                overlays=options.overlays,
            ),
            file_name=f"{filename.rsplit('.', 1)[0]}-map.html",
            mime="text/html",
            disabled=frame is None,
            on_click="ignore",
        )
    with slots.timeline:
        timeline(panels, set(selected))


TIMELINE_DAYS = 60
TIMELINE_STOPS_PER_DAY = 25


def timeline(panels: list[tuple[Day, str]], selected: set[str]) -> None:
    """The chosen days with their stops; a long trip shows its first days and stops, the table has them all."""
    st.subheader("Day by day")
    shown_days = [(day, colour) for day, colour in panels if day.key in selected]
    if len(shown_days) > TIMELINE_DAYS:
        st.caption(f"The first {TIMELINE_DAYS} of {len(shown_days)} days; every stop is in the table below.")
    for day, colour in shown_days[:TIMELINE_DAYS]:
        modes = [mode_word(mode).lower() for mode, _ in km_by_mode(day) if mode != "unknown"]
        km = f" · {day.km:,.0f} km" + (f" by {' and '.join(modes)}" if modes else "") if day.legs else ""
        st.markdown(
            f'<span style="color:{colour}">●</span> **{html.escape(day.label)}**{km}',
            unsafe_allow_html=True,
        )
        lines = []
        for item in day.stops[:TIMELINE_STOPS_PER_DAY]:
            stop = item.stop
            flag = " ⚠️ *not found*" if not stop.located else (" :material/help: *uncertain*" if stop.uncertain else "")
            time = f"{stop.time} " if stop.time else ""
            # Escaped, so markdown keeps the trip's numbers instead of renumbering a list from 1.
            lines.append(f"{item.number}\\. {time}{_md(stop.label)}{flag}")
        hidden = len(day.stops) - TIMELINE_STOPS_PER_DAY
        if hidden > 0:
            lines.append(f"*…and {hidden:,} more stops that day*")
        st.markdown("  \n".join(lines))


def fix_a_stop(resolution: Resolution, trip: Trip, token: str) -> None:
    """Pick another candidate for a stop, or type its coordinates; the choice is kept for this trip.

    ``token`` names the trip in the widget keys, so another trip starts with fresh inputs.
    """
    choices: dict[int, StopChoice] = st.session_state.setdefault("choices", {})
    # Stops worth checking first: not found, then uncertain, then the rest.
    order = sorted(range(len(trip.stops)), key=lambda i: (trip.stops[i].located, not trip.stops[i].uncertain, i))
    with st.expander("Fix a stop: pick another place or type coordinates", expanded=False):
        index = st.selectbox(
            "Stop",
            order,
            format_func=lambda i: (
                f"{i + 1}. {trip.stops[i].label}"
                + (" — not found" if not trip.stops[i].located else " — uncertain" if trip.stops[i].uncertain else "")
            ),
            key=f"fix_stop_{token}",
        )
        stop = trip.stops[index]
        st.caption(
            f"Now: {_md(stop.matched or stop.place)} · from {stop.provider or 'nowhere'}"
            + (f" · confidence {stop.confidence:.0%}" if stop.confidence is not None and stop.located else "")
        )
        offered = resolution.choices.get(index, ())
        if offered:
            pick = st.radio(
                "Candidates", range(len(offered)), format_func=lambda i: offered[i].label, key=f"pick_{token}_{index}"
            )
            if st.button("Use this place", key=f"use_{token}_{index}"):
                choice = offered[pick]
                choices[index] = StopChoice(choice.lat, choice.lon, choice.name, "chosen")
                st.rerun()
        else:
            st.caption("No candidates: the stop had coordinates, or nothing matched its name.")
        columns = st.columns(3)
        lat = columns[0].number_input(
            "Latitude", -90.0, 90.0, value=stop.lat or 0.0, format="%.5f", key=f"lat_{token}_{index}"
        )
        lon = columns[1].number_input(
            "Longitude", -180.0, 180.0, value=stop.lon or 0.0, format="%.5f", key=f"lon_{token}_{index}"
        )
        if columns[2].button("Use these coordinates", key=f"typed_{token}_{index}"):
            try:
                choices[index] = typed(lat, lon)
            except InputError as exc:
                st.error(str(exc))
            else:
                st.rerun()
        if index in choices and st.button("Undo my choice for this stop", key=f"undo_{token}_{index}"):
            del choices[index]
            st.rerun()


def _md(text: str) -> str:
    """User text as literal markdown: Streamlit already shows HTML as text, this stops markup."""
    escaped = text.replace("\n", " ")
    for char in "\\`*_{}[]()#+-.!|>~":
        escaped = escaped.replace(char, "\\" + char)
    return escaped


def edit_trip(trip: Trip, filename: str, token: str) -> None:
    """The trip as an editable table; applying it makes the edited trip the one shown, and undo goes back."""
    st.caption(
        "Change any cell, add a row at the bottom, delete rows (tick them, then the bin), or change 'order' to "
        "move a stop. A changed place is looked up again; the other stops keep their places. Clear lat and lon "
        "to look a place up again."
    )
    frame = pd.DataFrame(editor_rows(trip), columns=list(EDIT_COLUMNS))
    edited = st.data_editor(
        frame,
        key=f"edit_{token}",
        num_rows="dynamic",
        hide_index=True,
        width="stretch",
        column_config={
            "order": st.column_config.NumberColumn("order", step=1, help="Stops are put in this order."),
            "date": st.column_config.DateColumn("date", format="YYYY-MM-DD"),
            "time": st.column_config.TextColumn("time", help="HH:MM, local time"),
            "place": st.column_config.TextColumn("place", required=True),
            "mode": st.column_config.SelectboxColumn("mode", options=list(MODES), default="unknown"),
            "lat": st.column_config.NumberColumn("lat", min_value=-90.0, max_value=90.0, format="%.5f"),
            "lon": st.column_config.NumberColumn("lon", min_value=-180.0, max_value=180.0, format="%.5f"),
        },
    )
    history: list[dict[str, Any]] = st.session_state.setdefault("edit_history", [])
    columns = st.columns([1, 1, 3])
    if columns[0].button("Apply changes", type="primary", key=f"apply_{token}"):
        rows = [
            (
                int(index) if isinstance(index, int) and index < len(trip.stops) else None,
                {str(k): v for k, v in row.items()},
            )
            for index, row in zip(edited.index, edited.to_dict("records"), strict=True)
        ]
        result = apply_edits(trip, rows, gazetteer())
        if result.problems:
            st.session_state["edit_problems"] = [str(problem) for problem in result.problems]
        else:
            st.session_state.pop("edit_problems", None)
            history.append({key: st.session_state.get(key) for key in ("upload", "choices", "trip")})
            del history[:-KEPT_EDITS]
            stem = filename.rsplit(".", 1)[0].removesuffix("-edited")
            st.session_state["upload"] = {"data": trip_to_json(result.trip).encode(), "name": f"{stem}-edited.json"}
            st.session_state["choices"] = {}
            # An edit can bring new days: show them all rather than hide a stop just added.
            st.session_state["days_reset"] = True
            if result.geocoded:
                st.session_state["edit_notice"] = "Looked up again: stop " + ", ".join(map(str, result.geocoded))
            st.rerun()
    columns[1].button("Undo the last change", on_click=undo_edit, disabled=not history, key="undo_edit")
    for problem in st.session_state.get("edit_problems", []):
        st.error(problem)
    if st.session_state.get("edit_notice"):
        st.caption(st.session_state.pop("edit_notice"))


def undo_edit() -> None:
    history = st.session_state.get("edit_history", [])
    if not history:
        return
    previous = history.pop()
    st.session_state.pop("edit_problems", None)
    st.session_state["days_reset"] = True
    for key, value in previous.items():
        if value is None:
            st.session_state.pop(key, None)
        else:
            st.session_state[key] = value


def review_draft() -> None:
    """The stops found in a report, to check against their evidence before mapping them."""
    draft = st.session_state["draft"]
    st.subheader(f"Draft from the report: {len(draft.stops)} stops")
    st.caption(
        "Each stop comes with the sentence it was found in. Untick what is wrong, correct a date or a place "
        "(an edited place is geocoded again), then map the trip. Stops the report gives no day for stay undated."
    )
    edited = st.data_editor(
        draft_rows(draft, gazetteer()),
        key="draft_editor",
        hide_index=True,
        width="stretch",
        disabled=["found as", "evidence", "confidence", "other candidates", "lat", "lon"],
        column_config={
            "keep": st.column_config.CheckboxColumn("keep", default=True),
            "confidence": st.column_config.ProgressColumn("confidence", min_value=0.0, max_value=1.0, format="%.2f"),
            "evidence": st.column_config.TextColumn("evidence", width="large"),
        },
    )
    st.session_state["draft_rows_edited"] = edited
    columns = st.columns([1, 1, 4])
    columns[0].button("Map these stops", on_click=on_map_draft, type="primary")
    columns[1].button("Discard the draft", on_click=lambda: st.session_state.pop("draft", None))


def overlay_trips(trip_ids: list[str], settings: OnlineSettings | None, slot: Any) -> tuple[Overlay, ...]:
    overlays = []
    for family, trip_id in zip(TRIP_FAMILIES[1:], trip_ids, strict=False):
        path = TRIPS[trip_id]
        data = path.read_bytes()
        loaded = load(data, path.name)
        overlays.append(Overlay(resolve(data, path.name, loaded.trip, settings, slot).trip, family))
    return tuple(overlays)


def main() -> None:
    ready = ensure_assets()
    overlay_ids = trip_picker()
    if st.session_state.get("draft") is not None:
        review_draft()
    data, filename = chosen_source()
    settings = online_settings()
    # Always there, even empty: a progress bar appearing only on the first run would move the map and reload it.
    progress = st.empty()
    try:
        loaded = load(data, filename)
        resolution = resolve(data, filename, loaded.trip, settings, progress)
        overlays = overlay_trips(overlay_ids, settings, progress)
    except TripMapError as exc:
        st.error(str(exc))
        use_default_trip()
        return
    trip = apply_choices(resolution.trip, st.session_state.get("choices", {}))
    # Names this trip (its file, how it was geocoded and the user's choices): the editor's state and the
    # map caches follow it.
    choices = sorted((st.session_state.get("choices") or {}).items())
    trip_key = hashlib.sha256(data + repr((settings, choices)).encode()).hexdigest()[:12]
    palette = TRIP_FAMILIES[0] if overlays else DAY_COLOURS
    panels = day_panels(trip, palette)
    view_slot, basemap = sidebar()
    options = MapOptions(
        tiles=None if basemap == OFFLINE_BASEMAP else basemap,
        legend_open=False,
        palette=palette,
        overlays=overlays,
        layers_url=published_layers(trip, trip_key, palette)
        if sum(s.located for s in trip.stops) > LARGE_TRIP
        else None,
    )

    st.title(trip.title)
    st.caption(summary(trip).sentence() + "".join(f" · compared with {o.trip.title}" for o in overlays))
    for notice in resolution.notices:
        st.warning(notice)

    problems = [str(p) for p in loaded.problems]
    problems += [
        f"{filename}, row {s.row}: '{s.place}' was not found; add lat and lon, or another spelling of the place"
        for s in trip.stops
        if not s.located
    ]
    problems += [flag.message for flag in speed_flags(leg for day in days(trip) for leg in day.legs)]
    if problems:
        with st.expander(f"⚠️ {len(problems)} problem{'s' if len(problems) != 1 else ''} in this trip", expanded=True):
            st.markdown("\n".join(f"- {_md(p)}" for p in problems))
    # Always there, even empty: an element appearing above the map would move it and reload it.
    notice_slot = st.container()
    map_column, timeline_column = st.columns([3, 1], gap="medium")
    # The overlays are named by their ids; the other options are plain values.
    frame_key = repr((trip_key, overlay_ids, dataclasses.replace(options, overlays=())))
    map_view(
        trip,
        panels,
        map_frame(trip, options, frame_key) if ready else None,
        options,
        filename,
        ViewSlots(view_slot, notice_slot, map_column, timeline_column),
    )

    # Only the open tab is worked out and sent: a 10,000-stop trip's editor and charts are heavy.
    table, edit, by_day, charts = st.tabs(
        ["Stops", "Edit the trip", "By day", "Charts"], key="panel", on_change="rerun"
    )
    if table.open:
        table.dataframe(
            stop_rows(trip),
            hide_index=True,
            width="stretch",
            column_config={
                "confidence": st.column_config.ProgressColumn(
                    "confidence", min_value=0.0, max_value=1.0, format="%.2f"
                ),
                "lat": st.column_config.NumberColumn(format="%.4f"),
                "lon": st.column_config.NumberColumn(format="%.4f"),
            },
        )
    if edit.open:
        with edit:
            edit_trip(trip, filename, trip_key)
    if by_day.open:
        by_day.dataframe(day_rows(days(trip)), hide_index=True, width="stretch")
    if charts.open:
        charts.vega_lite_chart(timeline_chart(panels), width="stretch")
        charts.vega_lite_chart(distance_chart(panels), width="stretch")
    fix_a_stop(resolution, trip, hashlib.sha256(data).hexdigest()[:12])
    stem = filename.rsplit(".", 1)[0]
    formats = writable()
    for column, (fmt, write) in zip(st.columns(len(formats)), formats, strict=True):
        # No rerun on a download: nothing changes, and a rerun would replace the files mid-download.
        column.download_button(
            f"Download trip ({fmt.label})" if fmt is formats[0][0] else fmt.label,
            data=functools.partial(write, trip),
            file_name=f"{stem}{fmt.extension}",
            mime=fmt.mime,
            on_click="ignore",
        )


main()
