"""What the app shows beside the map, as plain data: the stops table and the day summaries."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from mapping.geocode.resolve import Choice
from mapping.render.features import TripLayout, trip_layout
from mapping.render.style import DAY_COLOURS
from mapping.trip.model import Stop, Trip
from mapping.trip.modes import label as mode_label
from mapping.trip.status import status
from mapping.trip.timeline import Day, days


def matched(stop: Stop, offered: Sequence[Choice] = ()) -> str:
    """What the geocoder took the place for; with its region and country when other places share its name."""
    name = stop.matched or ""
    if not name or stop.lat is None or stop.lon is None:
        return name
    lat, lon = stop.lat, stop.lon
    here = next((c for c in offered if abs(c.lat - lat) < 1e-6 and abs(c.lon - lon) < 1e-6), None)
    namesakes = [c for c in offered if c.name.casefold() == name.casefold()]
    if here is None or here.provider != "gazetteer" or len(namesakes) < 2:
        return name
    # A gazetteer candidate's detail is "kind, region, country"; the kind says nothing about where.
    where = here.detail.split(", ", 1)[1] if ", " in here.detail else ""
    return f"{name}, {where}" if where else name


def stop_rows(trip: Trip, choices: Mapping[int, Sequence[Choice]] | None = None) -> list[dict[str, Any]]:
    """One row per stop for the table, unresolved ones included and flagged."""
    offered = choices or {}
    return [
        {
            "#": number,
            "date": stop.date.isoformat() if stop.date else "undated",
            "time": stop.time or "",
            "name": stop.label,
            "place": stop.place,
            "matched": matched(stop, offered.get(number - 1, ())),
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


def summary(trip: Trip, trip_days: Sequence[Day] | None = None) -> Summary:
    trip_days = days(trip) if trip_days is None else trip_days
    return Summary(
        stops=len(trip.stops),
        located=sum(s.located for s in trip.stops),
        uncertain=sum(s.uncertain for s in trip.stops),
        days=sum(day.date is not None for day in trip_days),
        km=sum(day.km for day in trip_days),
    )


def day_panels(
    trip: Trip, palette: Sequence[str] = DAY_COLOURS, layout: TripLayout | None = None
) -> list[tuple[Day, str]]:
    """The trip's days with the colour each has on the map, from its layout (worked out once with the map's)."""
    layout = trip_layout(trip, tuple(palette)) if layout is None else layout
    return [(day, layout.colours[day.key]) for day in layout.days]
