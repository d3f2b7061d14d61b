"""Trips and stops: the one data model, read from and written to CSV and JSON.

Reading never drops a row silently: a field that cannot be read is cleared and
reported as an :class:`InputError` naming the file, row and field, and the rest
of the row still maps. A row with neither a place nor coordinates cannot be
mapped at all; it is reported and left out.
"""

from __future__ import annotations

import csv
import io
import json
import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

from mapping.errors import InputError

#: The columns of a trip file, in the order they are written.
COLUMNS: tuple[str, ...] = (
    "date",
    "time",
    "place",
    "name",
    "lat",
    "lon",
    "activity",
    "mode",
    "source",
    "evidence",
)

MODES: tuple[str, ...] = ("train", "car", "plane", "helicopter", "ship", "foot", "unknown")

# What people write in the mode column, mapped onto the modes the map draws.
_MODE_SYNONYMS: dict[str, str] = {
    "armoured train": "train",
    "armored train": "train",
    "rail": "train",
    "railway": "train",
    "motorcade": "car",
    "road": "car",
    "bus": "car",
    "drive": "car",
    "flight": "plane",
    "air": "plane",
    "aircraft": "plane",
    "fly": "plane",
    "boat": "ship",
    "ferry": "ship",
    "walk": "foot",
    "walking": "foot",
    "": "unknown",
}

_TIME = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")

#: Upper bounds that keep one upload from tying up the server.
MAX_ROWS = 100_000
MAX_FIELD_CHARS = 10_000


@dataclass(frozen=True, slots=True)
class Stop:
    """One stop of a trip, as the user gave it plus how it was resolved."""

    place: str
    date: date | None = None
    time: str | None = None
    name: str = ""
    lat: float | None = None
    lon: float | None = None
    activity: str = ""
    mode: str = "unknown"
    source: str = ""
    evidence: str = ""
    #: Where the coordinates came from: "given", "gazetteer", "cache" or an online provider.
    provider: str | None = None
    #: 0..1, how sure the geocoder is; 1.0 for given coordinates.
    confidence: float | None = None
    #: The gazetteer's name for what it matched, to show next to the user's text.
    matched: str | None = None
    #: True when an online provider's answer came from the local cache.
    cached: bool = False
    #: The row in the source file, for messages.
    row: int | None = None

    @property
    def label(self) -> str:
        return self.name or self.place

    @property
    def located(self) -> bool:
        return self.lat is not None and self.lon is not None

    def to_record(self) -> dict[str, Any]:
        """The stop as the JSON shape of ``show --json``."""
        record = asdict(self)
        record["date"] = self.date.isoformat() if self.date else None
        record.pop("row")
        return record


@dataclass(frozen=True, slots=True)
class Trip:
    title: str
    stops: tuple[Stop, ...] = field(default_factory=tuple)

    @property
    def days(self) -> list[date]:
        return sorted({s.date for s in self.stops if s.date is not None})

    def with_stops(self, stops: Iterable[Stop]) -> Trip:
        return replace(self, stops=tuple(stops))

    def to_json_dict(self) -> dict[str, Any]:
        return {"title": self.title, "stops": [s.to_record() for s in self.stops]}


@dataclass(frozen=True, slots=True)
class LoadResult:
    """A trip read from a file, and what in the file could not be used."""

    trip: Trip
    problems: tuple[InputError, ...] = ()


