from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from mapping.errors import InputError
from mapping.io.csv import trip_to_csv
from mapping.io.formats import load_trip, parse_trip
from mapping.io.json import trip_to_json
from mapping.paths import DEFAULT_TRIP
from mapping.trip.model import Stop, Trip

HEADER = "date,time,place,name,lat,lon,activity,mode,source,evidence\n"


def test_default_trip_has_the_required_stops_on_their_days() -> None:
    trip = load_trip(DEFAULT_TRIP).trip
    by_day = {(s.date.isoformat() if s.date else None, s.place) for s in trip.stops}
    required = {
        ("2023-09-12", "Khasan station"),
        ("2023-09-13", "Vostochny Cosmodrome"),
        ("2023-09-15", "Yuri Gagarin Aircraft Plant"),
        ("2023-09-16", "Knevichi airfield"),
        ("2023-09-16", "Marshal Shaposhnikov frigate"),
        ("2023-09-17", "Far Eastern Federal University"),
        ("2023-09-17", "Primorsky Aquarium"),
        ("2023-09-17", "Artyom-Primorsky-1"),
    }
    assert required <= by_day
    assert all(s.lat is None and s.lon is None for s in trip.stops), "the default trip must be geocoded, not typed"
    assert all(s.activity and s.mode and s.source for s in trip.stops)
    assert trip.title.startswith("Kim Jong-un")
    dated = [s.date for s in trip.stops if s.date]
    assert dated == sorted(dated)


def test_reads_every_column() -> None:
    text = HEADER + "2023-09-13,9:05,Vostochny Cosmodrome,Summit,51.88,128.33,Talks,armoured train,Report,He met\n"
    result = parse_trip(text.encode(), filename="t.csv")
    assert result.problems == ()
    (stop,) = result.trip.stops
    assert stop == Stop(
        place="Vostochny Cosmodrome",
        date=date(2023, 9, 13),
        time="09:05",
        name="Summit",
        lat=51.88,
        lon=128.33,
        activity="Talks",
        mode="train",
        source="Report",
        evidence="He met",
        provider="given",
        confidence=1.0,
        row=2,
    )


def test_only_place_is_required_and_utf8_bom_is_fine() -> None:
    result = parse_trip("\ufeffplace\nVladivostok\n\nArtyom\n".encode(), filename="t.csv")
    assert [s.place for s in result.trip.stops] == ["Vladivostok", "Artyom"]
    assert result.problems == ()


@pytest.mark.parametrize(
    ("row", "field", "words"),
    [
        ("13/45/2023,,Khasan,,,,,,,", "date", "is not a date"),
        ("2023-02-30,,Khasan,,,,,,,", "date", "is not a date"),
        ("2023-09-12,25:00,Khasan,,,,,,,", "time", "is not a time"),
        ("2023-09-12,,Khasan,,95,130,,,,", "lat", "outside -90..90"),
        ("2023-09-12,,Khasan,,42,nan,,,,", "lon", "outside"),
        ("2023-09-12,,Khasan,,42,abc,,,,", "lon", "not a number"),
        ("2023-09-12,,Khasan,,42,,,,,", "lon", "both"),
    ],
)
def test_a_bad_field_is_reported_with_file_row_and_field_and_the_stop_is_kept(row: str, field: str, words: str) -> None:
    result = parse_trip((HEADER + "2023-09-11,,Pyongyang,,,,,,,\n" + row + "\n").encode(), filename="trip.csv")
    assert [s.place for s in result.trip.stops] == ["Pyongyang", "Khasan"]
    (problem,) = result.problems
    assert (problem.source, problem.row, problem.field) == ("trip.csv", 3, field)
    assert words in str(problem)
    assert str(problem).startswith(f"trip.csv, row 3, field '{field}': ")


def test_a_row_without_place_or_coordinates_is_reported_not_silently_dropped() -> None:
    text = HEADER + "2023-09-11,,Pyongyang,,,,,,,\n2023-09-12,,,,,,just a note,,,\n"
    result = parse_trip(text.encode(), filename="t.csv")
    assert [s.place for s in result.trip.stops] == ["Pyongyang"]
    (problem,) = result.problems
    assert (problem.row, problem.field) == (3, "place")


def test_a_word_that_is_no_travel_mode_is_kept_as_text_not_an_error() -> None:
    result = parse_trip((HEADER + "2023-09-12,,Khasan,,,,Border,hovercraft,,\n").encode(), filename="t.csv")
    (stop,) = result.trip.stops
    assert result.problems == ()
    assert (stop.mode, stop.activity) == ("unknown", "Border (by hovercraft)")


