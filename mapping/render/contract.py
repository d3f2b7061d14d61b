"""What Python hands the map's JavaScript (``mapping/render/static``), in one place.

**Features.** Leaflet draws GeoJSON features whose properties are
:class:`StopProperties` and :class:`LegProperties`. Every text in them is
HTML-escaped in Python; the browser inserts them as HTML. Empty fields are left out.

**Columns.** A day's features travel as columns rather than as GeoJSON, which
repeats every key and every day-wide value once per stop: :class:`StopColumns`
and :class:`LegColumns`, decoded in the browser by ``decodeStops`` and
``decodeLegs`` (``trip-core.js``) into exactly the features above. A column is
one value for the whole day or a list with one value per row; coordinates are
integers of 1e-5 degree (a metre), each the difference from the one before.

**Globals and events** (``trip-map.js``):

- ``window.tripSlots``: day layers by key (``"stops 2023-09-16"``, ``"legs ..."``),
  filled by the loader from a large trip's fetched file, whose JSON maps the
  same keys to columns (:func:`mapping.render.features.layer_data`).
- ``map._tripDays``: every day layer met so far, by Leaflet id; the day filter
  adds and removes them (a layer carries its day as ``options.tripDay``).
- ``'tripdata'``: fired on the map once fetched features are in; ``'tripfilter'``
  once the day filter has changed the days shown.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any, NotRequired, TypedDict

#: The moment of an undated stop: after every date in text order.
UNDATED_STEP = "~"

#: Coordinates travel as integers of this fraction of a degree.
COORDINATE_SCALE = 100_000


class StopProperties(TypedDict):
    """A stop as the browser sees it: its marker, popup and playback moment."""

    number: int  # the stop's number over the whole trip
    day: str  # its day's key (ISO date, or "undated")
    colour: str  # its day's colour
    uncertain: NotRequired[bool]  # drawn hollow, and said so in the popup
    label: str
    when: str  # date and time as the popup shows them
    mode: NotRequired[str]  # how it was reached, as a label
    activity: NotRequired[str]
    evidence: NotRequired[str]
    source: NotRequired[str]
    source_url: NotRequired[str]  # only for http(s) sources
    where: NotRequired[str]  # how it was placed; absent for given coordinates
    t: str  # its moment: "2023-09-13", "2023-09-13T13:09" or "~"
    u: NotRequired[str]  # the trip's next later moment: until then it is the current stop


#: A leg into a stop: styled by its ``mode`` key, drawn as a great circle in the browser when ``arc``
#: (a flight), labelled with its ``km``, current at ``t`` (the moment of the stop it arrives at),
#: flagged with ``warn`` when too fast for its mode. ``from`` is the day of the stop it starts from
#: when that is another day: while that day is hidden, the leg is not drawn.
LegProperties = TypedDict(
    "LegProperties",
    {"mode": str, "arc": bool, "km": float, "t": str, "warn": str, "from": str},
    total=False,
)


class StopColumns(TypedDict):
    day: str
    colour: str
    number: list[int] | int
    lon: list[int]
    lat: list[int]
    #: Every other property of StopProperties, as a column.
    fields: dict[str, Any]


class LegColumns(TypedDict):
    #: The legs' end points; each leg starts where the one before ended ...
    lon: list[int]
    lat: list[int]
    #: ... unless given here, by the leg's index: [lon, lat] integers, not deltas.
    start: dict[str, list[int]]
    fields: dict[str, Any]


def scaled(value: float) -> int:
    return round(value * COORDINATE_SCALE)


def deltas(values: Iterable[int]) -> list[int]:
    out: list[int] = []
    previous = 0
    for value in values:
        out.append(value - previous)
        previous = value
    return out


def column(values: Sequence[Any]) -> Any:
    """One value for all rows when they agree, else the list; None when every row is empty."""
    if not values:
        return None
    first = values[0]
    if all(v == first for v in values):
        return first if first not in (None, "", False) else None
    return list(values)


def columns(rows: Sequence[Mapping[str, Any]], keys: Iterable[str]) -> dict[str, Any]:
    """The rows' properties as columns; a key no row has is left out."""
    out: dict[str, Any] = {}
    for key in keys:
        value = column([row.get(key) for row in rows])
        if value is not None:
            out[key] = value
    return out
