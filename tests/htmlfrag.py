"""Reading a rendered folium page the way the browser would: its embedded GeoJSON and links."""

from __future__ import annotations

import json
import re
from typing import Any

_ADD_CALL = re.compile(r"(geo_json_\w+?)_add\(")
_ID = re.compile(r"_[0-9a-f]{32}\b")


def normalise(html: str) -> str:
    """folium's element ids are random; tests compare fragments with them replaced."""
    return " ".join(_ID.sub("_ID", html).split())


def embedded_geojson(html: str) -> list[dict[str, Any]]:
    """Every GeoJSON document a page hands to Leaflet, in order."""
    decoder = json.JSONDecoder()
    documents = []
    for match in _ADD_CALL.finditer(html):
        start = match.end()
        if html[start] != "{":
            continue  # the function's own definition, not a call
        document, _ = decoder.raw_decode(html, start)
        documents.append(document)
    return documents


def stop_features(html: str) -> list[dict[str, Any]]:
    return [f for doc in embedded_geojson(html) for f in doc["features"] if f["geometry"]["type"] == "Point"]


def leg_features(html: str) -> list[dict[str, Any]]:
    return [f for doc in embedded_geojson(html) for f in doc["features"] if f["geometry"]["type"] == "LineString"]


def external_links(html: str) -> list[str]:
    """Scripts, styles and images the page would fetch from another host."""
    return re.findall(r'(?:src|href)=["\'](https?://[^"\']+)["\']', html)


def shown_days(script: str) -> list[str]:
    """The day keys a DayFilter in this script shows."""
    after = script[script.index("map._tripDays") :]
    match = re.search(r"\}\)\(\w+, (\[[^\]]*\])\);", after)
    if match is None:
        raise AssertionError("no day filter in the script")
    return [str(key) for key in json.loads(match.group(1))]