def test_coordinates_without_place_still_map() -> None:
    result = parse_trip(b"lat,lon,name\n43.1,131.9,Hotel\n", filename="t.csv")
    (stop,) = result.trip.stops
    assert (stop.place, stop.lat, stop.provider) == ("Hotel", 43.1, "given")


def test_quoted_commas_and_newlines_keep_row_numbers() -> None:
    text = HEADER + '2023-09-12,,"Khasan, Primorsky Krai",,,,"line one\nline two",,,\n2023-09-13,99:99,x,,,,,,,\n'
    result = parse_trip(text.encode(), filename="t.csv")
    assert result.trip.stops[0].activity == "line one\nline two"
    assert result.problems[0].row == 3


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"", "empty"),
        (b"foo,bar\n1,2\n", "no header row names a place"),
        (b"place\n\xff\xfeK\x00", "binary data"),
        (b'{"stops": 3}', '"stops" list'),
        (b'{"stops": [', "not valid JSON at line 1"),
    ],
)
def test_unreadable_files_raise_one_clear_error(content: bytes, words: str) -> None:
    name = "trip.json" if content.startswith(b"{") else "trip.csv"
    with pytest.raises(InputError, match=words) as caught:
        parse_trip(content, filename=name)
    assert str(caught.value).startswith(name)


def test_json_trip_and_title() -> None:
    document = {"title": "Tour", "stops": [{"place": "Vladivostok", "date": "2023-09-16"}, "oops"]}
    result = parse_trip(json.dumps(document).encode(), filename="t.json")
    assert result.trip.title == "Tour"
    assert [s.place for s in result.trip.stops] == ["Vladivostok"]
    assert result.problems[0].row == 2


def test_csv_and_json_round_trip_unchanged(tmp_path: Path) -> None:
    trip = Trip(
        'Round trip, with "quotes"',
        (
            Stop("Khasan", date(2023, 9, 12), "06:00", "Entry", 42.428, 130.645, "a, b", "train", "x", "y"),
            Stop("Nowhere", None, None, "", None, None, "line\nbreak", "unknown"),
        ),
    )
    again = parse_trip(trip_to_csv(trip).encode(), filename="t.csv")
    assert again.problems == ()
    assert again.trip.title == trip.title
    assert [(s.place, s.date, s.time, s.lat, s.activity, s.mode) for s in again.trip.stops] == [
        (s.place, s.date, s.time, s.lat, s.activity, s.mode) for s in trip.stops
    ]
    as_json = parse_trip(trip_to_json(trip).encode(), filename="t.json")
    assert [s.place for s in as_json.trip.stops] == ["Khasan", "Nowhere"]


def test_missing_file_names_the_path(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="cannot read the file"):
        load_trip(tmp_path / "absent.csv")


def test_input_error_survives_pickling() -> None:
    import pickle

    error = InputError("bad", source="f.csv", row=3, field="lat")
    again = pickle.loads(pickle.dumps(error))  # noqa: S301 (our own object)
    assert (again.source, again.row, again.field, str(again)) == ("f.csv", 3, "lat", str(error))


def test_geojson_points_are_stops_and_legs_are_redrawn(tmp_path: Path) -> None:
    document = {
        "type": "FeatureCollection",
        "title": "From GeoJSON",
        "features": [
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [131.88, 43.11]},
                "properties": {"place": "Vladivostok", "date": "2023-09-16"},
            },
            {"type": "Feature", "geometry": {"type": "LineString", "coordinates": [[0, 0], [1, 1]]}, "properties": {}},
            {"type": "Feature", "geometry": {"type": "Polygon", "coordinates": []}, "properties": {}},
            {"type": "Feature", "geometry": {"type": "Point", "coordinates": [200, 43]}, "properties": {"place": "X"}},
        ],
    }
    result = parse_trip(json.dumps(document).encode(), filename="trip.geojson")
    assert result.trip.title == "From GeoJSON"
    assert [(s.place, s.lat, s.lon) for s in result.trip.stops] == [("Vladivostok", 43.11, 131.88), ("X", None, None)]
    assert [(p.row, p.field) for p in result.problems] == [(3, "geometry"), (4, "lon")]


def test_large_files_and_cells_are_limited_with_a_message() -> None:
    rows = "".join(f"Place {i}\n" for i in range(100_001))
    result = parse_trip(("place\n" + rows).encode(), filename="big.csv")
    assert len(result.trip.stops) == 100_000
    assert [str(p) for p in result.problems] == [
        "big.csv, row 100002: the file has more than 100,000 rows; split the trip into smaller files"
    ]
    huge = parse_trip(("place,activity\nVladivostok," + "x" * 1_000_000 + "\n").encode(), filename="cell.csv")
    assert len(huge.trip.stops[0].activity) == 10_000
    assert "1,000,000 characters long; keep it under 10,000" in str(huge.problems[0])
