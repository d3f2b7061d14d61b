"""Trips as GeoJSON (RFC 7946)."""

from __future__ import annotations

import json
import re
from typing import Any

from mapping.errors import InputError
from mapping.io.columns import canonical
from mapping.io.dates import read_dates
from mapping.io.records import add_stop
from mapping.trip.legs import leg_path, split_at_antimeridian
from mapping.trip.model import MAX_ROWS, LoadResult, Stop, Track, Trip
from mapping.trip.timeline import legs, numbered

_LEG_PREFIX = re.compile(r"^\s*(?:(?:stage|day|leg|etappe|tag|étape)\s*\d+\s*[:\-–—.]?\s*)", re.IGNORECASE)
_LEG_SPLITS = (re.compile(r"\s*(?:->|→|⇒)\s*"), re.compile(r"\s+to\s+", re.IGNORECASE), re.compile(r"\s+[-–—]\s+"))


def _leg_ends(name: str) -> tuple[str, str] | None:
    """``"Stage 1: Cusco - Ollantaytambo"`` and ``"Day 1 - Onawa to Harlan"`` name the towns a leg joins."""
    text = _LEG_PREFIX.sub("", name).strip()
    for pattern in _LEG_SPLITS:
        parts = [p.strip() for p in pattern.split(text, maxsplit=1)]
        if len(parts) == 2 and all(parts):
            return parts[0], parts[1]
    return None


def _point_properties(properties: dict[str, Any]) -> tuple[float, float] | None:
    """A stop's own coordinates written as properties of a line feature (``lat``, ``lng``)."""
    fields, _ = canonical(properties)
    try:
        lat, lon = float(fields["lat"]), float(fields["lon"])
    except (KeyError, TypeError, ValueError):
        return None
    return (lat, lon) if -90 <= lat <= 90 and -180 <= lon <= 180 else None


def _lines(geometry: dict[str, Any]) -> list[list[tuple[float, float]]]:
    kind, coordinates = geometry.get("type"), geometry.get("coordinates")
    parts = coordinates if kind == "MultiLineString" else [coordinates] if kind in ("LineString", "MultiPoint") else []
    lines = []
    for part in parts if isinstance(parts, list) else []:
        points = []
        for position in part if isinstance(part, list) else []:
            try:
                lon, lat = float(position[0]), float(position[1])
            except (IndexError, TypeError, ValueError):
                continue
            if -90 <= lat <= 90 and -180 <= lon <= 180:
                points.append((lat, lon))
        if points:
            lines.append(points)
    return lines


def read_geojson(document: dict[str, Any], filename: str, title: str, *, year: int | None = None) -> LoadResult:
    """Point features are stops (RFC 7946: lon, lat); lines and multipoints are the route.

    When a file has no Point at all, its lines carry the stops: point-like properties (``lat``,
    ``lng``) on a line, else each line's start and end, named from ``"A - B"`` when it says so.
    """
    features = [document] if document.get("type") == "Feature" else document.get("features")
    if not isinstance(features, list):
        raise InputError('a GeoJSON FeatureCollection needs a "features" list', source=filename)
    if isinstance(document.get("title"), str) and document["title"].strip():
        title = document["title"].strip()
    if len(features) > MAX_ROWS:
        raise InputError(f"more than {MAX_ROWS:,} features; split the trip into smaller files", source=filename)
    records: list[tuple[int, dict[str, Any]]] = []
    tracks: list[Track] = []
    problems: list[InputError] = []
    line_features: list[tuple[int, dict[str, Any], list[list[tuple[float, float]]]]] = []
    for index, feature in enumerate(features, start=1):
        geometry = feature.get("geometry") if isinstance(feature, dict) else None
        kind = geometry.get("type") if isinstance(geometry, dict) else None
        raw_properties = feature.get("properties") if isinstance(feature, dict) else None
        properties: dict[str, Any] = raw_properties if isinstance(raw_properties, dict) else {}
        if kind in ("LineString", "MultiLineString", "MultiPoint"):
            lines = _lines(geometry)  # type: ignore[arg-type]
            name = str(properties.get("name") or properties.get("leg_name") or "")
            tracks.extend(Track(name=name, points=tuple(line)) for line in lines if len(line) > 1)
            # Our own export draws legs between numbered stops ("from", "to"): those are no stops.
            if lines and not {"from", "to"} <= set(properties):
                line_features.append((index, properties, lines))
            continue
        coordinates = geometry.get("coordinates") if isinstance(geometry, dict) else None
        if kind != "Point" or not isinstance(coordinates, list) or len(coordinates) < 2:
            problems.append(
                InputError(
                    f"feature is {kind or 'not a feature'}, not a Point or a line; a stop needs Point coordinates [lon, lat]",
                    source=filename,
                    row=index,
                    field="geometry",
                )
            )
            continue
        fields, _ = canonical(properties)
        records.append((index, {**fields, "lon": coordinates[0], "lat": coordinates[1]}))
    notes: list[str] = []
    if not records and line_features:
        records = _stops_from_lines(line_features)
        notes.append("the file has lines but no points: the stops are where its lines start and end")
    texts = [f.get("date") if isinstance(f.get("date"), str) else None for _, f in records]
    dates = read_dates(texts, year=year)
    stops: list[Stop] = []
    for position, (index, fields) in enumerate(records):
        if texts[position] and dates.dates[position] is not None:
            fields = {**fields, "date": dates.dates[position]}
        add_stop(fields, source=filename, row=index, stops=stops, problems=problems)
    return LoadResult(
        Trip(title=title, stops=tuple(stops), tracks=tuple(tracks)),
        tuple(problems),
        notes=tuple([*dates.notes, *notes]),
    )


def _stops_from_lines(
    line_features: list[tuple[int, dict[str, Any], list[list[tuple[float, float]]]]],
) -> list[tuple[int, dict[str, Any]]]:
    records: list[tuple[int, dict[str, Any]]] = []
    for index, properties, lines in line_features:
        fields, _ = canonical(properties)
        own = _point_properties(properties)
        if own is not None:
            records.append((index, {**fields, "lat": own[0], "lon": own[1]}))
            continue
        name = str(fields.get("name") or fields.get("place") or "").strip()
        ends = _leg_ends(name)
        first, last = lines[0][0], lines[-1][-1]
        start_name, end_name = ends if ends else (f"{name or 'Line'} (start)", f"{name or 'Line'} (end)")
        base = {k: v for k, v in fields.items() if k not in ("name", "place", "lat", "lon")}
        if not records or (records[-1][1]["lat"], records[-1][1]["lon"]) != first:
            records.append((index, {**base, "name": start_name.strip(), "lat": first[0], "lon": first[1]}))
        records.append((index, {**base, "name": end_name.strip(), "lat": last[0], "lon": last[1]}))
    return records


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
