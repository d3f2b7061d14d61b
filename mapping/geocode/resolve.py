"""Resolve a trip's stops to coordinates: given coordinates, the offline gazetteer, then online.

Places are looked up twice in the gazetteer. The first pass finds what each name
means on its own; the second ranks the uncertain ones again with the trip as
context: the countries the sure stops are in, and the stops just before and
after. That is how "Artyom" on a trip through Primorye becomes Artyom near
Vladivostok and not Artyom Island in the Caspian.

When an online geocoder is enabled it is asked, through its cache, only about
the stops the gazetteer could not place with confidence. A failure is reported
once and stops further requests; the gazetteer's answers stand.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from mapping.geocode.gazetteer import Answer, OfflineGazetteer, Point
from mapping.geocode.online import OnlineAnswer, OnlineGeocoder, ProviderFailure, fallback_notice
from mapping.trip.model import Stop, Trip

# A first-pass answer this sure is context for the others and is not looked up again.
_SURE = 0.85
_NEIGHBOURS = 2

Progress = Callable[[int, int], None]


@dataclass(frozen=True, slots=True)
class Choice:
    """A place a stop could be, as the app offers it."""

    name: str
    lat: float
    lon: float
    provider: str
    detail: str
    score: float

    @property
    def label(self) -> str:
        return f"{self.name} ({self.detail}) · {self.lat:.4f}, {self.lon:.4f} · {self.provider}"


@dataclass(frozen=True, slots=True)
class Resolution:
    """A trip with coordinates, the candidates behind each geocoded stop, and what went wrong."""

    trip: Trip
    choices: dict[int, tuple[Choice, ...]] = field(default_factory=dict)
    notices: tuple[str, ...] = ()

    @property
    def unresolved(self) -> list[Stop]:
        return [s for s in self.trip.stops if not s.located]


def resolve_trip(
    trip: Trip,
    gazetteer: OfflineGazetteer,
    *,
    online: OnlineGeocoder | None = None,
    progress: Progress | None = None,
) -> Resolution:
    """Geocode every stop without given coordinates; stops that cannot be found stay, unlocated."""
    stops = list(trip.stops)
    todo = [i for i, s in enumerate(stops) if not s.located]
    total = len(todo) * 2
    done = 0

    def tick() -> None:
        nonlocal done
        done += 1
        if progress:
            progress(done, total)

    cache: dict[tuple[str, tuple[str, ...], tuple[Point, ...]], Answer] = {}

    def lookup(query: str, countries: tuple[str, ...] = (), near: tuple[Point, ...] = ()) -> Answer:
        key = (query, countries, near)
        if key not in cache:
            cache[key] = gazetteer.lookup(query, country_codes=countries or None, near=near or None)
        return cache[key]

    first: dict[int, Answer] = {}
    for i in todo:
        first[i] = lookup(stops[i].place)
        tick()

    sure_points: dict[int, Point] = {
        i: (s.lat, s.lon) for i, s in enumerate(stops) if s.lat is not None and s.lon is not None
    }
    countries: set[str] = set()
    for i, answer in first.items():
        if answer.best and answer.confidence >= _SURE:
            sure_points[i] = (answer.best.place.lat, answer.best.place.lon)
            countries.add(answer.best.place.country)
    trip_countries = tuple(sorted(countries))

    order = sorted(sure_points)
    answers: dict[int, Answer] = {}
    for i in todo:
        answer = first[i]
        if i not in sure_points:
            near = _neighbours(i, sure_points, order)
            if near or trip_countries:
                answer = lookup(stops[i].place, trip_countries, near)
        tick()
        answers[i] = answer
        best = answer.best
        if best is None:
            stops[i] = replace(stops[i], provider=None, confidence=0.0, matched=None)
        else:
            stops[i] = replace(
                stops[i],
                lat=best.place.lat,
                lon=best.place.lon,
                provider="gazetteer",
                confidence=answer.confidence,
                matched=best.place.name,
            )

    online_answers: dict[int, OnlineAnswer] = {}
    notices: list[str] = []
    if online is not None:
        # The online questions count in the progress too: each one takes a second at the service's pace,
        # and the progress call is where the app stops a run whose visitor has gone.
        asked = [i for i in todo if not stops[i].located or stops[i].uncertain]
        total += len(asked)
        for i in asked:
            stop = stops[i]
            try:
                reply = online.lookup(stop.place, country_codes=trip_countries)
            except ProviderFailure as failure:
                notices.append(fallback_notice(failure))
                break
            finally:
                tick()
            online_answers[i] = reply
            if reply.results and reply.confidence > (stop.confidence or 0.0):
                top = reply.results[0]
                stops[i] = replace(
                    stop,
                    lat=top.lat,
                    lon=top.lon,
                    provider=reply.provider,
                    confidence=reply.confidence,
                    matched=top.name,
                    cached=reply.cached,
                )

    choices = {i: _choices(answers[i], online_answers.get(i), gazetteer) for i in todo}
    # Stops that arrived already placed by a geocoder (a draft from a report, a `show --json` file)
    # still deserve their alternatives; only coordinates the user gave are final.
    for i, stop in enumerate(trip.stops):
        if i not in choices and stop.provider not in (None, "given", "chosen", "typed"):
            choices[i] = _choices(lookup(stop.place), None, gazetteer)
    return Resolution(trip.with_stops(stops), choices, tuple(notices))


def _choices(answer: Answer, online: OnlineAnswer | None, gazetteer: OfflineGazetteer) -> tuple[Choice, ...]:
    offered = [
        Choice(
            c.place.name,
            c.place.lat,
            c.place.lon,
            "gazetteer",
            ", ".join(p for p in (c.place.kind, gazetteer.region_name(c.place), c.place.country) if p),
            round(c.score, 3),
        )
        for c in answer.candidates
    ]
    if online is not None:
        offered += [
            Choice(r.name, r.lat, r.lon, online.provider, "online", round(r.importance, 3)) for r in online.results
        ]
    return tuple(offered)


def _neighbours(index: int, points: dict[int, Point], order: list[int]) -> tuple[Point, ...]:
    """The sure stops just before and after stop ``index`` in the trip; ``order`` is their sorted indexes."""
    at = bisect.bisect_left(order, index)
    chosen = order[max(0, at - _NEIGHBOURS) : at] + [i for i in order[at : at + _NEIGHBOURS + 1] if i != index]
    return tuple(points[i] for i in chosen[: 2 * _NEIGHBOURS])
