"""The sidebar: which trip, the visitor's own files, a news report, the basemap and online geocoding."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

import streamlit as st

from mapping.errors import InputError
from mapping.geocode.online import SERVICES
from mapping.io.formats import parse_trip, readable_extensions
from mapping.paths import DEFAULT_TRIP
from mapping.render.style import TILE_PROVIDERS
from mapping.report.extract import APP_TIME_BUDGET, read_report
from mapping.report.reading import Report, load_report
from mapping.ui.session import Keys, OwnTrip, Session
from mapping.ui.text import plain
from mapping.ui.trips import OFFLINE_ONLY, TRIPS, bundled_title, gazetteer

_LOG = logging.getLogger(__name__)
OFFLINE_BASEMAP = "Offline (Natural Earth)"
#: The largest file a visitor may upload; .streamlit/config.toml's maxUploadSize says the same to Streamlit.
MAX_UPLOAD_MB = 10


@dataclass(frozen=True)
class SidebarChoices:
    #: Where the map view draws the day filter and the stop to centre on.
    view_slot: Any
    #: A tile provider's name, or None for the offline basemap.
    tiles: str | None


def sidebar(session: Session) -> SidebarChoices:
    with st.sidebar:
        st.header("Trip map")
        _trip_picker(session)
        _own_trip(session)
        st.divider()
        view_slot = st.container()
        basemap = st.selectbox(
            "Basemap",
            [OFFLINE_BASEMAP, *TILE_PROVIDERS],
            key=Keys.BASEMAP,
            help="The offline basemap needs no internet; the others load tiles from their servers.",
        )
        _report(session)
        _online()
        st.divider()
        st.caption(
            "Places: [GeoNames](https://www.geonames.org/) (CC BY 4.0), airportsdata and curated landmarks. "
            "Basemap: [Natural Earth](https://www.naturalearthdata.com/) (public domain)."
            + (" Tiles © OpenStreetMap contributors (ODbL)." if basemap != OFFLINE_BASEMAP else "")
        )
    return SidebarChoices(view_slot, None if basemap == OFFLINE_BASEMAP else basemap)


def _trip_picker(session: Session) -> None:
    """The bundled trip to show and others to lay over it; both travel in the link. While the visitor's own
    trip is shown the picker is empty and says so, rather than name a bundled trip that is not on screen."""
    own = session.own
    trip_id = st.selectbox(
        "Trip",
        list(TRIPS),
        format_func=bundled_title,
        key=Keys.TRIP,
        bind="query-params",
        on_change=_on_pick_trip,
        placeholder=f"Your trip: {own.loaded.trip.title}" if own else "Choose a trip",
        help="The trips that come with the app. A copied link reopens the same trip, days and stop.",
    )
    others = [other for other in TRIPS if other != (trip_id or DEFAULT_TRIP.stem)]
    st.multiselect(
        "Compare with",
        others,
        format_func=bundled_title,
        key=Keys.OVERLAY,
        bind="query-params",
        help="Draws other trips on the same map, each in its own colour family.",
    )


def _own_trip(session: Session) -> None:
    st.file_uploader(
        "Load your own trip",
        type=[extension.lstrip(".") for extension in readable_extensions()],
        key=Keys.UPLOADER,
        on_change=_on_upload,
        help="Columns: date, time, place, name, lat, lon, activity, mode, source, evidence. Only place is required.",
    )
    # In one container, there or not: what comes and goes here does not move the day filter below it, which
    # the map's fragment redraws in place.
    with st.container():
        if session.upload_error:
            st.error(plain(session.upload_error))
        if session.own is not None:
            st.caption(
                f"Showing **{plain(session.own.name)}**. "
                "Links carry the days and stop but not the file: it stays in this browser session."
            )
            st.button("Back to the default trip", on_click=_use_default_trip)


def _report(session: Session) -> None:
    with st.expander("From a news report"):
        st.text_area("Paste the report", key=Keys.REPORT_PASTE, height=150, on_change=_on_report_change)
        st.file_uploader("…or upload it (.txt)", type=["txt"], key=Keys.REPORT_FILE, on_change=_on_report_change)
        st.date_input(
            "Reference date (when the report was written)",
            value=None,
            key=Keys.REPORT_DATE,
            help="Weekdays such as 'on Sunday' count back from this day. "
            "Filled in from a date line at the top of the report when there is one.",
        )
        st.button("Extract stops", on_click=session.ask_extract, type="primary")
        if session.take_extract_asked():
            _extract(session)
        if session.report_error:
            st.error(plain(session.report_error))
        if session.report_notice:
            st.warning(plain(session.report_notice))


def _online() -> None:
    with st.expander("Online geocoding"):
        st.selectbox(
            "Ask an online geocoder about places the offline gazetteer is unsure of",
            [OFFLINE_ONLY, *SERVICES],
            key=Keys.ONLINE_SERVICE,
            help="Needs internet. Answers are cached on disk; errors are not, and the offline answer stands.",
        )
        st.text_input(
            "User agent (your app name and an e-mail)",
            key=Keys.USER_AGENT,
            placeholder="my-trip-map/1.0 (me@example.org)",
            help="Nominatim's usage policy asks every application to identify itself.",
        )
        st.text_input(
            "Server (optional)",
            key=Keys.ONLINE_SERVER,
            placeholder="https://nominatim.example.org",
            help="For a self-hosted service; empty uses the public one.",
        )
        st.caption("Nominatim is asked at most once a second, as its policy requires. © OpenStreetMap (ODbL).")


# Callbacks: they run before the next run draws anything, so they may set widgets' values.


def _on_pick_trip() -> None:
    session = Session.open()
    session.drop_own()
    session.reset_trip_state()


def _use_default_trip() -> None:
    session = Session.open()
    session.drop_own()
    session.pick_bundled(DEFAULT_TRIP.stem)
    session.reset_trip_state()


def _on_upload() -> None:
    session = Session.open()
    file = session.uploaded
    if file is None:
        return
    data = file.getvalue()
    if len(data) > MAX_UPLOAD_MB * 1024 * 1024:
        session.upload_error = (
            f"{file.name}: the file is {len(data) / 1e6:.1f} MB; the limit is {MAX_UPLOAD_MB} MB. "
            "Split the trip into smaller files."
        )
        return
    try:
        loaded = parse_trip(data, filename=file.name)
    except InputError as exc:
        session.upload_error = str(exc)
        return
    except Exception as exc:  # a reader's bug must not become a visitor's traceback
        _LOG.error("reading %r failed", file.name, exc_info=exc)
        session.upload_error = f"{file.name}: the file could not be read ({type(exc).__name__}); check its format"
        return
    session.show_own(OwnTrip.of(file.name, loaded))


def _report_of(session: Session) -> Report | None:
    """The report pasted or uploaded; its problem, if it has one, goes in the report's error slot."""
    file = session.report_file
    try:
        if file is not None:
            return load_report(file.getvalue(), source=file.name)
        return load_report(session.report_paste)
    except InputError as exc:
        session.report_error = str(exc)
        return None


