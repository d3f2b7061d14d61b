"""One stop from one record (a CSV row, a JSON object, a feature's properties), with its problems.

Reading never drops a row silently: a field that cannot be read is cleared and
reported as an :class:`InputError` naming the file, row and field, and the rest
of the row still maps. A row with neither a place nor coordinates cannot be
mapped at all; it is reported and left out.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import replace
from datetime import date, datetime
from typing import Any

from mapping.errors import InputError
from mapping.io.dates import parse_date, parse_time
from mapping.trip.model import MAX_FIELD_CHARS, Stop
from mapping.trip.modes import normalise_mode

Problem = Callable[[str, str], None]

# Characters a CSV cell may not start with when a spreadsheet opens it (they start a formula), and
# the apostrophe that neutralises them: written by trip_to_csv, taken off again when read.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")
_ARROW = re.compile(r"\s*(?:→|->|⇒|➔|➝|—>|=>)\s*")
_NUMBERING = re.compile(r"^\s*\d{1,4}[.)]\s+")


def unescape_cell(value: str) -> str:
    """Take off the apostrophe that protected a cell starting with = + - @ (see ``trip_to_csv``)."""
    if len(value) > 1 and value[0] == "'" and value[1] in FORMULA_START:
        return value[1:]
    return value


def clean(value: Any, field_name: str, problem: Problem) -> str:
    """A field as text: trimmed, capped, control characters and lone surrogates removed (and said)."""
    if value is None or isinstance(value, bool):
        return "" if value is None else str(value)
    if isinstance(value, float) and math.isnan(value):
        return ""
    text = str(value).strip()
    if _CONTROL.search(text):
        problem(field_name, "control characters or broken Unicode in the value were removed; check the text")
        text = _CONTROL.sub("", text).strip()
    if len(text) > MAX_FIELD_CHARS:
        problem(field_name, f"the value is {len(text):,} characters long; keep it under {MAX_FIELD_CHARS:,}")
        text = text[:MAX_FIELD_CHARS]
    return unicodedata.normalize("NFC", text)


def mode_from_words(text: str) -> tuple[str, str]:
    """The travel mode for what someone wrote, and the words kept as text when they are no mode we draw."""
    words = text.strip()
    if not words:
        return "unknown", ""
    key = normalise_mode(words)
    if key is not None:
        return key, ""
    return "unknown", words


def destination(place: str) -> str:
    """``"TPE → AMS"`` travels to AMS: the stop is where the arrow ends."""
    head = place.split("(", 1)[0]  # "Central Park walk (The Mall → Bow Bridge)" walks in the park
    parts = [p for p in _ARROW.split(head) if p.strip()]
    return parts[-1].strip() if len(parts) > 1 else place


def without_numbering(label: str) -> str:
    """``"3. Sagrada Família"`` (how our KML and GPX number stops, and how people number lists) -> the name."""
    stripped = _NUMBERING.sub("", label, count=1)
    return stripped or label


def stop_from_record(record: Mapping[str, Any], *, source: str, row: int) -> tuple[Stop | None, list[InputError]]:
    """Build a stop from one record with the trip's field names; unreadable fields are cleared and reported.

    ``date`` may already be a :class:`datetime.date` (a reader that settled the file's date order and
    years); ``lat``/``lon`` may be numbers or text.
    """
    problems: list[InputError] = []

    def problem(field_name: str, message: str) -> None:
        problems.append(InputError(message, source=source, row=row, field=field_name))

    def text(field_name: str) -> str:
        return clean(record.get(field_name), field_name, problem)

    place = text("place")
    name = text("name")
    stop_date, date_time = _date(record.get("date"), problem)
    stop_time: str | None = None
    time_text = text("time")
    if time_text:
        parsed = parse_time(time_text)
        if parsed is not None:
            stop_time = parsed.time
        else:
            problem("time", f"'{_short(time_text)}' is not a time such as 09:30 (HH:MM), 9:30 AM or 20:10 -> 21:38")
    stop_time = stop_time or date_time

    lat = _coordinate(record.get("lat"), "lat", 90.0, problem)
    lon = _coordinate(record.get("lon"), "lon", 180.0, problem)
    if (lat is None) != (lon is None):
        missing = "lon" if lon is None else "lat"
        if not any(p.field == missing for p in problems):
            problem(missing, "give both 'lat' and 'lon', or neither to geocode the place")
        lat = lon = None

    mode, words = mode_from_words(text("mode"))
    activity = text("activity")
    if words:
        # A word that is no mode we draw (a tuk-tuk, a cable car we do not know) stays with the stop as text.
        activity = f"{activity} (by {words})" if activity else f"by {words}"

    if place and not name and _ARROW.search(place.split("(", 1)[0]):
        name, place = place, destination(place)
    if not place:
        place = name or text("address")
    if not place:
        if lat is not None and lon is not None:
            place = f"Pin on row {row}"
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
        activity=activity,
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


def _date(value: Any, problem: Problem) -> tuple[date | None, str | None]:
    if value is None or value == "":
        return None, None
    if isinstance(value, datetime):
        has_time = (value.hour, value.minute) != (0, 0)
        return value.date(), (f"{value.hour:02d}:{value.minute:02d}" if has_time else None)
    if isinstance(value, date):
        return value, None
    text = str(value).strip()
    if not text:
        return None, None
    parsed = parse_date(text)
    if parsed is None:
        problem(
            "date",
            f"'{_short(text)}' is not a date; write it as 2023-09-12 (or 12 Sep 2023); the stop is kept without a date",
        )
        return None, None
    if parsed.year is None:
        problem("date", f"'{_short(text)}' has no year; add the year (the stop is kept without a date)")
        return None, None
    return parsed.with_year(parsed.year), parsed.time


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


def _coordinate(value: Any, field_name: str, limit: float, problem: Problem) -> float | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        problem(field_name, f"'{value}' is not a number")
        return None
    try:
        number = float(str(value).strip().replace("\u2212", "-").replace(",", "."))
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


def add_stop(
    record: Mapping[str, Any], *, source: str, row: int, stops: list[Stop], problems: list[InputError]
) -> Stop | None:
    """Read one record into ``stops`` and its problems into ``problems``; the stop, or None when it cannot map."""
    stop, row_problems = stop_from_record(record, source=source, row=row)
    problems.extend(row_problems)
    if stop is not None:
        stops.append(stop)
    return stop
