"""The floor of this stack: about the least a Streamlit page with a streamlit-folium map costs.

A day filter in the sidebar and 13 markers on a map, Leaflet served locally as
the app serves it; nothing else of trip map. benchmarks/browser_timing.py starts
it beside the app in the same run, so the app's figures read against what
Streamlit and streamlit-folium themselves cost on the machine. (Streamlit serves
``static/`` beside the script it runs: benchmarks/static links to the app's.)

    .venv/bin/streamlit run benchmarks/floor_app.py
"""

from __future__ import annotations

import sys
from pathlib import Path

import folium
import streamlit as st
from streamlit_folium import st_folium

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from mapping.render.assets import AssetMode, localize

DAYS = {"Day 1": 4, "Day 2": 3, "Day 3": 3, "Day 4": 3}

with st.sidebar:
    shown = st.multiselect("Days to show", list(DAYS), default=list(DAYS), key="days")
    st.button("Show all days", on_click=lambda: st.session_state.update({"days": list(DAYS)}))
fmap = folium.Map(location=[45.0, 132.0], zoom_start=5, tiles=None)
view = folium.FeatureGroup(name="view")
for day, count in DAYS.items():
    if day in shown:
        for i in range(count):
            folium.CircleMarker([43.0 + i, 128.0 + list(DAYS).index(day) * 2], class_name="trip-stop").add_to(view)
localize(fmap.get_root(), AssetMode.SERVED)
st_folium(fmap, feature_group_to_add=view, height=620, use_container_width=True, returned_objects=[], key="floor")
