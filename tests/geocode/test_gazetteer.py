from __future__ import annotations

import pytest
from geopy.distance import geodesic
from geopy.geocoders.base import Geocoder
from geopy.location import Location

from mapping.geocode.gazetteer import OfflineGazetteer

VLADIVOSTOK = (43.1056, 131.8735)


def km(location: Location, point: tuple[float, float]) -> float:
    return float(geodesic((location.latitude, location.longitude), point).km)


def test_follows_geopys_contract(gazetteer: OfflineGazetteer) -> None:
    assert isinstance(gazetteer, Geocoder)
    location = gazetteer.geocode("Vladivostok")
    assert isinstance(location, Location)
    assert km(location, VLADIVOSTOK) < 5
    assert location.raw["country"] == "RU"
    assert location.raw["source"] == "geonames"
    assert 0 < location.raw["confidence"] <= 1
    assert gazetteer.geocode("Xqzzyville Nowhere") is None
    several = gazetteer.geocode("Paris", exactly_one=False, limit=3)
    assert isinstance(several, list)
    assert len(several) == 3
    assert all(isinstance(loc, Location) for loc in several)


@pytest.mark.parametrize(
    ("query", "point", "tolerance_km"),
    [
        ("Vostochny Cosmodrome", (51.884, 128.334), 25),
        ("Yuri Gagarin Aircraft Plant", (50.59, 137.07), 10),
        ("Knevichi airfield", (43.40, 132.15), 10),
        ("Khasan station", (42.43, 130.64), 10),
        ("Far Eastern Federal University", (43.025, 131.89), 10),
        ("Primorsky Aquarium", (43.013, 131.93), 10),
        ("Artyom-Primorsky-1", (43.357, 132.19), 10),
        ("Marshal Shaposhnikov frigate", (43.11, 131.89), 10),
        ("Pyongyang", (39.03, 125.75), 10),
        ("Komsomolsk-on-Amur", (50.55, 137.01), 10),
    ],
)
def test_default_trip_places_resolve_near_the_real_site(
    gazetteer: OfflineGazetteer, query: str, point: tuple[float, float], tolerance_km: float
) -> None:
    location = gazetteer.geocode(query)
    assert location is not None
    assert km(location, point) < tolerance_km


@pytest.mark.parametrize(
    "spelling",
    [
        "Artyom",
        "Artem",
        "Artëm",
        "Артём",
        "Komsomolsk-na-Amure",
        "Komsomol'sk-na-Amure",
        "Russkiy Island",
        "Hasan station",
    ],
)
def test_aliases_and_transliterations_find_the_russian_place(gazetteer: OfflineGazetteer, spelling: str) -> None:
    location = gazetteer.geocode(spelling, country_codes="RU")
    assert location is not None
    assert location.raw["country"] == "RU"


def test_artem_trap_russia_not_armenia(gazetteer: OfflineGazetteer) -> None:
    # Armenia's Artik and Azerbaijan's Artyom Island must not win over the town near Vladivostok.
    artem = gazetteer.geocode("Artem")
    assert artem is not None
    assert artem.raw["country"] == "RU"
    assert km(artem, (43.357, 132.19)) < 10
    assert gazetteer.geocode("Artem, Armenia") is None


def test_context_decides_an_ambiguous_name(gazetteer: OfflineGazetteer) -> None:
    near_baku = gazetteer.geocode("Artyom", near=(40.41, 49.87))
    near_vladivostok = gazetteer.geocode("Artyom", near=VLADIVOSTOK)
    assert near_baku is not None
    assert near_vladivostok is not None
    assert near_baku.raw["country"] == "AZ"
    assert near_vladivostok.raw["country"] == "RU"
    bare = gazetteer.lookup("Artyom")
    assert bare.confidence < gazetteer.lookup("Artyom", near=VLADIVOSTOK).confidence


