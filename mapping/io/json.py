"""Trips as JSON: ``{"title": ..., "stops": [...]}`` (the shape of ``show --json``) or a bare list of stops."""

from __future__ import annotations

import json

from mapping.errors import InputError
from mapping.io.geojson import read_geojson
from mapping.io.records import stop_from_record
from mapping.trip.model import MAX_ROWS, LoadResult, Stop, Trip


def read_json(text: str, filename: str, title: str) -> LoadResult:
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(
            f"not valid JSON at line {exc.lineno}, column {exc.colno} ({exc.msg}); "
            'the file should look like {"title": "...", "stops": [{"place": "..."}]}',
            source=filename,
        ) from exc
    if isinstance(document, dict) and document.get("type") == "FeatureCollection":
        return read_geojson(document, filename, title)
    if isinstance(document, list):
        records = document
    elif isinstance(document, dict) and isinstance(document.get("stops"), list):
        records = document["stops"]
        if isinstance(document.get("title"), str) and document["title"].strip():
            title = document["title"].strip()
    else:
        raise InputError(
            'expected an object with a "stops" list, or a list of stops; '
            'the file should look like {"title": "...", "stops": [{"place": "..."}]}',
            source=filename,
        )
    if len(records) > MAX_ROWS:
        raise InputError(
            f"the file has {len(records):,} stops, more than {MAX_ROWS:,}; split the trip into smaller files",
            source=filename,
        )
    stops: list[Stop] = []
    problems: list[InputError] = []
    for index, record in enumerate(records):
        if not isinstance(record, dict):
            problems.append(
                InputError(
                    f'a stop must be an object with fields such as "place", not {type(record).__name__}',
                    source=filename,
                    row=index + 1,
                )
            )
            continue
        stop, row_problems = stop_from_record(record, source=filename, row=index + 1)
        problems.extend(row_problems)
        if stop is not None:
            stops.append(stop)
    return LoadResult(Trip(title=title, stops=tuple(stops)), tuple(problems))


def trip_to_json(trip: Trip) -> str:
    """The trip in the JSON shape of ``show --json``."""
    return json.dumps(trip.to_json_dict(), ensure_ascii=False, indent=2)
