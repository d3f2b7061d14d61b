"""Trips and stops: the one data model every reader produces and every writer and map consumes."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass, field, replace
from datetime import date
from typing import Any

from mapping.errors import InputError
from mapping.trip.modes import MODES

__all__ = ["COLUMNS", "MAX_FIELD_CHARS", "MAX_ROWS", "MODES", "LoadResult", "Stop", "Track", "Trip"]

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

#: Below this confidence a geocoded stop is shown as uncertain (hollow marker, listed first to fix).
LOW_CONFIDENCE = 0.6

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

    @property
    def uncertain(self) -> bool:
        """A geocoded stop the user should check: given coordinates are never uncertain."""
        return self.located and self.provider not in (None, "given") and (self.confidence or 0.0) < LOW_CONFIDENCE

    def cells(self) -> dict[str, str]:
        """The stop as text under the trip columns (:data:`COLUMNS`), empty where it has no value."""
        return {
            "date": self.date.isoformat() if self.date else "",
            "time": self.time or "",
            "place": self.place,
            "name": self.name,
            "lat": "" if self.lat is None else f"{self.lat:.6f}",
            "lon": "" if self.lon is None else f"{self.lon:.6f}",
            "activity": self.activity,
            "mode": self.mode,
            "source": self.source,
            "evidence": self.evidence,
        }

    def to_record(self) -> dict[str, Any]:
        """The stop as the JSON shape of ``show --json``."""
        record = asdict(self)
        record["date"] = self.date.isoformat() if self.date else None
        record.pop("row")
        return record


@dataclass(frozen=True, slots=True)
class Track:
    """A path the file draws (a GPX track, a KML or GeoJSON line): (lat, lon) points in order, not stops."""

    name: str
    points: tuple[tuple[float, float], ...]


@dataclass(frozen=True, slots=True)
class Trip:
    title: str
    stops: tuple[Stop, ...] = field(default_factory=tuple)
    #: Paths the source file drew between the stops (the travelled track, a route line), to draw as they are.
    tracks: tuple[Track, ...] = field(default_factory=tuple)

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
    #: What the reader decided for the whole file, in words ("dates read as day/month: 15/09/2026 in row 3").
    notes: tuple[str, ...] = ()
    #: Which of the file's columns (or elements) gave which trip field: ("place", "item"), ("date", "Date").
    columns: tuple[tuple[str, str], ...] = ()
    #: The format it was read as (a key of the format registry).
    format: str = ""