def test_country_and_region_qualifiers(gazetteer: OfflineGazetteer) -> None:
    paris = gazetteer.geocode("Paris")
    texas = gazetteer.geocode("Paris, Texas")
    assert paris is not None
    assert texas is not None
    assert paris.raw["country"] == "FR"
    assert (texas.raw["country"], texas.raw["admin1"]) == ("US", "TX")
    usa = gazetteer.geocode("Pyongyang, North Korea")
    assert usa is not None
    assert usa.raw["country"] == "KP"


def test_a_country_named_without_its_article_still_narrows(gazetteer: OfflineGazetteer) -> None:
    # GeoNames calls it "The Netherlands"; a namesake elsewhere must not win over the one in the country named.
    for query in ("Groningen, Netherlands", "Groningen, the Netherlands"):
        found = gazetteer.geocode(query)
        assert found is not None
        assert found.raw["country"] == "NL"


def test_city_of_before_a_name_is_a_settlement_word(gazetteer: OfflineGazetteer) -> None:
    found = gazetteer.geocode("City of Vladivostok")
    assert found is not None
    assert found.raw["name"] == "Vladivostok"


def test_exact_name_ranks_before_alternate_name(gazetteer: OfflineGazetteer) -> None:
    answer = gazetteer.lookup("Vladivostok")
    assert answer.best is not None
    assert answer.best.place.name == "Vladivostok"
    assert answer.best.to_raw()["match"] == "name"


def test_kind_words_prefer_matching_places(gazetteer: OfflineGazetteer) -> None:
    airport = gazetteer.geocode("Vladivostok airport")
    assert airport is not None
    assert airport.raw["kind"] == "airport"
    # A station the landmarks do not list falls back to its town, flagged as less sure, where the
    # caller's country places that town.
    answer = gazetteer.lookup("Komsomolsk-on-Amur railway station", country_codes="RU")
    assert answer.best is not None
    assert answer.approximate
    assert answer.best.place.name == "Komsomolsk-on-Amur"
    assert answer.confidence < gazetteer.lookup("Komsomolsk-on-Amur").confidence


def test_candidates_are_ranked_and_confidence_reflects_the_gap(gazetteer: OfflineGazetteer) -> None:
    answer = gazetteer.lookup("Pingxiang", limit=5)
    scores = [c.score for c in answer.candidates]
    assert scores == sorted(scores, reverse=True)
    assert len({round(c.place.lat) for c in answer.candidates}) >= 2, "both Pingxiangs are offered"
    assert answer.confidence < 0.7
    assert gazetteer.lookup("Vladivostok").confidence > 0.9


def test_countries_and_regions_are_places_too(gazetteer: OfflineGazetteer) -> None:
    russia = gazetteer.geocode("Russia")
    georgia = gazetteer.geocode("Georgia")
    primorye = gazetteer.geocode("Primorsky Krai")
    assert russia is not None
    assert georgia is not None
    assert primorye is not None
    assert (russia.raw["kind"], russia.raw["country"]) == ("country", "RU")
    assert (georgia.raw["kind"], georgia.raw["country"]) == ("country", "GE")
    assert (primorye.raw["kind"], primorye.raw["country"]) == ("region", "RU")
    assert km(primorye, VLADIVOSTOK) < 250


def test_a_town_beats_its_same_named_region_and_keeps_its_confidence(gazetteer: OfflineGazetteer) -> None:
    answer = gazetteer.lookup("Khabarovsk")
    assert answer.best is not None
    assert answer.best.place.kind == "city"
    assert answer.confidence > 0.9
    sao_paulo = gazetteer.geocode("São Paulo")
    assert sao_paulo is not None
    assert sao_paulo.raw["kind"] == "city"


def test_region_qualifier_outside_the_us(gazetteer: OfflineGazetteer) -> None:
    artem = gazetteer.geocode("Artem, Primorsky Krai")
    assert artem is not None
    assert km(artem, (43.357, 132.19)) < 10
    seoul = gazetteer.geocode("Seoul, Korea, South")
    assert seoul is not None
    assert seoul.raw["country"] == "KR"
