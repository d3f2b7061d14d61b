"""Reading a rendered folium page the way the browser would: its day layers' features and links.

The page carries each day's stops and legs as columns (mapping/render/contract.py);
the decoding here is written apart from the browser's (``decodeStops`` and
``decodeLegs`` in trip-core.js, which node tests check against the same shapes),
so a test reads what Leaflet would draw.
"""

from __future__ import annotations

import json
import re
from typing import Any

_FILL_CALL = re.compile(r"L\.tripMap\.fill\(\w+, \"(stops|legs)\", ")
_FILTER_CALL = re.compile(r"L\.tripMap\.dayFilter\(\w+, ")
_ID = re.compile(r"_[0-9a-f]{32}\b")


def normalise(html: str) -> str:
    """folium's element ids are random; tests compare fragments with them replaced."""
    return " ".join(_ID.sub("_ID", html).split())


def _cell(column: Any, i: int) -> Any:
    return column[i] if isinstance(column, list) else column


def _undelta(deltas: list[int]) -> list[float]:
    out, at = [], 0
    for delta in deltas:
        at += delta
        out.append(at / 100_000)
    return out


def _fields(fields: dict[str, Any], i: int) -> dict[str, Any]:
    return {key: value for key, column in fields.items() if (value := _cell(column, i)) not in (None, "", False, 0)}


def decode_stops(day: dict[str, Any]) -> list[dict[str, Any]]:
    lons, lats = _undelta(day["lon"]), _undelta(day["lat"])
    return [
        {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [lon, lat]},
            "properties": {"number": _cell(day["number"], i), "day": day["day"], "colour": day["colour"]}
            | _fields(day["fields"], i),
        }
        for i, (lon, lat) in enumerate(zip(lons, lats, strict=True))
    ]


def decode_legs(day: dict[str, Any]) -> list[dict[str, Any]]:
    lons, lats = _undelta(day["lon"]), _undelta(day["lat"])
    features, previous = [], None
    for i, end in enumerate(zip(lons, lats, strict=True)):
        given = day["start"].get(str(i))
        start = [given[0] / 100_000, given[1] / 100_000] if given else previous
        assert start is not None, "a leg with no start"
        end_lon = end[0] + (360 if end[0] < start[0] else -360) if abs(end[0] - start[0]) > 180 else end[0]
        features.append(
            {
                "type": "Feature",
                "geometry": {"type": "LineString", "coordinates": [list(start), [end_lon, end[1]]]},
                "properties": _fields(day["fields"], i),
            }
        )
        previous = list(end)
    return features


def embedded_geojson(html: str) -> list[dict[str, Any]]:
    """Every day layer a page hands to Leaflet, in order, as the GeoJSON the browser makes of it."""
    decoder = json.JSONDecoder()
    documents = []
    for match in _FILL_CALL.finditer(html):
        columns, _ = decoder.raw_decode(html, match.end())
        features = decode_stops(columns) if match.group(1) == "stops" else decode_legs(columns)
        documents.append({"type": "FeatureCollection", "features": features})
    return documents


def stop_features(html: str) -> list[dict[str, Any]]:
    return [f for doc in embedded_geojson(html) for f in doc["features"] if f["geometry"]["type"] == "Point"]


def leg_features(html: str) -> list[dict[str, Any]]:
    return [f for doc in embedded_geojson(html) for f in doc["features"] if f["geometry"]["type"] == "LineString"]


def layer_options(html: str, kind: str) -> list[dict[str, Any]]:
    """The options each day layer of ``kind`` ("stops" or "legs") is made with, in order."""
    decoder = json.JSONDecoder()
    return [
        decoder.raw_decode(html, match.end())[0] for match in re.finditer(r"L\.tripMap\." + kind + r"Layer\(", html)
    ]


def inline_scripts(html: str) -> list[str]:
    """The scripts a self-contained page carries as data: URIs, decoded."""
    import base64

    return [
        base64.b64decode(encoded).decode("utf-8")
        for encoded in re.findall(r'<script src="data:text/javascript;base64,([A-Za-z0-9+/=]+)"', html)
    ]


def external_links(html: str) -> list[str]:
    """Scripts, styles and images the page would fetch from another host."""
    return re.findall(r'(?:src|href)=["\'](https?://[^"\']+)["\']', html)


def shown_days(script: str) -> list[str]:
    """The day keys a DayFilter in this script shows."""
    match = _FILTER_CALL.search(script)
    if match is None:
        raise AssertionError("no day filter in the script")
    options, _ = json.JSONDecoder().raw_decode(script, match.end())
    return [str(key) for key in options["keys"]]
