"""The page's heading, its notices and problems, and the trip's downloads."""

from __future__ import annotations

import functools
from typing import Any

import streamlit as st

from mapping.export import EXPORTS, HTML
from mapping.ui.session import Session
from mapping.ui.text import plain
from mapping.ui.trips import Shown


def heading(session: Session, shown: Shown) -> None:
    st.title(plain(shown.title))
    st.caption(plain(shown.summary.sentence() + "".join(f" · compared with {o.trip.title}" for o in shown.overlays)))
    carried = session.take_load_error()
    if carried:
        st.error(plain(f"{carried}. The trip before it is shown instead."))
    for notice in shown.resolution.notices:
        st.warning(plain(notice))
    problems = shown.problems()
    if problems:
        with st.expander(f"⚠️ {len(problems)} problem{'s' if len(problems) != 1 else ''} in this trip", expanded=True):
            st.markdown("\n".join(f"- {plain(p)}" for p in problems))
    if not shown.trip.stops:
        st.info("This trip has no stops yet: add rows in 'Edit the trip', or load another file.")


def download_row() -> list[Any]:
    """One even row of equal columns, a button filling each: the map first, then every trip format."""
    return list(st.columns(len(EXPORTS)))


def trip_downloads(shown: Shown, columns: list[Any]) -> None:
    """Every trip format the registry can write, for the whole trip (the map's own button follows the days)."""
    writers = [(fmt, fmt.writer) for fmt in EXPORTS if fmt is not HTML and fmt.writer is not None]
    for index, (column, (fmt, write)) in enumerate(zip(columns[1:], writers, strict=True)):
        # No rerun on a download: nothing changes, and a rerun would replace the files mid-download.
        column.download_button(
            f"Download trip ({fmt.label})" if index == 0 else fmt.label,
            data=functools.partial(write, shown.trip),
            file_name=f"{shown.stem}{fmt.extension}",
            mime=fmt.mime,
            on_click="ignore",
            width="stretch",
        )
