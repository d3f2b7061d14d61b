"""The panels under the map: the stops, the trip as an editable table, the days, the charts; and a draft's review."""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from mapping.editing import EDIT_COLUMNS, apply_edits, draft_edits, editor_rows
from mapping.geocode.resolve import Resolution, resolve_trip
from mapping.report.drafts import DRAFT_FILENAME, draft_rows
from mapping.trip.legs import day_rows
from mapping.trip.model import MODES, LoadResult
from mapping.ui.charts import distance_chart, timeline_chart
from mapping.ui.panels import stop_rows
from mapping.ui.session import Keys, OwnTrip, Session
from mapping.ui.text import plain
from mapping.ui.trips import Shown, gazetteer, online_settings

PANELS = ("Stops", "Edit the trip", "By day", "Charts")


def panels(session: Session, shown: Shown) -> None:
    """Only the open tab is worked out and sent: a 10,000-stop trip's editor and charts are heavy."""
    table, edit, by_day, charts = st.tabs(list(PANELS), key=Keys.PANEL, on_change="rerun")
    if table.open:
        table.dataframe(
            stop_rows(shown.trip, shown.resolution.choices),
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
            _edit_trip(session, shown)
    if by_day.open:
        by_day.dataframe(day_rows(shown.days), hide_index=True, width="stretch")
    if charts.open:
        charts.vega_lite_chart(timeline_chart(shown.panels), width="stretch")
        charts.vega_lite_chart(distance_chart(shown.panels), width="stretch")


def _edit_trip(session: Session, shown: Shown) -> None:
    """The trip as an editable table; applying it makes the edited trip the one shown, and undo goes back."""
    trip = shown.trip
    st.caption(
        "Change any cell, add a row at the bottom, delete rows (tick them, then the bin), or change 'order' to "
        "move a stop. A changed place is looked up again; the other stops keep their places. Clear lat and lon "
        "to look a place up again."
    )
    frame = pd.DataFrame(editor_rows(trip), columns=list(EDIT_COLUMNS))
    edited = st.data_editor(
        frame,
        key=Keys.of_trip("edit", shown.key),
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
    columns = st.columns([1, 1, 3])
    if columns[0].button("Apply changes", type="primary", key=Keys.of_trip("apply", shown.key)):
        rows = [
            (
                int(index) if isinstance(index, int) and index < len(trip.stops) else None,
                {str(k): v for k, v in row.items()},
            )
            for index, row in zip(edited.index, edited.to_dict("records"), strict=True)
        ]
        result = apply_edits(trip, rows, gazetteer())
        if result.problems:
            session.edit_problems = [str(problem) for problem in result.problems]
        else:
            stem = shown.stem.removesuffix("-edited")
            # The edited trip goes in as it is, geocoded: only the stops it changed were looked up.
            own = OwnTrip.of(
                f"{stem}-edited.json",
                LoadResult(result.trip),
                result.carried(shown.resolution),
                online_settings(session),
            )
            notice = "Looked up again: stop " + ", ".join(map(str, result.geocoded)) if result.geocoded else None
            session.apply_edit(own, notice)
            st.rerun()
    columns[1].button(
        "Undo the last change", on_click=session.undo_edit, disabled=not session.can_undo, key=Keys.UNDO_EDIT
    )
    for problem in session.edit_problems:
        st.error(plain(problem))
    notice = session.take_edit_notice()
    if notice:
        st.caption(notice)


def review_draft(session: Session) -> None:
    """The stops found in a report, to check against their evidence before mapping them."""
    draft = session.draft
    if draft is None:
        return
    st.subheader(f"Draft from the report: {len(draft.stops)} stops")
    st.caption(
        "Each stop comes with the sentence it was found in. Untick what is wrong, correct a date or a place "
        "(an edited place is geocoded again), then map the trip. Stops the report gives no day for stay undated; "
        "a place visited that the offline gazetteer does not know is kept without coordinates, to place by hand "
        'in "Fix a stop" once mapped.'
    )
    session.draft_rows = st.data_editor(
        draft_rows(draft, gazetteer()),
        key=Keys.DRAFT_EDITOR,
        hide_index=True,
        width="stretch",
        disabled=["found as", "evidence", "confidence", "other candidates", "lat", "lon"],
        column_config={
            "keep": st.column_config.CheckboxColumn("keep", default=True),
            "confidence": st.column_config.ProgressColumn("confidence", min_value=0.0, max_value=1.0, format="%.2f"),
            "evidence": st.column_config.TextColumn("evidence", width="large"),
        },
    )
    columns = st.columns([1, 1, 4])
    columns[0].button("Map these stops", on_click=_map_draft, type="primary")
    columns[1].button("Discard the draft", on_click=_discard_draft)


def _map_draft() -> None:
    """The reviewed draft goes in as a geocoded trip: only the places the visitor corrected are looked up."""
    session = Session.open()
    draft, rows = session.draft, session.draft_rows
    if draft is None or rows is None:
        return
    records: list[dict[str, Any]] = rows.to_dict("records") if hasattr(rows, "to_dict") else list(rows)
    result = apply_edits(draft, draft_edits(draft, records), gazetteer())
    session.draft = None
    if result.problems:
        session.upload_error = str(result.problems[0])
        return
    # The alternatives offered in "Fix a stop" for every stop: a draft is short, its places already found.
    resolution: Resolution = resolve_trip(result.trip, gazetteer())
    session.show_own(OwnTrip.of(DRAFT_FILENAME, LoadResult(result.trip), resolution, online_settings(session)))


def _discard_draft() -> None:
    Session.open().draft = None
