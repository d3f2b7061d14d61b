"""Online geocoders through geopy, behind a cache, at each service's pace, within a budget.

Any geopy geocoder can be named (``get_geocoder_for_service``); Nominatim is
the default and Photon the other one offered, each either the public service or
a self-hosted server. Nominatim's public service allows one request per second,
asks for a user agent that identifies the application, and forbids bulk use:
every answer is cached, one pace per service holds for the whole process, a
trip and a session each have a cap on requests, and a failure stops further
requests for the trip instead of hammering a service that is down. A server a
visitor names must be on the operator's list (``servers.py``), and its answers
stay in that visitor's session.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.error import HTTPError, URLError

from geopy.adapters import AdapterHTTPError, URLLibAdapter
from geopy.exc import (
    ConfigurationError,
    GeocoderAuthenticationFailure,
    GeocoderInsufficientPrivileges,
    GeocoderNotFound,
    GeocoderParseError,
    GeocoderRateLimited,
    GeocoderTimedOut,
    GeocoderUnavailable,
    GeopyError,
)
from geopy.geocoders import get_geocoder_for_service
from geopy.location import Location

from mapping.errors import TripMapError
from mapping.geocode.cache import AnswerCache, CacheError, MemoryCache
from mapping.geocode.candidate import MATCH_ONLINE, Candidate
from mapping.geocode.index import Place
from mapping.geocode.pace import TRIP_REQUESTS, Budget, BudgetSpent, Pace
from mapping.geocode.servers import Server, ServerRefused, check_server

#: Seconds between requests, from each service's published usage policy.
POLICY_DELAY = {"nominatim": 1.0, "photon": 1.0}
DEFAULT_DELAY = 1.0
TIMEOUT = 10.0
#: A whole answer must arrive within this many time-outs.
DEADLINE_FACTOR = 3
#: Results kept per query.
RESULTS = 5
SERVICES = ("nominatim", "photon", "arcgis", "opencage", "geocodeearth", "pelias", "mapbox", "here")

Box = tuple[tuple[float, float], tuple[float, float]]


class ProviderFailure(TripMapError):
    """An online geocoder did not give a usable answer; nothing was cached."""


@dataclass(frozen=True, slots=True)
class OnlineAnswer:
    provider: str
    results: tuple[Candidate, ...]
    cached: bool

    @property
    def confidence(self) -> float:
        """How sure the first result is: one clear result is likely right, close rivals are not."""
        if not self.results:
            return 0.0
        if len(self.results) == 1:
            return 0.85
        gap = self.results[0].score - self.results[1].score
        return round(max(0.3, min(0.9, 0.55 + gap)), 3)


@dataclass(frozen=True, slots=True)
class OnlineSettings:
    service: str = "nominatim"
    user_agent: str = ""
    #: host[:port][/path] of a self-hosted or test server; None for the public service.
    domain: str | None = None
    scheme: str = "https"
    timeout: float = TIMEOUT
    min_delay_seconds: float | None = None
    #: The server comes from the operator (configuration, command line), not from a visitor.
    trusted: bool = False


def parse_server(url: str | None) -> tuple[str, str | None]:
    """``(scheme, host[:port])`` of a self-hosted server's URL; ``("https", None)`` for the public service."""
    scheme, _, domain = (url or "").strip().rstrip("/").rpartition("://")
    return (scheme or "https"), (domain or None)


def fallback_notice(failure: ProviderFailure | str) -> str:
    """What the app and the command line say when the online geocoder fails and the offline answers stand."""
    return f"{failure}. The offline gazetteer placed the stops instead."


