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
    # No anchor: its link and id would be made from the visitor's text.
    st.title(plain(shown.title), anchor=False)
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


def download_label(index: int) -> str:
    """The button of ``EXPORTS[index]``: the map first, then the trip's formats."""
    fmt = EXPORTS[index]
    if fmt is HTML:
        return f"Download {fmt.label[0].lower()}{fmt.label[1:]}"
    return f"Download trip ({fmt.label})" if index == 1 else fmt.label


def download_row() -> list[Any]:
    """One row, a button filling each column, each column as wide as its label needs: even gaps, no label cut."""
    return list(st.columns([len(download_label(i)) + 6 for i in range(len(EXPORTS))], gap="small"))


def trip_downloads(shown: Shown, columns: list[Any]) -> None:
    """Every trip format the registry can write, for the whole trip (the map's own button follows the days)."""
    for index, fmt in enumerate(EXPORTS):
        if fmt is HTML or fmt.writer is None:
            continue
        # No rerun on a download: nothing changes, and a rerun would replace the files mid-download.
        columns[index].download_button(
            download_label(index),
            data=functools.partial(fmt.writer, shown.trip),
            file_name=f"{shown.stem}{fmt.extension}",
            mime=fmt.mime,
            on_click="ignore",
            width="stretch",
        )
