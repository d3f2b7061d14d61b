"""What the app shows beside the map, as plain data: the stops table and the day summaries."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from mapping.render.features import trip_layout
from mapping.render.style import DAY_COLOURS
from mapping.trip.model import Stop, Trip
from mapping.trip.modes import label as mode_label
from mapping.trip.timeline import Day, total_km


def status(stop: Stop) -> str:
    if not stop.located:
        return "not found"
    if stop.uncertain:
        return "uncertain"
    return "ok"


def stop_rows(trip: Trip) -> list[dict[str, Any]]:
    """One row per stop for the table, unresolved ones included and flagged."""
    return [
        {
            "#": number,
            "date": stop.date.isoformat() if stop.date else "undated",
            "time": stop.time or "",
            "name": stop.label,
            "place": stop.place,
            "matched": stop.matched or "",
            "lat": stop.lat,
            "lon": stop.lon,
            "from": f"{stop.provider} (cache)" if stop.cached else (stop.provider or ""),
            "confidence": stop.confidence,
            "status": status(stop),
            "mode": mode_label(stop.mode),
            "activity": stop.activity,
            "source": stop.source,
        }
        for number, stop in enumerate(trip.stops, start=1)
    ]


@dataclass(frozen=True, slots=True)
class Summary:
    stops: int
    located: int
    uncertain: int
    days: int
    km: float

    def sentence(self) -> str:
        parts = [f"{self.stops} stops over {self.days} day{'s' if self.days != 1 else ''}", f"{self.km:,.0f} km"]
        if self.located < self.stops:
            parts.append(f"{self.stops - self.located} not found")
        if self.uncertain:
            parts.append(f"{self.uncertain} uncertain")
        return " · ".join(parts)


def summary(trip: Trip) -> Summary:
    return Summary(
        stops=len(trip.stops),
        located=sum(s.located for s in trip.stops),
        uncertain=sum(s.uncertain for s in trip.stops),
        days=len(trip.days),
        km=total_km(trip),
    )


def day_panels(trip: Trip, palette: Sequence[str] = DAY_COLOURS) -> list[tuple[Day, str]]:
    """The trip's days with the colour each has on the map."""
    layout = trip_layout(trip, tuple(palette))
    return [(day, layout.colours[day.key]) for day in layout.days]
