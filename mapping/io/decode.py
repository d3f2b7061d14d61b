"""Bytes -> text, and what kind of file the bytes are, before any reader runs."""

from __future__ import annotations

import io
import zipfile

from mapping.errors import InputError

#: Upper bound on what a zip (a KMZ, an .xlsx) may unpack to, and on its members: no zip bombs.
MAX_UNZIPPED = 64 * 1024 * 1024
MAX_MEMBERS = 2000


def decode(data: bytes, filename: str) -> tuple[str, str | None]:
    """The text, and a note when it was not plain UTF-8 (UTF-16 from Excel, Windows-1252 from old tools)."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), None
    for bom, codec in ((b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if data.startswith(bom):
            return _strict(data[2:], codec, filename), "read as UTF-16 text"
    head = data[:4000]
    if head and head.count(b"\x00") > len(head) // 4:
        # UTF-16 without a BOM: every other byte of ASCII text is zero.
        codec = "utf-16-le" if head[1:2] == b"\x00" else "utf-16-be"
        return _strict(data, codec, filename), "read as UTF-16 text"
    if b"\x00" in head:
        raise InputError(
            "this is not a text file nor a trip format this app reads (it holds binary data); "
            "save the trip as CSV, Excel (.xlsx), JSON, GeoJSON, KML/KMZ, GPX or iCalendar (.ics)",
            source=filename,
        )
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace"), "not UTF-8: read as Windows-1252 (save as UTF-8 to be sure)"


def _strict(data: bytes, codec: str, filename: str) -> str:
    try:
        return data.decode(codec)
    except UnicodeDecodeError as exc:
        raise InputError(
            f"the file looks like UTF-16 text but breaks at byte {exc.start}; save it again as 'CSV UTF-8'",
            source=filename,
        ) from exc


def open_zip(data: bytes, filename: str, what: str) -> zipfile.ZipFile:
    """A zip archive read in memory, refused when it would unpack to more than we read."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as exc:
        raise InputError(
            f"this {what} is not a readable zip archive ({exc}); export it again", source=filename
        ) from exc
    members = archive.infolist()
    if len(members) > MAX_MEMBERS or sum(m.file_size for m in members) > MAX_UNZIPPED:
        raise InputError(
            f"this {what} unpacks to more than {MAX_UNZIPPED // (1024 * 1024)} MB; export a smaller part of the trip",
            source=filename,
        )
    return archive


def sniff(data: bytes) -> str | None:
    """The format the bytes are, whatever the file is called: a registry key, or None for plain text."""
    if data.startswith(b"PK\x03\x04"):
        try:
            names = zipfile.ZipFile(io.BytesIO(data)).namelist()
        except zipfile.BadZipFile:
            return "zip"
        if any(n.startswith("xl/") for n in names):
            return "xlsx"
        if any(n.lower().endswith(".kml") for n in names):
            return "kmz"
        return "zip"
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        return "xls"
    if data.startswith(b"\x1f\x8b"):
        return "gzip"
    head = data[:2048].lstrip(b"\xef\xbb\xbf\xff\xfe").replace(b"\x00", b"").lstrip().lower()
    if head.startswith(b"<"):
        if b"<kml" in data[:4096].lower():
            return "kml"
        if b"<gpx" in head or head.startswith((b"<wpt", b"<trkpt", b"<rtept", b"<rte", b"<trk")):
            return "gpx"
        return "xml"
    if head.startswith(b"begin:vcalendar"):
        return "ics"
    if head.startswith((b"{", b"[")):
        return "json"
    return None
