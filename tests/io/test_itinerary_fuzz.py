"""Mangled trip files, generated: every one ends in a trip or in an InputError naming the file."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mapping.errors import InputError
from mapping.io.formats import parse_trip
from mapping.trip.model import COLUMNS, LoadResult

NAME = "fuzzed.csv"

cells = st.one_of(
    st.text(max_size=40),
    st.sampled_from(
        ["nan", "NaN", "inf", "-inf", "1e309", "95", "-181", "2023-02-30", "12/09/2023", "25:61", "  ", '"']
    ),
    st.floats(allow_nan=True, allow_infinity=True).map(str),
    st.integers().map(str),
)
headers = st.lists(st.sampled_from([*COLUMNS, "extra", "", "PLACE", " lat "]), min_size=1, max_size=12)


def check(result_or_error: LoadResult | InputError, filename: str) -> None:
    if isinstance(result_or_error, InputError):
        assert str(result_or_error).startswith(filename)
        return
    for problem in result_or_error.problems:
        assert problem.source == filename
        assert problem.row is not None
    for stop in result_or_error.trip.stops:
        assert stop.place
        if stop.lat is not None:
            assert -90 <= stop.lat <= 90
            assert stop.lon is not None
            assert -180 <= stop.lon <= 180


def load(data: bytes, filename: str) -> LoadResult | InputError:
    try:
        return parse_trip(data, filename=filename)
    except InputError as error:
        return error


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(header=headers, rows=st.lists(st.lists(cells, max_size=14), max_size=20), bom=st.booleans())
def test_generated_csv_loads_or_fails_clearly(header: list[str], rows: list[list[str]], bom: bool) -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows(rows)
    data = ("\ufeff" if bom else "") + buffer.getvalue()
    check(load(data.encode("utf-8"), NAME), NAME)


@settings(max_examples=300, deadline=None)
@given(data=st.binary(max_size=400))
def test_arbitrary_bytes_load_or_fail_clearly(data: bytes) -> None:
    check(load(data, NAME), NAME)
    check(load(data, "fuzzed.json"), "fuzzed.json")


json_values = st.recursive(
    st.none() | st.booleans() | st.floats() | st.integers() | st.text(max_size=20),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=20,
)
stop_records = st.dictionaries(st.sampled_from([*COLUMNS, "provider", "confidence", "x"]), json_values, max_size=8)


@settings(max_examples=300, deadline=None)
@given(stops=st.lists(st.one_of(stop_records, json_values), max_size=8), title=json_values)
def test_generated_json_loads_or_fails_clearly(stops: list[Any], title: Any) -> None:
    data = json.dumps({"title": title, "stops": stops}).encode()
    check(load(data, "fuzzed.json"), "fuzzed.json")


coordinates = st.lists(
    st.one_of(st.floats(allow_nan=True, allow_infinity=True), st.integers(), st.text(max_size=4)), max_size=3
)
geometries = st.one_of(
    st.fixed_dictionaries(
        {"type": st.sampled_from(["Point", "LineString", "Polygon", "Bogus"]), "coordinates": coordinates}
    ),
    json_values,
)
features = st.one_of(
    st.fixed_dictionaries(
        {"type": st.just("Feature"), "geometry": geometries, "properties": st.one_of(stop_records, json_values)}
    ),
    json_values,
)


@settings(max_examples=200, deadline=None)
@given(items=st.lists(features, max_size=8))
def test_generated_geojson_loads_or_fails_clearly(items: list[Any]) -> None:
    data = json.dumps({"type": "FeatureCollection", "features": items}).encode()
    check(load(data, "fuzzed.geojson"), "fuzzed.geojson")
