"""Resolve a trip's stops to coordinates: given coordinates, the offline gazetteer, then online.

Places are looked up twice in the gazetteer. The first pass finds what each name
means on its own; the second ranks again, with the rest of the trip as context,
every stop that was not sure or that landed far from the other sure stops: the
countries the sure stops are in, the stops just before and after, and how far
apart the trip's stops usually are. That is how "Artyom" on a trip through
Primorye becomes Artyom near Vladivostok and not Artyom Island in the Caspian,
and how "Lochbuie" on a Scottish trip stops being a confident Colorado town.

When an online geocoder is enabled it is asked, through its cache, only about
the stops the gazetteer could not place with confidence, with the trip's
countries and the box around its sure stops as hints. A failure is reported
once and stops further requests; the gazetteer's answers stand.
"""

from __future__ import annotations

import bisect
import math
import statistics
import threading
from collections.abc import Callable
from dataclasses import dataclass, field, replace

import numpy as np
import numpy.typing as npt

from mapping.geocode.calibration import shown
from mapping.geocode.candidate import Candidate
from mapping.geocode.gazetteer import Answer, OfflineGazetteer, Point, TripContext
from mapping.geocode.online import OnlineAnswer, OnlineGeocoder, ProviderFailure, fallback_notice
from mapping.trip.model import LOW_CONFIDENCE, Stop, Trip

# A first-pass answer this sure is not looked up again (unless it is far from the rest of the trip).
_SURE = 0.85
# A place smaller than this needs another stop of the trip within _SUPPORT_KM to be confidently placed.
_SMALL_PLACE = 20_000
_SUPPORT_KM = 500.0
_UNSUPPORTED = 0.85
# Rounds of weighing the stops against the trip.
_ROUNDS = 2
# A first-pass answer this likely is weighed when working out where the trip is.
_PROBABLE = 0.45
# Stops within this distance of each other are one part of a trip.
_CLUSTER_KM = 1500.0
_NEIGHBOURS = 2
# Besides its neighbours, a stop is compared with this many of the trip's other sure stops.
_SAMPLE = 16
# Sure stops compared with each other to measure the trip's spread (pairs grow as the square).
_HOP_SAMPLE = 200
# The core is the places weighing at least this share of the heaviest place's neighbourhood.
_CORE_SHARE = 0.75
# Places each probable place is compared with to find the trip's core.
_CORE_SAMPLE = 400

Progress = Callable[[int, int], None]

#: The app's "fix a stop" list offers candidates; one type for offline and online ones.
Choice = Candidate


@dataclass(frozen=True, slots=True)
class Resolution:
    """A trip with coordinates, the candidates behind each geocoded stop, and what went wrong."""

    trip: Trip
    choices: dict[int, tuple[Candidate, ...]] = field(default_factory=dict)
    notices: tuple[str, ...] = ()
    #: The gazetteer's evidence score behind each stop it answered (the stop shows it calibrated).
    scores: dict[int, float] = field(default_factory=dict)

    @property
    def unresolved(self) -> list[Stop]:
        return [s for s in self.trip.stops if not s.located]


