"""The trip on screen: where it comes from, geocoded once, and what every panel needs worked out once per run."""

from __future__ import annotations

import dataclasses
import logging
from dataclasses import dataclass
from functools import cached_property
from typing import Any

import streamlit as st

from mapping.errors import TripMapError
from mapping.geocode.cache import GeoCache
from mapping.geocode.gazetteer import OfflineGazetteer
from mapping.geocode.online import OnlineGeocoder, OnlineSettings, ProviderFailure, fallback_notice, parse_server
from mapping.geocode.resolve import Resolution, resolve_trip
from mapping.io.formats import load_trip
from mapping.paths import DEFAULT_TRIP, bundled_trips
from mapping.render.features import TripLayout, trip_layout
from mapping.render.style import DAY_COLOURS, TRIP_FAMILIES, Overlay
from mapping.trip.choices import apply_choices
from mapping.trip.legs import SpeedFlag
from mapping.trip.model import MAX_FIELD_CHARS, LoadResult, Trip
from mapping.trip.status import not_found_message
from mapping.trip.timeline import Day
from mapping.ui.panels import Summary, day_panels, summary
from mapping.ui.session import Keys, OwnTrip, Session, fingerprint
from mapping.ui.text import plain

_LOG = logging.getLogger(__name__)
TRIPS = bundled_trips()
OFFLINE_ONLY = "Off (offline gazetteer only)"
#: Past this many stops a progress bar shows the geocoding (always, when an online service is asked).
PROGRESS_FROM = 20


@st.cache_resource(show_spinner="Opening the offline place index (the first run builds it, about 30 s)…")
def gazetteer() -> OfflineGazetteer:
    return OfflineGazetteer()


@st.cache_resource
def geocode_cache() -> GeoCache:
    return GeoCache()


@st.cache_data(show_spinner=False)
def bundled(trip_id: str) -> tuple[LoadResult, str]:
    """A bundled trip as read, and its name: read, parsed and named once per process."""
    loaded = load_trip(TRIPS[trip_id])
    return loaded, fingerprint(TRIPS[trip_id].name, loaded)


def bundled_title(trip_id: str) -> str:
    return bundled(trip_id)[0].trip.title


def online_settings(session: Session) -> OnlineSettings | None:
    service = session.online_service
    if service is None or service == OFFLINE_ONLY:
        return None
    scheme, domain = parse_server(session.online_server)
    return OnlineSettings(service=service, user_agent=session.user_agent, domain=domain, scheme=scheme)


@dataclass(frozen=True)
class Source:
    """A trip as read, before geocoding: the visitor's own or a bundled one."""

    name: str
    loaded: LoadResult
    key: str
    own: OwnTrip | None = None


def source_of(session: Session) -> Source:
    if session.own is not None:
        own = session.own
        return Source(own.name, own.loaded, own.key, own)
    trip_id = session.bundled_id if session.bundled_id in TRIPS else DEFAULT_TRIP.stem
    loaded, key = bundled(trip_id)
    return Source(TRIPS[trip_id].name, loaded, key)


