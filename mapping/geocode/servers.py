"""Which online geocoding servers the app may call: no request goes where a visitor points it.

A visitor's "Server (optional)" is a URL the app's server would fetch: left
open, it reads internal services and scans ports (server-side request forgery).
So a server other than a provider's public service must be on the operator's
list (``TRIPMAP_GEOCODER_SERVERS``, comma-separated URLs, set in the
environment or ``.env`` of whoever runs the app); a listed server may be on
this machine or the local network, an unlisted one never is. Every refusal
says the same thing, so the refusals map nothing. The command line is run by
the operator: its ``--server`` is trusted.
"""

from __future__ import annotations

import ipaddress
import os
import socket
from dataclasses import dataclass
from urllib.parse import urlsplit

from mapping.errors import TripMapError

SERVERS_ENV = "TRIPMAP_GEOCODER_SERVERS"
#: What a visitor is told for every server the app will not call.
REFUSED = (
    "that geocoding server is not one this app may use; ask whoever runs it to add the URL to "
    f"{SERVERS_ENV}, or leave the server empty for the provider's public service"
)


class ServerRefused(TripMapError):
    """A geocoding server URL the app will not call."""


@dataclass(frozen=True, slots=True)
class Server:
    """A parsed server URL: what geopy needs, and the endpoint that keys the cache."""

    scheme: str
    #: host[:port] and any path prefix, as geopy's ``domain`` takes it ("localhost:8080/nominatim").
    domain: str

    @property
    def endpoint(self) -> str:
        return f"{self.scheme}://{self.domain}"


def parse_server(url: str) -> Server:
    """``url`` as scheme and domain, or ServerRefused when it is not a plain http(s) URL."""
    text = url.strip().rstrip("/")
    if "://" not in text:
        text = f"https://{text}"
    try:
        parts = urlsplit(text)
        port = parts.port
    except ValueError as exc:
        raise ServerRefused(f"{url!r} is not a server URL ({exc}); write it as https://host[:port][/path]") from exc
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ServerRefused(f"{url!r} is not a server URL; write it as https://host[:port][/path]")
    if parts.username or parts.password or parts.query or parts.fragment:
        raise ServerRefused(f"{url!r} carries a user name, query or fragment; give only https://host[:port][/path]")
    host = parts.hostname.lower()
    if ":" in host:
        host = f"[{host}]"
    netloc = f"{host}:{port}" if port is not None else host
    return Server(parts.scheme, f"{netloc}{parts.path.rstrip('/')}")


def allowed_servers() -> set[str]:
    """The operator's list of server endpoints, from the environment."""
    listed = os.environ.get(SERVERS_ENV, "")
    endpoints = set()
    for item in listed.split(","):
        if item.strip():
            try:
                endpoints.add(parse_server(item).endpoint)
            except ServerRefused:
                continue
    return endpoints


def check_server(url: str, *, trusted: bool) -> Server:
    """The server to call for ``url``; a visitor's URL must be on the operator's list.

    ``trusted`` is for the operator's own settings and the command line. For
    anyone else the URL must be listed, and even a listed host name must not
    resolve to a loopback, private or link-local address unless the listed URL
    names that address itself (a self-hosted server on this machine).
    """
    server = parse_server(url)
    if trusted:
        return server
    if server.endpoint not in allowed_servers():
        raise ServerRefused(REFUSED)
    host = urlsplit(server.endpoint).hostname or ""
    if not _is_address(host) and any(_internal(address) for address in _addresses(host)):
        # A listed name that now points inside: DNS was changed under the list.
        raise ServerRefused(REFUSED)
    return server


def _is_address(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


def _addresses(host: str) -> list[str]:
    try:
        return [str(info[4][0]) for info in socket.getaddrinfo(host, None)]
    except OSError:
        return []


def _internal(address: str) -> bool:
    try:
        ip = ipaddress.ip_address(address.split("%")[0])
    except ValueError:
        return True
    return ip.is_loopback or ip.is_private or ip.is_link_local or ip.is_reserved or ip.is_unspecified
