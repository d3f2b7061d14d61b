"""Places the traveller went to that the offline gazetteer cannot place: kept in the draft as stops with no
coordinates ("not found"), so the visitor sees them and can place them by hand, rather than lose them.

Only what the parse reads as a visit of the traveller is kept, and only a name the model tagged as a place
or a site's own name: a guessed name that the gazetteer does not know is as likely a person as a village.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from mapping.report.places import COMMON_WORDS
from mapping.report.vocabulary import words
from mapping.trip.model import Stop

#: At most this many unplaced stops in one draft: a long report's rare words would otherwise bury its stops.
MAX_UNPLACED = 12


@dataclass(frozen=True)
class Unplaced:
    """A visit told in the text whose place no look-up found."""

    name: str
    evidence: str
    day: date | None
    activity: str
    mode: str
    #: Where the name is in the text: visits of one day keep the text's order.
    position: int


#: The last word of a region, a stretch of water or a road: no spot one could put a pin on.
_WIDE_WORDS = words(
    """province county region district area bay sound sea ocean gulf strait channel line highway interstate
    motorway route"""
)


def worth_placing(name: str) -> bool:
    """A name a visitor could place: a capitalised word of three letters or more that is not an abbreviation
    ("Lt", "UN") or a common word on its own ("Base", "Church"); no region or road ("Northwestern province",
    "Interstate 40"), no headline ("Thousands Pack Rainy New York Stadium")."""
    alpha = [w for w in name.replace("'s", "").split() if w.isalpha()]
    named = [w for w in alpha if len(w) >= 3 and w[:1].isupper() and not w.isupper()]
    lowered = [w.lower() for w in name.split()]
    wide = bool(lowered) and (lowered[-1] in _WIDE_WORDS or lowered[0] in _WIDE_WORDS)
    return bool(named) and len(lowered) <= 5 and not wide and not (len(alpha) == 1 and alpha[0].lower() in COMMON_WORDS)


def with_unplaced(stops: list[Stop], unplaced: list[Unplaced]) -> list[Stop]:
    """``stops`` with each unplaced visit put in after the last stop of its day (an undated one at the end),
    once per name, and none whose name is already a stop's or part of one ("the Qila Mubarak" after the
    "Qila Mubarak, Patiala" placed near its town)."""
    taken = {_key(s.place) for s in stops} | {_key(s.matched or "") for s in stops}
    out = list(stops)
    for visit in sorted(unplaced, key=lambda v: v.position):
        key = _key(visit.name)
        if not key or any(key in t or t in key for t in taken if t) or len(out) - len(stops) >= MAX_UNPLACED:
            continue
        taken.add(key)
        stop = Stop(
            place=visit.name,
            date=visit.day,
            name=visit.name,
            activity=visit.activity,
            mode=visit.mode,
            evidence=visit.evidence[:600],
            matched="not found in the offline gazetteer: type its coordinates or place it on the map",
        )
        day = visit.day
        at = len(out) if day is None else next((i for i in range(len(out), 0, -1) if _on_or_before(out[i - 1], day)), 0)
        out.insert(at, stop)
    return out


def _on_or_before(stop: Stop, day: date) -> bool:
    return stop.date is not None and stop.date <= day


def _key(name: str) -> str:
    words = name.lower().replace("'s", "").split()
    return " ".join(w for w in words if w not in ("the", "a", "an"))
