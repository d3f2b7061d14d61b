"""Online geocoders through geopy, behind the cache, at each provider's pace.

Any geopy geocoder can be named (``get_geocoder_for_service``); Nominatim is
the first one offered. Its public service allows one request per second, asks
for a user agent that identifies the application, and forbids bulk use: every
answer is cached, the rate limiter holds the pace, and a failure stops further
requests for the trip instead of hammering a service that is down.
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
from geopy.extra.rate_limiter import RateLimiter
from geopy.geocoders import get_geocoder_for_service

from mapping.errors import TripMapError
from mapping.geocode.cache import GeoCache

#: Seconds between requests, from each service's published usage policy.
POLICY_DELAY = {"nominatim": 1.0}
DEFAULT_DELAY = 1.0
TIMEOUT = 10.0
#: A whole answer must arrive within this many time-outs.
DEADLINE_FACTOR = 3
SERVICES = ("nominatim", "photon", "arcgis", "opencage", "geocodeearth", "pelias", "mapbox", "here")


class ProviderFailure(TripMapError):
    """An online geocoder did not give a usable answer; nothing was cached."""


@dataclass(frozen=True, slots=True)
class OnlineResult:
    name: str
    lat: float
    lon: float
    importance: float


@dataclass(frozen=True, slots=True)
class OnlineAnswer:
    provider: str
    results: tuple[OnlineResult, ...]
    cached: bool

    @property
    def confidence(self) -> float:
        if not self.results:
            return 0.0
        if len(self.results) == 1:
            return 0.85
        gap = self.results[0].importance - self.results[1].importance
        return round(max(0.3, min(0.9, 0.55 + gap)), 3)


@dataclass(frozen=True, slots=True)
class OnlineSettings:
    service: str = "nominatim"
    user_agent: str = ""
    #: host[:port] of a self-hosted or test server; None for the public service.
    domain: str | None = None
    scheme: str = "https"
    timeout: float = TIMEOUT
    min_delay_seconds: float | None = None


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
    def __init__(self, settings: OnlineSettings, cache: GeoCache) -> None:
        service = settings.service.strip().lower()
        try:
            geocoder_class = get_geocoder_for_service(service)
        except GeocoderNotFound as exc:
            raise ProviderFailure(
                f"'{settings.service}' is not a geocoder geopy knows; try one of: {', '.join(SERVICES)}"
            ) from exc
        # urllib, not requests: requests' adapter retries 429s, 5xx and timeouts by itself, and a
        # public service's policy counts every one of those requests.
        options: dict[str, Any] = {"timeout": settings.timeout, "adapter_factory": ClosingURLLibAdapter}
        if settings.user_agent.strip():
            options["user_agent"] = settings.user_agent.strip()
        if settings.domain:
            options["domain"] = settings.domain
            options["scheme"] = settings.scheme
        try:
            self._geocoder = geocoder_class(**options)
        except (ConfigurationError, TypeError) as exc:
            raise ProviderFailure(f"{service} cannot be used as configured: {exc}") from exc
        delay = settings.min_delay_seconds
        if delay is None:
            delay = POLICY_DELAY.get(service, DEFAULT_DELAY)
        self._limited = RateLimiter(
            self._geocoder.geocode, min_delay_seconds=delay, max_retries=0, swallow_exceptions=False
        )
        self.service = service
        self.cache = cache
        # The time-out is per socket read: a reply trickling a byte at a time never trips it.
        self.deadline = settings.timeout * DEADLINE_FACTOR

    def lookup(self, query: str, *, country_codes: tuple[str, ...] = ()) -> OnlineAnswer:
        options: dict[str, Any] = {}
        if country_codes and self.service == "nominatim":
            options["country_codes"] = list(country_codes)
        cached = self.cache.get(self.service, query, options)
        if cached is not None:
            return OnlineAnswer(self.service, tuple(OnlineResult(**r) for r in cached), cached=True)
        try:
            found = _within(self.deadline, lambda: self._limited(query, exactly_one=False, **options))
        except GeopyError as exc:
            raise ProviderFailure(describe(exc, self.service)) from exc
        except TimeoutError as exc:
            raise ProviderFailure(
                f"{self.service} did not finish its answer within {self.deadline:g} s (a stalled or trickling reply)"
            ) from exc
        results = [
            OnlineResult(
                name=str(location.address),
                lat=float(location.latitude),
                lon=float(location.longitude),
                importance=float((location.raw or {}).get("importance") or 0.0),
            )
            for location in (found or [])[:5]
        ]
        self.cache.put(self.service, query, options, [_as_dict(r) for r in results])
        return OnlineAnswer(self.service, tuple(results), cached=False)


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


def _as_dict(result: OnlineResult) -> dict[str, Any]:
    return {"name": result.name, "lat": result.lat, "lon": result.lon, "importance": result.importance}
