from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from geopy.distance import great_circle

from mapping.editing import SOURCE, apply_edits, editor_rows
from mapping.geocode.gazetteer import OfflineGazetteer
from mapping.geocode.resolve import Resolution, resolve_trip
from mapping.io.csv import trip_to_csv
from mapping.io.formats import parse_trip
from mapping.io.json import trip_to_json
from mapping.trip.model import Trip

USSURIYSK = (43.8, 131.95)


def table(trip: Trip) -> list[tuple[int | None, dict[str, Any]]]:
    return [(i, row) for i, row in enumerate(editor_rows(trip))]


def placed(trip: Trip) -> list[tuple[str, float | None, float | None, str | None]]:
    return [(s.place, s.lat, s.lon, s.provider) for s in trip.stops]


def test_an_untouched_table_gives_the_same_trip(resolved_default: Resolution, gazetteer: OfflineGazetteer) -> None:
    trip = resolved_default.trip
    result = apply_edits(trip, table(trip), gazetteer)
    assert result.problems == ()
    assert result.geocoded == ()
    assert placed(result.trip) == placed(trip)
    assert [s.confidence for s in result.trip.stops] == [s.confidence for s in trip.stops]


def test_a_changed_place_is_looked_up_alone(resolved_default: Resolution, gazetteer: OfflineGazetteer) -> None:
    trip = resolved_default.trip
    rows = table(trip)
    rows[1][1]["place"] = "Ussuriysk"
    result = apply_edits(trip, rows, gazetteer)
    assert result.geocoded == (2,)
    moved = result.trip.stops[1]
    assert great_circle((moved.lat, moved.lon), USSURIYSK).km < 15
    assert moved.provider == "gazetteer"
    assert placed(result.trip)[2:] == placed(trip)[2:]
    assert placed(result.trip)[0] == placed(trip)[0]


def test_rows_are_reordered_removed_added_and_typed(resolved_default: Resolution, gazetteer: OfflineGazetteer) -> None:
    trip = resolved_default.trip
    rows = table(trip)
    rows[0][1]["order"], rows[1][1]["order"] = 2, 1
    del rows[5]
    rows.append((None, {"order": None, "date": date(2023, 9, 20), "place": "Khabarovsk", "mode": "train"}))
    rows.append((None, {"order": None, "place": "Somewhere typed", "lat": 43.0, "lon": 132.0}))
    result = apply_edits(trip, rows, gazetteer)
    assert result.problems == ()
    stops = result.trip.stops
    assert len(stops) == len(trip.stops) + 1
    assert [s.name for s in stops[:2]] == [trip.stops[1].name, trip.stops[0].name]
    assert trip.stops[5].name not in [s.name for s in stops]
    khabarovsk = stops[-2]
    assert great_circle((khabarovsk.lat, khabarovsk.lon), (48.48, 135.08)).km < 15
    assert (khabarovsk.date, khabarovsk.mode) == (date(2023, 9, 20), "train")
    assert (stops[-1].lat, stops[-1].lon, stops[-1].provider) == (43.0, 132.0, "given")
    assert result.geocoded == (len(stops) - 1,)


def test_clearing_coordinates_looks_the_place_up_again(gazetteer: OfflineGazetteer) -> None:
    trip = parse_trip("place,lat,lon\nVladivostok,10.0,10.0\n", filename="t.csv").trip
    rows = table(trip)
    rows[0][1]["lat"] = rows[0][1]["lon"] = float("nan")
    result = apply_edits(trip, rows, gazetteer)
    stop = result.trip.stops[0]
    assert great_circle((stop.lat, stop.lon), (43.12, 131.89)).km < 10
    assert result.geocoded == (1,)


def test_a_bad_cell_is_named_and_nothing_changes(resolved_default: Resolution, gazetteer: OfflineGazetteer) -> None:
    trip = resolved_default.trip
    rows = table(trip)
    rows[2][1]["time"] = "25:00"
    rows[3][1]["place"] = "Ussuriysk"
    result = apply_edits(trip, rows, gazetteer)
    assert result.trip is trip
    (problem,) = result.problems
    assert str(problem).startswith(f"{SOURCE}, row 3, field 'time': '25:00' is not a time")
    assert "HH:MM" in str(problem)


def test_an_empty_table_is_refused(resolved_default: Resolution, gazetteer: OfflineGazetteer) -> None:
    result = apply_edits(resolved_default.trip, [], gazetteer)
    assert result.trip is resolved_default.trip
    assert "no stops left" in str(result.problems[0])


@pytest.mark.parametrize("write", [trip_to_json, trip_to_csv])
def test_an_edited_trip_downloads_and_loads_back_unchanged(
    resolved_default: Resolution, gazetteer: OfflineGazetteer, write: Any
) -> None:
    rows = table(resolved_default.trip)
    rows[1][1]["place"] = "Ussuriysk"
    rows[4][1]["mode"] = "car"
    edited = apply_edits(resolved_default.trip, rows, gazetteer).trip
    extension = "json" if write is trip_to_json else "csv"
    loaded = parse_trip(write(edited), filename=f"edited.{extension}")
    assert loaded.problems == ()
    again = resolve_trip(loaded.trip, gazetteer).trip
    assert again.title == edited.title
    assert [(s.place, s.name, s.date, s.time, s.mode, s.activity) for s in again.stops] == [
        (s.place, s.name, s.date, s.time, s.mode, s.activity) for s in edited.stops
    ]
    for a, b in zip(again.stops, edited.stops, strict=True):
        assert (a.lat, a.lon) == pytest.approx((b.lat, b.lon), abs=1e-6)
    if write is trip_to_json:
        assert [s.provider for s in again.stops] == [s.provider for s in edited.stops]