def _on_report_change() -> None:
    """Prefill the reference date from the report's own date line, when it has one."""
    session = Session.open()
    session.report_error = None
    # An empty report is not an error until the visitor asks for stops.
    if session.report_file is None and not session.report_paste.strip():
        return
    report = _report_of(session)
    if report is not None and report.dated is not None:
        session.set_report_date(report.dated)


def _extract(session: Session) -> None:
    """Read the report into a draft, with a true progress bar.

    Each update of the bar is where Streamlit ends the run of a visitor who has gone or who changed
    something meanwhile, so an abandoned report stops being parsed; a budget bounds the rest.
    """
    session.report_error = None
    report = _report_of(session)
    if report is None:
        return
    bar = st.progress(0.0, text="Reading the report…")

    def progress(done: int, total: int) -> None:
        bar.progress(min(1.0, done / max(1, total)), text=f"Reading the report: {done:,} of {total:,} characters")

    reading = read_report(
        report.text,
        gazetteer(),
        reference_date=session.report_date,
        time_budget=APP_TIME_BUDGET,
        progress=progress,
    )
    bar.empty()
    notice = (
        None
        if reading.complete
        else f"Read the first {reading.chars_read:,} of {reading.chars_total:,} characters in the time allowed "
        f"({APP_TIME_BUDGET:.0f} s): the stops below come from that part. Paste the rest on its own to read it."
    )
    session.keep_draft(reading.trip, notice)
