"""One pace per online service for the whole process, and caps on how much a trip or a visitor may ask.

Nominatim's public service allows one request a second from an application,
not from each of its visitors: four sessions each keeping their own one-second
pace sent four requests a second. ``Pace.for_service`` hands every session the
same pace for a service and server. ``Budget`` counts requests against a cap,
so one trip or one visitor cannot keep a service busy for hours.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import ClassVar

from mapping.errors import TripMapError

#: Requests one trip may send; the rest of its stops keep their offline answers.
TRIP_REQUESTS = 200
#: Requests one visitor's session may send in all.
SESSION_REQUESTS = 1000


class BudgetSpent(TripMapError):
    """A trip or a session asked an online service as often as it may."""


class Pace:
    """At most one request every ``min_delay`` seconds, across every thread of the process."""

    _shared: ClassVar[dict[str, Pace]] = {}
    _shared_lock: ClassVar[threading.Lock] = threading.Lock()

    def __init__(
        self,
        min_delay: float,
        *,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.min_delay = min_delay
        self._clock = clock
        self._sleep = sleep
        self._next = 0.0
        self._lock = threading.Lock()

    @classmethod
    def for_service(cls, key: str, min_delay: float) -> Pace:
        """The process's one pace for ``key`` (service and server); the strictest delay asked for wins."""
        with cls._shared_lock:
            pace = cls._shared.get(key)
            if pace is None:
                pace = cls._shared[key] = cls(min_delay)
            pace.min_delay = max(pace.min_delay, min_delay)
            return pace

    def wait(self) -> None:
        """Block until this caller may send its request; callers are served in turn."""
        with self._lock:
            now = self._clock()
            start = max(now, self._next)
            self._next = start + self.min_delay
        if start > now:
            self._sleep(start - now)


class Budget:
    """A count of requests left; thread-safe, shared by whatever it caps (a trip, a session)."""

    def __init__(self, limit: int, what: str) -> None:
        self.limit = limit
        self.what = what
        self._used = 0
        self._lock = threading.Lock()

    @property
    def used(self) -> int:
        return self._used

    def spend(self) -> None:
        with self._lock:
            if self._used >= self.limit:
                raise BudgetSpent(
                    f"{self.what} has asked the online geocoder {self.limit:,} times, its limit; "
                    "the remaining stops keep their offline answers (place them by hand, or run the "
                    "command line with your own server)"
                )
            self._used += 1
