"""Trips as KML 2.2 for Google Earth (simplekml)."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import simplekml

from mapping.trip.model import Trip
from mapping.trip.timeline import days


def to_kml(trip: Trip) -> str:
    """KML for Google Earth: one folder per day, a placemark per stop and the day's path."""
    kml = simplekml.Kml(name=trip.title)
    for day in days(trip):
        folder = kml.newfolder(name=day.label)
        located = [s for s in day.stops if s.stop.lat is not None and s.stop.lon is not None]
        for item in located:
            placemark = folder.newpoint(
                name=f"{item.number}. {item.stop.label}", coords=[(item.stop.lon, item.stop.lat)]
            )
            placemark.description = " · ".join(
                p for p in (item.stop.activity, item.stop.evidence, item.stop.source) if p
            )
        if len(located) > 1:
            folder.newlinestring(name=f"{day.label} route", coords=[(s.stop.lon, s.stop.lat) for s in located])
    return _valid_ids(str(kml.kml()))


def _valid_ids(kml_text: str) -> str:
    """simplekml numbers its ids ("1"), which KML's schema refuses: an XML id cannot start with a digit."""
    ET.register_namespace("", "http://www.opengis.net/kml/2.2")
    ET.register_namespace("gx", "http://www.google.com/kml/ext/2.2")
    root = ET.fromstring(kml_text)  # noqa: S314 - our own document, just written
    for element in root.iter():
        if element.get("id", "").isdigit():
            element.set("id", f"kml-{element.get('id')}")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode")
