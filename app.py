"""Trip map: the Streamlit shell. Widgets, layout and session state; the work is in mapping/."""

from __future__ import annotations

import html

import streamlit as st
from streamlit_folium import st_folium

from mapping.assets import AssetError, install_static, static_ready
from mapping.errors import InputError, TripMapError
from mapping.export import to_html
from mapping.gazetteer import OfflineGazetteer
from mapping.geocoding import Resolution, resolve_trip
from mapping.itinerary import LoadResult, parse_trip, trip_to_csv
from mapping.map_builder import TILE_PROVIDERS, MapOptions, build_map
from mapping.paths import DEFAULT_TRIP
from mapping.views import day_panels, stop_rows, summary

OFFLINE_BASEMAP = "Offline (Natural Earth)"
MAX_UPLOAD_MB = 10

st.set_page_config(page_title="Trip map", page_icon="🗺️", layout="wide")


@st.cache_resource(show_spinner="Opening the offline place index (the first run builds it, about 30 s)…")
def gazetteer() -> OfflineGazetteer:
    return OfflineGazetteer()


@st.cache_data(show_spinner=False, max_entries=32)
def load(data: bytes, filename: str) -> LoadResult:
    return parse_trip(data, filename=filename)


@st.cache_data(show_spinner="Geocoding the stops offline…", max_entries=32)
def resolve(data: bytes, filename: str) -> Resolution:
    return resolve_trip(load(data, filename).trip, gazetteer())


@st.cache_data(show_spinner=False, max_entries=16)
def map_html(data: bytes, filename: str, days: tuple[str, ...] | None, tiles: str | None) -> str:
    return to_html(resolve(data, filename).trip, days=days, tiles=tiles)


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
    """The trip to show: an upload kept in the session, or the default trip."""
    upload = st.session_state.get("upload")
    if upload:
        return upload["data"], upload["name"]
    return DEFAULT_TRIP.read_bytes(), DEFAULT_TRIP.name


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
    st.session_state.pop("days", None)


def use_default_trip() -> None:
    st.session_state.pop("upload", None)
    st.session_state.pop("upload_error", None)
    st.session_state.pop("days", None)


def sidebar(day_keys: list[str], labels: dict[str, str]) -> tuple[list[str], str]:
    with st.sidebar:
        st.header("Trip map")
        st.file_uploader(
            "Load your own trip (CSV or JSON)",
            type=["csv", "json"],
            key="uploader",
            on_change=on_upload,
            help="Columns: date, time, place, name, lat, lon, activity, mode, source, evidence. "
            "Only place is required.",
        )
        if st.session_state.get("upload_error"):
            st.error(st.session_state["upload_error"])
        if st.session_state.get("upload"):
            st.caption(f"Showing **{st.session_state['upload']['name']}**")
            st.button("Back to the default trip", on_click=use_default_trip)
        st.divider()
        if "days" not in st.session_state:
            st.session_state["days"] = list(day_keys)
        selected = st.multiselect(
            "Days to show",
            options=day_keys,
            format_func=lambda key: labels[key],
            key="days",
            help="The map, the timeline and the HTML download follow this choice.",
        )
        st.button("Show all days", on_click=lambda: st.session_state.update(days=list(day_keys)))
        basemap = st.selectbox(
            "Basemap",
            [OFFLINE_BASEMAP, *TILE_PROVIDERS],
            help="The offline basemap needs no internet; the others load tiles from their servers.",
        )
        st.divider()
        st.caption(
            "Places: [GeoNames](https://www.geonames.org/) (CC BY 4.0) and curated landmarks. "
            "Basemap: [Natural Earth](https://www.naturalearthdata.com/) (public domain)."
            + (" Tiles © OpenStreetMap contributors (ODbL)." if basemap != OFFLINE_BASEMAP else "")
        )
    return selected, basemap


def timeline(resolution: Resolution, selected: set[str]) -> None:
    st.subheader("Day by day")
    for day, colour in day_panels(resolution.trip):
        if day.key not in selected:
            continue
        km = f" · {day.km:,.0f} km" if day.legs else ""
        st.markdown(
            f'<span style="color:{colour}">●</span> **{html.escape(day.label)}**{km}',
            unsafe_allow_html=True,
        )
        lines = []
        for item in day.stops:
            stop = item.stop
            flag = "" if stop.located else " ⚠️ *not found*"
            time = f"{stop.time} " if stop.time else ""
            lines.append(f"{item.number}. {time}{_md(stop.label)}{flag}")
        st.markdown("\n".join(lines))


def _md(text: str) -> str:
    """User text as literal markdown: Streamlit already shows HTML as text, this stops markup."""
    escaped = text.replace("\n", " ")
    for char in "\\`*_{}[]()#+-.!|>~":
        escaped = escaped.replace(char, "\\" + char)
    return escaped


def main() -> None:
    ready = ensure_assets()
    data, filename = chosen_source()
    try:
        loaded = load(data, filename)
        resolution = resolve(data, filename)
    except TripMapError as exc:
        st.error(str(exc))
        use_default_trip()
        return
    trip = resolution.trip
    panels = day_panels(trip)
    labels = {day.key: f"{day.label} ({len(day.stops)})" for day, _ in panels}
    selected, basemap = sidebar(list(labels), labels)
    tiles = None if basemap == OFFLINE_BASEMAP else basemap
    selected_set = set(selected)

    st.title(trip.title)
    st.caption(summary(trip).sentence() + " · placed offline with GeoNames and curated landmarks")

    problems = [str(p) for p in loaded.problems]
    problems += [
        f"{filename}, row {s.row}: '{s.place}' was not found; add lat and lon, or another spelling of the place"
        for s in resolution.unresolved
    ]
    if problems:
        with st.expander(f"⚠️ {len(problems)} problem{'s' if len(problems) != 1 else ''} in this trip", expanded=True):
            st.markdown("\n".join(f"- {_md(p)}" for p in problems))
    if not selected:
        st.info("No day is selected: pick days in the sidebar to see their stops.")

    map_column, timeline_column = st.columns([3, 1], gap="medium")
    with map_column:
        if ready:
            fmap = build_map(trip, MapOptions(days=frozenset(selected), tiles=tiles, legend_open=False))
            st_folium(fmap, height=620, use_container_width=True, returned_objects=[], key="trip_map")
        day_key = tuple(sorted(selected))
        st.download_button(
            "Download map (HTML, works offline)",
            data=map_html(data, filename, day_key, tiles),
            file_name=f"{filename.rsplit('.', 1)[0]}-map.html",
            mime="text/html",
            disabled=not ready,
        )
    with timeline_column:
        timeline(resolution, selected_set)

    st.subheader("Stops")
    st.dataframe(
        stop_rows(trip),
        hide_index=True,
        width="stretch",
        column_config={
            "confidence": st.column_config.ProgressColumn("confidence", min_value=0.0, max_value=1.0, format="%.2f"),
            "lat": st.column_config.NumberColumn(format="%.4f"),
            "lon": st.column_config.NumberColumn(format="%.4f"),
        },
    )
    st.download_button(
        "Download trip (CSV)",
        data=trip_to_csv(trip),
        file_name=f"{filename.rsplit('.', 1)[0]}.csv",
        mime="text/csv",
    )


main()
