"""Trips as KML 2.2 (Google Earth, Google My Maps) and KMZ, read and written.

Reading: Placemark points are stops, lines are the route; a folder named like a day ("Day 1
2027-01-26 — Madrid", "DAY 1 (6/4)") dates its placemarks; a placemark's TimeStamp, and the
ExtendedData our own files carry, win over the folder. Writing: one folder per day, each stop with
its instant (local time turned into UTC at the place), its fields as ExtendedData and its notes as
plain escaped text, so nothing in a description runs as HTML.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET
from datetime import UTC, date, datetime
from typing import Any

from mapping.errors import InputError
from mapping.io.columns import canonical
from mapping.io.dates import ParsedDate, decide_order, parse_date, settle_years
from mapping.io.decode import decode, open_zip
from mapping.io.records import add_stop, without_numbering
from mapping.io.timezones import to_instant, to_local, zone_at
from mapping.io.xmltree import child_text, parse_xml
from mapping.trip.model import MAX_ROWS, LoadResult, Stop, Track, Trip
from mapping.trip.timeline import days

KML_NS = "http://www.opengis.net/kml/2.2"
_FIELDS = ("date", "time", "place", "name", "activity", "mode", "source", "evidence")
_DAY_NUMBER = re.compile(r"\bday\s*(\d{1,3})\b|第\s*(\d{1,3})\s*天|(\d{1,3})\s*일차", re.IGNORECASE)
_TAG = re.compile(r"<[^>]+>")
_INVALID_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def html_to_text(value: str) -> str:
    """A description as text: My Maps and Google Earth write HTML (``<br>``, ``<b>``) in it."""
    value = re.sub(r"<\s*br\s*/?\s*>|</p>|</div>", "\n", value, flags=re.IGNORECASE)
    return html.unescape(_TAG.sub("", value)).strip()


def _coordinates(text: str) -> list[tuple[float, float]]:
    points = []
    for token in text.split():
        parts = token.split(",")
        try:
            lon, lat = float(parts[0]), float(parts[1])
        except (IndexError, ValueError):
            continue
        if -90 <= lat <= 90 and -180 <= lon <= 180:
            points.append((lat, lon))
    return points


def _when(placemark: ET.Element) -> str:
    for path in ("TimeStamp/when", "TimeSpan/begin"):
        found = placemark.find(path)
        if found is not None and (found.text or "").strip():
            return (found.text or "").strip()
    return ""


def _extended(placemark: ET.Element) -> dict[str, str]:
    data: dict[str, str] = {}
    for item in placemark.iter("Data"):
        name = item.get("name") or ""
        value = child_text(item, "value")
        if name:
            data[name] = value
    for item in placemark.iter("SimpleData"):
        if item.get("name"):
            data[item.get("name") or ""] = (item.text or "").strip()
    return data


def read_kml(text: str, filename: str, title: str, year: int | None = None) -> LoadResult:
    root = parse_xml(text, filename, "KML file")
    document = root.find("Document")
    container = document if document is not None else root
    title = child_text(container, "name") or title
    found: list[tuple[ET.Element, list[str]]] = []
    tracks: list[Track] = []

    def walk(node: ET.Element, folders: list[str]) -> None:
        for child in node:
            if child.tag in ("Folder", "Document"):
                walk(child, [*folders, child_text(child, "name")])
            elif child.tag == "Placemark":
                lines = [
                    _coordinates(line.findtext("coordinates") or "")
                    for line in child.iter()
                    if line.tag in ("LineString", "LinearRing")
                ]
                track_points = [c.text for c in child.iter() if c.tag == "coord" and c.text]
                if track_points:
                    lines.append(
                        [(float(p.split()[1]), float(p.split()[0])) for p in track_points if len(p.split()) >= 2]
                    )
                for line in lines:
                    if len(line) > 1 and child.find(".//Polygon") is None:
                        tracks.append(Track(name=child_text(child, "name"), points=tuple(line)))
                if child.find(".//Point") is not None:
                    found.append((child, folders))

    walk(container, [])
    if len(found) > MAX_ROWS:
        raise InputError(f"more than {MAX_ROWS:,} placemarks; split the trip into smaller files", source=filename)
    folder_dates, notes = _folder_dates([f for _, fs in found for f in fs[-1:]], container, year)
    stops: list[Stop] = []
    problems: list[InputError] = []
    for index, (placemark, folders) in enumerate(found, start=1):
        points = _coordinates(placemark.findtext(".//Point/coordinates") or "")
        extended, _ = canonical(_extended(placemark))
        record: dict[str, Any] = {
            "name": without_numbering(html_to_text(child_text(placemark, "name"))),
            "activity": html_to_text(child_text(placemark, "description")),
        }
        if "place" in extended:
            # Our own KML: the fields as written, not the numbered label.
            record = {k: v for k, v in extended.items() if k in _FIELDS and v}
        else:
            record.update({k: v for k, v in extended.items() if k in _FIELDS and v})
        if points:
            record["lat"], record["lon"] = points[0]
        when = _when(placemark)
        if when and "date" not in record:
            record.update(_from_when(when, points[0] if points else None))
        if "date" not in record and folders and folder_dates.get(folders[-1]):
            record["date"] = folder_dates[folders[-1]]
        if not record.get("place"):
            record["place"] = record["name"]
            record["name"] = ""
        add_stop(record, source=filename, row=index, stops=stops, problems=problems)
    return LoadResult(
        Trip(title=title, stops=tuple(stops), tracks=tuple(tracks)),
        tuple(problems),
        notes=tuple(notes),
        columns=(("place", "Placemark name"), ("activity", "description"), ("date", "TimeStamp or folder name")),
    )


def _from_when(when: str, point: tuple[float, float] | None) -> dict[str, Any]:
    """A KML instant as the local date and time at the placemark; a bare date stays a date."""
    parsed = parse_date(when)
    if parsed is None or parsed.year is None:
        return {}
    day = parsed.with_year(parsed.year)
    if parsed.time is None or day is None:
        return {"date": day}
    hours, minutes = map(int, parsed.time.split(":"))
    moment = datetime(day.year, day.month, day.day, hours, minutes)
    if parsed.offset is not None:
        zone = zone_at(*point) if point else None
        moment = to_local((moment - parsed.offset).replace(tzinfo=UTC), zone)
    return {"date": moment.date(), "time": f"{moment.hour:02d}:{moment.minute:02d}"}


def _folder_dates(names: list[str], container: ET.Element, year: int | None) -> tuple[dict[str, date], list[str]]:
    """Dates of day folders: "Day 3 2027-01-28", "DAY 1 (6/4)", or "Day 4" counted from the dated ones."""
    unique = list(dict.fromkeys(n for n in names if n))
    context = " ".join(filter(None, [child_text(container, "name"), child_text(container, "description")]))
    order = decide_order(unique)
    parsed: list[ParsedDate | None] = [parse_date(name, order) for name in unique]
    hint = parse_date(context, order)
    settled, year_note = settle_years([*parsed, hint] if hint and hint.year else parsed, year=year)
    dates = {name: d for name, d in zip(unique, settled, strict=False) if d is not None}
    numbers = {name: _day_number(name) for name in unique}
    anchors = [(numbers[n], d) for n, d in dates.items() if numbers.get(n)]
    if anchors:
        number, day = anchors[0]
        for name in unique:
            if name not in dates and numbers.get(name):
                dates[name] = date.fromordinal(day.toordinal() + (numbers[name] or 0) - (number or 0))
    notes = []
    if dates:
        notes.append(f"{len(dates)} folder(s) read as days ({', '.join(list(dates)[:2])[:120]}…)")
        if any("/" in n for n in dates) and order.reason:
            notes.append(order.reason)
        if year_note:
            notes.append(year_note)
    return dates, notes


def _day_number(name: str) -> int | None:
    match = _DAY_NUMBER.search(name)
    return int(next(g for g in match.groups() if g)) if match else None


def read_kmz(data: bytes, context: Any) -> LoadResult:
    """A KMZ (a zipped KML, as Google My Maps exports) unzipped in memory: its doc.kml, or its first KML."""
    archive = open_zip(data, context.filename, "KMZ file")
    names = [n for n in archive.namelist() if n.lower().endswith(".kml")]
    if not names:
        raise InputError("this KMZ holds no KML file; export the map again as KMZ or KML", source=context.filename)
    chosen = "doc.kml" if "doc.kml" in names else names[0]
    text, _ = decode(archive.read(chosen), context.filename)
    return read_kml(text.removeprefix("\ufeff"), context.filename, context.title, context.year)


# Writing ------------------------------------------------------------------------------------------------


def _xml_text(value: str) -> str:
    return _INVALID_XML.sub("", value)


def _sub(parent: ET.Element, tag: str, text: str | None = None) -> ET.Element:
    element = ET.SubElement(parent, tag)
    if text is not None:
        element.text = _xml_text(text)
    return element


def when_of(stop: Stop) -> str | None:
    """A stop's moment for KML and GPX: the UTC instant of its local time, or its bare date (no invented time)."""
    if stop.date is None:
        return None
    if stop.time:
        instant = to_instant(stop.date, stop.time, stop.lat, stop.lon)
        if instant is not None:
            return instant.strftime("%Y-%m-%dT%H:%M:%SZ")
    return stop.date.isoformat()