def load_trip(path: str | Path) -> LoadResult:
    """Read a trip from a ``.csv`` or ``.json`` file."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read the file ({exc.strerror}); check the path", source=str(path)) from exc
    return parse_trip(data, filename=str(path), title=_title_from_filename(path.name))


def parse_trip(data: bytes | str, *, filename: str, title: str | None = None) -> LoadResult:
    """Read a trip from the bytes of a CSV, JSON or GeoJSON file; the name picks the format."""
    text = _decode(data, filename)
    suffix = Path(filename).suffix.lower()
    default_title = title or _title_from_filename(filename)
    if suffix in (".json", ".geojson") or (suffix not in (".csv", ".txt") and text.lstrip().startswith(("{", "["))):
        return _parse_json(text, filename, default_title)
    if suffix in (".csv", ".txt", ""):
        return _parse_csv(text, filename, default_title)
    raise InputError(
        f"'{suffix}' is not a trip format this app reads; save the trip as .csv or .json",
        source=filename,
    )


def _decode(data: bytes | str, filename: str) -> str:
    if isinstance(data, str):
        return data.removeprefix("\ufeff")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"the file is not UTF-8 text (byte {exc.start}); save it as 'CSV UTF-8' or JSON in UTF-8 and load it again",
            source=filename,
        ) from exc


def _title_from_filename(filename: str) -> str:
    stem = Path(filename).stem.replace("_", " ").replace("-", " ").strip()
    return stem[:1].upper() + stem[1:] if stem else "Trip"


def _parse_csv(text: str, filename: str, title: str) -> LoadResult:
    if not text.strip():
        raise InputError(
            "the file is empty; it needs a header row with at least a 'place' column",
            source=filename,
        )
    # An optional first line "# Title" names the trip; the header is then row 2.
    header_row = 1
    if text.startswith("#"):
        first_line, _, text = text.partition("\n")
        # A spreadsheet that saved the line as a cell pads it with commas.
        title = first_line.lstrip("#").strip().rstrip(",").strip() or title
        header_row = 2
    # A cell may be as long as the upload; the limit on field length is ours (MAX_FIELD_CHARS), with a message.
    csv.field_size_limit(max(csv.field_size_limit(), 64 * 1024 * 1024))
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = [(h or "").strip().lower() for h in (reader.fieldnames or [])]
    if "place" not in header and not {"lat", "lon"} <= set(header):
        raise InputError(
            f"no 'place' column in the header row (found: {', '.join(h for h in header if h) or 'nothing'}); "
            "add a 'place' column, or 'lat' and 'lon' columns",
            source=filename,
            row=header_row,
        )
    reader.fieldnames = header
    stops: list[Stop] = []
    problems: list[InputError] = []
    try:
        _read_rows(reader, header_row, filename, stops, problems)
    except csv.Error as exc:
        raise InputError(
            f"the CSV cannot be read here ({exc}); check the quotes on this row", source=filename, row=reader.line_num
        ) from exc
    return LoadResult(Trip(title=title, stops=tuple(stops)), tuple(problems))


def _read_rows(
    reader: csv.DictReader[str], header_row: int, filename: str, stops: list[Stop], problems: list[InputError]
) -> None:
    for index, raw in enumerate(reader):
        # Row numbers as a spreadsheet shows them, counting the header row.
        row_number = index + header_row + 1
        if index >= MAX_ROWS:
            problems.append(
                InputError(
                    f"the file has more than {MAX_ROWS:,} rows; split the trip into smaller files",
                    source=filename,
                    row=row_number,
                )
            )
            break
        extra = raw.pop(None, None)
        if extra:
            problems.append(
                InputError(
                    f"the row has {len(extra)} more value(s) than the header has columns; "
                    "quote values that contain commas",
                    source=filename,
                    row=row_number,
                )
            )
        record = {k: v for k, v in raw.items() if k}
        if not any((v or "").strip() for v in record.values()):
            continue  # a blank line between rows is layout, not a stop
        stop, row_problems = stop_from_record(record, source=filename, row=row_number)
        problems.extend(row_problems)
        if stop is not None:
            stops.append(stop)


def _parse_json(text: str, filename: str, title: str) -> LoadResult:
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(
            f"not valid JSON at line {exc.lineno}, column {exc.colno} ({exc.msg}); "
            'the file should look like {"title": "...", "stops": [{"place": "..."}]}',
            source=filename,
        ) from exc
    if isinstance(document, dict) and document.get("type") == "FeatureCollection":
        return _parse_geojson(document, filename, title)
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


def _parse_geojson(document: dict[str, Any], filename: str, title: str) -> LoadResult:
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


def stop_from_record(record: Mapping[str, Any], *, source: str, row: int) -> tuple[Stop | None, list[InputError]]:
    """Build a stop from one row; fields that cannot be read are cleared and reported."""
    problems: list[InputError] = []

    def problem(field_name: str, message: str) -> None:
        problems.append(InputError(message, source=source, row=row, field=field_name))

    def text(field_name: str) -> str:
        value = record.get(field_name)
        if value is None:
            return ""
        if isinstance(value, float) and math.isnan(value):
            return ""
        value = str(value).strip()
        if len(value) > MAX_FIELD_CHARS:
            problem(field_name, f"the value is {len(value):,} characters long; keep it under {MAX_FIELD_CHARS:,}")
            value = value[:MAX_FIELD_CHARS]
        return value

    place = text("place")
    name = text("name")

    stop_date: date | None = None
    date_text = text("date")
    if date_text:
        try:
            stop_date = (
                date.fromisoformat(date_text[:10]) if re.fullmatch(r"\d{4}-\d{2}-\d{2}([T ].*)?", date_text) else None
            )
            if stop_date is None:
                raise ValueError
        except ValueError:
            problem(
                "date",
                f"'{_short(date_text)}' is not a date in the form YYYY-MM-DD (for example 2023-09-12); "
                "the stop is shown as undated until you fix it",
            )

    stop_time: str | None = None
    time_text = text("time")
    if time_text:
        match = _TIME.match(time_text)
        if match:
            stop_time = f"{int(match.group(1)):02d}:{match.group(2)}"
        else:
            problem("time", f"'{_short(time_text)}' is not a time in the form HH:MM (for example 09:30)")

    lat = _coordinate(record.get("lat"), "lat", 90.0, problem)
    lon = _coordinate(record.get("lon"), "lon", 180.0, problem)
    if (lat is None) != (lon is None):
        missing = "lon" if lon is None else "lat"
        if not any(p.field == missing for p in problems):
            problem(missing, "give both 'lat' and 'lon', or neither to geocode the place")
        lat = lon = None

    mode_text = text("mode").lower()
    mode = _MODE_SYNONYMS.get(mode_text, mode_text)
    if mode not in MODES:
        problem("mode", f"'{_short(mode_text)}' is not a travel mode; use one of: {', '.join(MODES)}")
        mode = "unknown"

    if not place:
        if lat is not None and lon is not None:
            place = name or f"{lat:.5f}, {lon:.5f}"
        else:
            problem(
                "place",
                "the row has no place and no coordinates, so it cannot be mapped; fill in 'place' (or 'lat' and 'lon')",
            )
            return None, problems

    stop = Stop(
        place=place,
        date=stop_date,
        time=stop_time,
        name=name,
        lat=lat,
        lon=lon,
        activity=text("activity"),
        mode=mode,
        source=text("source"),
        evidence=text("evidence"),
        provider="given" if lat is not None else None,
        confidence=1.0 if lat is not None else None,
        row=row,
    )
    if lat is not None:
        stop = _with_provenance(stop, record)
    return stop, problems


def _with_provenance(stop: Stop, record: Mapping[str, Any]) -> Stop:
    """Keep where coordinates came from when the file says so (``show --json`` and drafts from a report)."""
    provider, confidence, matched = record.get("provider"), record.get("confidence"), record.get("matched")
    if not isinstance(provider, str) or not provider.strip() or provider == "given":
        return stop
    if isinstance(confidence, bool) or not isinstance(confidence, (int, float)) or not 0 <= confidence <= 1:
        return stop
    return replace(
        stop,
        provider=provider.strip()[:40],
        confidence=float(confidence),
        matched=str(matched)[:200] if isinstance(matched, str) else stop.matched,
        cached=bool(record.get("cached")) if isinstance(record.get("cached"), bool) else False,
    )


def _coordinate(value: Any, field_name: str, limit: float, problem: Any) -> float | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        problem(field_name, f"'{value}' is not a number")
        return None
    try:
        number = float(str(value).strip().replace("\u2212", "-"))
    except ValueError:
        problem(field_name, f"'{_short(str(value))}' is not a number; write decimal degrees such as 43.1155")
        return None
    if math.isnan(number) and not isinstance(value, str):
        return None  # pandas writes empty cells as NaN
    if not math.isfinite(number) or not -limit <= number <= limit:
        problem(
            field_name,
            f"{_short(str(value))} is outside -{limit:g}..{limit:g}; check that latitude and longitude are not swapped",
        )
        return None
    return number


def _short(value: str, limit: int = 40) -> str:
    value = value.replace("\n", " ")
    return value if len(value) <= limit else value[: limit - 1] + "…"


def trip_to_csv(trip: Trip) -> str:
    """The trip as CSV with the columns of :data:`COLUMNS`; it reads back unchanged."""
    buffer = io.StringIO()
    buffer.write(f"# {' '.join(trip.title.split())}\n")
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    for stop in trip.stops:
        writer.writerow(
            {
                "date": stop.date.isoformat() if stop.date else "",
                "time": stop.time or "",
                "place": stop.place,
                "name": stop.name,
                "lat": "" if stop.lat is None else f"{stop.lat:.6f}",
                "lon": "" if stop.lon is None else f"{stop.lon:.6f}",
                "activity": stop.activity,
                "mode": stop.mode,
                "source": stop.source,
                "evidence": stop.evidence,
            }
        )
    return buffer.getvalue()


def trip_to_json(trip: Trip) -> str:
    """The trip in the JSON shape of ``show --json``."""
    return json.dumps(trip.to_json_dict(), ensure_ascii=False, indent=2)
