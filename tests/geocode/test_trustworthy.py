"""Geocoding a user can trust on real stop names: famous names right, notes understood, never confidently wrong."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from geopy.distance import geodesic

from mapping.errors import GazetteerError
from mapping.geocode.gazetteer import OfflineGazetteer
from mapping.geocode.index import index_path
from mapping.geocode.resolve import resolve_trip
from mapping.trip.model import LOW_CONFIDENCE, Stop, Trip

CONFIDENT = 0.9


def km(a: tuple[float, float], b: tuple[float, float]) -> float:
    return float(geodesic(a, b).km)


@pytest.mark.parametrize(
    ("query", "country", "point"),
    [
        ("Cologne", "DE", (50.94, 6.96)),
        ("Mecca", "SA", (21.42, 39.83)),
        ("Medina", "SA", (24.47, 39.61)),
        ("Seville", "ES", (37.39, -5.98)),
        ("Hanover", "DE", (52.37, 9.73)),
        ("Canton", "CN", (23.13, 113.26)),
        ("Munich", "DE", (48.14, 11.58)),
        ("Florence", "IT", (43.77, 11.25)),
    ],
)
def test_famous_names_beat_small_namesakes(
    gazetteer: OfflineGazetteer, query: str, country: str, point: tuple[float, float]
) -> None:
    answer = gazetteer.lookup(query)
    assert answer.best is not None
    assert answer.best.place.country == country
    assert km((answer.best.lat, answer.best.lon), point) < 25


@pytest.mark.parametrize(
    ("query", "name"),
    [
        ("Frankfurt (Oder), Germany", "Frankfurt (Oder)"),
        ("Halle (Saale)", "Halle (Saale)"),
        ("Crescent City, United States", "Crescent City"),
        ("Cologne, Germany", "Köln"),
        ("Bombay, India", "Mumbai"),
        ("Pueblo", "Pueblo"),
        ("Salem", "Salem"),
        ("Petrópolis", "Petrópolis"),
    ],
)
def test_a_town_by_its_own_name_beats_another_towns_nickname_in_the_country_named(
    gazetteer: OfflineGazetteer, query: str, name: str
) -> None:
    answer = gazetteer.lookup(query)
    assert answer.best is not None
    assert answer.best.name == name


def test_a_sight_named_after_a_japanese_city_finds_the_city_by_its_short_name(gazetteer: OfflineGazetteer) -> None:
    # On a trip with a stop in Kyoto: alone, nothing says which Nara is meant.
    answer = gazetteer.lookup("Nara Park", near=(35.01, 135.77))
    assert answer.best is not None
    assert answer.best.approximate
    assert answer.best.place.country == "JP"
    assert answer.confidence <= 0.5


def test_a_name_found_only_outside_the_country_of_the_region_named_is_no_answer(gazetteer: OfflineGazetteer) -> None:
    # "Vila Isabel" is a Rio neighbourhood the index lacks; a Dominican town by a similar name is not it.
    assert gazetteer.lookup("Vila Isabel, Rio De Janneiro").best is None
    toronto = gazetteer.lookup("Toronto, CA").best  # a two-letter code may be a province or a country
    assert toronto is not None
    assert toronto.place.country == "CA"


def test_a_house_number_after_a_comma_is_not_a_town(gazetteer: OfflineGazetteer) -> None:
    # Koskela, Helsinki lists "26" among its names; "Rustaveli, 26" is a house number.
    assert gazetteer.lookup("Парадная на Руставели, 26").best is None


def test_namesakes_all_near_the_trip_leave_the_stop_uncertain(gazetteer: OfflineGazetteer) -> None:
    # Illinois, Michigan and Ohio each have a Springfield a few hours from Chicago.
    resolved = resolve_trip(Trip("t", (Stop("Springfield"), Stop("Chicago"))), gazetteer).trip
    assert resolved.stops[0].uncertain
    assert not resolved.stops[1].uncertain


def test_a_spain_trip_keeps_seville_in_spain(gazetteer: OfflineGazetteer) -> None:
    stops = resolve_trip(Trip("t", (Stop("Madrid"), Stop("Granada"), Stop("Seville"), Stop("Cordoba"))), gazetteer)
    seville = stops.trip.stops[2]
    assert seville.lat is not None
    assert seville.lon is not None
    assert km((seville.lat, seville.lon), (37.39, -5.98)) < 25
    assert not seville.uncertain


@pytest.mark.parametrize(
    ("query", "point"),
    [
        ("1. Shinjuku", (35.69, 139.70)),
        ("Ōtaki (1 Oct)", None),
        ("Karakol 🏔️ (2 nights)", (42.49, 78.39)),
        ("Day 2: Vladivostok, 10:30", (43.12, 131.89)),
        ("Haneda (HND)", (35.55, 139.78)),
        ("Recife, Pernambuco, Brasil", (-8.05, -34.88)),
    ],
)
def test_decorated_names_are_found_like_the_bare_name(
    gazetteer: OfflineGazetteer, query: str, point: tuple[float, float] | None
) -> None:
    answer = gazetteer.lookup(query)
    assert answer.best is not None, query
    assert answer.query == query, "the original text stays the label"
    if point is not None:
        assert km((answer.best.lat, answer.best.lon), point) < 25


def test_an_address_falls_back_to_its_town_marked_approximate(gazetteer: OfflineGazetteer) -> None:
    answer = gazetteer.lookup("Kimbell Art Museum, Fort Worth, TX 76107")
    assert answer.best is not None
    assert answer.best.name == "Fort Worth"
    assert answer.approximate == "town"
    assert answer.confidence <= 0.5
    assert "approximate (town)" in answer.best.label
    street = gazetteer.lookup("6433 North Figueroa Street, Los Angeles, CA 90042")
    assert street.best is not None
    assert (street.best.name, street.best.place.admin1, street.approximate) == ("Los Angeles", "CA", "town")


def test_a_namesake_far_from_the_city_it_is_said_to_be_in_gives_way_to_the_city(
    gazetteer: OfflineGazetteer,
) -> None:
    answer = gazetteer.lookup("El Poblado, Medellín")
    assert answer.best is not None
    assert km((answer.best.lat, answer.best.lon), (6.21, -75.57)) < 25
    assert answer.approximate == "town"


def test_the_approximate_answer_is_said_in_the_stop_it_places(gazetteer: OfflineGazetteer) -> None:
    stop = resolve_trip(Trip("t", (Stop("Kimbell Art Museum, Fort Worth, TX 76107"),)), gazetteer).trip.stops[0]
    assert stop.matched == "Fort Worth (approximate: town)"
    assert stop.uncertain


@pytest.mark.parametrize(
    ("trip", "stop"),
    [
        (("Bishkek", "Issyk Kul", "Karakol"), 1),
        (("Taipei", "Yilan", "Luodong Station"), 2),
        (("Rome", "Pantheon", "Vatican City"), 1),
        (("Tokyo", "Meiji Shrine", "Tokyo Tower"), 1),
        (("Tokyo", "Meiji Shrine", "Tokyo Tower"), 2),
    ],
)
def test_a_query_naming_a_kind_is_never_confidently_answered_with_another_kind(
    gazetteer: OfflineGazetteer, trip: tuple[str, ...], stop: int
) -> None:
    placed = resolve_trip(Trip("t", tuple(Stop(name) for name in trip)), gazetteer).trip.stops[stop]
    assert (placed.confidence or 0) < CONFIDENT, f"{placed.place} -> {placed.matched} at {placed.confidence}"


def test_the_wanted_kind_wins_when_the_index_has_it(gazetteer: OfflineGazetteer) -> None:
    airport = gazetteer.lookup("Manas International Airport")
    assert airport.best is not None
    assert airport.best.place.kind == "airport"
    assert airport.confidence >= CONFIDENT


def test_a_far_namesake_on_a_compact_trip_is_doubted(gazetteer: OfflineGazetteer) -> None:
    # Lochbuie on Mull is not in the index; the only Lochbuie it holds is in Colorado.
    trip = Trip("t", (Stop("Glasgow"), Stop("Old Kilpatrick"), Stop("Lochbuie"), Stop("Dumbarton")))
    lochbuie = resolve_trip(trip, gazetteer).trip.stops[2]
    assert lochbuie.located
    assert (lochbuie.confidence or 0) < 0.5
    assert lochbuie.uncertain
    alone = gazetteer.lookup("Lochbuie")
    assert alone.confidence > (lochbuie.confidence or 0)


def test_a_small_namesake_across_the_border_is_doubted(gazetteer: OfflineGazetteer) -> None:
    stops = resolve_trip(Trip("t", tuple(Stop(n) for n in ("Taipei", "Yilan", "Jiaoxi"))), gazetteer).trip.stops
    assert (stops[1].confidence or 0) >= CONFIDENT
    assert (stops[2].confidence or 0) < CONFIDENT


def test_a_thousand_qualifiers_cost_a_handful_of_index_queries(
    gazetteer: OfflineGazetteer, monkeypatch: pytest.MonkeyPatch
) -> None:
    queries: list[str] = []
    original = gazetteer._query

    def counting(sql: str, params: Any = ()) -> list[Any]:
        queries.append(sql)
        return original(sql, params)

    monkeypatch.setattr(gazetteer, "_query", counting)
    answer = gazetteer.lookup("Santa Cruz" + ",Lyon" * 1650)
    assert len(queries) <= 12
    queries.clear()
    gazetteer.lookup("Santa Cruz, " + ", ".join(f"Nowhere{i}" for i in range(1650)))
    assert len(queries) <= 12
    assert answer.query.startswith("Santa Cruz")


def test_a_damaged_index_says_how_to_rebuild_it(tmp_path: Path) -> None:
    damaged = tmp_path / "index.sqlite"
    damaged.write_bytes(b"not a database" * 100)
    with pytest.raises(GazetteerError, match="rebuild it with 'python -m mapping build-index'"):
        OfflineGazetteer(index_path=damaged, build_if_missing=False)


def test_an_index_damaged_while_open_says_how_to_rebuild_it(tmp_path: Path) -> None:
    copy = tmp_path / "index.sqlite"
    shutil.copyfile(index_path(), copy)
    gazetteer = OfflineGazetteer(index_path=copy, build_if_missing=False)
    # Truncate the file under the open connection, as a full disk or a bad copy would.
    with open(copy, "r+b") as f:
        f.seek(4096 * 8)
        f.truncate()
    names = ("Zanzibar", "Quito", "Ulaanbaatar", "Reykjavik", "Windhoek")
    with pytest.raises(GazetteerError, match="rebuild it with"):
        [gazetteer.lookup(name) for name in names]  # one of them reaches the damaged pages
    gazetteer.close()


def test_the_cli_says_when_an_answer_is_only_the_town(capsys: pytest.CaptureFixture[str]) -> None:
    from mapping.cli import main

    code = main(["geocode", "Kimbell Art Museum, Fort Worth, TX 76107", "Vladivostok"])
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert code == 0
    assert lines[0]["approximate"] == "town"
    assert lines[0]["name"] == "Fort Worth"
    assert "approximate" not in lines[1]
    assert set(lines[1]["candidates"][0]) == {"name", "lat", "lon", "country", "kind", "score"}


def test_a_country_named_in_another_language_narrows_like_its_english_name(gazetteer: OfflineGazetteer) -> None:
    for query, country in (("Uppsala, Suède", "SE"), ("Uppsala, Schweden", "SE"), ("Curitiba, Brasil", "BR")):
        found = gazetteer.lookup(query)
        assert found.best is not None, query
        assert found.best.place.country == country, query
        assert found.confidence >= 0.9, query


def test_another_languages_country_name_never_takes_over_a_towns_name(gazetteer: OfflineGazetteer) -> None:
    # Spanish calls Grenada "Granada": the Spanish city keeps its name.
    found = gazetteer.geocode("Granada")
    assert found is not None
    assert (found.raw["country"], found.raw["kind"]) == ("ES", "city")


def test_a_region_that_shares_a_countrys_name_qualifies_when_the_country_has_no_such_place(
    gazetteer: OfflineGazetteer,
) -> None:
    macon = gazetteer.geocode("Macon, Georgia")
    kutaisi = gazetteer.geocode("Kutaisi, Georgia")
    assert macon is not None
    assert kutaisi is not None
    assert (macon.raw["country"], macon.raw["admin1"]) == ("US", "GA")
    assert kutaisi.raw["country"] == "GE"


def test_a_stop_naming_something_the_answer_does_not_explain_is_not_confident(gazetteer: OfflineGazetteer) -> None:
    # "Zelnikwood" is no country, region or town the index knows: the stop may be that, not Uppsala.
    plain = gazetteer.lookup("Uppsala")
    odd = gazetteer.lookup("Uppsala / Zelnikwood")
    assert plain.best is not None
    assert odd.best is not None
    assert plain.confidence >= 0.9
    assert odd.best.place.name == plain.best.place.name
    assert odd.confidence < 0.9


def test_a_state_is_not_a_town_named_after_it(gazetteer: OfflineGazetteer) -> None:
    for state in ("Ohio", "Kansas"):
        found = gazetteer.geocode(state)
        assert found is not None
        assert (found.raw["kind"], found.raw["country"]) == ("region", "US"), state


@pytest.mark.parametrize(("query", "region"), [("Tucson, Vermont", "Vermont"), ("Albuquerque, Ohio", "Ohio")])
def test_a_town_outside_the_region_the_user_named_is_never_shown_as_sure(
    gazetteer: OfflineGazetteer, query: str, region: str
) -> None:
    # The index knows no town of the name in that state: the one elsewhere may be shown, but drawn hollow and
    # listed to check, never with the confidence of an answer the query agrees with.
    found = gazetteer.geocode(query)
    assert found is not None
    assert region not in found.address
    assert found.raw["confidence"] < LOW_CONFIDENCE
    agreed = gazetteer.geocode(query.split(",")[0] + ", " + found.address.split(", ")[1])
    assert agreed is not None
    assert agreed.raw["confidence"] >= CONFIDENT