def resolve(session: Session, source: Source, settings: OnlineSettings | None, slot: Any) -> Resolution:
    """Geocode once per trip and settings, with a true progress bar; reruns reuse the answer.

    The bar is updated at every online question (a second each), and each update is where Streamlit
    ends the run of a visitor who has gone: no question is sent for a closed tab.
    """
    if source.own is not None and source.own.resolution is not None and source.own.settings == settings:
        return source.own.resolution
    kept = session.resolution(source.key, settings)
    if kept is not None:
        return kept
    online = None
    notices: list[str] = []
    if settings is not None:
        try:
            online = OnlineGeocoder(settings, geocode_cache(), session=session.online_budget)
        except ProviderFailure as exc:
            notices.append(fallback_notice(exc))
    trip = source.loaded.trip
    # In a slot that is always there: a bar appearing only on the first run would move the map and reload it.
    bar = slot.progress(0.0, text="Geocoding…") if len(trip.stops) > PROGRESS_FROM or online else None
    step = max(1, len(trip.stops) // 50)

    def progress(done: int, total: int) -> None:
        if bar is not None and (online is not None or done % step == 0 or done == total):
            bar.progress(min(1.0, done / total), text=f"Geocoding: {done:,} of {total:,} steps")

    resolution = resolve_trip(trip, gazetteer(), online=online, progress=progress)
    if bar is not None:
        bar.empty()
    if notices:
        resolution = dataclasses.replace(resolution, notices=(*notices, *resolution.notices))
    session.keep_resolution(source.key, settings, resolution)
    return resolution


@dataclass(frozen=True)
class Shown:
    """The trip on screen this run, with what the panels share worked out once: days, colours, flags."""

    source: Source
    resolution: Resolution
    trip: Trip
    #: Names the trip as shown (its file, how it was geocoded and the visitor's choices).
    key: str
    palette: tuple[str, ...]
    overlays: tuple[Overlay, ...]

    @cached_property
    def layout(self) -> TripLayout:
        """Days, colours, moments and speed flags, worked out once for the map and every panel."""
        return trip_layout(self.trip, self.palette)

    @property
    def days(self) -> tuple[Day, ...]:
        return self.layout.days

    @cached_property
    def panels(self) -> list[tuple[Day, str]]:
        return day_panels(self.trip, self.palette, self.layout)

    @property
    def flags(self) -> list[SpeedFlag]:
        return list(self.layout.flags.values())

    @cached_property
    def summary(self) -> Summary:
        return summary(self.trip, self.days)

    @property
    def name(self) -> str:
        return self.source.name

    @property
    def stem(self) -> str:
        return self.name.rsplit(".", 1)[0]

    @property
    def title(self) -> str:
        return self.trip.title

    def problems(self) -> list[str]:
        found = [str(p) for p in self.source.loaded.problems]
        found += [not_found_message(s, self.name) for s in self.trip.stops if not s.located]
        return found + [flag.message for flag in self.flags]


def capped(trip: Trip) -> Trip:
    """A title is a field like any other: no longer than the field limit."""
    if len(trip.title) <= MAX_FIELD_CHARS:
        return trip
    return dataclasses.replace(trip, title=trip.title[: MAX_FIELD_CHARS - 1] + "…")


def shown_trip(session: Session, slot: Any) -> Shown | None:
    """The trip to show, geocoded. A trip that cannot be shown is dropped with its message; the bundled
    trip is shown instead, and when even that fails the message stands alone and the sidebar still works."""
    settings = online_settings(session)
    source = source_of(session)
    try:
        resolution = resolve(session, source, settings, slot)
        overlays = _overlays(session, settings, slot)
    except Exception as exc:  # Streamlit's own stop and rerun are BaseExceptions, and pass
        message = str(exc) if isinstance(exc, TripMapError) else _unexpected(exc)
        if source.own is None:
            st.error(plain(message))
            return None
        session.drop_own()
        session.carry_load_error(message)
        # The picker shows the bundled trip from the next run on; it was drawn empty for the own trip.
        session.set_on_next_run(Keys.TRIP, DEFAULT_TRIP.stem)
        st.rerun()
    trip = capped(apply_choices(resolution.trip, session.choices))
    key = fingerprint(source.key, settings, sorted(session.choices.items()))
    palette = TRIP_FAMILIES[0] if overlays else DAY_COLOURS
    return Shown(source, resolution, trip, key, palette, overlays)


def _unexpected(exc: Exception) -> str:
    """An error the app has no message for: logged in full for the operator, one line for the visitor."""
    _LOG.error("mapping a trip failed", exc_info=exc)
    return f"the trip could not be mapped ({type(exc).__name__}); the server's log has the details"


def _overlays(session: Session, settings: OnlineSettings | None, slot: Any) -> tuple[Overlay, ...]:
    ids = [i for i in session.overlay_ids if i in TRIPS]
    found = []
    for family, trip_id in zip(TRIP_FAMILIES[1:], ids, strict=False):
        loaded, key = bundled(trip_id)
        found.append(Overlay(resolve(session, Source(TRIPS[trip_id].name, loaded, key), settings, slot).trip, family))
    return tuple(found)
