"""Trips as JSON: ``{"title": ..., "stops": [...]}`` (the shape of ``show --json``), a bare list of stops,
another app's list of places (its keys read through the column alias table), GeoJSON and Google Takeout.
"""

from __future__ import annotations

import json
from dataclasses import replace
from typing import Any

from mapping.errors import InputError
from mapping.io.columns import canonical
from mapping.io.dates import read_dates
from mapping.io.geojson import read_geojson
from mapping.io.records import add_stop
from mapping.io.takeout import is_takeout, read_takeout
from mapping.trip.model import MAX_ROWS, LoadResult, Stop, Trip

_LIST_KEYS = ("stops", "places", "itinerary", "locations", "items", "points", "waypoints", "destinations", "data")


def load_document(text: str, filename: str) -> Any:
    """Parse JSON, with one clear line for what Python's parser would raise as a traceback."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(
            f"not valid JSON at line {exc.lineno}, column {exc.colno} ({exc.msg}); "
            'the file should look like {"title": "...", "stops": [{"place": "..."}]}',
            source=filename,
        ) from exc
    except RecursionError as exc:
        raise InputError("the JSON is nested too deeply to be a trip; check the file", source=filename) from exc
    except ValueError as exc:  # an integer of thousands of digits: Python's own words name its internals
        raise InputError(
            "the JSON holds a value that is not a usable number (thousands of digits); a coordinate needs only a "
            "few, such as 43.1155",
            source=filename,
        ) from exc


def read_json(text: str, filename: str, title: str, year: int | None = None) -> LoadResult:
    document = load_document(text, filename)
    if isinstance(document, dict) and document.get("type") in ("FeatureCollection", "Feature"):
        if is_takeout(document):
            return read_takeout(document, filename, title)
        return read_geojson(document, filename, title, year=year)
    if isinstance(document, list):
        records = document
    elif isinstance(document, dict):
        key = next((k for k in _LIST_KEYS if isinstance(document.get(k), list)), None)
        if key is None:
            raise InputError(
                'expected an object with a "stops" list, or a list of stops; '
                'the file should look like {"title": "...", "stops": [{"place": "..."}]}',
                source=filename,
            )
        records = document[key]
        for title_key in ("title", "name", "trip"):
            if isinstance(document.get(title_key), str) and document[title_key].strip():
                title = document[title_key].strip()[:200]
                break
    else:
        raise InputError("the JSON holds a single value, not a trip; expected a list of stops", source=filename)
    if len(records) > MAX_ROWS:
        raise InputError(
            f"the file has {len(records):,} stops, more than {MAX_ROWS:,}; split the trip into smaller files",
            source=filename,
        )
    return _read_records(records, filename, title, year)


def _read_records(records: list[Any], filename: str, title: str, year: int | None) -> LoadResult:
    canon: list[tuple[int, dict[str, Any]]] = []
    problems: list[InputError] = []
    used: dict[str, str] = {}
    for index, record in enumerate(records, start=1):
        if not isinstance(record, dict):
            problems.append(
                InputError(
                    f'a stop must be an object with fields such as "place", not {type(record).__name__}',
                    source=filename,
                    row=index,
                )
            )
            continue
        fields, names = canonical(record)
        used.update({k: v for k, v in names if k not in used})
        canon.append((index, fields))
    texts = [f.get("date") if isinstance(f.get("date"), str) else None for _, f in canon]
    dates = read_dates(texts, year=year)
    stops: list[Stop] = []
    for position, (index, fields) in enumerate(canon):
        if texts[position] and dates.dates[position] is not None:
            fields = {**fields, "date": dates.dates[position]}
            if dates.times[position] and not fields.get("time"):
                fields["time"] = dates.times[position]
        add_stop(fields, source=filename, row=index, stops=stops, problems=problems)
    notes = list(dates.notes)
    if used:
        notes.append("fields: " + ", ".join(f"{k} <- '{v}'" for k, v in used.items()))
    result = LoadResult(Trip(title=title, stops=tuple(stops)), tuple(problems), notes=tuple(notes))
    return replace(result, columns=tuple(used.items()))


def trip_to_json(trip: Trip) -> str:
    """The trip in the JSON shape of ``show --json``."""
    return json.dumps(trip.to_json_dict(), ensure_ascii=False, indent=2)