def resolve_trip(
    trip: Trip,
    gazetteer: OfflineGazetteer,
    *,
    online: OnlineGeocoder | None = None,
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
) -> Resolution:
    """Geocode every stop without given coordinates; stops that cannot be found stay, unlocated.

    ``cancel`` stops the work between two stops (the visitor left, or pressed
    cancel): the stops done so far keep their answers, the rest stay unlocated.
    """
    stops = list(trip.stops)
    todo = [i for i, s in enumerate(stops) if not s.located]
    total = len(todo) * 2
    done = 0

    def tick() -> None:
        nonlocal done
        done += 1
        if progress:
            progress(done, total)

    alone: dict[str, Answer] = {}

    def lookup_alone(query: str) -> Answer:
        if query not in alone:
            # "Osaka Castle" as the town of Osaka, until the other stops say whether the trip is there.
            alone[query] = gazetteer.lookup(query, unplaced_towns=True)
        return alone[query]

    first: dict[int, Answer] = {}
    for i in todo:
        if cancel is not None and cancel.is_set():
            break
        first[i] = lookup_alone(stops[i].place)
        tick()

    given = {i: (s.lat, s.lon) for i, s in enumerate(stops) if s.lat is not None and s.lon is not None}
    # Twice: the second round sees the trip as the first round placed it ("Yilan" is only sure once
    # Taipei is known, and only then is "Jiaoxi" in China a stranger to the trip).
    answers = dict(first)
    looked: set[int] = set()
    for round_ in range(_ROUNDS):
        view = _TripView.of(given, answers)
        again: dict[int, Answer] = {}
        for i, answer in answers.items():
            if cancel is not None and cancel.is_set():
                break
            # Each stop is weighed against the trip at most once: later rounds catch the new doubts.
            if i not in looked and view.doubtful(i, answer, first_round=round_ == 0):
                again[i] = gazetteer.lookup(stops[i].place, context=view.context(i))
                looked.add(i)
            if round_ == 0:
                tick()
        answers.update(again)
        if not again:
            break
    view = _TripView.of(given, answers)
    for i, answer in answers.items():
        if i not in looked and answer.approximate and not (cancel is not None and cancel.is_set()):
            # A town for a stop's kind-stripped name that was never weighed against the trip (the trip's
            # only stop, or nothing else sure) stands only where the other stops place it.
            answers[i] = gazetteer.lookup(stops[i].place, context=view.context(i))
    answers = _unsupported_doubted(answers, given)
    for i, answer in answers.items():
        stops[i] = _placed(stops[i], answer)
    view = _TripView.of(given, answers)
    order, core, trip_countries = view.order, view.core, view.countries

    online_answers: dict[int, OnlineAnswer] = {}
    notices: list[str] = []
    if online is not None:
        box = _viewbox([core[i] for i in order])
        # Only the stops the gazetteer could not place with confidence; the progress bar counts them too.
        ask = [i for i in answers if not stops[i].located or stops[i].uncertain or answers[i].approximate]
        total += len(ask)
        for i in ask:
            if cancel is not None and cancel.is_set():
                notices.append("Online geocoding was cancelled; the stops not asked about keep the offline answers.")
                break
            stop = stops[i]
            try:
                reply = online.lookup(stop.place, country_codes=trip_countries, viewbox=box)
            except ProviderFailure as failure:
                notices.append(fallback_notice(failure))
                break
            finally:
                # After the answer: the progress call is where the app stops a run whose visitor has gone.
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

    choices = {i: _choices(answers[i], online_answers.get(i)) for i in answers}
    # Stops that arrived already placed by a geocoder (a draft from a report, a `show --json` file)
    # still deserve their alternatives; only coordinates the user gave are final.
    for i, stop in enumerate(trip.stops):
        if i not in choices and stop.located and stop.provider not in (None, "given", "chosen", "typed"):
            choices[i] = _choices(lookup_alone(stop.place), None)
    scores = {i: a.confidence for i, a in answers.items() if a.best}
    return Resolution(trip.with_stops(stops), choices, tuple(notices), scores)


@dataclass(frozen=True, slots=True)
class _TripView:
    """Where a trip is, as its answers so far say: its core places, countries and spread."""

    core: dict[int, Point]
    order: list[int]
    countries: tuple[str, ...]
    hop: float | None

    @classmethod
    def of(cls, given: dict[int, Point], answers: dict[int, Answer]) -> _TripView:
        # Probable places (given, or an answer worth weighing; a town for "Osaka Castle" counts too).
        probable: dict[int, tuple[Point, float]] = {i: (p, 1.0) for i, p in given.items()}
        countries: dict[str, int] = {}
        for i, answer in answers.items():
            if answer.best and answer.confidence >= _PROBABLE:
                probable[i] = ((answer.best.lat, answer.best.lon), answer.confidence)
                countries[answer.best.place.country] = countries.get(answer.best.place.country, 0) + 1
        core = _core(probable, _CLUSTER_KM)
        # A country counts as the trip's when more than one probable stop is in it, or when it is the only one.
        trip_countries = tuple(sorted(c for c, n in countries.items() if n > 1 or len(countries) == 1))
        return cls(core, sorted(core), trip_countries, _typical_hop(list(core.values())))

    def doubtful(self, index: int, answer: Answer, *, first_round: bool) -> bool:
        """Whether the stop's answer should be weighed again against the rest of the trip."""
        if not any(j != index for j in self.order):
            return False
        best = answer.best
        sure = answer.confidence >= _SURE and not answer.approximate
        foreign = bool(best and self.countries and best.place.country not in self.countries)
        if first_round:
            return not sure or index not in self.core or foreign
        return bool(best) and (index not in self.core or foreign)

    def context(self, index: int) -> TripContext:
        return TripContext(_context_points(index, self.core, self.order), self.countries, self.hop)


def _unsupported_doubted(answers: dict[int, Answer], given: dict[int, Point]) -> dict[int, Answer]:
    """A small place no other stop of the trip is near is not a confident answer.

    Miyahara, a village in Japan, for a café in a list of places in Taiwan and Hong Kong:
    nothing else on the trip is within ``_SUPPORT_KM`` of it, so it may well be a namesake.
    """
    if len(answers) + len(given) < 2:
        return answers
    points = {i: (a.best.lat, a.best.lon) for i, a in answers.items() if a.best and a.confidence >= _PROBABLE} | given
    keys = list(points)
    table = np.radians(np.array([points[i] for i in keys], dtype=float))
    doubted = dict(answers)
    for i, answer in answers.items():
        best = answer.best
        if best is None or answer.confidence < _SURE or best.place.population >= _SMALL_PLACE:
            continue
        if best.place.source == "landmarks":
            continue
        km = _km_to_all((best.lat, best.lon), table)
        others = [k for k, j in zip(km, keys, strict=True) if j != i]
        # No other stop placed at all is no support either (the trip's other names were not found).
        if not others or min(others) > _SUPPORT_KM:
            doubted[i] = replace(answer, confidence=min(answer.confidence, _UNSUPPORTED))
    return doubted


