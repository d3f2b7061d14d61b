"""``python -m mapping``: geocode, show and export trips from the command line.

Exit status: 0 success, 1 nothing found or partly resolved, 2 bad input (one
line on stderr that names the file, row and field; never a traceback).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
from collections.abc import Callable, Iterator, Sequence
from datetime import date
from pathlib import Path
from typing import Any, TextIO

from mapping.errors import InputError, TripMapError
from mapping.export import export, export_extensions
from mapping.geocode.cache import GeoCache
from mapping.geocode.calibration import shown
from mapping.geocode.gazetteer import OfflineGazetteer
from mapping.geocode.online import SERVICES, OnlineGeocoder, OnlineSettings, ProviderFailure, parse_server
from mapping.geocode.resolve import resolve_trip
from mapping.io.formats import format_list, load_trip
from mapping.trip.model import LoadResult, Trip
from mapping.trip.status import NOT_FOUND, not_found_message

EXIT_OK, EXIT_PARTIAL, EXIT_BAD_INPUT = 0, 1, 2
PROVIDERS = ("gazetteer", *SERVICES)


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        self.exit(EXIT_BAD_INPUT, f"{self.prog}: error: {message}\n")


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="python -m mapping", description="Geocode, show and export trips, offline.")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    geocode = commands.add_parser("geocode", help="find places; one JSON object per query")
    geocode.add_argument("queries", nargs="+", metavar="QUERY", help="place names; '-' reads one per line from stdin")
    geocode.add_argument("--country", action="append", default=[], metavar="CC", help="prefer this country (ISO code)")
    geocode.add_argument("--near", metavar="LAT,LON", help="prefer places near this point")
    geocode.add_argument(
        "--provider",
        default="gazetteer",
        help="'gazetteer' (offline, the default) or any geopy geocoder by name, e.g. nominatim (needs internet)",
    )
    geocode.add_argument("--user-agent", help="identifies you to an online geocoder (Nominatim requires one)")
    geocode.add_argument("--server", metavar="URL", help="a self-hosted online geocoder, e.g. http://localhost:8080")
    geocode.add_argument("--limit", type=int, default=5, help="candidates to list (default 5)")

    trip_help = f"a trip file: {format_list()}"
    show = commands.add_parser("show", help="the trip after geocoding")
    show.add_argument("trip", type=Path, metavar="TRIP", help=trip_help)
    show.add_argument("--year", type=int, metavar="YYYY", help="the year of dates written without one (8.9., Jan 14)")
    show.add_argument("--json", action="store_true", help="print JSON {title, stops}")

    exporter = commands.add_parser("export", help="write the trip as .html, .geojson, .gpx, .kml, .csv or .json")
    exporter.add_argument("trip", type=Path, metavar="TRIP", help=trip_help)
    exporter.add_argument("--year", type=int, metavar="YYYY", help="the year of dates written without one")
    exporter.add_argument("-o", "--output", type=Path, required=True, metavar="OUT")
    exporter.add_argument("--day", action="append", metavar="YYYY-MM-DD", help="only this day (repeatable)")
    exporter.add_argument(
        "--offline", action="store_true", help="accepted for compatibility: every export works offline"
    )

    extractor = commands.add_parser("extract", help="a draft trip from a news report, with the evidence for each stop")
    extractor.add_argument("article", type=Path, metavar="ARTICLE.txt")
    extractor.add_argument(
        "--reference-date", metavar="YYYY-MM-DD", help="the day the report was written (default: its date line)"
    )
    extractor.add_argument(
        "-o", "--output", type=Path, metavar="TRIP.json", help="write the draft here (.json or .csv)"
    )

    commands.add_parser("build-index", help="build the offline place index from GeoNames and airport data")
    commands.add_parser("setup", help="build the place index and copy the map assets for the app")
    server = commands.add_parser("serve", help="start the app (streamlit run app.py) with its imports warmed")
    server.add_argument("streamlit_args", nargs="*", help="passed to streamlit, e.g. --server.port 8600")
    return parser


def main(argv: Sequence[str] | None = None, *, stdin: TextIO | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["serve"]:
        # Everything after "serve" is streamlit's, options included, so argparse does not see it.
        from mapping.ui.serve import serve

        return serve(argv[1:])
    args = _parser().parse_args(argv)
    try:
        if args.command == "geocode":
            return _geocode(args, stdin or sys.stdin)
        if args.command == "show":
            return _show(args)
        if args.command == "export":
            return _export(args)
        if args.command == "extract":
            return _extract(args)
        if args.command == "build-index":
            from mapping.geocode.index import build_index

            print(build_index())
            return EXIT_OK
        if args.command == "setup":
            from mapping.geocode.index import open_index
            from mapping.render.assets import install_static
            from mapping.render.places import write_place_labels

            with contextlib.closing(open_index()) as db:
                write_place_labels(db)
            print(install_static())
            _warm_default_map()
            return EXIT_OK
    except TripMapError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    raise AssertionError(args.command)


def _queries(values: Sequence[str], stdin: TextIO) -> Iterator[str]:
    for value in values:
        if value == "-":
            yield from (line.strip() for line in stdin if line.strip())
        else:
            yield value


def _parse_near(text: str | None) -> tuple[float, float] | None:
    if text is None:
        return None
    try:
        lat_text, lon_text = text.split(",")
        lat, lon = float(lat_text), float(lon_text)
    except ValueError:
        raise InputError(f"--near '{text}' is not LAT,LON; write it as 43.11,131.88") from None
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise InputError(f"--near '{text}' is outside the range of latitude -90..90 and longitude -180..180")
    return lat, lon


def _geocode(args: argparse.Namespace, stdin: TextIO) -> int:
    near = _parse_near(args.near)
    lookup = _gazetteer_lookup(args, near) if args.provider == "gazetteer" else _online_lookup(args)
    missing = 0
    for query in _queries(args.queries, stdin):
        record = lookup(query)
        missing += record["lat"] is None
        print(json.dumps(record, ensure_ascii=False), flush=False)
    sys.stdout.flush()
    return EXIT_PARTIAL if missing else EXIT_OK


def _gazetteer_lookup(args: argparse.Namespace, near: tuple[float, float] | None) -> Callable[[str], dict[str, Any]]:
    gazetteer = OfflineGazetteer()

    def lookup(query: str) -> dict[str, Any]:
        answer = gazetteer.lookup(query, country_codes=args.country or None, near=near, limit=max(1, args.limit))
        best = answer.best
        record = {
            "query": query,
            "name": best.place.name if best else None,
            "lat": best.place.lat if best else None,
            "lon": best.place.lon if best else None,
            "provider": gazetteer.name if best else None,
            "confidence": shown(answer) if best else None,
            "candidates": [c.summary() for c in answer.candidates],
        }
        if answer.approximate:
            record["approximate"] = answer.approximate
        return record

    return lookup


def _online_lookup(args: argparse.Namespace) -> Callable[[str], dict[str, Any]]:
    scheme, domain = parse_server(args.server)
    settings = OnlineSettings(
        service=args.provider,
        user_agent=args.user_agent or "",
        domain=domain,
        scheme=scheme,
        # Whoever runs the command line is the operator: their --server needs no allow-list.
        trusted=True,
    )
    try:
        online = OnlineGeocoder(settings, GeoCache())
    except ProviderFailure as exc:
        raise InputError(f"--provider {args.provider}: {exc}") from exc
    countries = tuple(c.upper() for c in args.country)

    def lookup(query: str) -> dict[str, Any]:
        try:
            answer = online.lookup(query, country_codes=countries)
        except ProviderFailure as exc:
            print(f"warning: '{query}': {exc}", file=sys.stderr)
            answer = None
        best = answer.results[0] if answer and answer.results else None
        return {
            "query": query,
            "name": best.name if best else None,
            "lat": best.lat if best else None,
            "lon": best.lon if best else None,
            "provider": online.service if best else None,
            "confidence": answer.confidence if answer and best else None,
            "candidates": [r.summary() for r in (answer.results[: args.limit] if answer else ())],
        }

    return lookup


def _load(path: Path, year: int | None = None) -> tuple[Trip, bool]:
    """The trip in a file, and whether some of it could not be read (each problem on stderr: file, row, field).

    A file with no readable stop raises :class:`InputError` (exit status 2); a file with some bad rows
    loads the good ones, as the app does.
    """
    result: LoadResult = load_trip(path, year=year)
    for problem in result.problems:
        print(f"warning: {problem}", file=sys.stderr)
    return result.trip, bool(result.problems)


def _resolved(path: Path, year: int | None = None) -> tuple[Trip, bool]:
    trip, partial = _load(path, year)
    return resolve_trip(trip, OfflineGazetteer()).trip, partial


def _show(args: argparse.Namespace) -> int:
    trip, partial = _resolved(args.trip, args.year)
    if args.json:
        print(json.dumps(trip.to_json_dict(), ensure_ascii=False, indent=2))
    else:
        print(trip.title)
        for number, stop in enumerate(trip.stops, start=1):
            where = f"{stop.lat:9.4f} {stop.lon:9.4f}" if stop.located else f"  {NOT_FOUND:<17s}"
            when = stop.date.isoformat() if stop.date else "undated   "
            confidence = f"{stop.confidence:.0%}" if stop.confidence is not None else ""
            print(f"{number:3d}  {when}  {where}  {stop.provider or '-':9s} {confidence:>4s}  {stop.label}")
    unresolved = [s for s in trip.stops if not s.located]
    for stop in unresolved:
        print(f"warning: {not_found_message(stop, str(args.trip))}", file=sys.stderr)
    return EXIT_PARTIAL if unresolved or partial else EXIT_OK


def _export(args: argparse.Namespace) -> int:
    if args.output.suffix.lower() not in export_extensions():
        raise InputError(
            f"{args.output}: cannot export to '{args.output.suffix or 'no extension'}'; "
            f"use one of {', '.join(export_extensions())}"
        )
    days = args.day
    if days:
        for day in days:
            if day != "undated":
                try:
                    date.fromisoformat(day)
                except ValueError:
                    raise InputError(f"--day '{day}' is not a date in the form YYYY-MM-DD") from None
    trip, partial = _resolved(args.trip, args.year)
    if days:
        trip_days = sorted({s.date.isoformat() if s.date else "undated" for s in trip.stops})
        for day in days:
            if day not in trip_days:
                raise InputError(
                    f"--day {day}: the trip has no stop that day; its days are {', '.join(trip_days) or 'none'}",
                    source=str(args.trip),
                )
    out = export(trip, args.output, days=days)
    unresolved = [s for s in trip.stops if not s.located]
    print(f"wrote {out} ({out.stat().st_size:,} bytes)", file=sys.stderr)
    return EXIT_PARTIAL if unresolved or partial else EXIT_OK


def _extract(args: argparse.Namespace) -> int:
    from mapping.report.extract import CLI_TIME_BUDGET, read_report
    from mapping.report.reading import load_report

    reference = None
    if args.reference_date:
        try:
            reference = date.fromisoformat(args.reference_date)
        except ValueError:
            raise InputError(f"--reference-date '{args.reference_date}' is not a date in the form YYYY-MM-DD") from None
    try:
        raw = args.article.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read the file ({exc.strerror}); check the path", source=str(args.article)) from exc
    text = load_report(raw, source=str(args.article)).text
    reading = read_report(
        text, OfflineGazetteer(), reference_date=reference, time_budget=CLI_TIME_BUDGET, parallel=True
    )
    trip = reading.trip
    if not reading.complete:
        print(
            f"{args.article}: read the first {reading.chars_read:,} of {len(text):,} characters in the time allowed "
            f"({CLI_TIME_BUDGET:.0f} s); split the report to read the rest",
            file=sys.stderr,
        )
    if args.output:
        export(trip, args.output)
        print(f"wrote {args.output} ({len(trip.stops)} stops)", file=sys.stderr)
        for stop in trip.stops:
            if not stop.located:
                # Kept, not dropped: the user can fill in its lat and lon in the file.
                print(
                    f"{args.output}: {stop.place!r} was visited but not found; fill in its lat and lon", file=sys.stderr
                )
    else:
        print(json.dumps(trip.to_json_dict(), ensure_ascii=False, indent=2))
    return EXIT_OK if trip.stops and reading.complete else EXIT_PARTIAL


def _warm_default_map() -> None:
    """Cut the default trip's coastlines once at set-up, so the app's first map does not wait for them."""
    from mapping.paths import DEFAULT_TRIP
    from mapping.render.basemap_detail import detail, region_for

    trip = resolve_trip(load_trip(DEFAULT_TRIP).trip, OfflineGazetteer()).trip
    region = region_for([(s.lat, s.lon) for s in trip.stops if s.lat is not None and s.lon is not None])
    if region is not None:
        detail(region)
