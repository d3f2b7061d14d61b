"""The chart specs: every stop on the timeline once, at its time and in its map colour; distances add up."""

from __future__ import annotations

import json
import math
from datetime import date
from typing import Any

import pytest
from altair.utils.schemapi import validate_jsonschema
from altair.vegalite.v6.schema import load_schema

from mapping.trip.model import Stop, Trip
from mapping.trip.modes import label as mode_label
from mapping.trip.timeline import Day
from mapping.ui.charts import distance_chart, timeline_chart
from mapping.ui.panels import day_panels

D1, D2, D3 = date(2023, 9, 10), date(2023, 9, 11), date(2023, 9, 12)


@pytest.fixture
def panels() -> list[tuple[Day, str]]:
    trip = Trip(
        "t",
        (
            Stop("Kyiv", D1, "09:30", lat=50.45, lon=30.52),
            Stop("Lviv", D1, lat=49.84, lon=24.03, mode="train"),
            Stop("Lost", D1),  # dated, never found: not on the map
            Stop("Rest", D2, "08:00", lat=49.84, lon=24.03, mode="foot"),  # 0 km: a day without travel
            Stop("Warsaw", D3, "23:59", name="<b>Warsaw</b>", lat=52.23, lon=21.01, mode="car"),
            Stop("Berlin", D3, lat=52.52, lon=13.40, mode="plane", provider="gazetteer", confidence=0.1),
            Stop("Somewhere", lat=48.0, lon=11.0, mode="car"),  # undated, on the map
            Stop("Nowhere"),  # undated, not found
        ),
    )
    return day_panels(trip)


def _values(spec: dict[str, Any]) -> list[dict[str, Any]]:
    values: list[dict[str, Any]] = spec["data"]["values"]
    return values


def test_every_dated_located_stop_once_at_its_time_in_its_day_colour(panels: list[tuple[Day, str]]) -> None:
    spec = timeline_chart(panels)
    rows = {row["number"]: row for row in _values(spec)}
    assert len(rows) == len(_values(spec))
    assert sorted(rows) == [1, 2, 4, 5, 6]
    assert {n: rows[n]["at"] for n in rows} == {
        1: "2023-09-10T09:30:00",
        2: "2023-09-10T12:00:00",  # no time given: noon
        4: "2023-09-11T08:00:00",
        5: "2023-09-12T23:59:00",
        6: "2023-09-12T12:00:00",
    }
    map_colour = {day.label: colour for day, colour in panels}
    scale = spec["encoding"]["fill"]["scale"]
    assert scale == spec["encoding"]["stroke"]["scale"]
    chart_colour = dict(zip(scale["domain"], scale["range"], strict=True))
    for row in rows.values():
        assert chart_colour[row["day"]] == map_colour[row["day"]]
    assert "Undated" not in chart_colour


def test_tooltip_reads_like_the_map(panels: list[tuple[Day, str]]) -> None:
    spec = timeline_chart(panels)
    rows = {row["number"]: row for row in _values(spec)}
    assert rows[1]["when"] == "Sun 10 Sep 2023, 09:30"
    assert rows[2]["when"] == "Sun 10 Sep 2023"
    assert rows[1]["km"] == "—"  # the first stop comes from nowhere
    assert rows[2]["mode"] == "Train"
    assert 400 < float(rows[2]["km"].replace(",", "")) < 600  # Kyiv to Lviv
    assert rows[5]["stop"] == "<b>Warsaw</b>"  # a data value, drawn as text
    assert [t["field"] for t in spec["encoding"]["tooltip"]] == ["number", "stop", "when", "mode", "km"]


def test_undated_and_unfound_stops_are_left_out_and_counted(panels: list[tuple[Day, str]]) -> None:
    spec = timeline_chart(panels)
    assert spec["usermeta"] == {"left_out": 3, "undated": 2, "not_located": 1}
    assert "3 left out (2 undated, 1 not found on the map)" in spec["description"]
    assert {row["stop"] for row in _values(spec)}.isdisjoint({"Somewhere", "Nowhere", "Lost"})


