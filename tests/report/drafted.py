"""A report's draft as the round tests compare it: (day, place) for each stop, in the draft's order."""

from __future__ import annotations

from datetime import date

from mapping.geocode.gazetteer import OfflineGazetteer
from mapping.report.extract import extract


def drafted(text: str, gazetteer: OfflineGazetteer, reference: date | None) -> list[tuple[str | None, str]]:
    trip = extract(text, gazetteer, reference_date=reference)
    return [(s.date.isoformat() if s.date else None, s.place) for s in trip.stops]
