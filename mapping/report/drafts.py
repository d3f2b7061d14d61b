"""A draft trip from a report, as rows the user reviews and edits before mapping it."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from mapping.geocode.gazetteer import OfflineGazetteer
from mapping.trip.model import Trip

DRAFT_FILENAME = "report-draft.json"


def draft_rows(trip: Trip, gazetteer: OfflineGazetteer) -> list[dict[str, Any]]:
    """One editable row per extracted stop; evidence, confidence and other candidates are there to check."""
    rows = []
    for stop in trip.stops:
        others = [c.place for c in gazetteer.lookup(stop.place, limit=4).candidates if c.place.name != stop.place][:3]
        rows.append(
            {
                "keep": True,
                "date": stop.date.isoformat() if stop.date else "",
                "place": stop.place,
                "found as": stop.matched or "",
                "evidence": stop.evidence,
                "confidence": stop.confidence,
                "other candidates": "; ".join(
                    ", ".join(p for p in (o.name, gazetteer.region_name(o), o.country) if p) for o in others
                ),
                "lat": stop.lat,
                "lon": stop.lon,
            }
        )
    return rows


def draft_to_json(rows: Sequence[dict[str, Any]], original: Trip) -> bytes:
    """The kept rows as a trip file; a row whose place was edited loses its coordinates, to be geocoded again."""
    places = {stop.place for stop in original.stops}
    by_place = {stop.place: stop for stop in original.stops}
    stops = []
    for row in rows:
        if not row.get("keep", True):
            continue
        place = str(row.get("place") or "").strip()
        record: dict[str, Any] = {
            "date": str(row.get("date") or "").strip(),
            "place": place,
            "name": place,
            "evidence": str(row.get("evidence") or ""),
        }
        original_stop = by_place.get(place)
        if place in places and original_stop is not None and row.get("lat") is not None and row.get("lon") is not None:
            record |= {
                "lat": row["lat"],
                "lon": row["lon"],
                "provider": original_stop.provider,
                "confidence": original_stop.confidence,
                "matched": original_stop.matched,
            }
        stops.append(record)
    return json.dumps({"title": original.title, "stops": stops}, ensure_ascii=False).encode("utf-8")
