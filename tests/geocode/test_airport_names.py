"""Airports under the names people use, derived from the airport data itself (made-up airports)."""

from __future__ import annotations

from mapping.geocode.airportnames import airport_names, main_airports


def _airport(name: str, city: str, iata: str = "QQX", *, subd: str = "", country: str = "ZZ") -> dict[str, str]:
    return {"name": name, "city": city, "iata": iata, "subd": subd, "country": country}


def test_the_name_without_its_city_prefix_with_and_without_international() -> None:
    names = airport_names(_airport("Northport Lakeside International Airport", "Northport"))
    assert "lakeside airport" in names
    assert "lakeside international airport" in names
    assert "northport lakeside airport" in names
    assert "northport lakeside international airport" not in names, "the own name is not repeated"


def test_the_country_prefix_goes_too_but_never_leaves_a_bare_airport() -> None:
    assert "marsh airport" in airport_names(_airport("Freedonia Marsh Airport", "Elsewhere"), "Freedonia")
    names = airport_names(_airport("Northport International Airport", "Northport"))
    assert "airport" not in names
    assert "international airport" not in names
    assert "northport airport" in names


def test_initials_written_with_full_stops_are_also_one_word() -> None:
    names = airport_names(_airport("A. B. Quill International Airport", "Quilltown"))
    assert "ab quill international airport" in names
    assert "ab quill airport" in names


def test_the_main_airports_city_name() -> None:
    names = airport_names(_airport("Quill Field", "Quilltown", "QQX"), main_of=("quilltown",))
    assert "quilltown airport" in names
    assert "qqx airport" not in names, "a code is read from the query, in capitals only"
    assert "quilltown airport" not in airport_names(_airport("Quill Field", "Quilltown", "QQX"))


def test_the_main_airport_of_a_city_is_its_only_scheduled_or_only_international_one() -> None:
    airports = {
        "ZZAA": _airport("Alpha International Airport", "Twin", "AAA"),
        "ZZAB": _airport("Beta Airport", "Twin", "AAB"),
        "ZZAC": _airport("Gamma Strip", "Twin", ""),  # no scheduled service: does not count
        "ZZBA": _airport("Solo Field", "Lone", "BBA", subd="Upland"),
        "ZZCA": _airport("East International Airport", "Double", "CCA"),
        "ZZCB": _airport("West International Airport", "Double", "CCB"),
    }
    main = main_airports(airports, "city")
    assert main[("ZZ", "twin")] == "ZZAA"
    assert main[("ZZ", "lone")] == "ZZBA"
    assert ("ZZ", "double") not in main, "two international airports: neither is the city's airport for sure"
    assert main_airports(airports, "subd") == {("ZZ", "upland"): "ZZBA"}


def test_a_name_that_goes_on_after_airport_is_cut_there_and_its_tail_names_it_too() -> None:
    names = airport_names(_airport("Quill International Apt Northport Airport", "Northport"))
    assert "quill international airport" in names
    assert "quill airport" in names
    assert "northport airport" not in names  # the city's: only if it is the city's main airport
    names = airport_names(_airport("Northport Airport Fenwick", "Northport"))
    assert "fenwick airport" in names
    assert not any("construction" in n for n in airport_names(_airport("Far Airport (under construction)", "Far")))
