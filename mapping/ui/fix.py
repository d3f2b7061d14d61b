"""Fix a stop: pick another candidate for it, or type its coordinates; the choice is kept for the trip."""

from __future__ import annotations

import streamlit as st

from mapping.errors import InputError
from mapping.trip.choices import StopChoice, typed
from mapping.trip.status import OK, status
from mapping.ui.session import Keys, Session
from mapping.ui.text import plain
from mapping.ui.trips import Shown


def fix_a_stop(session: Session, shown: Shown) -> None:
    """Widget keys name the trip as read (``source.key``): choices change the trip shown, not the inputs."""
    token = shown.source.key
    stops = shown.trip.stops
    # The list says how the geocoder left each stop, not the visitor's choices: a list that changed with
    # each choice would be a new widget, and jump back to its first stop.
    found = shown.resolution.trip.stops
    if not stops or len(found) != len(stops):
        return
    # Stops worth checking first: not found, then uncertain, then the rest.
    order = sorted(range(len(found)), key=lambda i: (found[i].located, not found[i].uncertain, i))
    with st.expander("Fix a stop: pick another place or type coordinates", expanded=False):
        index = st.selectbox(
            "Stop",
            order,
            format_func=lambda i: (
                f"{i + 1}. {found[i].label}" + ("" if status(found[i]) == OK else f" — {status(found[i])}")
            ),
            key=Keys.of_trip("fix_stop", token),
        )
        if index is None or not 0 <= index < len(stops):
            return
        stop = stops[index]
        st.caption(
            plain(f"Now: {stop.matched or stop.place} · from {stop.provider or 'nowhere'}")
            + (f" · confidence {stop.confidence:.0%}" if stop.confidence is not None and stop.located else "")
        )
        offered = shown.resolution.choices.get(index, ())
        if offered:
            # Radio options are Markdown: a geocoder's answer is shown as text.
            pick = st.radio(
                "Candidates",
                range(len(offered)),
                format_func=lambda i: plain(offered[i].label),
                key=Keys.of_trip("pick", token, index),
            )
            if st.button("Use this place", key=Keys.of_trip("use", token, index)):
                choice = offered[pick]
                session.choose(index, StopChoice(choice.lat, choice.lon, choice.name, "chosen"))
                st.rerun()
        else:
            st.caption("No candidates: the stop had coordinates, or nothing matched its name.")
        columns = st.columns(3)
        lat = columns[0].number_input(
            "Latitude", -90.0, 90.0, value=stop.lat or 0.0, format="%.5f", key=Keys.of_trip("lat", token, index)
        )
        lon = columns[1].number_input(
            "Longitude", -180.0, 180.0, value=stop.lon or 0.0, format="%.5f", key=Keys.of_trip("lon", token, index)
        )
        if columns[2].button("Use these coordinates", key=Keys.of_trip("typed", token, index)):
            try:
                session.choose(index, typed(lat, lon))
            except InputError as exc:
                st.error(plain(exc))
            else:
                st.rerun()
        if session.placing == index:
            st.button(
                "Stop placing", key=Keys.of_trip("unplace", token, index), on_click=session.place_by_click, args=(None,)
            )
        else:
            st.button(
                "Place it on the map",
                key=Keys.of_trip("place", token, index),
                on_click=session.place_by_click,
                args=(index,),
                help="Then click the map where the stop is. 'Undo my choice' puts it back.",
            )
        if index in session.choices and st.button(
            "Undo my choice for this stop", key=Keys.of_trip("undo", token, index)
        ):
            session.choose(index, None)
            st.rerun()
