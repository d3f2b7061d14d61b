"""Travel modes: the one table every part of the app reads (words, line style, speed limit, chart colour)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Mode:
    key: str
    #: What a table, a chart and the legend call it.
    label: str
    #: "by car": how a leg travelled, in a sentence.
    how: str
    #: "a car": what travelled it, in a speed warning.
    who: str
    #: Leaflet dash pattern (None: solid) and line weight of its legs.
    dash: str | None
    weight: int
    #: Top speed with headroom (motorway, high-speed rail, airliner cruise, fast ferry, a run), so only slips trip it.
    max_kmh: float
    #: Bar colour in charts; muted on purpose, because on the map strong colours mean days.
    chart_colour: str
    #: Drawn as a great-circle arc rather than a straight line.
    arc: bool = False
    #: What people write in a mode column for it.
    synonyms: tuple[str, ...] = ()


_TABLE: tuple[Mode, ...] = (
    Mode(
        "train", "Train", "by train", "a train", None, 4, 350.0, "#3b5b7d",
        synonyms=(
            "armoured train", "armored train", "rail", "railway", "cable car", "gondola", "funicular", "tram",
            "metro", "subway", "underground", "shinkansen", "high-speed rail", "ropeway", "cog railway",
        ),
    ),
    Mode("car", "Car", "by car", "a car", "10 5", 3, 150.0, "#7f9cbf", synonyms=(
        "motorcade", "road", "bus", "drive", "driving", "taxi", "coach", "shuttle", "rental car", "uber", "van",
    )),
    Mode(
        "plane", "Plane", "by plane", "a plane", "2 8", 3, 1000.0, "#b9cde4", arc=True,
        synonyms=("flight", "air", "aircraft", "fly", "airplane", "aeroplane", "flying"),
    ),
    Mode(
        "helicopter", "Helicopter", "by helicopter", "a helicopter", "6 4 2 4", 3, 330.0, "#c9a94b", arc=True,
        synonyms=("heli", "chopper"),
    ),
    Mode("ship", "Ship", "by ship", "a ship", "1 6", 4, 70.0, "#3f8f86", synonyms=("boat", "ferry", "cruise", "sail", "sailing")),
    Mode("foot", "On foot", "on foot", "someone on foot", "1 4", 2, 10.0, "#93b07f", synonyms=("walk", "walking", "hike", "hiking", "trek", "trekking", "on foot")),
    Mode("unknown", "Mode not given", "by an unstated mode", "even an airliner", "4 6", 2, 1000.0, "#b8b8b8"),
)  # fmt: skip

#: Every mode by key, in the order legends and charts list them.
MODES_BY_KEY: dict[str, Mode] = {mode.key: mode for mode in _TABLE}
MODES: tuple[str, ...] = tuple(MODES_BY_KEY)
UNKNOWN = MODES_BY_KEY["unknown"]

_SYNONYMS: dict[str, str] = {word: mode.key for mode in _TABLE for word in mode.synonyms} | {"": "unknown"}


def mode_of(key: str) -> Mode:
    """The mode for a key, the unknown mode for anything else."""
    return MODES_BY_KEY.get(key, UNKNOWN)


def normalise_mode(text: str) -> str | None:
    """The mode key for what someone wrote (``"Ferry"`` -> ``"ship"``); None when it is not a travel mode."""
    word = text.strip().lower()
    key = _SYNONYMS.get(word, word)
    return key if key in MODES_BY_KEY else None


def label(key: str) -> str:
    return mode_of(key).label
