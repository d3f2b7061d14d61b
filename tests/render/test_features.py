from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

from mapping.geocode.resolve import Resolution
from mapping.render.features import trip_layout
from mapping.render.map import MapOptions, build_map, render_html
from mapping.render.places import place_labels, write_place_labels
from mapping.trip.choices import StopChoice, apply_choices, placed, typed
from mapping.trip.model import Stop, Trip
from tests.htmlfrag import leg_features, stop_features


def page(trip: Trip, **options: object) -> str:
    return render_html(build_map(trip, MapOptions(**options)))  # type: ignore[arg-type]


def test_a_picked_candidate_is_said_to_be_the_users_choice_not_found_by_chosen(resolved_default: Resolution) -> None:
    picked = apply_choices(
        resolved_default.trip,
        {2: StopChoice(51.88, 128.33, "Tsiolkovsky", "chosen"), 3: typed(50.55, 137.01), 4: placed(48.5, 135.1)},
    )
    stops = {f["properties"]["number"]: f["properties"] for f in stop_features(page(picked))}
    assert stops[3]["where"] == "picked by you as Tsiolkovsky from the candidates"
    assert stops[4]["where"] == "coordinates typed by you"
    assert stops[5]["where"] == "placed on the map by you"
    assert all("found by chosen" not in p.get("where", "") for p in stops.values())
    assert all("found by placed" not in p.get("where", "") for p in stops.values())
    assert stops[1]["where"].startswith("found by gazetteer")


def test_one_day_exported_draws_no_leg_from_a_day_left_out(resolved_default: Resolution) -> None:
    html = page(resolved_default.trip, days=frozenset({"2023-09-17"}))
    # Sun 17 has three stops: two legs between them; the leg in from Sat 16 would start from nothing.
    assert len(leg_features(html)) == 2
    both = page(resolved_default.trip, days=frozenset({"2023-09-16", "2023-09-17"}))
    # With Sat 16 shown, the leg from its last stop into Sun 17 is there, and so are Sat 16's own.
    legs = leg_features(both)
    assert len(legs) == 3 + 3
    assert sum(1 for leg in legs if leg["properties"].get("from") == "2023-09-16") == 1


def test_a_days_columns_are_smaller_than_its_geojson_and_decode_to_the_same_features() -> None:
    stops = tuple(
        Stop(f"P{i}", date(2024, 1, 1 + i // 50), name=f"Stop {i}", lat=40 + i / 97, lon=10 + i / 89, provider="given")
        for i in range(200)
    )
    layout = trip_layout(Trip("t", stops))
    day = layout.days[0]
    columns = layout.stop_columns(day)
    # One value for the whole day where every stop agrees.
    assert columns["day"] == "2024-01-01"
    assert columns["fields"]["when"] == "Mon 01 Jan 2024"
    features = [f for f in stop_features(page(Trip("t", stops))) if f["properties"]["day"] == "2024-01-01"]
    assert [f["properties"]["label"] for f in features] == [f"Stop {i}" for i in range(50)]
    assert features[7]["geometry"]["coordinates"] == [round(10 + 7 / 89, 5), round(40 + 7 / 97, 5)]


def test_place_names_around_the_default_trip_include_its_cities(resolved_default: Resolution) -> None:
    html = page(resolved_default.trip)
    labels = place_labels((35.0, 122.0, 55.0, 141.0), regional=True)
    assert labels is not None
    names = labels["name"].split("|")
    assert {"Vladivostok", "Khabarovsk", "Moscow", "Tokyo"} <= set(names)
    # The trip's own area first, its cities before its towns; the rest of the world after.
    assert names.index("Vladivostok") < names.index("Ussuriysk") < names.index("Moscow")
    assert len(names) == len(labels["lat"]) == len(labels["lon"]) == len(labels["zoom"])
    assert '"places":{"name":"' in html


def test_place_labels_are_written_from_the_index_and_chosen_round_the_trip(tmp_path: Path) -> None:
    db = sqlite3.connect(":memory:")
    db.execute("CREATE TABLE places (name TEXT, kind TEXT, lat REAL, lon REAL, population INTEGER)")
    db.executemany(
        "INSERT INTO places VALUES (?, ?, ?, ?, ?)",
        [
            ("Moscow", "capital", 55.75, 37.62, 10_381_222),
            ("Vladivostok", "city", 43.1056, 131.8735, 604_901),
            ("Khabarovsk", "region", 48.48, 135.08, 1_251_925),  # a region, not a place to name
            ("Ussuriysk", "city", 43.8, 131.95, 157_068),
            ("Artyom", "city", 43.36, 132.19, 102_636),
            ("Hamlet", "city", 43.5, 132.0, 900),  # too small to be named
            ("Lyon", "city", 45.75, 4.85, 472_317),  # far from the trip and under a million
        ],
    )
    path = write_place_labels(db, tmp_path / "labels.json")
    labels = place_labels((40.0, 128.0, 46.0, 135.0), regional=True, path=path)
    assert labels is not None
    assert labels["name"].split("|") == ["Vladivostok", "Ussuriysk", "Artyom", "Moscow"]
    assert labels["zoom"] == [5, 6, 6, 2]
    # Positions in hundredths of a degree, each the difference from the one before.
    assert labels["lat"][:2] == [4311, 4380 - 4311]
    assert place_labels(None, regional=False, path=tmp_path / "missing.json") is None