def test_uncertain_stops_are_hollow(panels: list[tuple[Day, str]]) -> None:
    spec = timeline_chart(panels)
    assert [row["number"] for row in _values(spec) if row["uncertain"]] == [6]
    assert spec["encoding"]["fillOpacity"] == {"condition": {"test": "datum.uncertain", "value": 0}, "value": 1}
    assert "Hollow" in spec["title"]["subtitle"]


def test_distance_bars_add_up_to_each_day_per_mode(panels: list[tuple[Day, str]]) -> None:
    spec = distance_chart(panels)
    for day, _ in panels:
        bars = [row for row in _values(spec) if row["day"] == day.label]
        assert math.isclose(sum(row["km"] for row in bars), day.km)
        for leg in day.legs:
            mode_km = sum(row["km"] for row in bars if row["mode"] == mode_label(leg.mode))
            legs_km = sum(other.km for other in day.legs if other.mode == leg.mode)
            assert math.isclose(mode_km, legs_km)
    d3 = {row["mode"]: row["km"] for row in _values(spec) if row["day"] == "Tue 12 Sep 2023"}
    assert set(d3) == {"Car", "Plane"}


def test_days_stay_in_trip_order_and_without_travel_on_the_axis(panels: list[tuple[Day, str]]) -> None:
    spec = distance_chart(panels)
    labels = [day.label for day, _ in panels]
    assert labels == ["Sun 10 Sep 2023", "Mon 11 Sep 2023", "Tue 12 Sep 2023", "Undated"]
    assert labels != sorted(labels)  # alphabetical order would be wrong here
    assert spec["encoding"]["x"]["sort"] == labels
    assert spec["encoding"]["x"]["scale"]["domain"] == labels
    # 11 Sep: Lviv to the same spot on foot, 0 km; still a day on the axis.
    rest = [row for row in _values(spec) if row["day"] == "Mon 11 Sep 2023"]
    assert sum(row["km"] for row in rest) == 0
    legend = spec["encoding"]["color"]["scale"]
    assert legend["domain"] == ["Train", "Car", "Plane", "On foot"]  # the map's mode words, in the map's order
    assert len(legend["range"]) == 4


def test_a_day_without_legs_has_no_bar_but_keeps_its_place() -> None:
    trip = Trip("t", (Stop("A", D1, lat=0.0, lon=0.0), Stop("B", D3, lat=0.0, lon=0.0), Stop("C", D3)))
    panels = day_panels(trip)
    spec = distance_chart(panels)
    assert spec["encoding"]["x"]["sort"] == ["Sun 10 Sep 2023", "Tue 12 Sep 2023"]
    assert {row["day"] for row in _values(spec)} <= {"Tue 12 Sep 2023"}


def test_empty_trip_gives_drawable_specs() -> None:
    for spec in (timeline_chart([]), distance_chart([])):
        assert _values(spec) == []
        _assert_valid(spec)


@pytest.mark.parametrize("chart", [timeline_chart, distance_chart])
def test_specs_are_offline_json_and_valid_vega_lite(panels: list[tuple[Day, str]], chart: Any) -> None:
    spec = chart(panels)
    text = json.dumps(spec, ensure_ascii=False)
    assert "http" not in text.lower()
    assert "url" not in spec.get("data", {})
    assert spec["width"] == "container"
    assert spec["title"]["text"]
    _assert_valid(spec)


def _assert_valid(spec: dict[str, Any]) -> None:
    # Altair ships the Vega-Lite schema Streamlit's bundled Vega-Lite reads, so this needs no network.
    error = validate_jsonschema(spec, load_schema(), raise_error=False)
    assert error is None, str(error)


def test_both_charts_share_one_day_axis_with_every_stop_inside_it(panels: list[tuple[Day, str]]) -> None:
    timeline, distance = timeline_chart(panels), distance_chart(panels)
    assert timeline["encoding"]["x"] == distance["encoding"]["x"]
    days = timeline["encoding"]["x"]["scale"]["domain"]
    offset = timeline["encoding"]["xOffset"]["scale"]["domain"]
    for row in _values(timeline):
        assert row["day"] in days
        # Within its day's band: the 23:59 stop too, which a date axis drew past the last tick.
        assert offset[0] <= row["minute"] < offset[1]
    assert {row["number"]: row["minute"] for row in _values(timeline)}[5] == 23 * 60 + 59
