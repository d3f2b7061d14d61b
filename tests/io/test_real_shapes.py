"""Trip files in the shapes people really export load as they expect: their stops, pins, names and dates.

Each file in tests/data/trips mirrors a real export found in a public repository (see its README).
"""

from __future__ import annotations

from datetime import date, datetime, time
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from mapping.errors import InputError
from mapping.io.formats import load_trip
from mapping.trip.model import LoadResult, Stop

DATA = Path(__file__).resolve().parent.parent / "data" / "trips"


def load(name: str, **options: Any) -> LoadResult:
    return load_trip(DATA / name, **options)


def find(result: LoadResult, text: str) -> Stop:
    found = [s for s in result.trip.stops if text in s.label or text in s.place or text in s.name]
    assert found, f"no stop with {text!r} in {[s.label for s in result.trip.stops]}"
    return found[0]


def pin(stop: Stop) -> tuple[float, float]:
    assert stop.lat is not None
    assert stop.lon is not None
    return round(stop.lat, 4), round(stop.lon, 4)


def test_takeout_current_schema_lists_places_without_location_as_problems_never_at_0_0() -> None:
    result = load("saved_places_current.json")
    assert [s.label for s in result.trip.stops] == ["Praça do Comércio", "Torre de Belém"]
    assert pin(result.trip.stops[1]) == (38.6916, -9.2158)
    assert all(s.date is None for s in result.trip.stops), "a saved date is not a visit"
    assert [(p.row, p.field) for p in result.problems] == [(1, "location"), (2, "location")]
    assert "no location" in str(result.problems[0])
    assert "38.71100, -9.14000" in str(result.problems[1]), "the link's own coordinates are offered, not drawn"


def test_takeout_old_schema_keeps_business_names() -> None:
    result = load("saved_places_old.json")
    assert [s.label for s in result.trip.stops] == ["Tour Eiffel", 'Musée du "Louvre"']
    assert pin(result.trip.stops[0]) == (48.8584, 2.2945)
    assert result.trip.stops[0].place.startswith("Champ de Mars")


def test_takeout_saved_list_csv_titles_are_places_and_notes_activities() -> None:
    result = load("want_to_go.csv")
    assert [s.place for s in result.trip.stops] == ["Café Kranzler", "Brandenburger Tor", "東京駅"]
    assert result.trip.stops[1].activity.startswith("Go at dawn\n")
    assert ("place", "Title") in result.columns


def test_item_column_arrows_and_time_ranges() -> None:
    result = load("slot_item_ranges.csv")
    flight = find(result, "LHR → CDG")
    assert (flight.place, flight.date, flight.time) == ("CDG", date(2025, 5, 2), "18:05")
    assert find(result, "Hôtel des Célestins").time == "11:15"
    assert ("place", "item") in result.columns


def test_day_dot_month_dates_and_cities_written_once_count_for_the_rows_below() -> None:
    result = load("grouped_dots.csv")
    lunch = find(result, "Roscioli")
    assert (lunch.place, lunch.date, lunch.time) == ("Rome", date(2025, 4, 4), "13:00")
    assert find(result, "Trattoria Mario").date == date(2025, 4, 5)
    assert any("day/month" in note for note in result.notes)


def test_day_block_sheet_with_year_less_chinese_dates_and_map_links() -> None:
    result = load("day_blocks.csv", year=2025)
    castle = find(result, "城堡")
    assert (castle.date, castle.time, pin(castle)) == (date(2025, 4, 5), "10:00", (55.9486, -3.1999))
    night = find(result, "夜車")
    assert (night.date, night.time) == (date(2025, 4, 5), "23:40"), "the (+1) is the end's, not the start's"
    loch = find(result, "湖")
    assert (loch.date, pin(loch)) == (date(2025, 4, 6), (57.3229, -4.4244)), "the link's last pin is its place"


