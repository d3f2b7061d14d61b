"""Reading a trip file of any format this app knows: the format follows the file name, then the content."""

from __future__ import annotations

from pathlib import Path

from mapping.errors import InputError
from mapping.io.csv import read_csv
from mapping.io.json import read_json
from mapping.trip.model import LoadResult


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
