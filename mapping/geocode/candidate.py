"""The one candidate type: what a stop could be, whoever proposed it.

The offline gazetteer, an online provider and the "fix a stop" list all speak
in ``Candidate``: a place (a gazetteer record, or one built from a provider's
answer), the score it was ranked by, how its name matched, and whether it is the
stop itself or only the town the stop is in (``approximate="town"``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from mapping.geocode.clean import CleanQuery
from mapping.geocode.index import MATCH_ALTERNATE, MATCH_FOLDED, MATCH_PRIMARY, Place

Point = tuple[float, float]

#: A candidate found online, not in the gazetteer.
MATCH_ONLINE = 3
MATCH_LABEL = {
    MATCH_PRIMARY: "name",
    MATCH_ALTERNATE: "alternate name",
    MATCH_FOLDED: "spelling variant",
    MATCH_ONLINE: "online",
}
#: The one word for an answer that is the stop's town rather than the stop.
APPROXIMATE_TOWN = "town"


@dataclass(frozen=True, slots=True)
class Candidate:
    """A place a stop may be, with the score it was ranked by."""

    place: Place
    score: float
    match: int
    #: "town" when this is the town the stop is in (its address or its kind says so), not the stop.
    approximate: str | None = None
    #: The English name of the place's first-level region, when known.
    region: str = ""

    @property
    def name(self) -> str:
        return self.place.name

    @property
    def lat(self) -> float:
        return self.place.lat

    @property
    def lon(self) -> float:
        return self.place.lon

    @property
    def provider(self) -> str:
        """Who proposed it: "gazetteer" for the offline index and its landmarks, else the online service."""
        return self.place.source if self.match == MATCH_ONLINE else "gazetteer"

    @property
    def detail(self) -> str:
        """Kind, region and country, as the fix-a-stop list shows them."""
        parts = [self.place.kind, self.region, self.place.country]
        if self.approximate:
            parts.insert(0, f"approximate ({self.approximate})")
        return ", ".join(p for p in parts if p)

    @property
    def label(self) -> str:
        return f"{self.name} ({self.detail}) · {self.lat:.4f}, {self.lon:.4f} · {self.provider}"

    def summary(self) -> dict[str, Any]:
        """The candidate as ``python -m mapping geocode`` lists it (name, lat, lon, country, kind, score)."""
        return {
            "name": self.name,
            "lat": self.lat,
            "lon": self.lon,
            "country": self.place.country or None,
            "kind": self.place.kind,
            "score": round(self.score, 4),
        }

    def to_raw(self) -> dict[str, Any]:
        raw: dict[str, Any] = {
            **self.place.to_raw(),
            "score": round(self.score, 4),
            "match": MATCH_LABEL[self.match],
            "region": self.region,
        }
        if self.approximate:
            raw["approximate"] = self.approximate
        return raw


@dataclass(frozen=True, slots=True)
class TripContext:
    """What the rest of a trip says about where a stop is likely to be."""

    #: Sure places of the other stops, nearest in the trip order first.
    points: tuple[Point, ...] = ()
    #: Countries the trip's sure stops are in.
    countries: tuple[str, ...] = ()
    #: Typical kilometres between consecutive sure stops: how far a stop may be from the others.
    hop_km: float | None = None


@dataclass(frozen=True, slots=True)
class Qualifier:
    """What a qualifier after a comma turned out to be."""

    country: str | None = None
    regions: frozenset[tuple[str, str]] = frozenset()
    town: Candidate | None = None


@dataclass(frozen=True, slots=True)
class Answer:
    """The ranked candidates for one query and how sure the first one is."""

    query: str
    candidates: tuple[Candidate, ...]
    confidence: float
    #: The query taken apart; the original text stays the stop's label.
    cleaned: CleanQuery | None = None
    #: The query's own words speak against the first answer: it names a region that does not hold it
    #: ("Bayfield, Wisconsin" answered by Bayfield, Colorado). Its confidence says so too.
    against_query: bool = False

    @property
    def best(self) -> Candidate | None:
        return self.candidates[0] if self.candidates else None

    @property
    def approximate(self) -> str | None:
        return self.best.approximate if self.best else None


def as_codes(country_codes: str | Sequence[str] | None) -> set[str]:
    if not country_codes:
        return set()
    if isinstance(country_codes, str):
        country_codes = [country_codes]
    return {c.strip().upper() for c in country_codes if c.strip()}


def as_points(near: Point | Sequence[Point] | None) -> list[Point]:
    if near is None:
        return []
    if len(near) == 2 and all(isinstance(v, (int, float)) for v in near):
        return [(float(near[0]), float(near[1]))]  # type: ignore[arg-type]
    return [(float(p[0]), float(p[1])) for p in near]  # type: ignore[index]