def test_day_block_weekdays_choose_the_year_when_none_is_given() -> None:
    result = load("day_blocks.csv")
    assert find(result, "城堡").date == date(2026, 4, 5) or find(result, "城堡").date == date(2025, 4, 5)
    assert any("weekday" in note for note in result.notes)


def test_my_maps_day_folders_with_month_day_and_the_year_from_the_map_description() -> None:
    result = load("mymaps_day_folders_md.kml")
    assert find(result, "Songshan Airport").date == date(2025, 3, 7)
    assert find(result, "Palace Museum").date == date(2025, 3, 8)
    hotel = find(result, "Hotel Near Station")
    assert hotel.date is None
    assert hotel.activity == "Check in 3/7 15:00\nRoom 12"
    assert len(result.trip.tracks) == 1
    assert len(result.trip.stops) == 4


@pytest.mark.parametrize("name", ["mymaps_layer.kml", "mymaps_layer.kmz"])
def test_my_maps_layer_kml_and_its_kmz(name: str) -> None:
    result = load(name)
    assert [s.label for s in result.trip.stops] == [
        "Tbilisi International Airport",
        'Gergeti "Trinity" Church',
        "Mestia",
    ]
    assert pin(result.trip.stops[2]) == (43.0444, 42.7269)


def test_day_folders_with_iso_dates_count_on_to_a_day_without_one() -> None:
    result = load("day_iso_folders.kml")
    assert [(s.label, s.date) for s in result.trip.stops] == [
        ("Lisbon Airport (arrival)", date(2026, 4, 10)),
        ("Alfama", date(2026, 4, 10)),
        ("Pena Palace", date(2026, 4, 11)),
        ("Ribeira", date(2026, 4, 12)),
    ]
    assert result.trip.tracks[0].points[0] == (38.7742, -9.1359)


def test_calendar_all_day_events_are_placed_by_their_summary() -> None:
    result = load("allday_summaries.ics")
    assert [(s.place, s.date, s.time) for s in result.trip.stops] == [
        ("Astoria", date(2026, 7, 1), None),
        ("Cannon Beach", date(2026, 7, 3), None),
        ("Newport, OR", date(2026, 7, 6), None),
    ]


def test_calendar_utc_at_an_airport_is_local_and_a_flight_summary_becomes_its_airports() -> None:
    result = load("tzid_and_utc.ics")
    lax = find(result, "KE 24")
    assert (lax.date, lax.time, lax.mode) == (date(2026, 10, 10), "10:00", "plane"), "17:00Z is 10:00 in Los Angeles"
    palace = find(result, "Gyeongbokgung")
    assert (palace.place, palace.time, palace.activity) == (
        "Gyeongbokgung Palace, Seoul",
        "10:30",
        "Hanbok rental nearby",
    )
    home = [s for s in result.trip.stops if "OZ 202" in s.name]
    assert [(s.place[:3], s.date, s.time) for s in home] == [
        ("ICN", date(2026, 10, 14), "10:15"),
        ("LAX", date(2026, 10, 14), None),
    ]


def test_calendar_utc_events_take_the_zone_of_the_last_airport_reached() -> None:
    result = load("utc_flights_codes.ics")
    narita, changi = result.trip.stops[:2]
    assert (narita.place, narita.time) == ("NRT 成田", "10:30")
    assert (changi.place, changi.time) == ("SIN Changi", "17:00")
    gardens = find(result, "Gardens by the Bay")
    assert (gardens.date, gardens.time) == (date(2026, 7, 11), "10:00")


def test_gaia_export_times_are_not_visit_times() -> None:
    result = load("gaia_same_time.gpx")
    assert [s.place for s in result.trip.stops] == ["Jungfraujoch", "Grindelwald", "Lauterbrunnen"]
    assert all(s.date is None for s in result.trip.stops)
    assert find(result, "Grindelwald").activity == "Base for two nights"


