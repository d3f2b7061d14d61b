from __future__ import annotations

import base64

import folium
import folium.plugins
import pytest

from mapping.render.assets import ASSETS, AssetError, AssetMode, localize, static_ready, url_for


def test_localize_swaps_cdn_links_on_this_map_only() -> None:
    fmap = folium.Map(tiles=None)
    localize(fmap, AssetMode.SERVED)
    assert fmap.default_js == [("leaflet", "/app/static/vendor/leaflet/dist/leaflet.js")]
    assert fmap.default_css == [("leaflet_css", "/app/static/vendor/leaflet/dist/leaflet.css")]
    # folium's class defaults, shared by every map in the process, are untouched.
    assert any(url.startswith("https://") for _, url in folium.Map.default_js)


def test_an_asset_without_a_local_copy_is_refused() -> None:
    fmap = folium.Map(tiles=None)
    folium.plugins.MiniMap().add_to(fmap)
    with pytest.raises(AssetError, match="no local copy"):
        localize(fmap, AssetMode.SERVED)


def test_inline_css_carries_its_images() -> None:
    uri = url_for(ASSETS["leaflet_css"], AssetMode.INLINE)
    css = base64.b64decode(uri.split(",", 1)[1]).decode()
    assert "url(images/" not in css
    assert "url(data:image/png;base64," in css


def test_setup_installed_the_served_copies() -> None:
    assert static_ready()
