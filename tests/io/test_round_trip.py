"""What we export we read back: our own GPX, KML, GeoJSON, CSV and JSON load into the same trip.

GPX and KML carry instants: a stop's local time turned into UTC at its place (13:09 at Vostochny
is 04:09Z); a stop with only a date gets no invented time.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import date

import pytest

from mapping.io.csv import trip_to_csv
from mapping.io.formats import parse_trip
from mapping.io.geojson import to_geojson
from mapping.io.gpx import to_gpx
from mapping.io.json import trip_to_json
from mapping.io.kml import to_kml
from mapping.trip.model import Stop, Trip

TRIP = Trip(
    'Round trip, with "quotes" & <angles>',
    (
        Stop("Khasan station", date(2023, 9, 12), "06:00", "Entry", 42.428, 130.645, "a, b", "train", "x", "y"),
        Stop("Vostochny Cosmodrome", date(2023, 9, 13), "13:09", "Summit", 51.884, 128.334, "<b>talks</b> & more"),
        Stop("=SUM(A1)", date(2023, 9, 13), None, "+1 call", 51.9, 128.4, "-dash\nsecond line", "plane", "@who"),
        Stop("Artyom", None, None, "", 43.354, 132.189, "", "car", "https://example.org/a?b=1&c=2", "quote"),
    ),
)

WRITERS = {"csv": trip_to_csv, "json": trip_to_json, "geojson": to_geojson, "gpx": to_gpx, "kml": to_kml}


def fields(trip: Trip) -> list[tuple[object, ...]]:
    return [
        (s.place, s.date, s.time, s.name, round(s.lat or 0, 5), round(s.lon or 0, 5), s.activity, s.mode, s.source,
         s.evidence)
        for s in trip.stops
    ]  # fmt: skip


@pytest.mark.parametrize("fmt", sorted(WRITERS))
def test_our_export_reads_back_into_the_same_trip(fmt: str) -> None:
    written = WRITERS[fmt](TRIP)
    again = parse_trip(written.encode("utf-8"), filename=f"trip.{fmt}")
    assert again.problems == ()
    assert fields(again.trip) == fields(TRIP)
    assert again.format == fmt
    if fmt in ("csv", "json", "geojson", "gpx"):
        assert again.trip.title == TRIP.title


def _xml(text: str) -> ET.Element:
    return ET.fromstring(text)


def test_gpx_times_are_instants_and_a_date_only_stop_gets_no_time() -> None:
    root = _xml(to_gpx(TRIP))
    ns = {"g": "http://www.topografix.com/GPX/1/1"}
    times = [w.findtext("g:time", None, ns) for w in root.findall("g:wpt", ns)]
    assert times == ["2023-09-11T20:00:00Z", "2023-09-13T04:09:00Z", None, None]


def test_kml_times_are_instants_and_a_date_stays_a_date() -> None:
    root = _xml(to_kml(TRIP))
    ns = {"k": "http://www.opengis.net/kml/2.2"}
    whens = [p.findtext("k:TimeStamp/k:when", None, ns) for p in root.iter("{http://www.opengis.net/kml/2.2}Placemark")]
    assert [w for w in whens if w] == ["2023-09-11T20:00:00Z", "2023-09-13T04:09:00Z", "2023-09-13"]


def test_csv_cells_that_would_run_as_formulas_are_neutralised_and_read_back() -> None:
    text = trip_to_csv(TRIP)
    assert "'=SUM(A1)" in text
    assert "'+1 call" in text
    assert "'@who" in text
    assert ",42.428000," in text, "a negative or plain number is a number, not a formula"
    assert parse_trip(text.encode(), filename="t.csv").trip.stops[2].place == "=SUM(A1)"


def test_kml_description_is_text_not_markup() -> None:
    evil = Trip("t", (Stop("A", date(2023, 9, 12), None, "", 1.0, 2.0, "<script>alert(1)</script>"),))
    written = to_kml(evil)
    assert "<script>" not in written
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in written
    description = _xml(written).find(".//{http://www.opengis.net/kml/2.2}description")
    assert description is not None
    assert description.text == "<script>alert(1)</script>"
