from __future__ import annotations

import json
import re
from datetime import date, timedelta

import pytest

from mapping.geocode.resolve import Resolution
from mapping.render.assets import OWN_DIR, AssetMode
from mapping.render.map import DAY_COLOURS, TRIP_FAMILIES, MapOptions, Overlay, build_map, render_html
from mapping.trip.model import Stop, Trip
from tests.htmlfrag import external_links, layer_options, leg_features, normalise, stop_features

PAYLOAD = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def page(trip: Trip, **options: object) -> str:
    return render_html(build_map(trip, MapOptions(**options)))  # type: ignore[arg-type]


def test_one_numbered_stop_per_located_stop_coloured_by_day(resolved_default: Resolution) -> None:
    html = page(resolved_default.trip)
    stops = stop_features(html)
    assert [f["properties"]["number"] for f in stops] == list(range(1, 14))
    assert stops[0]["geometry"]["coordinates"] == [
        resolved_default.trip.stops[0].lon,
        resolved_default.trip.stops[0].lat,
    ]
    colours = {f["properties"]["day"]: f["properties"]["colour"] for f in stops}
    assert colours["2023-09-10"] == DAY_COLOURS[0]
    assert colours["2023-09-12"] == DAY_COLOURS[1]
    assert len(set(colours.values())) == len(colours)


def test_legs_are_styled_by_mode(resolved_default: Resolution) -> None:
    html = page(resolved_default.trip)
    legs = leg_features(html)
    assert len(legs) == 12
    assert [f["properties"]["mode"] for f in legs].count("car") == 6
    # The browser styles each leg from its mode (legStyle, tests/js): solid rail, dashed road.
    options = layer_options(html, "legs")
    assert len(options) == 7
    assert all(o["styles"]["train"] == {"dashArray": None, "weight": 4} for o in options)
    assert all(o["styles"]["car"] == {"dashArray": "10 5", "weight": 3} for o in options)
    assert "unknown" in options[0]["styles"]
    # Each day's legs in the day's colour.
    assert [o["colour"] for o in options] == list(DAY_COLOURS[1:8])


def test_day_filter_keeps_only_that_days_stops_and_fits_them(resolved_default: Resolution) -> None:
    html = page(resolved_default.trip, days=frozenset({"2023-09-17"}))
    stops = stop_features(html)
    assert [f["properties"]["number"] for f in stops] == [9, 10, 11]
    assert {f["properties"]["day"] for f in stops} == {"2023-09-17"}
    assert "Sun 17 Sep 2023 (3 stops" in html
    assert "Sat 16 Sep 2023 (4 stops" not in html
    assert "fitBounds( [[43.01389,131.8933],[43.366,132.159]]" in normalise(html).replace("\n", "")


def test_popup_fields_are_escaped_and_source_links_only_for_http() -> None:
    trip = Trip(
        PAYLOAD,
        (
            Stop(
                PAYLOAD,
                date(2023, 9, 1),
                name=PAYLOAD,
                lat=1.0,
                lon=2.0,
                activity=PAYLOAD,
                source="javascript:alert(1)",
                evidence=PAYLOAD,
                provider="given",
                confidence=1.0,
            ),
            Stop("b", date(2023, 9, 1), lat=1.5, lon=2.5, source="https://example.org/a?b=1&c=2", provider="given"),
        ),
    )
    html = page(trip)
    assert "<script>alert" not in html
    assert "<img src=x" not in html
    first, second = stop_features(html)
    assert (
        first["properties"]["label"]
        == "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;"
    )
    assert "source_url" not in first["properties"]
    assert second["properties"]["source_url"] == "https://example.org/a?b=1&amp;c=2"


def test_uncertain_stops_are_flagged_for_a_hollow_marker() -> None:
    trip = Trip(
        "t",
        (
            Stop("a", lat=1.0, lon=2.0, provider="gazetteer", confidence=0.3),
            Stop("b", lat=1.0, lon=3.0, provider="gazetteer", confidence=0.9),
        ),
    )
    html = page(trip)
    assert [f["properties"].get("uncertain", False) for f in stop_features(html)] == [True, False]
    assert "uncertain place" in html