def _km_to_all(point: Point, table: npt.NDArray[np.float64]) -> list[float]:
    """Haversine kilometres from ``point`` to every row of ``table`` (radians), in one vector step."""
    lat, lon = np.radians(point[0]), np.radians(point[1])
    h = np.sin((table[:, 0] - lat) / 2) ** 2 + np.cos(lat) * np.cos(table[:, 0]) * np.sin((table[:, 1] - lon) / 2) ** 2
    return [float(v) for v in 2 * 6371.0088 * np.arcsin(np.sqrt(np.clip(h, 0.0, 1.0)))]


def _placed(stop: Stop, answer: Answer) -> Stop:
    best = answer.best
    if best is None:
        return replace(stop, provider=None, confidence=0.0, matched=None)
    matched = best.name if not best.approximate else f"{best.name} (approximate: {best.approximate})"
    # The stop shows the probability that it is right, not the evidence score the ranking works with.
    confidence = shown(answer)
    return replace(stop, lat=best.lat, lon=best.lon, provider="gazetteer", confidence=confidence, matched=matched)


def _choices(answer: Answer, online: OnlineAnswer | None) -> tuple[Candidate, ...]:
    offered = list(answer.candidates)
    if online is not None:
        offered += list(online.results)
    return tuple(offered)


def _context_points(index: int, points: dict[int, Point], order: list[int]) -> tuple[Point, ...]:
    """The sure stops just before and after stop ``index``, then a spread of the trip's other sure stops."""
    at = bisect.bisect_left(order, index)
    near = order[max(0, at - _NEIGHBOURS) : at] + [i for i in order[at : at + _NEIGHBOURS + 1] if i != index]
    near = near[: 2 * _NEIGHBOURS]
    rest = [i for i in order if i != index and i not in near]
    step = max(1, math.ceil(len(rest) / _SAMPLE))
    return tuple(points[i] for i in [*near, *rest[::step]])


def _typical_hop(points: list[Point]) -> float | None:
    """The median distance from a sure stop to its nearest other sure stop: how spread out the trip is.

    Nearest neighbours, not consecutive stops, so that one far namesake cannot stretch it.
    """
    step = max(1, math.ceil(len(points) / _HOP_SAMPLE))
    sample = points[::step]
    if len(sample) < 2:
        return None
    table = np.radians(np.array(sample, dtype=float))
    nearest = []
    for n, point in enumerate(sample):
        km = _km_to_all(point, table)
        nearest.append(min(k for m, k in enumerate(km) if m != n))
    return statistics.median(nearest)


def _core(probable: dict[int, tuple[Point, float]], radius_km: float) -> dict[int, Point]:
    """The probable places that agree with each other: where the trip is.

    Each place weighs the places within ``radius_km`` of it by their
    confidence; the places holding at least ``_CORE_SHARE`` of the best weight are the core.
    A world tour keeps every stop (each stands alone, all weigh the same); a
    Scottish trip with one Colorado namesake keeps Scotland.
    """
    if not probable:
        return {}
    keys = list(probable)
    points = np.radians(np.array([probable[i][0] for i in keys], dtype=float))
    weights = np.array([probable[i][1] for i in keys], dtype=float)
    step = max(1, math.ceil(len(keys) / _CORE_SAMPLE))
    anchors, anchor_weights = points[::step], weights[::step]
    # Haversine between every place and the anchors, in kilometres.
    dlat = points[:, None, 0] - anchors[None, :, 0]
    dlon = points[:, None, 1] - anchors[None, :, 1]
    h = np.sin(dlat / 2) ** 2 + np.cos(points[:, None, 0]) * np.cos(anchors[None, :, 0]) * np.sin(dlon / 2) ** 2
    km = 2 * 6371.0088 * np.arcsin(np.sqrt(np.clip(h, 0.0, 1.0)))
    density = ((km <= radius_km) * anchor_weights[None, :]).sum(axis=1) * step
    keep = density >= _CORE_SHARE * density.max()
    return {i: probable[i][0] for i, kept in zip(keys, keep, strict=True) if kept}


def _viewbox(points: list[Point]) -> tuple[Point, Point] | None:
    """The box around the trip's sure stops, padded by half a degree: a hint for online search."""
    if not points:
        return None
    lats = [p[0] for p in points]
    lons = [p[1] for p in points]
    if max(lons) - min(lons) > 180:
        return None  # a trip across the antimeridian: no useful box
    return (
        (max(-90.0, min(lats) - 0.5), max(-180.0, min(lons) - 0.5)),
        (min(90.0, max(lats) + 0.5), min(180.0, max(lons) + 0.5)),
    )


__all__ = ["LOW_CONFIDENCE", "Choice", "Progress", "Resolution", "resolve_trip"]
