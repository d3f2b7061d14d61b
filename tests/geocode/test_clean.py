"""Stop names as people write them, taken apart into what a gazetteer can look up."""

from __future__ import annotations

import pytest

from mapping.geocode.clean import MAX_QUALIFIERS, MAX_QUERY_CHARS, clean_query


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("1. Sagrada Família", "Sagrada Família"),
        ("12) Shinjuku", "Shinjuku"),
        ("Day 3: Kyoto", "Kyoto"),
        ("• Karakol", "Karakol"),
        ("Ōtaki (1 Oct)", "Ōtaki"),
        ("Louvre 🇫🇷 10:30", "Louvre"),
        ("Tokyo Tower 🗼", "Tokyo Tower"),
        ("Eiffel Tower (Illuminated)", "Eiffel Tower"),
        ('Nara Park "Deer Park"', "Nara Park"),
        ("заброшка кинотеатр Апполо (20 лари)", "заброшка кинотеатр Апполо"),
        ("Kyoto 2023-09-12 9am", "Kyoto"),
        ("Kyoto (Mon)", "Kyoto"),
        # A weekday's letters inside a name are the name.
        ("Sun Gardens, Dubrovnik", "Sun Gardens"),
        ("St. Petersburg", "St. Petersburg"),
        # Numbers that are part of a name stay.
        ("21st Century Museum", "21st Century Museum"),
        ("66 Drive-In", "66 Drive-In"),
    ],
)
def test_decorations_leave_the_name(text: str, name: str) -> None:
    cleaned = clean_query(text)
    assert cleaned.name == name
    assert cleaned.text == text, "the original text stays the label"


def test_notes_are_kept_aside_not_lost() -> None:
    cleaned = clean_query("Ōtaki (1 Oct)")
    assert "1 Oct" in cleaned.removed
    bracketed = clean_query("Kinkaku-ji (Golden Pavilion)")
    assert bracketed.name == "Kinkaku-ji"
    assert bracketed.readings == ("Kinkaku-ji", "Golden Pavilion")


@pytest.mark.parametrize(
    ("text", "name", "other"),
    [
        ("협재해변 - Hyeopjae beach", "Hyeopjae beach", "협재해변"),
        ("正房瀑布 Jeongbang Falls", "Jeongbang Falls", "正房瀑布"),
        ("Manas International Airport 马纳斯", "Manas International Airport", "马纳斯"),
    ],
)
def test_a_local_script_note_beside_a_latin_name_becomes_an_alternate(text: str, name: str, other: str) -> None:
    cleaned = clean_query(text)
    assert cleaned.name == name
    assert other in cleaned.alternates


def test_an_airport_code_in_the_name_is_recognised() -> None:
    assert clean_query("Haneda (HND)").iata == "HND"
    assert clean_query("Haneda (HND)").name == "Haneda"
    assert clean_query("SPU").iata == "SPU"
    assert clean_query("Spu").iata is None
    # A code before "Airport" counts when it is written as a code: "the airport" is no airport's code.
    assert clean_query("QQX Airport").iata == "QQX"
    assert clean_query("QQX International Airport").iata == "QQX"
    assert clean_query("the airport").iata is None
    assert clean_query("Qqx Airport").iata is None


def test_addresses_split_into_name_and_qualifiers_without_postcodes() -> None:
    museum = clean_query("Kimbell Art Museum, Fort Worth, TX 76107")
    assert (museum.name, museum.qualifiers) == ("Kimbell Art Museum", ("Fort Worth", "TX"))
    assert "76107" in museum.removed
    dublin = clean_query("Winding Stair Bookshop, Dublin 1, D01 R9Y5, Ireland")
    assert dublin.qualifiers == ("Dublin", "Ireland")
    mexico = clean_query("Calle de Tacuba 2, Centro, 06010 Ciudad de México, CDMX, Mexico")
    assert mexico.qualifiers[-3:] == ("Ciudad de México", "CDMX", "Mexico")
    street = clean_query("6433 North Figueroa Street, Los Angeles, CA 90042")
    assert street.street
    assert street.qualifiers == ("Los Angeles", "CA")
    assert not clean_query("Fort Worth, TX").street


def test_dashes_and_at_signs_separate_a_place_from_its_region() -> None:
    assert clean_query("Maragogi - Alagoas - Caribe Brasileiro").qualifiers == ("Alagoas", "Caribe Brasileiro")
    assert clean_query("kobe beef ramen @ yazawa").name == "kobe beef ramen"
    assert clean_query("Escalera De Selaron. Rio De Janeiro").qualifiers == ("Rio De Janeiro",)


def test_a_qualifiers_brackets_stay_in_the_qualifier() -> None:
    assert clean_query("Kalemie, Congo (Kinshasa)").qualifiers == ("Congo Kinshasa",)


def test_a_flood_of_qualifiers_is_capped() -> None:
    flood = clean_query("Santa Cruz" + ",Lyon" * 1650)
    assert flood.name == "Santa Cruz"
    assert len(flood.qualifiers) <= MAX_QUALIFIERS
    distinct = clean_query("Santa Cruz, " + ", ".join(f"Place{i}" for i in range(40)))
    assert len(distinct.qualifiers) <= MAX_QUALIFIERS
    assert len(clean_query("x" * 100_000).name) <= MAX_QUERY_CHARS


@pytest.mark.parametrize("text", ["", "   ", "🗼", "1.", "(closed)", "\x00\x01"])
def test_nothing_to_look_up_is_an_empty_name(text: str) -> None:
    cleaned = clean_query(text)
    assert cleaned.name == ""
    assert cleaned.readings == ()