@pytest.mark.parametrize("mode", [AssetMode.SERVED, AssetMode.INLINE])
def test_no_cdn_and_credits_the_data(resolved_default: Resolution, mode: AssetMode) -> None:
    html = page(resolved_default.trip, asset_mode=mode)
    assert external_links(html) == []
    assert "Natural Earth" in html
    assert "GeoNames (CC BY 4.0)" in html
    if mode is AssetMode.SERVED:
        assert '<script src="/app/static/vendor/leaflet/dist/leaflet.js"></script>' in html
    else:
        assert '<script src="data:text/javascript;base64,' in html


def test_stops_are_numbered_markers_with_popups(resolved_default: Resolution) -> None:
    html = normalise(page(resolved_default.trip))
    # Numbered div icons, popups built when opened (stopsLayer in trip-map.js, stopIconHtml in tests/js).
    assert [o["dots"] for o in layer_options(html, "stops")] == [False] * 8
    script = (OWN_DIR / "trip-map.js").read_text("utf-8")
    assert "className: 'trip-stop-icon'" in script
    assert "layer.bindPopup(function () {" in script
    assert '<script src="/app/static/vendor/trip-map/trip-map.js?v=' in html
    # Each day's legs and stops join that day's layer (8 days, 7 with legs).
    assert html.count("geo_json_ID.addTo(feature_group_ID);") == 15


def test_online_tiles_only_when_asked(resolved_default: Resolution) -> None:
    assert "tile.openstreetmap.org" not in page(resolved_default.trip)
    with_tiles = page(resolved_default.trip, tiles="OpenStreetMap")
    assert "tile.openstreetmap.org" in with_tiles
    assert "OpenStreetMap" in with_tiles


