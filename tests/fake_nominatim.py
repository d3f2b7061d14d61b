"""A local stand-in for Nominatim's /search and Photon's /api on 127.0.0.1, with faults on request."""

from __future__ import annotations

import contextlib
import json
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlparse


@dataclass
class Reply:
    status: int = 200
    body: str = "[]"
    delay: float = 0.0
    headers: dict[str, str] = field(default_factory=dict)
    #: Seconds between single bytes of the body: a reply that never quite stalls.
    trickle: float = 0.0


def places(*items: tuple[str, float, float, float]) -> Reply:
    """A 200 reply listing (display_name, lat, lon, importance) like Nominatim's jsonv1 format."""
    return Reply(
        body=json.dumps(
            [
                {"display_name": name, "lat": str(lat), "lon": str(lon), "importance": importance, "place_id": n}
                for n, (name, lat, lon, importance) in enumerate(items)
            ]
        )
    )


def photon_places(*items: tuple[str, str, float, float]) -> Reply:
    """A 200 reply listing (name, country code, lat, lon) in Photon's GeoJSON format."""
    features = [
        {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [lon, lat]},
            "properties": {
                "osm_id": 1000 + n,
                "osm_type": "N",
                "osm_key": "place",
                "osm_value": "town",
                "type": "city",
                "name": name,
                "countrycode": country,
                "country": country,
            },
        }
        for n, (name, country, lat, lon) in enumerate(items)
    ]
    return Reply(body=json.dumps({"type": "FeatureCollection", "features": features}))


@dataclass
class FakeNominatim:
    replies: dict[str, Reply] = field(default_factory=dict)
    default: Reply = field(default_factory=Reply)
    requests: list[dict[str, list[str]]] = field(default_factory=list)
    #: The path of each request ("/search" for Nominatim, "/api" for Photon).
    paths: list[str] = field(default_factory=list)
    domain: str = ""

    def reply_for(self, query: str) -> Reply:
        return self.replies.get(query, self.default)


@contextmanager
def fake_nominatim(replies: dict[str, Reply] | None = None, default: Reply | None = None) -> Iterator[FakeNominatim]:
    fake = FakeNominatim(replies or {}, default or Reply())

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            params = parse_qs(urlparse(self.path).query)
            fake.requests.append(params)
            fake.paths.append(urlparse(self.path).path)
            reply = fake.reply_for(params.get("q", [""])[0])
            if reply.delay:
                time.sleep(reply.delay)  # the fault under test: a slow server
            self.send_response(reply.status)
            self.send_header("Content-Type", "application/json")
            for name, value in reply.headers.items():
                self.send_header(name, value)
            self.end_headers()
            # The client may have given up already (the time-out tests).
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                if reply.trickle:
                    for byte in reply.body.encode():
                        self.wfile.write(bytes([byte]))
                        self.wfile.flush()
                        time.sleep(reply.trickle)  # the fault under test: a trickling reply
                else:
                    self.wfile.write(reply.body.encode())

        def log_message(self, format: str, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    fake.domain = f"127.0.0.1:{server.server_address[1]}"
    try:
        yield fake
    finally:
        server.shutdown()
        server.server_close()
