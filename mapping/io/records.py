"""One stop from one record (a CSV row, a JSON object, a feature's properties), with its problems.

Reading never drops a row silently: a field that cannot be read is cleared and
reported as an :class:`InputError` naming the file, row and field, and the rest
of the row still maps. A row with neither a place nor coordinates cannot be
mapped at all; it is reported and left out.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import replace
from datetime import date
from typing import Any

from mapping.errors import InputError
from mapping.trip.model import MAX_FIELD_CHARS, Stop
from mapping.trip.modes import MODES, normalise_mode

_TIME = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")


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
    mode = normalise_mode(mode_text) or "unknown"
    if mode == "unknown" and mode_text not in ("", "unknown"):
        problem("mode", f"'{_short(mode_text)}' is not a travel mode; use one of: {', '.join(MODES)}")

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