def test_a_large_trip_draws_dots_on_a_canvas() -> None:
    from datetime import timedelta

    stops = tuple(
        Stop(
            f"P{i}", date(2024, 1, 1) + timedelta(days=i // 500), lat=40 + i / 1000, lon=10 + i / 1000, provider="given"
        )
        for i in range(2_500)
    )
    html = normalise(page(Trip("big", stops)))
    # Every day layer draws dots (pointToDot: L.circleMarker on one canvas), none numbered icons.
    assert [o["dots"] for o in layer_options(html, "stops")] == [True] * 5
    assert len(stop_features(html)) == 2_500


def test_user_text_is_never_parsed_as_a_template() -> None:
    # branca re-reads element output as jinja: "{{ 7*7 }}" must stay text, "{% raw %}" must not break the page.
    trip = Trip(
        "Title {{ 7*7 }} {% raw %}",
        (
            Stop(
                "A",
                date(2024, 1, 1),
                name="Name {{ 5*5 }} {# x",
                activity="{% for x in y %}",
                lat=1.0,
                lon=2.0,
                provider="given",
            ),
        ),
    )
    html = page(trip)
    assert "Title 49" not in html
    assert "Title {{ 7*7 }} {% raw %}" in html
    (feature,) = stop_features(html)
    assert feature["properties"]["label"] == "Name {{ 5*5 }} {# x"
    assert feature["properties"]["activity"] == "{% for x in y %}"


PACIFIC = Trip(
    "Across the Pacific",
    (
        Stop("Vladivostok", date(2023, 9, 1), "08:00", lat=43.1155, lon=131.8855),
        Stop("Anchorage", date(2023, 9, 1), "20:00", lat=61.2181, lon=-149.9003, mode="plane"),
        Stop("Provideniya", date(2023, 9, 3), lat=64.42, lon=-173.23, mode="plane"),
        Stop("Nome", date(2023, 9, 5), lat=64.50, lon=-165.41, mode="ship"),
    ),
)


def test_flights_are_marked_for_an_arc_and_cross_the_antimeridian_the_short_way() -> None:
    flight, _, ship = leg_features(page(PACIFIC))
    # The browser draws the arc between the two ends (checked in Chromium in the browser tests).
    assert flight["geometry"]["coordinates"] == [[131.8855, 43.1155], [-149.9003 + 360, 61.2181]]
    assert flight["properties"]["arc"] is True
    assert (flight["properties"]["km"], flight["properties"]["mode"]) == (5322.8, "plane")
    assert "arc" not in ship["properties"]
    assert len(ship["geometry"]["coordinates"]) == 2


def test_a_flight_against_the_clock_is_flagged_on_its_leg() -> None:
    trip = Trip(
        "Too fast",
        (
            Stop("A", date(2023, 9, 1), "09:00", lat=0.0, lon=0.0),
            Stop("B", date(2023, 9, 1), "10:00", lat=0.0, lon=8.9932, mode="car"),
        ),
    )
    (leg,) = leg_features(page(trip))
    assert "a car manages at most 150 km/h" in leg["properties"]["warn"]


def test_playback_moments_let_a_stay_span_the_days_until_the_next_stop(resolved_default: Resolution) -> None:
    stops = {f["properties"]["number"]: f["properties"] for f in stop_features(page(resolved_default.trip))}
    assert (stops[3]["t"], stops[3]["u"]) == ("2023-09-13T13:09", "2023-09-15")
    # Four stops on one day share their moment and all stay current until the next day's.
    assert {(stops[n]["t"], stops[n]["u"]) for n in (5, 6, 7, 8)} == {("2023-09-16", "2023-09-17")}
    assert "u" not in stops[13]


def test_other_trips_are_drawn_in_their_own_colour_families(resolved_default: Resolution) -> None:
    html = page(
        resolved_default.trip,
        palette=TRIP_FAMILIES[0],
        overlays=(Overlay(PACIFIC, TRIP_FAMILIES[1]),),
    )
    colours = [f["properties"]["colour"] for f in stop_features(html)]
    assert len(colours) == 13 + 4
    assert set(colours[:13]) <= set(TRIP_FAMILIES[0])
    assert set(colours[13:]) <= set(TRIP_FAMILIES[1])
    assert "Across the Pacific" in html


def test_a_long_legend_leaves_the_map_room_to_fit_the_trip() -> None:
    """Room for a legend of 90 days was once 2,100 px: more than any window, so Leaflet zoomed all the way in."""
    start = date(2024, 1, 1)
    trip = Trip(
        "Ninety days",
        tuple(
            Stop(f"Stop {i}", date=start + timedelta(days=i), lat=40.0 + i / 10, lon=10.0 + i, provider="given")
            for i in range(90)
        ),
    )
    script = normalise(page(trip)).replace("\n", "")
    padding = json.loads(re.search(r'"paddingBottomRight":(\[\d+,\d+\])', script).group(1))  # type: ignore[union-attr]
    assert 100 <= padding[1] <= 300
    assert '"maxZoom":11' in script


def test_a_files_track_is_drawn_thinned_under_the_stops() -> None:
    from mapping.render.map import TrackLayer
    from mapping.trip.model import Track

    # A recorded track: a point every ~1 m along a straight 1 km line, then a turn.
    straight = [(45.0 + i * 1e-5, 7.0) for i in range(1000)]
    turn = [(45.01, 7.0 + i * 1e-3) for i in range(1, 11)]
    trip = Trip(
        "Walk",
        (Stop("Start", lat=45.0, lon=7.0, provider="given", confidence=1.0),),
        tracks=(Track("Morning walk", tuple(straight + turn)),),
    )
    fmap = build_map(trip)
    lines = [child for child in fmap._children.values() if isinstance(child, TrackLayer)]
    assert len(lines) == 1
    (drawn,) = lines[0].data
    assert drawn[0] == (45.0, 7.0)
    assert drawn[-1] == (45.01, 7.01)
    assert 3 <= len(drawn) < 20  # the straight part is one segment, the turn's corner kept
    html_text = render_html(fmap)
    assert "Route from the file" in html_text
    assert "[[45.0,7.0],[45.00999,7.0],[45.01,7.01]]" in html_text.replace(" ", "")


def test_a_trip_without_tracks_has_no_track_layer() -> None:
    trip = Trip("One stop", (Stop("Start", lat=45.0, lon=7.0, provider="given", confidence=1.0),))
    assert "Route from the file" not in render_html(build_map(trip))