def describe(error: GeopyError, service: str) -> str:
    """What went wrong, in words that say what to do."""
    cause = error.__cause__ or error.__context__
    if isinstance(error, GeocoderRateLimited):
        wait = f" (it asked to wait {error.retry_after:.0f} s)" if error.retry_after else ""
        return f"{service} is limiting the request rate{wait}; try again later"
    if isinstance(error, (GeocoderInsufficientPrivileges, GeocoderAuthenticationFailure)):
        return f"{service} refused the request; check the user agent or API key"
    if isinstance(error, GeocoderParseError):
        return f"{service} sent an answer that could not be read"
    if isinstance(error, GeocoderTimedOut):
        # geopy reports 503 and 504 as time-outs too; its message says which.
        return f"{service} did not answer within the time limit ({error})"
    if isinstance(cause, AdapterHTTPError) and cause.status_code >= 500:
        return f"{service} had a server error (HTTP {cause.status_code}); try again later"
    unreachable = isinstance(cause, URLError) and not isinstance(cause, HTTPError)
    if isinstance(error, GeocoderUnavailable) or unreachable or isinstance(cause, ConnectionError):
        return f"{service} could not be reached (no network, or the service is down)"
    return f"{service} failed: {error}"


class OnlineGeocoder:
    """One online service for one trip (or one command), through ``cache``, within its budgets.

    ``session`` is the visitor's budget across trips (see ``pace.SESSION_REQUESTS``).
    """

    def __init__(
        self,
        settings: OnlineSettings,
        cache: AnswerCache,
        *,
        session: Budget | None = None,
        trip_requests: int = TRIP_REQUESTS,
    ) -> None:
        service = settings.service.strip().lower()
        try:
            geocoder_class = get_geocoder_for_service(service)
        except GeocoderNotFound as exc:
            raise ProviderFailure(
                f"'{settings.service}' is not a geocoder geopy knows; try one of: {', '.join(SERVICES)}"
            ) from exc
        server: Server | None = None
        if settings.domain:
            try:
                server = check_server(f"{settings.scheme}://{settings.domain}", trusted=settings.trusted)
            except ServerRefused as exc:
                raise ProviderFailure(str(exc)) from exc
        # urllib, not requests: requests' adapter retries 429s, 5xx and timeouts by itself, and a
        # public service's policy counts every one of those requests.
        options: dict[str, Any] = {"timeout": settings.timeout, "adapter_factory": ClosingURLLibAdapter}
        if settings.user_agent.strip():
            options["user_agent"] = settings.user_agent.strip()
        if server is not None:
            options["domain"] = server.domain
            options["scheme"] = server.scheme
        try:
            self._geocoder = geocoder_class(**options)
        except (ConfigurationError, TypeError) as exc:
            raise ProviderFailure(f"{service} cannot be used as configured: {exc}") from exc
        delay = settings.min_delay_seconds
        if delay is None:
            delay = POLICY_DELAY.get(service, DEFAULT_DELAY)
        self.endpoint = server.endpoint if server is not None else ""
        self.pace = Pace.for_service(f"{service} {self.endpoint}", delay)
        self.service = service
        # A visitor's own server: its answers stay in this geocoder, never in the shared cache.
        self.cache: AnswerCache = cache if server is None or settings.trusted else MemoryCache()
        self.trip = Budget(trip_requests, "This trip")
        self.session = session
        # The time-out is per socket read: a reply trickling a byte at a time never trips it.
        self.deadline = settings.timeout * DEADLINE_FACTOR

    def lookup(self, query: str, *, country_codes: tuple[str, ...] = (), viewbox: Box | None = None) -> OnlineAnswer:
        """The service's answer for ``query``, from the cache when it was asked before.

        ``country_codes`` and ``viewbox`` (the box around the trip's other stops)
        prefer places there without excluding the rest.
        """
        options = self._options(country_codes, viewbox)
        try:
            cached = self.cache.get(self.service, query, options, endpoint=self.endpoint)
        except CacheError as exc:
            raise ProviderFailure(str(exc)) from exc
        if cached is not None:
            return OnlineAnswer(self.service, tuple(_candidate(self.service, n, r) for n, r in enumerate(cached)), True)
        try:
            self.trip.spend()
            if self.session is not None:
                self.session.spend()
        except BudgetSpent as exc:
            raise ProviderFailure(str(exc)) from exc

        def ask() -> Any:
            self.pace.wait()
            return self._geocoder.geocode(query, exactly_one=False, **options)

        try:
            found = _within(self.deadline, ask)
        except GeopyError as exc:
            raise ProviderFailure(describe(exc, self.service)) from exc
        except TimeoutError as exc:
            raise ProviderFailure(
                f"{self.service} did not finish its answer within {self.deadline:g} s (a stalled or trickling reply)"
            ) from exc
        results = [_record(location) for location in (found or [])[:RESULTS]]
        try:
            self.cache.put(self.service, query, options, results, endpoint=self.endpoint)
        except CacheError as exc:
            raise ProviderFailure(str(exc)) from exc
        return OnlineAnswer(self.service, tuple(_candidate(self.service, n, r) for n, r in enumerate(results)), False)

    def _options(self, country_codes: tuple[str, ...], viewbox: Box | None) -> dict[str, Any]:
        options: dict[str, Any] = {}
        if self.service == "nominatim":
            options["addressdetails"] = True
            if country_codes:
                options["country_codes"] = [c.lower() for c in country_codes]
            if viewbox is not None:
                options["viewbox"] = [list(viewbox[0]), list(viewbox[1])]
        elif self.service == "photon" and viewbox is not None:
            (south, west), (north, east) = viewbox
            # Photon biases towards a point; the middle of the trip is the hint.
            options["location_bias"] = [(south + north) / 2, (west + east) / 2]
        return options


