"""Coordinates written inside a cell: a Google Maps link, a WKT ``POINT (lon lat)``, or ``"lat, lon"``."""

from __future__ import annotations

import re
from urllib.parse import unquote

# A place's own pin in a Google Maps link (!3d lat !4d lon); the last pair is the place the link opens.
_PIN = re.compile(r"!3d(-?\d{1,2}(?:\.\d+)?)!4d(-?\d{1,3}(?:\.\d+)?)")
# ?q=lat,lon, ?ll=, ?query=, ?destination=, /search/lat,lon and /place/lat,lon
_QUERY = re.compile(
    r"(?:[?&](?:q|ll|query|destination|daddr|center)=|/(?:search|place|dir)/)"
    r"\s*(-?\d{1,2}\.\d+)\s*,\s*\+?(-?\d{1,3}\.\d+)"
)
# @lat,lon,zoom: where the map was looking, used only when the link names no pin.
_VIEW = re.compile(r"@(-?\d{1,2}\.\d+),(-?\d{1,3}\.\d+)")
_WKT = re.compile(r"^\s*POINT\s*Z?\s*\(\s*(-?\d+(?:\.\d+)?)\s+(-?\d+(?:\.\d+)?)(?:\s+-?\d+(?:\.\d+)?)?\s*\)\s*$", re.I)
_PAIR = re.compile(r"^\s*\(?\s*(-?\d{1,2}(?:\.\d+)?)\s*[,;/ ]\s*(-?\d{1,3}(?:\.\d+)?)\s*\)?\s*$")
_DMS = re.compile(r"(\d{1,3})[°º]\s*(\d{1,2})['′]\s*(\d{1,2}(?:\.\d+)?)?[\"″]?\s*([NSEW])", re.I)


def _valid(lat: float, lon: float) -> tuple[float, float] | None:
    if -90 <= lat <= 90 and -180 <= lon <= 180 and (lat, lon) != (0.0, 0.0):
        return lat, lon
    return None


def is_map_link(text: str) -> bool:
    lowered = text.strip().lower()
    return lowered.startswith(("http://", "https://")) and (
        "google." in lowered or "goo.gl" in lowered or "openstreetmap" in lowered or "maps" in lowered
    )


def coordinates_in_link(text: str) -> tuple[float, float] | None:
    """The place a map link points at; None for a short link (maps.app.goo.gl) that hides it."""
    url = unquote(text.strip())
    pins = _PIN.findall(url)
    if pins:
        return _valid(float(pins[-1][0]), float(pins[-1][1]))
    match = _QUERY.search(url)
    if match:
        return _valid(float(match[1]), float(match[2]))
    match = _VIEW.search(url)
    if match:
        return _valid(float(match[1]), float(match[2]))
    return None


def coordinates_in_wkt(text: str) -> tuple[float, float] | None:
    """WKT writes longitude first: ``POINT (-2.339 53.289)``."""
    match = _WKT.match(text)
    return _valid(float(match[2]), float(match[1])) if match else None


def coordinates_in_pair(text: str) -> tuple[float, float] | None:
    """``"43.11, 131.88"`` (latitude first, as a map app copies it) or degrees-minutes-seconds."""
    match = _PAIR.match(text)
    if match:
        return _valid(float(match[1]), float(match[2]))
    parts = _DMS.findall(text)
    if len(parts) == 2:
        values = {}
        for degrees, minutes, seconds, hemisphere in parts:
            value = int(degrees) + int(minutes) / 60 + float(seconds or 0) / 3600
            letter = hemisphere.upper()
            values["lat" if letter in "NS" else "lon"] = -value if letter in "SW" else value
        if len(values) == 2:
            return _valid(values["lat"], values["lon"])
    return None


def coordinates_in_text(text: str) -> tuple[float, float] | None:
    """Any of the three forms."""
    if not text or len(text) > 4000:
        return None
    if is_map_link(text):
        return coordinates_in_link(text)
    return coordinates_in_wkt(text) or coordinates_in_pair(text)


def place_in_link(text: str) -> str | None:
    """The place name a Google Maps link spells out (``/maps/place/Blue+Lagoon/``, ``?q=Three+Sisters``)."""
    url = unquote(text.strip().replace("+", " "))
    match = re.search(r"/maps/place/([^/@?]+)", url) or re.search(r"[?&]q=([^&]+)", url)
    if not match:
        return None
    name = match[1].strip()
    return None if not name or _PAIR.match(name) else name[:200]
