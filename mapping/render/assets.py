"""Map assets from local packages, never from a CDN.

folium names a CDN URL for Leaflet and for each plugin. ``localize`` replaces
those on one map (never on folium's classes, which every map in the process
shares) with either the files the Streamlit app serves from ``static/vendor``
or ``data:`` URIs inlined into a file that must open with no network at all.

The files come from the npm packages in ``package.json``, installed by the
project's set-up, and from the map's own scripts and styles in
``mapping/render/static``; :func:`install_static` copies both into ``static/vendor``.
"""

from __future__ import annotations

import base64
import hashlib
import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from enum import Enum
from functools import cache
from pathlib import Path

from branca.element import Element

from mapping.errors import TripMapError
from mapping.paths import NODE_MODULES, PROJECT_ROOT, STATIC_DIR

VENDOR_DIR = STATIC_DIR / "vendor"
#: The map's own JavaScript and CSS (linted and tested: package.json, tests/js).
OWN_DIR = Path(__file__).resolve().parent / "static"
#: Where the app serves them, under ``static/vendor``.
OWN_PREFIX = "trip-map"
#: Where Streamlit serves ``static/`` (``[server] enableStaticServing``).
SERVED_PREFIX = "/app/static/vendor"


class AssetMode(Enum):
    SERVED = "served"
    INLINE = "inline"


@dataclass(frozen=True, slots=True)
class Asset:
    package_path: str
    mime: str
    #: Where the file comes from: an npm package in node_modules, or the map's own folder.
    own: bool = False

    @property
    def vendor_path(self) -> Path:
        return VENDOR_DIR / self.package_path

    @property
    def source(self) -> Path:
        if self.own:
            return OWN_DIR / self.package_path.removeprefix(f"{OWN_PREFIX}/")
        return NODE_MODULES / self.package_path


def _own(name: str, mime: str) -> Asset:
    return Asset(f"{OWN_PREFIX}/{name}", mime, own=True)


#: Assets by the names folium gives them in ``default_js`` / ``default_css``.
ASSETS: dict[str, Asset] = {
    "leaflet": Asset("leaflet/dist/leaflet.js", "text/javascript"),
    "leaflet_css": Asset("leaflet/dist/leaflet.css", "text/css"),
    "topojson": Asset("topojson-client/dist/topojson-client.min.js", "text/javascript"),
    "spiderfier": Asset("overlapping-marker-spiderfier-leaflet/dist/oms.js", "text/javascript"),
    "trip_core": _own("trip-core.js", "text/javascript"),
    "trip_map": _own("trip-map.js", "text/javascript"),
    "trip_playback": _own("trip-playback.js", "text/javascript"),
    "trip_basemap": _own("trip-basemap.js", "text/javascript"),
    "trip_map_css": _own("trip-map.css", "text/css"),
}
BASEMAP = Asset("world-atlas/countries-50m.json", "application/json")

# folium's defaults for Bootstrap, jQuery and Font Awesome markers: the map draws
# its own markers and needs none of them.
UNUSED = frozenset(
    {
        "jquery",
        "bootstrap",
        "bootstrap_css",
        "glyphicons_css",
        "awesome_markers",
        "awesome_markers_css",
        "awesome_markers_font_css",
        "awesome_rotate_css",
    }
)

_EXTRA_FILES = tuple(
    f"leaflet/dist/images/{name}.png"
    for name in ("layers", "layers-2x", "marker-icon", "marker-icon-2x", "marker-shadow")
)


class AssetError(TripMapError):
    """A map asset is missing locally."""


def install_static() -> Path:
    """Copy the map assets from ``node_modules`` into ``static/vendor`` for the app to serve."""
    for asset in [*ASSETS.values(), BASEMAP, *(Asset(path, "image/png") for path in _EXTRA_FILES)]:
        source = asset.source
        if not source.exists():
            raise AssetError(
                f"{source} is missing; run 'npm ci' in {PROJECT_ROOT} (or ./run.sh) to install the map assets"
            )
        target = asset.vendor_path
        target.parent.mkdir(parents=True, exist_ok=True)
        if not target.exists() or target.stat().st_mtime < source.stat().st_mtime:
            shutil.copy2(source, target)
    return VENDOR_DIR


def static_ready() -> bool:
    """Every served copy is there, and the map's own files are no older than the package's."""
    for asset in [*ASSETS.values(), BASEMAP]:
        if not asset.vendor_path.exists():
            return False
        if asset.own and asset.vendor_path.stat().st_mtime < asset.source.stat().st_mtime:
            return False
    return True


def _local_file(asset: Asset) -> Path:
    # The map's own files are read from the package itself, so an edit shows in the next export.
    candidates = (asset.source,) if asset.own else (asset.vendor_path, asset.source)
    for candidate in candidates:
        if candidate.exists():
            return candidate
    raise AssetError(
        f"the map asset {asset.package_path} is not installed; run ./run.sh (or 'npm ci' then "
        "'python -m mapping setup') to install it"
    )


def url_for(asset: Asset, mode: AssetMode) -> str:
    if mode is AssetMode.SERVED:
        if asset.own:
            # Named by content, so a browser never keeps an older copy of the map's own code.
            return f"{SERVED_PREFIX}/{asset.package_path}?v={_version(asset)}"
        return f"{SERVED_PREFIX}/{asset.package_path}"
    return _data_uri(asset)


def _version(asset: Asset) -> str:
    path = _local_file(asset)
    return _cached_version(path, path.stat().st_mtime_ns)


@cache
def _cached_version(path: Path, _mtime: int) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()[:10]


def _data_uri(asset: Asset) -> str:
    path = _local_file(asset)
    return _cached_data_uri(asset, path, path.stat().st_mtime_ns)


@cache
def _cached_data_uri(asset: Asset, path: Path, _mtime: int) -> str:
    mime = asset.mime
    content = path.read_bytes()
    if mime == "text/css":
        content = _inline_css_images(content.decode("utf-8"), path.parent).encode("utf-8")
    return f"data:{mime};base64,{base64.b64encode(content).decode('ascii')}"


def _inline_css_images(css: str, base: Path) -> str:
    def replace(match: re.Match[str]) -> str:
        image = base / match.group(1)
        if not image.exists():
            return match.group(0)
        encoded = base64.b64encode(image.read_bytes()).decode("ascii")
        return f"url(data:image/png;base64,{encoded})"

    return re.sub(r"url\((images/[\w.-]+\.png)\)", replace, css)


@cache
def basemap_json() -> str:
    """The Natural Earth countries TopoJSON, as text to embed in a page."""
    return _local_file(BASEMAP).read_text("utf-8")


def walk(element: Element) -> Iterator[Element]:
    """``element`` and everything under it."""
    yield element
    for child in element._children.values():
        yield from walk(child)


def localize(root: Element, mode: AssetMode) -> None:
    """Point every asset of ``root`` and its children at local copies; refuse unknown ones."""
    for element in walk(root):
        for attribute in ("default_js", "default_css"):
            links = getattr(element, attribute, None)
            if not links:
                continue
            local: list[tuple[str, str]] = []
            for name, _url in links:
                if name in UNUSED:
                    continue
                if name not in ASSETS:
                    raise AssetError(
                        f"the map element {type(element).__name__} needs '{name}', which has no local copy; "
                        "add it to package.json and mapping/render/assets.py"
                    )
                local.append((name, url_for(ASSETS[name], mode)))
            # An instance attribute: folium's class-level defaults stay as they are.
            setattr(element, attribute, local)