def _record(location: Location) -> dict[str, Any]:
    """What is kept of one result: the same fields whichever provider answered."""
    raw = location.raw or {}
    properties = raw.get("properties") or {}
    address = raw.get("address") or {}
    if properties:  # Photon: a GeoJSON feature
        kind = "/".join(p for p in (properties.get("osm_key"), properties.get("osm_value")) if p)
    else:  # Nominatim
        kind = "/".join(p for p in (raw.get("class"), raw.get("type")) if p)
    country = str(address.get("country_code") or properties.get("countrycode") or "").upper()
    importance = raw.get("importance")
    return {
        "name": str(location.address),
        "lat": float(location.latitude),
        "lon": float(location.longitude),
        "importance": float(importance) if importance is not None else None,
        "kind": kind,
        "country": country,
    }


def _candidate(service: str, number: int, record: dict[str, Any]) -> Candidate:
    place = Place(
        id=f"{service}:{number}",
        name=str(record["name"]),
        kind=str(record.get("kind") or "online"),
        lat=float(record["lat"]),
        lon=float(record["lon"]),
        country=str(record.get("country") or ""),
        admin1="",
        population=0,
        source=service,
    )
    importance = record.get("importance")
    # Photon gives no importance: its order is its ranking.
    score = float(importance) if importance is not None else round(1.0 - 0.1 * number, 3)
    return Candidate(place, score, MATCH_ONLINE)


class ClosingURLLibAdapter(URLLibAdapter):
    """geopy's urllib adapter, closing each reply once it is read.

    geopy leaves replies (and HTTP errors, which hold theirs) to the garbage
    collector, so a reply abandoned past the deadline kept its socket open until
    then, and surfaced as an unclosed-socket warning at some later collection.
    """

    def __init__(self, *, proxies: Any, ssl_context: Any) -> None:
        super().__init__(proxies=proxies, ssl_context=ssl_context)
        self._opened = threading.local()
        open_reply: Callable[..., Any] = self.urlopen  # type: ignore[has-type]

        def urlopen(request: Any, timeout: Any = None) -> Any:
            try:
                reply = open_reply(request, timeout=timeout)
            except HTTPError as error:
                self._opened.replies.append(error)
                raise
            self._opened.replies.append(reply)
            return reply

        self.urlopen = urlopen

    def get_text(self, url: str, *, timeout: Any, headers: Any) -> str:
        self._opened.replies = []
        try:
            return str(super().get_text(url, timeout=timeout, headers=headers))
        finally:
            for reply in self._opened.replies:
                reply.close()


def _within(seconds: float, call: Callable[[], Any]) -> Any:
    """``call()``, or TimeoutError after ``seconds``; the stalled request is left to a daemon thread."""
    outcome: dict[str, Any] = {}

    def run() -> None:
        try:
            outcome["value"] = call()
        except BaseException as exc:  # handed to the caller below
            outcome["error"] = exc

    worker = threading.Thread(target=run, name="online-geocode", daemon=True)
    worker.start()
    worker.join(seconds)
    if worker.is_alive():
        raise TimeoutError(f"no complete answer within {seconds:g} s")
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]