def test_osmand_names_that_start_with_a_date_date_the_stop() -> None:
    result = load("osmand_dated_names.gpx")
    assert [(s.place, s.date) for s in result.trip.stops] == [
        ("start at the hut", date(2022, 7, 2)),
        ("Chamonix", date(2022, 7, 3)),
        ("05.07.22", date(2022, 7, 5)),
    ]


def test_gpx_whose_points_have_no_coordinates_is_one_clear_error() -> None:
    with pytest.raises(InputError, match="no usable coordinates"):
        load("undefined_points.gpx")


def test_waypoints_pasted_without_the_gpx_element_still_load() -> None:
    result = load("wpt_fragment.gpx")
    assert [s.place for s in result.trip.stops] == ["지점1-해변", "지점2-해운대"]


def test_waypoints_are_the_stops_and_a_one_day_track_dates_them() -> None:
    result = load("waypoints_and_timed_track.gpx")
    assert [s.place for s in result.trip.stops] == ["Start – Hauptbahnhof", "Station 1 – Lindenhof"]
    assert {s.date for s in result.trip.stops} == {date(2026, 5, 30)}
    assert len(result.trip.tracks) == 1


def test_a_bare_track_gives_its_start_and_end_named_after_it() -> None:
    result = load("track_no_times.gpx")
    assert [(s.place, pin(s)) for s in result.trip.stops] == [
        ("Google Maps Route (start)", (50.0647, 19.945)),
        ("Google Maps Route (end)", (50.054, 19.935)),
    ]


def test_markup_in_a_track_name_never_reaches_a_label() -> None:
    result = load("html_junk_name.gpx")
    assert all("<" not in s.label for s in result.trip.stops)


def test_a_timed_track_gives_each_local_days_start_and_end() -> None:
    result = load("strava_timed.gpx")
    assert [(s.date, s.time) for s in result.trip.stops] == [
        (date(2021, 6, 12), "10:48"),
        (date(2021, 6, 12), "11:30"),
        (date(2021, 6, 13), "09:00"),
        (date(2021, 6, 13), "10:10"),
    ]


def test_road_trip_text_blocks_give_each_day_its_place_and_the_drive() -> None:
    result = load("roadtrip_day_blocks.txt")
    assert [(s.place, s.date) for s in result.trip.stops] == [
        ("Boise", date(2026, 9, 11)),
        ("Stanley", date(2026, 9, 11)),
        ("Stanley", date(2026, 9, 12)),
        ("Missoula", date(2026, 9, 13)),
    ]
    assert result.trip.stops[1].mode == "car"
    assert "Night: campground" in result.trip.stops[1].activity


def test_markdown_days_without_a_year_take_the_year_their_weekdays_fit() -> None:
    result = load("markdown_no_year.md")
    orsay = find(result, "Orsay")
    assert (orsay.date, orsay.time) == (date(2025, 3, 5), "10:00")
    assert find(result, "Louvre").time == "13:30"
    assert find(result, "Chez Janou").date == date(2025, 3, 4)
    assert not any("any bistro" in s.place for s in result.trip.stops), "a fallback is no stop"
    assert not any("Carry cash" in s.place for s in result.trip.stops), "notes after the days are no stops"


def test_geojson_stage_lines_give_the_towns_they_join() -> None:
    result = load("stage_lines.geojson")
    assert [(s.place, pin(s)) for s in result.trip.stops] == [
        ("Cusco", (-13.532, -71.9675)),
        ("Ollantaytambo", (-13.2588, -72.2631)),
        ("Aguas Calientes", (-13.1547, -72.5254)),
    ]
    assert len(result.trip.tracks) == 2


def test_geojson_day_legs_without_points() -> None:
    result = load("day_legs.geojson")
    assert [(s.place, pin(s)) for s in result.trip.stops] == [
        ("Onawa", (42.0267, -96.0966)),
        ("Harlan", (41.653, -95.3252)),
    ]


