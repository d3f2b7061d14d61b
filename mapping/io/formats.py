"""The one list of trip file formats: what the uploader accepts, what the CLI reads and writes, what the README lists.

Reading a trip file follows what the bytes are (a zip, XML, a calendar, JSON), then the file name.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from mapping.errors import InputError
from mapping.io import csv as csv_io
from mapping.io import gpx, ics, itinerary_text, kml, xlsx
from mapping.io import json as json_io
from mapping.io.columns import looks_like_header
from mapping.io.decode import decode, sniff
from mapping.io.geojson import to_geojson
from mapping.trip.model import LoadResult, Trip


@dataclass(frozen=True, slots=True)
class ReadContext:
    """What a reader is told besides the bytes."""

    filename: str
    title: str
    #: The year for dates written without one (the CLI's ``--year``, the app's year field).
    year: int | None = None


Reader = Callable[[bytes, ReadContext], LoadResult]
Writer = Callable[[Trip], str]


def _text(read: Callable[[str, str, str, int | None], LoadResult]) -> Reader:
    def reader(data: bytes, context: ReadContext) -> LoadResult:
        text, note = decode(data, context.filename)
        result = read(text.removeprefix("\ufeff"), context.filename, context.title, context.year)
        return replace(result, notes=(note, *result.notes)) if note else result

    return reader


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
    #: What is in it, for the README and the CLI's help.
    note: str = ""

    @property
    def extension(self) -> str:
        return self.extensions[0]


FORMATS: tuple[Format, ...] = (
    Format("csv", "CSV", (".csv", ".tsv"), "text/csv", _text(csv_io.read_csv), csv_io.trip_to_csv,
           "a header row with your own column names; also Google Takeout saved lists"),
    Format("json", "JSON", (".json",), "application/json", _text(json_io.read_json), json_io.trip_to_json,
           "{title, stops}, a list of stops, or Google Takeout 'Saved Places'"),
    Format("geojson", "GeoJSON", (".geojson",), "application/geo+json", _text(json_io.read_json), to_geojson,
           "Points are stops; LineStrings and MultiPoints are the route"),
    Format("gpx", "GPX", (".gpx",), "application/gpx+xml", _text(gpx.read_gpx), gpx.to_gpx,
           "waypoints and route points are stops; tracks are the path"),
    Format("kml", "KML (Google Earth)", (".kml",), "application/vnd.google-earth.kml+xml", _text(kml.read_kml),
           kml.to_kml, "placemarks are stops; folders named by day date them"),
    Format("kmz", "KMZ (Google My Maps)", (".kmz",), "application/vnd.google-earth.kmz", kml.read_kmz, None,
           "a zipped KML, as Google My Maps exports it"),
    Format("xlsx", "Excel", (".xlsx", ".xlsm"),
           "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsx.read_xlsx, None,
           "the first sheet with data; the header may sit below title rows"),
    Format("ics", "iCalendar", (".ics", ".ical"), "text/calendar", _text(ics.read_ics), None,
           "each event is a stop: its start, LOCATION (or the summary); flights become airports"),
    Format("text", "Text itinerary", (".txt", ".md"), "text/plain", _text(itinerary_text.read_text_itinerary), None,
           "day headings (Fri 2026-05-15, # Jan 14, Day 1) with one line per stop"),
)  # fmt: skip

_BY_KEY = {fmt.key: fmt for fmt in FORMATS}
# What a zip, an old Excel file or a bare XML document is, for messages when they are not something we read.
_NOT_READ = {
    "zip": "a zip archive with neither a KML file (a KMZ) nor an Excel sheet in it",
    "xls": "an Excel 97-2003 workbook (.xls); save it as .xlsx or CSV",
    "gzip": "a gzip-compressed file; unpack it first",
    "xml": "an XML document that is neither KML nor GPX",
}


def readable_extensions() -> list[str]:
    """Every file ending a trip can be read from, for the uploader and the CLI's help."""
    return [extension for fmt in FORMATS if fmt.reader for extension in fmt.extensions]


def writable() -> list[tuple[Format, Writer]]:
    """Every format a trip can be written to, with its writer, in the order downloads are offered."""
    return [(fmt, fmt.writer) for fmt in FORMATS if fmt.writer]


def format_list() -> str:
    """The formats in one line, for messages and the CLI's help."""
    return ", ".join(f"{fmt.label} ({'/'.join(fmt.extensions)})" for fmt in FORMATS if fmt.reader)


def load_trip(path: str | Path, *, year: int | None = None) -> LoadResult:
    """Read a trip from any file format in :data:`FORMATS`."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read the file ({exc.strerror}); check the path", source=str(path)) from exc
    return parse_trip(data, filename=str(path), title=_title_from_filename(path.name), year=year)


def parse_trip(data: bytes | str, *, filename: str, title: str | None = None, year: int | None = None) -> LoadResult:
    """Read a trip from a file's bytes: what the bytes are decides, then the file's name."""
    if isinstance(data, str):
        data = data.encode("utf-8")
    context = ReadContext(filename=filename, title=title or _title_from_filename(filename), year=year)
    suffix = Path(filename).suffix.lower()
    by_name = next((fmt for fmt in FORMATS if suffix in fmt.extensions), None)
    kind = sniff(data)
    if kind in _NOT_READ:
        raise InputError(f"this is {_NOT_READ[kind]}; trip files can be {format_list()}", source=filename)
    fmt = _BY_KEY.get(kind or "") or by_name
    if kind == "json" and by_name is not None and by_name.key == "geojson":
        fmt = by_name
    if fmt is None:
        if not data.strip():
            raise InputError("the file is empty; a trip needs at least one stop", source=filename)
        fmt = _BY_KEY["csv"] if suffix in ("", ".dat") else None
    if fmt is None or fmt.reader is None:
        raise InputError(
            f"'{suffix}' is not a trip format this app reads; it reads {format_list()}",
            source=filename,
        )
    if fmt.key == "text" and _looks_like_csv(data):
        fmt = _BY_KEY["csv"]
    reader = fmt.reader
    if reader is None:  # every format that is not read was refused above
        raise InputError(f"{fmt.label} files cannot be read here", source=filename)
    result = reader(data, context)
    notes = result.notes
    if by_name is not None and by_name.key != fmt.key and not {by_name.key, fmt.key} <= {"json", "geojson"}:
        notes = (f"read as {fmt.label}: the file is one, though its name ends in {suffix}", *notes)
    result = replace(result, format=fmt.key, notes=notes)
    if not result.trip.stops:
        raise InputError(_why_empty(result, fmt), source=filename)
    return result


def _looks_like_csv(data: bytes) -> bool:
    """A .txt file that is really a table (a header row of known column names split by commas or tabs)."""
    text, _ = decode(data[:4096], "")
    first = next((line for line in text.splitlines() if line.strip()), "")
    for delimiter in (",", "\t", ";"):
        cells = [c.strip() for c in first.split(delimiter)]
        if len(cells) >= 2 and looks_like_header(cells) >= 2:
            return True
    return False


def _why_empty(result: LoadResult, fmt: Format) -> str:
    if result.problems:
        first = result.problems[0]
        more = len(result.problems) - 1
        extra = f" (and {more} more)" if more else ""
        return f"no stop could be read from this {fmt.label} file: {first}{extra}"
    return f"this {fmt.label} file holds no stops ({fmt.note}); nothing to map"


def _title_from_filename(filename: str) -> str:
    stem = Path(filename).stem.replace("_", " ").replace("-", " ").strip()
    return stem[:1].upper() + stem[1:] if stem else "Trip"
