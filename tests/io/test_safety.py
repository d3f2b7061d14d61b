"""Hostile or broken files end in a trip or in one clear InputError, never a traceback or a hung server."""

from __future__ import annotations

import io
import json
import xml.etree.ElementTree as ET
import zipfile
from datetime import date

import pytest

from mapping.errors import InputError
from mapping.io import decode
from mapping.io.formats import parse_trip
from mapping.io.gpx import to_gpx
from mapping.io.kml import to_kml

BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>
<kml xmlns="http://www.opengis.net/kml/2.2"><Document><Placemark><name>&lol2;</name>
<Point><coordinates>1,2</coordinates></Point></Placemark></Document></kml>"""
EXTERNAL = """<?xml version="1.0"?>
<!DOCTYPE gpx [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<gpx version="1.1" xmlns="http://www.topografix.com/GPX/1/1"><wpt lat="1" lon="2"><name>&xxe;</name></wpt></gpx>"""


@pytest.mark.parametrize(("name", "content"), [("laughs.kml", BILLION_LAUGHS), ("xxe.gpx", EXTERNAL)])
def test_xml_entities_are_refused(name: str, content: str) -> None:
    with pytest.raises(InputError, match="refused for safety"):
        parse_trip(content.encode(), filename=name)


def test_a_kmz_that_would_unpack_too_large_is_refused_before_unpacking(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(decode, "MAX_UNZIPPED", 1000)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("doc.kml", "<kml>" + " " * 5000 + "</kml>")
    with pytest.raises(InputError, match="unpacks to more than"):
        parse_trip(buffer.getvalue(), filename="bomb.kmz")


def test_a_kmz_is_read_from_its_bytes_even_when_named_csv() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(
            "doc.kml",
            '<kml xmlns="http://www.opengis.net/kml/2.2"><Document><Placemark><name>Here</name>'
            "<Point><coordinates>10,20</coordinates></Point></Placemark></Document></kml>",
        )
    result = parse_trip(buffer.getvalue(), filename="export.csv")
    assert [(s.place, s.lat, s.lon) for s in result.trip.stops] == [("Here", 20.0, 10.0)]
    assert "read as KMZ" in result.notes[0]


def test_control_characters_and_lone_surrogates_are_removed_and_reported_by_row_and_field() -> None:
    text = "place,activity\nKhasan,bell\x07 ringing\nArtyom,fine\n"
    result = parse_trip(text.encode(), filename="t.csv")
    assert result.trip.stops[0].activity == "bell ringing"
    assert [(p.row, p.field) for p in result.problems] == [(2, "activity")]
    document = json.dumps({"stops": [{"place": "Khasan", "name": "bad \ud800 half"}]})
    result = parse_trip(document.encode(), filename="t.json")
    assert result.trip.stops[0].name == "bad  half"
    assert [(p.row, p.field) for p in result.problems] == [(1, "name")]


def test_exports_stay_well_formed_whatever_a_field_holds() -> None:
    from mapping.trip.model import Stop, Trip

    trip = Trip("t\x01", (Stop("A\x02", date(2023, 9, 12), "10:00", "n\x0b", 1.0, 2.0, "x\ud800y & <z>"),))
    for written in (to_gpx(trip), to_kml(trip)):
        ET.fromstring(written)


def test_utf16_and_windows_1252_files_are_read() -> None:
    text = "place,activity\nZürich,café\n"
    assert parse_trip(text.encode("utf-16"), filename="t.csv").trip.stops[0].place == "Zürich"
    result = parse_trip(text.encode("cp1252"), filename="t.csv")
    assert result.trip.stops[0].activity == "café"
    assert any("Windows-1252" in note for note in result.notes)


@pytest.mark.parametrize(
    ("content", "name", "words"),
    [
        (b"place\n", "t.csv", "no rows under it"),
        (b"[" * 100_000, "t.json", "nested too deeply"),
        (b'{"stops": [{"place": "A", "lat": ' + b"9" * 5000 + b"}]}", "t.json", "not a usable number"),
        (b"\xd0\xcf\x11\xe0" + b"\x00" * 100, "t.xls", "Excel 97-2003"),
        (b"<svg></svg>", "t.xml", "neither KML nor GPX"),
        (b"Just some words about a trip.\nNothing else.", "t.txt", "no day headings"),
        (b'{"type": "FeatureCollection", "features": []}', "t.geojson", "holds no stops"),
        (b"date,place\n2023-02-30,\n", "t.csv", "no stop could be read"),
    ],
)
def test_files_that_give_no_trip_fail_with_one_clear_reason(content: bytes, name: str, words: str) -> None:
    with pytest.raises(InputError, match=words) as caught:
        parse_trip(content, filename=name)
    assert str(caught.value).startswith(name)
    assert "\n" not in str(caught.value)
