"""The kind-word fallback's check: when a town found by a stop's name without its kind word may answer.

"Zion National Park" is not Zion, Illinois: a town found for "Zion" once the kind words are
stripped is an answer only where something besides its name places it.
"""

from __future__ import annotations

from collections.abc import Sequence

from mapping.geocode.index import Place
from mapping.geocode.rank import Point, nearest_km

#: A town found for "X Lake" or "Mount X" by its name alone must be this close to the trip's other stops.
KIND_TOWN_SUPPORT_KM = 500.0


def town_supported(place: Place, countries: set[str], points: Sequence[Point], hop_km: float | None) -> bool:
    """Whether a town found by a stop's name without its kind word is placed by more than its name.

    Near the trip's other stops (or the towns the query names) when there are any: a country as
    large as the United States says little about which Zion is meant. Without points, a country
    the caller asked for is enough.
    """
    if points:
        km = nearest_km(place, points)
        return km is not None and km <= max(KIND_TOWN_SUPPORT_KM, 3 * (hop_km or 0.0))
    return place.country in countries