def to_kml(trip: Trip) -> str:
    """KML for Google Earth: one folder per day, a placemark per stop and the day's path."""
    root = ET.Element("kml", xmlns=KML_NS)
    document = _sub(root, "Document")
    _sub(document, "name", trip.title)
    for day in days(trip):
        folder = _sub(document, "Folder")
        _sub(folder, "name", day.label)
        located = [s for s in day.stops if s.stop.lat is not None and s.stop.lon is not None]
        for item in located:
            stop = item.stop
            placemark = _sub(folder, "Placemark", None)
            placemark.set("id", f"stop-{item.number}")
            _sub(placemark, "name", f"{item.number}. {stop.label}")
            notes = " · ".join(p for p in (stop.activity, stop.evidence, stop.source) if p)
            if notes:
                _sub(placemark, "description", notes)
            when = when_of(stop)
            if when:
                _sub(_sub(placemark, "TimeStamp"), "when", when)
            extended = _sub(placemark, "ExtendedData")
            values = stop.cells()
            for key in _FIELDS:
                if values[key]:
                    data = _sub(extended, "Data")
                    data.set("name", key)
                    _sub(data, "value", values[key])
            _sub(_sub(placemark, "Point"), "coordinates", f"{stop.lon},{stop.lat}")
        if len(located) > 1:
            line = _sub(folder, "Placemark")
            _sub(line, "name", f"{day.label} route")
            coordinates = " ".join(f"{s.stop.lon},{s.stop.lat}" for s in located)
            _sub(_sub(line, "LineString"), "coordinates", coordinates)
    for track in trip.tracks:
        line = _sub(document, "Placemark")
        _sub(line, "name", track.name or "Track")
        _sub(_sub(line, "LineString"), "coordinates", " ".join(f"{lon},{lat}" for lat, lon in track.points))
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode")
