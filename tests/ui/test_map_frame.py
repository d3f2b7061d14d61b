from __future__ import annotations

from typing import Any

import pytest
import streamlit_folium

from mapping.geocode.resolve import Resolution
from mapping.render.map import MapOptions, build_map, view_layer
from mapping.ui.map_frame import frame_of, show_map
from tests.htmlfrag import shown_days, stop_features


@pytest.fixture
def component_calls(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    """What reaches streamlit-folium's component, recorded instead of sent to a browser."""
    calls: list[dict[str, Any]] = []
    monkeypatch.setattr(streamlit_folium, "_component_func", lambda **kwargs: calls.append(kwargs))
    return calls


@pytest.mark.parametrize("returned", [[], ["last_clicked"]])
def test_the_component_gets_what_st_folium_would_send(
    resolved_default: Resolution, component_calls: list[dict[str, Any]], returned: list[str]
) -> None:
    options = MapOptions(legend_open=False)
    days = ["2023-09-12", "2023-09-13"]
    streamlit_folium.st_folium(
        build_map(resolved_default.trip, options),
        feature_group_to_add=view_layer(days, 4),
        height=620,
        use_container_width=True,
        returned_objects=returned,
        key="trip_map",
    )
    show_map(
        frame_of(build_map(resolved_default.trip, options)),
        view_layer(days, 4),
        key="trip_map",
        height=620,
        returned=returned,
    )
    expected, ours = component_calls
    # st_folium's own callback copies the (empty) returned objects into session state; the app reads none.
    assert expected.pop("on_change") is not None
    assert ours.pop("on_change") is None
    assert ours == expected


def test_one_frame_serves_every_view(resolved_default: Resolution, component_calls: list[dict[str, Any]]) -> None:
    frame = frame_of(build_map(resolved_default.trip))
    show_map(frame, view_layer(["2023-09-17"]), key="trip_map", height=620)
    show_map(frame, view_layer(["2023-09-12", "2023-09-16"], 9), key="trip_map", height=620)
    first, second = component_calls
    # The same map, so the same component: the browser keeps it and swaps only the view layer.
    assert first["key"] == second["key"]
    assert first["script"] == second["script"]
    assert len(stop_features(first["script"])) == 13
    assert shown_days(first["feature_group"]) == ["2023-09-17"]
    assert shown_days(second["feature_group"]) == ["2023-09-12", "2023-09-16"]