def test_real_roadtrip_legs_carry_their_stop_as_properties() -> None:
    result = load("real_mit_roadtrip_legs.geojson")
    (stop,) = result.trip.stops
    assert (stop.place, stop.date, pin(stop)) == ("Papatoetoe", date(2024, 9, 29), (-36.978, 174.8554))
    assert len(result.trip.tracks[0].points) == 6


def test_takeout_flattened_to_csv_by_a_converter() -> None:
    result = load("flattened_takeout.csv")
    assert [(s.label, pin(s)) for s in result.trip.stops] == [
        ("Brandenburger Tor", (52.5163, 13.3777)),
        ("Museumsinsel, Berlin", (52.5169, 13.3977)),
        ("Alexanderplatz", (52.5219, 13.4132)),
    ], "a place with no business name has its coordinates in the other pair of columns"


def test_latitude_longitude_and_several_dates_in_one_cell() -> None:
    result = load("multi_date_latlon.csv")
    square = find(result, "Old Town Square")
    assert (square.date, pin(square)) == (date(2025, 6, 1), (50.0875, 14.4213))


def test_misspelt_latitude_section_rows_and_unnamed_pins() -> None:
    result = load("misspelt_latitude_sections.csv")
    assert [s.label for s in result.trip.stops][:3] == ["Baile Àrd | High Town", "Cnoc | Hill", "Tràigh | Beach"]
    assert result.trip.stops[-1].label == "Pin on row 7"
    assert any("section heading" in note for note in result.notes)
    assert result.problems == ()


def test_place_name_labels_and_address_is_what_to_find() -> None:
    result = load("name_and_address.csv")
    airport = find(result, "Denver International Airport")
    assert airport.place.startswith("8500 Peña Blvd")
    assert airport.date == date(2022, 7, 1)


def test_a_file_with_no_place_column_says_which_columns_it_has() -> None:
    with pytest.raises(InputError, match="'Ship', 'Connection', 'Arrival', 'Departure'"):
        load("no_place_column.csv")


@pytest.mark.parametrize("name", ["time_column_of_dates.csv", "utf16_latlon.csv"])
def test_a_time_column_of_dates_is_the_date(name: str) -> None:
    result = load(name)
    assert [(s.label, s.date, s.time) for s in result.trip.stops] == [
        ("Harbour", date(2022, 4, 1), None),
        ("Blue Mountains", date(2022, 4, 2), None),
    ]


def test_a_column_headed_by_a_month_holds_its_days() -> None:
    result = load("month_day_column.csv", year=2024)
    assert [(s.name, s.place, s.date) for s in result.trip.stops] == [
        ("Harbour Lodge", "Hobart", date(2024, 8, 3)),
        ("Harbour Lodge", "Hobart", date(2024, 8, 4)),
        ("Cradle Huts", "Cradle Mountain", date(2024, 8, 6)),
    ]


def test_end_point_is_where_a_trek_day_ends() -> None:
    result = load("trek_end_points.csv")
    assert [(s.place, s.date) for s in result.trip.stops] == [
        ("Lama Hotel", date(2025, 10, 1)),
        ("Langtang", date(2025, 10, 2)),
    ]


def test_excel_sheet_under_a_title_row_with_excel_dates_and_times(tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["Spring in Kyoto (April)"])
    sheet.append([])
    sheet.append(["Date", "Location", "Start time", "Notes"])
    sheet.append([datetime(2026, 4, 2), "Fushimi Inari", time(7, 30), "early"])
    sheet.append([datetime(2026, 4, 3), "Kinkaku-ji", None, ""])
    path = tmp_path / "kyoto.xlsx"
    workbook.save(path)
    result = load_trip(path)
    assert result.trip.title == "Spring in Kyoto (April)"
    assert [(s.place, s.date, s.time) for s in result.trip.stops] == [
        ("Fushimi Inari", date(2026, 4, 2), "07:30"),
        ("Kinkaku-ji", date(2026, 4, 3), None),
    ]
    assert result.format == "xlsx"
