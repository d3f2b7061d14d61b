"""The one list of trip file formats: what the uploader accepts, what the CLI reads and writes, what the README lists.

Reading a trip file follows the file name, then the content.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from mapping.errors import InputError
from mapping.io.csv import read_csv, trip_to_csv
from mapping.io.geojson import to_geojson
from mapping.io.gpx import to_gpx
from mapping.io.json import read_json, trip_to_json
from mapping.io.kml import to_kml
from mapping.trip.model import LoadResult, Trip

#: Reads a file's text: (text, filename, default title) -> the trip and its problems.
Reader = Callable[[str, str, str], LoadResult]
Writer = Callable[[Trip], str]


@dataclass(frozen=True, slots=True)
class Format:
    key: str
    #: What a person calls it, in buttons and messages.
    label: str
    #: File name endings, the first one used when writing.
    extensions: tuple[str, ...]
    mime: str
    reader: Reader | None = None
    writer: Writer | None = None

    @property
    def extension(self) -> str:
        return self.extensions[0]


FORMATS: tuple[Format, ...] = (
    Format("csv", "CSV", (".csv",), "text/csv", read_csv, trip_to_csv),
    Format("json", "JSON", (".json",), "application/json", read_json, trip_to_json),
    Format("geojson", "GeoJSON", (".geojson",), "application/geo+json", read_json, to_geojson),
    Format("gpx", "GPX", (".gpx",), "application/gpx+xml", None, to_gpx),
    Format("kml", "KML (Google Earth)", (".kml",), "application/vnd.google-earth.kml+xml", None, to_kml),
)


def readable_extensions() -> list[str]:
    """Every file ending a trip can be read from, for the uploader and the CLI's help."""
    return [extension for fmt in FORMATS if fmt.reader for extension in fmt.extensions]


def writable() -> list[tuple[Format, Writer]]:
    """Every format a trip can be written to, with its writer, in the order downloads are offered."""
    return [(fmt, fmt.writer) for fmt in FORMATS if fmt.writer]


def load_trip(path: str | Path) -> LoadResult:
    """Read a trip from a ``.csv`` or ``.json`` file."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read the file ({exc.strerror}); check the path", source=str(path)) from exc
    return parse_trip(data, filename=str(path), title=_title_from_filename(path.name))


def parse_trip(data: bytes | str, *, filename: str, title: str | None = None) -> LoadResult:
    """Read a trip from the bytes of a CSV, JSON or GeoJSON file; the name picks the format."""
    text = _decode(data, filename)
    suffix = Path(filename).suffix.lower()
    default_title = title or _title_from_filename(filename)
    if suffix in (".json", ".geojson") or (suffix not in (".csv", ".txt") and text.lstrip().startswith(("{", "["))):
        return read_json(text, filename, default_title)
    if suffix in (".csv", ".txt", ""):
        return read_csv(text, filename, default_title)
    raise InputError(
        f"'{suffix}' is not a trip format this app reads; save the trip as .csv or .json",
        source=filename,
    )


def _decode(data: bytes | str, filename: str) -> str:
    if isinstance(data, str):
        return data.removeprefix("\ufeff")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"the file is not UTF-8 text (byte {exc.start}); save it as 'CSV UTF-8' or JSON in UTF-8 and load it again",
            source=filename,
        ) from exc


def _title_from_filename(filename: str) -> str:
    stem = Path(filename).stem.replace("_", " ").replace("-", " ").strip()
    return stem[:1].upper() + stem[1:] if stem else "Trip"
