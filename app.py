"""Trip map: the page, top to bottom. The parts are in mapping/ui; the work is in mapping/."""

from __future__ import annotations

import streamlit as st

from mapping.ui.fix import fix_a_stop
from mapping.ui.map_view import MAP_HEIGHT, ViewSlots, assets_ready, map_frame, map_options, map_view
from mapping.ui.page import download_row, heading, trip_downloads
from mapping.ui.session import Session
from mapping.ui.sidebar import sidebar
from mapping.ui.tables import panels, review_draft
from mapping.ui.trips import shown_trip

st.set_page_config(page_title="Trip map", page_icon="🗺️", layout="wide")

session = Session.open()
choices = sidebar(session)
review_draft(session)
# Always there, even empty: a progress bar appearing only on the first run would move the map and reload it.
progress = st.empty()
shown = shown_trip(session, progress)
if shown is None:
    st.stop()

heading(session, shown)
# Always there, even empty: an element appearing above the map would move it and reload it.
notice = st.container()
map_column, timeline_column = st.columns([3, 1], gap="medium")
# As tall as the map, scrolling: the downloads follow the map, not the end of a long timeline.
timeline = timeline_column.container(height=MAP_HEIGHT, border=False)
downloads = download_row()
options = map_options(session, shown, choices.tiles)
frame = map_frame(shown, options) if assets_ready() else None
map_view(session, shown, frame, options, ViewSlots(choices.view_slot, notice, map_column, downloads[0], timeline))
trip_downloads(shown, downloads)

panels(session, shown)
fix_a_stop(session, shown)
