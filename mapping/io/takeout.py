"""Google Takeout "Saved Places" JSON, in both schemas Google has written.

Older exports: ``properties.Title`` and ``properties.Location.{Business Name, Address, Geo Coordinates}``.
Current ones: ``properties.location.{name, address}`` and ``properties.google_maps_url``. A place Google
kept no location for is written at [0, 0] with a comment saying so: it is listed as a problem, never
drawn in the Gulf of Guinea. The date of a saved place is when it was saved, not visited: not a stop date.
"""

from __future__ import annotations

import contextlib
from typing import Any

from mapping.errors import InputError
from mapping.io.links import coordinates_in_link, place_in_link
from mapping.io.records import add_stop, clean
from mapping.trip.model import MAX_ROWS, LoadResult, Stop, Trip


def _properties(feature: Any) -> dict[str, Any]:
    props = feature.get("properties") if isinstance(feature, dict) else None
    return props if isinstance(props, dict) else {}


def is_takeout(document: dict[str, Any]) -> bool:
    features = document.get("features")
    if not isinstance(features, list) or not features:
        return False
    keys: set[str] = set()
    for feature in features[:20]:
        keys.update(_properties(feature))
    return bool(keys & {"Google Maps URL", "google_maps_url", "Location", "location"})


def _text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _point(feature: Any, props: dict[str, Any]) -> tuple[float, float] | None:
    location = _dict(props.get("Location"))
    geo = _dict(location.get("Geo Coordinates"))
    candidates = []
    with contextlib.suppress(KeyError, TypeError, ValueError):
        candidates.append((float(geo["Latitude"]), float(geo["Longitude"])))
    geometry = feature.get("geometry") if isinstance(feature, dict) else None
    if isinstance(geometry, dict) and isinstance(geometry.get("coordinates"), list):
        coords = geometry["coordinates"]
        with contextlib.suppress(IndexError, TypeError, ValueError):
            candidates.append((float(coords[1]), float(coords[0])))
    for lat, lon in candidates:
        if (lat, lon) != (0.0, 0.0) and -90 <= lat <= 90 and -180 <= lon <= 180:
            return lat, lon
    return None


def read_takeout(document: dict[str, Any], filename: str, title: str) -> LoadResult:
    features = document["features"]
    stops: list[Stop] = []
    problems: list[InputError] = []
    for index, feature in enumerate(features[:MAX_ROWS], start=1):
        props = _properties(feature)
        old = _dict(props.get("Location"))
        new = _dict(props.get("location"))
        url = _text(props.get("Google Maps URL")) or _text(props.get("google_maps_url"))
        name = _text(old.get("Business Name")) or _text(new.get("name")) or _text(props.get("Title"))
        address = _text(old.get("Address")) or _text(new.get("address"))
        point = _point(feature, props)
        label = name or address or (place_in_link(url) if url else "") or ""
        if point is None:
            linked = coordinates_in_link(url) if url else None
            reason = _text(props.get("Comment")) or "the place has no coordinates"
            problems.append(
                InputError(
                    f"'{label[:60] or 'a saved place'}' has no location ({reason.rstrip('.')}); "
                    + ("its link points at " + f"{linked[0]:.5f}, {linked[1]:.5f} — " if linked else "")
                    + "open it in Google Maps and save the place again, or add it to a CSV with its coordinates",
                    source=filename,
                    row=index,
                    field="location",
                )
            )
            continue
        record = {
            "place": address or label,
            "name": label if label != address else "",
            "lat": point[0],
            "lon": point[1],
            "activity": clean(props.get("Comment") or props.get("Note") or "", "activity", lambda *_: None),
            "source": url,
        }
        add_stop(record, source=filename, row=index, stops=stops, problems=problems)
    notes = (
        "read as Google Takeout saved places: the dates in the file are when places were saved, so stops are undated",
    )
    return LoadResult(
        Trip(title=title, stops=tuple(stops)),
        tuple(problems),
        notes=notes,
        columns=(("name", "Business Name / location.name / Title"), ("place", "Address"), ("lat/lon", "geometry")),
    )
