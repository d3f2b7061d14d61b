"""Trips as GeoJSON (RFC 7946)."""

from __future__ import annotations

import json
from typing import Any

from mapping.errors import InputError
from mapping.io.records import stop_from_record
from mapping.trip.legs import leg_path, split_at_antimeridian
from mapping.trip.model import MAX_ROWS, LoadResult, Stop, Trip
from mapping.trip.timeline import legs, numbered


def read_geojson(document: dict[str, Any], filename: str, title: str) -> LoadResult:
    """Point features are stops (RFC 7946: lon, lat); line features are legs and are drawn again from the stops."""
    features = document.get("features")
    if not isinstance(features, list):
        raise InputError('a GeoJSON FeatureCollection needs a "features" list', source=filename)
    if isinstance(document.get("title"), str) and document["title"].strip():
        title = document["title"].strip()
    stops: list[Stop] = []
    problems: list[InputError] = []
    for index, feature in enumerate(features[: MAX_ROWS + 1], start=1):
        if index > MAX_ROWS:
            problems.append(
                InputError(
                    f"more than {MAX_ROWS:,} features; split the trip into smaller files", source=filename, row=index
                )
            )
            break
        geometry = feature.get("geometry") if isinstance(feature, dict) else None
        kind = geometry.get("type") if isinstance(geometry, dict) else None
        if kind in ("LineString", "MultiLineString"):
            continue
        coordinates = geometry.get("coordinates") if isinstance(geometry, dict) else None
        if kind != "Point" or not isinstance(coordinates, list) or len(coordinates) < 2:
            problems.append(
                InputError(
                    f"feature is {kind or 'not a feature'}, not a Point; a stop needs Point coordinates [lon, lat]",
                    source=filename,
                    row=index,
                    field="geometry",
                )
            )
            continue
        properties = feature.get("properties") if isinstance(feature.get("properties"), dict) else {}
        record = {**properties, "lon": coordinates[0], "lat": coordinates[1]}
        stop, row_problems = stop_from_record(record, source=filename, row=index)
        problems.extend(row_problems)
        if stop is not None:
            stops.append(stop)
    return LoadResult(Trip(title=title, stops=tuple(stops)), tuple(problems))


def to_geojson(trip: Trip) -> str:
    """RFC 7946 GeoJSON: a Point per located stop (lon, lat order) and a line per leg, flights as geodesics."""
    features: list[dict[str, Any]] = []
    stops = numbered(trip)
    for item in stops:
        stop = item.stop
        if not stop.located:
            continue
        properties = {k: v for k, v in stop.to_record().items() if k not in ("lat", "lon")}
        properties["number"] = item.number
        features.append(
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [stop.lon, stop.lat]},
                "properties": properties,
            }
        )
    for leg in legs(stops):
        # RFC 7946 wants lines cut at the antimeridian rather than running past 180°.
        parts = split_at_antimeridian(leg_path(leg))
        geometry = (
            {"type": "LineString", "coordinates": parts[0]}
            if len(parts) == 1
            else {"type": "MultiLineString", "coordinates": parts}
        )
        features.append(
            {
                "type": "Feature",
                "geometry": geometry,
                "properties": {
                    "from": leg.start.number,
                    "to": leg.end.number,
                    "mode": leg.mode,
                    "km": round(leg.km, 3),
                    "date": leg.day.isoformat() if leg.day else None,
                },
            }
        )
    document = {"type": "FeatureCollection", "title": trip.title, "features": features}
    return json.dumps(document, ensure_ascii=False, indent=1)
