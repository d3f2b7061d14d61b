"""Which column is which: the header alias table, checked against what the columns hold.

People name their columns ``Location``, ``City``, ``Title``, ``item``, ``port``; ``Lat/Long``,
``lat/lng``, ``Latitiude``; a ``WKT`` column; one ``"lat, lon"`` column; a column of Google Maps
links with no header at all. :func:`map_columns` picks one column per trip field and says which.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from mapping.io.dates import MONTHS, parse_date, parse_time
from mapping.io.links import coordinates_in_link, coordinates_in_pair, coordinates_in_wkt, is_map_link
from mapping.trip.model import COLUMNS

#: Trip field <- what people call it (compared after lower-casing and dropping punctuation).
ALIASES: dict[str, tuple[str, ...]] = {
    "place": (
        "place", "location", "city", "town", "destination", "title", "item", "port", "stop", "where",
        "site", "spot", "venue", "poi", "attraction", "sight", "landmark", "locality", "city place",
        "end point", "endpoint", "to", "sleep village", "overnight", "port of call", "village", "area",
        "地點", "地点", "景點", "景点", "行程", "場所", "目的地", "장소", "מקום",
    ),
    "name": (
        "name", "label", "place name", "placename", "business name", "poi name", "stop name", "nombre", "名称",
        "名稱", "名前",
    ),
    "address": ("address", "addr", "street address", "full address", "adresse", "dirección", "住所", "地址", "주소"),
    "lat": ("lat", "latitude", "y", "lat deg", "latitude deg", "breite", "緯度", "纬度", "위도"),
    "lon": ("lon", "lng", "long", "longitude", "x", "lon deg", "länge", "laenge", "経度", "经度", "경도"),
    "latlon": (
        "coordinates", "coords", "coordinate", "lat lon", "lat long", "lat lng", "latlon", "latlng", "latlong",
        "latitude longitude", "lat lon", "gps", "geo", "position", "geo coordinates", "座標", "坐标",
    ),
    "wkt": ("wkt", "geometry", "geom", "the geom", "shape", "point"),
    "url": (
        "url", "link", "map link", "maps link", "google maps url", "google maps link", "link on google maps", "map",
        "maps", "href", "google maps",
    ),
    "date": (
        "date", "day", "dates", "start date", "when", "datum", "fecha", "data", "itinerary days", "arrival date",
        "arrival", "arrive", "arrives", "check in", "date visited", "visited", "日期", "日付", "날짜", "תאריך",
    ),
    "time": (
        "time", "start time", "start", "from", "from time", "departs", "departure time", "depart", "hour", "hora",
        "heure", "uhrzeit", "時間", "时间", "時刻", "시간",
    ),
    "activity": (
        "activity", "activities", "description", "desc", "notes", "note", "comment", "comments", "details",
        "annotation", "plan", "what", "todo", "remarks", "備註", "备注", "メモ", "비고",
    ),
    "mode": ("mode", "transport", "transportation", "travel mode", "by", "how", "vehicle", "travel", "means"),
    "source": ("source", "reference", "citation", "ref"),
    "evidence": ("evidence", "quote"),
}  # fmt: skip

_NORMALISE = re.compile(r"[\s_\-./:()#*\[\]]+")


def normalise(header: str) -> str:
    return _NORMALISE.sub(" ", header.strip().lower()).strip()


_EXACT: dict[str, str] = {alias: key for key, aliases in ALIASES.items() for alias in aliases}


def field_of_header(header: str) -> tuple[str, int] | None:
    """The trip field a header names and how sure (3 exact, 2 ends with it, 1 loose), or None."""
    name = normalise(header)
    if not name:
        return None
    if name in _EXACT:
        return _EXACT[name], 3
    words = name.split()
    # Long converted headers ("features properties location geo coordinates latitude") end with the field.
    for size in (3, 2, 1):
        tail = " ".join(words[-size:])
        if len(words) > size and tail in _EXACT:
            return _EXACT[tail], 2
    if re.fullmatch(r"lat\w*", name) or "latitude" in name or "latitiude" in name:
        return "lat", 1
    if re.fullmatch(r"(lon|lng)\w*", name) or "longitude" in name:
        return "lon", 1
    return None


def looks_like_header(cells: Sequence[str]) -> int:
    """How many cells of a row are known column names."""
    return sum(1 for cell in cells if cell and len(cell) <= 60 and field_of_header(cell) is not None)


@dataclass(slots=True)
class ColumnMap:
    """Trip field -> column index, and what was decided, for the load result."""

    index: dict[str, int] = field(default_factory=dict)
    headers: list[str] = field(default_factory=list)
    #: A date column headed by a month ("aug") whose cells are days: column index -> month.
    month_of_column: dict[int, int] = field(default_factory=dict)
    #: Further (lat, lon) column pairs, for rows the chosen pair leaves empty.
    spare_coordinates: list[tuple[int, int]] = field(default_factory=list)

    def used(self) -> tuple[tuple[str, str], ...]:
        return tuple((key, self.headers[i] or f"column {i + 1}") for key, i in self.index.items())


def _share(values: Sequence[str], test: Callable[[str], bool]) -> float:
    filled = [v for v in values if v.strip()]
    if not filled:
        return 0.0
    return sum(1 for v in filled if test(v)) / len(filled)


def _is_number(value: str, limit: float) -> bool:
    try:
        number = float(value.strip().replace("\u2212", "-").replace(",", "."))
    except ValueError:
        return False
    return -limit <= number <= limit


def _is_latitude(value: str) -> bool:
    return _is_number(value, 90.0)


def _is_longitude(value: str) -> bool:
    return _is_number(value, 180.0)


def map_columns(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> ColumnMap:
    """One column per field: by header first, then checked (and rescued) by what the column holds."""
    width = max([len(headers), *(len(r) for r in rows)], default=0)
    columns = [[(r[i] if i < len(r) else "") for r in rows] for i in range(width)]
    names = [headers[i] if i < len(headers) else "" for i in range(width)]
    candidates: dict[str, list[tuple[float, int]]] = {}
    chosen_month: dict[int, int] = {}
    for i, header in enumerate(names):
        found = field_of_header(header)
        if found is None:
            continue
        key, strength = found
        score = float(strength)
        values = columns[i]
        if (
            normalise(header) == key
            and key in COLUMNS
            and not (
                key == "time" and _share(values, lambda v: parse_date(v) is not None and parse_time(v) is None) >= 0.5
            )
        ):
            # Our own column names mean what they say, whatever a cell holds (a bad cell is reported, not moved).
            candidates.setdefault(key, []).append((score + 1.0, i))
            continue
        if key in ("lat", "lon"):
            share = _share(values, _is_latitude if key == "lat" else _is_longitude)
            if share < 0.5:
                if _share(values, lambda v: coordinates_in_pair(v) is not None) >= 0.5:
                    key = "latlon"
                else:
                    continue
            score += share
        elif key == "latlon":
            share = _share(values, lambda v: coordinates_in_pair(v) is not None)
            if share < 0.5:
                continue
            score += share
        elif key == "wkt":
            share = _share(values, lambda v: coordinates_in_wkt(v) is not None)
            if share < 0.5:
                continue
        elif key == "date":
            share = _share(values, lambda v: parse_date(v) is not None)
            if share < 0.3:
                continue
            score += share
        elif key == "time":
            date_share = _share(values, lambda v: parse_date(v) is not None)
            time_share = _share(values, lambda v: parse_time(v) is not None)
            if date_share > time_share and date_share >= 0.5:
                candidates.setdefault("date", []).append((score + date_share - 0.5, i))
                continue
            if time_share < 0.2:
                continue
        elif key == "place" and _share(values, lambda v: bool(v.strip())) == 0 and not values:
            continue
        candidates.setdefault(key, []).append((score, i))
    if "date" not in candidates:
        # A column headed by a month ("aug") holding days of that month (3, 4, 5).
        for i, header in enumerate(names):
            month = MONTHS.get(normalise(header))
            if month and _share(columns[i], lambda v: v.strip().isdigit() and 1 <= int(v) <= 31) >= 0.8:
                candidates["date"] = [(1.0, i)]
                chosen_month[i] = month
                break
    # Columns with no header (or an unknown one) that hold map links or coordinates.
    for i, values in enumerate(columns):
        if any(i in (c for _, c in found) for found in candidates.values()):
            continue
        if _share(values, is_map_link) >= 0.5 and any(coordinates_in_link(v) for v in values if v):
            candidates.setdefault("url", []).append((0.5, i))
        elif _share(values, lambda v: coordinates_in_wkt(v) is not None) >= 0.8:
            candidates.setdefault("wkt", []).append((0.5, i))
        elif _share(values, lambda v: coordinates_in_pair(v) is not None) >= 0.8 and normalise(names[i]) == "":
            candidates.setdefault("latlon", []).append((0.5, i))
    has_coordinates = any(k in candidates for k in ("lat", "latlon", "wkt", "url"))
    if has_coordinates and not any(k in candidates for k in ("place", "name", "address")):
        # No column says it names the place: the first column of words (not numbers) does.
        for i, values in enumerate(columns):
            if any(i in (c for _, c in found) for found in candidates.values()):
                continue
            words = _share(values, lambda v: not _is_number(v, 1e12) and len(v.strip()) > 1)
            if words >= 0.6 and len({v for v in values if v.strip()}) > 1:
                candidates["name"] = [(0.1, i)]
                break
    chosen = ColumnMap(headers=list(names), month_of_column=chosen_month)
    taken: set[int] = set()
    _pair_coordinates(candidates, names, columns)
    chosen.spare_coordinates = [(int(lat), lon) for lat, lon in candidates.pop("spare", [])]
    for key in ("lat", "lon", "latlon", "wkt", "date", "time", "name", "address", "place", "url", "activity",
                "mode", "source", "evidence"):  # fmt: skip
        for _, i in sorted(candidates.get(key, []), key=lambda c: (-c[0], c[1])):
            if i not in taken:
                chosen.index[key] = i
                taken.add(i)
                break
    if "name" not in chosen.index:
        # Two columns that both name the place ("site", "place"): the one not used for the place labels the stop.
        spare = [i for _, i in sorted(candidates.get("place", [])) if i not in taken]
        if spare:
            chosen.index["name"] = spare[0]
            taken.add(spare[0])
    if ("lat" in chosen.index) != ("lon" in chosen.index):
        chosen.index.pop("lat", None)
        chosen.index.pop("lon", None)
    return chosen


def _prefix(header: str) -> str:
    words = normalise(header).split()
    return " ".join(words[:-1])


def _pair_coordinates(
    candidates: dict[str, list[tuple[float, int]]], names: list[str], columns: list[list[str]]
) -> None:
    """Latitude and longitude from the same source: the pair whose headers share a stem, with the most values."""
    lats, lons = candidates.get("lat", []), candidates.get("lon", [])
    if not lats or not lons or (len(lats) < 2 and len(lons) < 2):
        return

    def filled(i: int) -> float:
        return sum(1 for v in columns[i] if v.strip()) / max(1, len(columns[i]))

    best = max(
        ((a, b) for a in lats for b in lons),
        key=lambda pair: (
            pair[0][0]
            + pair[1][0]
            + filled(pair[0][1])
            + filled(pair[1][1])
            + (2.0 if _prefix(names[pair[0][1]]) == _prefix(names[pair[1][1]]) else 0.0)
        ),
    )
    candidates["lat"], candidates["lon"] = [best[0]], [best[1]]
    # The other columns, paired the same way, give coordinates to rows the first pair leaves empty.
    rest_lat = [c for c in lats if c != best[0]]
    rest_lon = [c for c in lons if c != best[1]]
    for lat in rest_lat:
        twin = next((lon for lon in rest_lon if _prefix(names[lon[1]]) == _prefix(names[lat[1]])), None)
        if twin is not None:
            candidates.setdefault("spare", []).append((float(lat[1]), twin[1]))


def _flatten(record: Mapping[str, Any], prefix: str = "") -> dict[str, Any]:
    flat: dict[str, Any] = {}
    for key, value in record.items():
        name = f"{prefix} {key}".strip()
        if isinstance(value, Mapping) and not prefix:
            flat.update(_flatten(value, name))
        else:
            flat[name] = value
    return flat


def canonical(record: Mapping[str, Any]) -> tuple[dict[str, Any], list[tuple[str, str]]]:
    """A record with the trip's field names: ours as they are, another app's through the alias table."""
    if (set(record) & set(COLUMNS) and "place" in record) or {"lat", "lon"} <= set(record):
        return dict(record), []
    out: dict[str, Any] = {}
    used: list[tuple[str, str]] = []
    for key, value in _flatten(record).items():
        found = field_of_header(key)
        if found is None or found[0] in out:
            continue
        name = found[0]
        if name == "date" and not isinstance(value, str):
            continue  # a day number ("day": 1) is no date
        if name == "latlon" and isinstance(value, (list, tuple)) and len(value) == 2:
            out["lat"], out["lon"] = value
        elif name in ("wkt", "url", "latlon"):
            continue
        else:
            out[name] = value
        used.append((name, key))
    if "address" in out and "place" not in out:
        out["place"] = out["address"]
    return out, used
