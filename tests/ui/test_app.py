"""The app without a browser: AppTest runs app.py and reads what it would show.

The map is streamlit-folium's custom component, which AppTest cannot look inside, but the map's
generated scripts are among its arguments: the tests read the stops from the map's script and
the days shown from the view layer's.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from mapping.paths import PROJECT_ROOT
from mapping.ui.text import shown
from tests.htmlfrag import shown_days, stop_features

TIMEOUT = 120


@pytest.fixture
def app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    # A cache of its own: the user's answers must not leak into a test, nor a test's into them.
    monkeypatch.setenv("TRIPMAP_CACHE", str(tmp_path / "geocode.sqlite"))
    st.cache_resource.clear()
    at = AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=TIMEOUT)
    at.run()
    assert not at.exception
    return at


def map_args(at: AppTest) -> dict[str, Any]:
    (component,) = at.get("component_instance")
    args: dict[str, Any] = json.loads(component.proto.json_args)
    return args


def shown_stops(at: AppTest) -> list[int]:
    """The stops on the map whose day the view layer shows: what the browser draws."""
    args = map_args(at)
    days = set(shown_days(args["feature_group"]))
    return [f["properties"]["number"] for f in stop_features(args["script"]) if f["properties"]["day"] in days]


def text_of(at: AppTest) -> str:
    """What the reader sees: markdown with its escaping backslashes removed."""
    return "\n".join(shown(str(m.value)) for m in [*at.markdown, *at.caption, *at.title, *at.subheader])


def button(at: AppTest, label: str) -> Any:
    return next(b for b in at.button if b.label == label)


def test_opens_on_the_default_trip_with_every_stop_on_the_map(app: AppTest) -> None:
    assert shown(app.title[0].value).startswith("Kim Jong-un")
    assert shown_stops(app) == list(range(1, 14))
    assert "13 stops over 8 days" in shown(app.caption[0].value)
    args = map_args(app)
    assert all(link.startswith("/app/static/vendor/") for link in args["js_links"] + args["css_links"])
    # Only the open tab is drawn: the stops table first.
    (stops_table,) = app.dataframe
    assert len(stops_table.value) == 13
    app.session_state["panel"] = "Edit the trip"
    (edit_table,) = app.run().dataframe
    assert edit_table.value["order"].tolist() == list(range(1, 14))
    app.session_state["panel"] = "By day"
    (days_table,) = app.run().dataframe
    assert days_table.value["day"].tolist()[0] == "Sun 10 Sep 2023"
    assert days_table.value["km"].sum() == pytest.approx(3956, abs=1)
    assert days_table.value["modes"].tolist()[1] == "Train 559 km"


def test_choosing_one_day_changes_the_map_and_the_timeline(app: AppTest) -> None:
    app.multiselect(key="days").set_value(["2023-09-17"]).run()
    assert not app.exception
    assert shown_stops(app) == [9, 10, 11]
    text = text_of(app)
    assert "Sun 17 Sep 2023" in text
    assert "Sat 16 Sep 2023" not in text
    button(app, "Show all days").click().run()
    assert shown_stops(app) == list(range(1, 14))


def test_no_day_selected_says_so(app: AppTest) -> None:
    app.multiselect(key="days").set_value([]).run()
    assert not app.exception
    assert shown_stops(app) == []
    assert any("No day is selected" in i.value for i in app.info)


def test_an_upload_with_bad_rows_maps_the_rest_and_lists_the_problems(app: AppTest) -> None:
    csv = (
        "date,place,lat,lon\n"
        "2024-05-01,Vladivostok,,\n"
        "2024-05-02,Khabarovsk,95,135\n"
        "2024-05-03,Qqqxyz Nowhere,,\n"
        "not a date,Artyom,,\n"
    )
    app.file_uploader[0].upload("my trip.csv", csv.encode(), "text/csv").run()
    assert not app.exception
    assert shown_stops(app) == [1, 2, 4]
    problems = text_of(app)
    assert "my trip.csv, row 3, field 'lat'" in problems
    assert "my trip.csv, row 5, field 'date'" in problems
    assert "row 4: 'Qqqxyz Nowhere' was not found" in problems
    assert app.dataframe[0].value["status"].tolist() == ["ok", "ok", "not found", "ok"]


def test_an_unreadable_upload_gives_a_message_and_keeps_the_current_trip(app: AppTest) -> None:
    app.file_uploader[0].upload("notes.csv", b"foo,bar\n1,2\n", "text/csv").run()
    assert not app.exception
    assert any("notes.csv, row 1: no header row names a place" in shown(e.value) for e in app.error)
    assert shown(app.title[0].value).startswith("Kim Jong-un")
    assert shown_stops(app) == list(range(1, 14))


def test_the_uploaded_trip_survives_reruns_and_can_be_left(app: AppTest) -> None:
    app.file_uploader[0].upload("t.json", b'{"title": "Short hop", "stops": [{"place": "Paris"}]}', "application/json")
    app.run()
    app.run()
    assert shown(app.title[0].value) == "Short hop"
    button(app, "Back to the default trip").click().run()
    assert shown(app.title[0].value).startswith("Kim Jong-un")


def test_downloads_are_offered(app: AppTest) -> None:
    labels = [getattr(b, "label", None) for b in app.get("download_button")]
    assert labels == [
        "Download map (HTML, works offline)",
        "Download trip (CSV)",
        "JSON",
        "GeoJSON",
        "GPX",
        "KML (Google Earth)",
    ]


def stop_coordinates(at: AppTest) -> dict[int, list[float]]:
    return {f["properties"]["number"]: f["geometry"]["coordinates"] for f in stop_features(map_args(at)["script"])}


def test_pick_another_candidate_and_type_coordinates(app: AppTest) -> None:
    content = b"place\nArtyom\nParis\n"
    app.file_uploader[0].upload("t.csv", content, "text/csv").run()
    assert not app.exception
    before = stop_coordinates(app)[1]
    # The app names this trip's widgets by the trip: the same token for every widget of "Fix a stop".
    token = next(s.key for s in app.selectbox if s.key and s.key.startswith("fix_stop_")).removeprefix("fix_stop_")
    app.selectbox(key=f"fix_stop_{token}").set_value(0).run()
    app.radio(key=f"pick_{token}_0").set_value(1).run()
    button(app, "Use this place").click().run()
    assert not app.exception
    after = stop_coordinates(app)[1]
    assert after != before
    assert app.dataframe[0].value["from"].tolist()[0] == "chosen"
    app.selectbox(key=f"fix_stop_{token}").set_value(1).run()
    app.number_input(key=f"lat_{token}_1").set_value(48.85).run()
    app.number_input(key=f"lon_{token}_1").set_value(2.35).run()
    button(app, "Use these coordinates").click().run()
    assert stop_coordinates(app)[2] == [2.35, 48.85]
    app.run()
    assert stop_coordinates(app)[1] == after, "choices survive reruns"


def test_online_geocoder_from_the_app_with_a_failing_service(app: AppTest, monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.fake_nominatim import Reply, fake_nominatim, places

    replies = {"Qqq Lodge": places(("Qqq Lodge, Primorsky Krai", 43.2, 131.9, 0.4))}
    with fake_nominatim(replies, default=Reply(status=500)) as fake:
        # The operator lists the self-hosted server; a visitor may only pick servers on that list.
        monkeypatch.setenv("TRIPMAP_GEOCODER_SERVERS", f"http://{fake.domain}")
        app.file_uploader[0].upload("t.csv", b"place\nVladivostok\nQqq Lodge\nZzz Pier\nWww Camp\n", "text/csv")
        app.selectbox(key="online_service").set_value("nominatim")
        app.text_input(key="user_agent").set_value("trip-map-tests/1.0 (tests@example.org)")
        app.text_input(key="online_server").set_value(f"http://{fake.domain}")
        app.run()
    assert not app.exception
    assert [shown(w.value) for w in app.warning] == [
        "nominatim had a server error (HTTP 500); try again later. The offline gazetteer placed the stops instead."
    ]
    assert app.dataframe[0].value["from"].tolist()[:2] == ["gazetteer", "nominatim"]
    assert stop_coordinates(app)[2] == [131.9, 43.2]


def test_from_a_news_report_to_a_mapped_trip(app: AppTest) -> None:
    report = (
        "March 8, 2024\n\nLeader ends tour\n\nHe arrived in Nairobi on Tuesday, where he met ministers.\n\n"
        "A day after touring a flower farm outside Naivasha, he travelled to Mombasa on Thursday.\n\n"
        "Officials in Tokyo said the trip was a success."
    )
    app.text_area(key="report_paste").input(report).run()
    assert str(app.date_input(key="report_date").value) == "2024-03-08", "the date line fills the reference date"
    button(app, "Extract stops").click().run()
    assert not app.exception
    draft = app.session_state["draft"]
    assert [(s.place, s.date.isoformat() if s.date else None) for s in draft.stops] == [
        ("Nairobi", "2024-03-05"),
        ("Naivasha", "2024-03-06"),
        ("Mombasa", "2024-03-07"),
    ]
    assert any("Draft from the report: 3 stops" in str(s.value) for s in app.subheader)
    button(app, "Map these stops").click().run()
    assert not app.exception
    assert shown_stops(app) == [1, 2, 3]
    assert shown(app.title[0].value) == "Leader ends tour"
    features = stop_features(map_args(app)["script"])
    assert features[0]["properties"]["evidence"] == "He arrived in Nairobi on Tuesday, where he met ministers."


def test_a_report_read_in_part_says_so_and_keeps_what_it_found(app: AppTest, monkeypatch: pytest.MonkeyPatch) -> None:
    from mapping.ui import sidebar

    monkeypatch.setattr(sidebar, "APP_TIME_BUDGET", 0.0)  # out of time after the first paragraph
    report = "He arrived in Nairobi on Tuesday.\n\nHe travelled to Mombasa on Thursday."
    app.text_area(key="report_paste").input(report).run()
    app.date_input(key="report_date").set_value(date(2024, 3, 8)).run()
    button(app, "Extract stops").click().run()
    assert not app.exception
    assert [s.place for s in app.session_state["draft"].stops] == ["Nairobi"]
    warnings = [shown(w.value) for w in app.warning]
    assert any(f"Read the first 33 of {len(report)} characters" in w for w in warnings), warnings
    button(app, "Discard the draft").click().run()
    assert not any("Read the first" in shown(w.value) for w in app.warning), "the notice goes with its draft"


def test_a_header_only_csv_is_no_crash(app: AppTest) -> None:
    app.file_uploader[0].upload("empty.csv", b"date,place,lat,lon\n", "text/csv").run()
    assert not app.exception
    # Either the file is refused with a message, or it is shown as a trip with no stops: never a traceback.
    assert app.error or any("no stops" in shown(i.value) for i in app.info)
    app.run()
    assert not app.exception


def test_a_trip_that_fails_to_geocode_is_dropped_and_the_sidebar_keeps_working(
    app: AppTest, monkeypatch: pytest.MonkeyPatch
) -> None:
    from mapping.errors import TripMapError

    def broken(*args: Any, **kwargs: Any) -> Any:
        raise TripMapError("the place index is damaged; rebuild it with: python -m mapping build-index")

    monkeypatch.setattr("mapping.ui.trips.resolve_trip", broken)
    app.file_uploader[0].upload("t.csv", b"place\nSomewhere new\n", "text/csv").run()
    assert not app.exception
    assert any("rebuild it with" in shown(e.value) for e in app.error)
    assert shown(app.title[0].value).startswith("Kim Jong-un"), "the bundled trip is shown instead"
    assert app.selectbox(key="trip").value == "kim-jong-un-russia-2023"
    # Every sidebar control is still there and still works.
    app.multiselect(key="days").set_value(["2023-09-17"]).run()
    assert not app.exception
    assert shown_stops(app) == [9, 10, 11]


def test_when_even_the_bundled_trip_fails_the_message_stands_with_the_sidebar(monkeypatch: pytest.MonkeyPatch) -> None:
    from mapping.errors import TripMapError

    def broken(*args: Any, **kwargs: Any) -> Any:
        raise TripMapError("the place index is damaged; rebuild it with: python -m mapping build-index")

    monkeypatch.setattr("mapping.ui.trips.resolve_trip", broken)
    at = AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=TIMEOUT).run()
    assert not at.exception
    assert any("rebuild it with" in shown(e.value) for e in at.error)
    assert at.selectbox(key="trip") is not None
    assert at.file_uploader[0] is not None


def test_the_trip_picker_does_not_name_a_bundled_trip_while_an_upload_is_shown(app: AppTest) -> None:
    app.file_uploader[0].upload("t.json", b'{"title": "Short hop", "stops": [{"place": "Paris"}]}', "application/json")
    app.run()
    picker = app.selectbox(key="trip")
    assert picker.value is None
    assert picker.proto.placeholder == "Your trip: Short hop"
    button(app, "Back to the default trip").click().run()
    assert app.selectbox(key="trip").value == "kim-jong-un-russia-2023"


def test_show_all_days_logs_no_streamlit_warning(app: AppTest, caplog: pytest.LogCaptureFixture) -> None:
    from streamlit.elements.lib import policies

    policies._shown_default_value_warning = False  # Streamlit warns once per process: make this run count
    app.multiselect(key="days").set_value(["2023-09-17"]).run()
    with caplog.at_level("WARNING"):
        button(app, "Show all days").click().run()
    assert shown_stops(app) == list(range(1, 14))
    assert [r.getMessage() for r in caplog.records if "default value" in r.getMessage()] == []


def test_the_stops_table_says_which_paris(app: AppTest) -> None:
    app.file_uploader[0].upload("t.csv", b"place\nParis\nSpringfield\n", "text/csv").run()
    matched = app.dataframe[0].value["matched"].tolist()
    assert matched[0].startswith("Paris, ")
    assert matched[0].endswith(", FR")
    assert matched[1].startswith("Springfield, ")
    assert matched[1].endswith(", US")


MARKDOWN = "![pwn](https://evil.example/x.png) [Re-login](https://evil.example/l) $x^2$ :smile: www.evil.example"


def test_markdown_in_a_title_and_a_file_name_is_shown_as_text(app: AppTest) -> None:
    document = json.dumps({"title": MARKDOWN, "stops": [{"place": "Paris", "name": MARKDOWN}, {"place": MARKDOWN}]})
    app.file_uploader[0].upload(f"{MARKDOWN.replace('/', '')}.json", document.encode(), "application/json").run()
    assert not app.exception
    assert shown(app.title[0].value) == MARKDOWN
    texts = [str(e.value) for e in [*app.markdown, *app.caption, *app.title, *app.error, *app.warning]]
    carrying = [t for t in texts if "pwn" in t]
    assert len(carrying) >= 4  # the title, the file name, the timeline and the problem list
    for text in carrying:
        for live in ("![", "](", " $x", ":smile:"):
            assert live not in text, text


def test_the_upload_limit_is_said_once_to_the_app_and_to_streamlit() -> None:
    import tomllib

    from mapping.ui.sidebar import MAX_UPLOAD_MB

    config = tomllib.loads((PROJECT_ROOT / ".streamlit" / "config.toml").read_text("utf-8"))
    assert config["server"]["maxUploadSize"] == MAX_UPLOAD_MB
    # Reachable from this machine only, unless the operator says otherwise.
    assert config["server"]["address"] == "localhost"
    assert config["client"]["showErrorDetails"] == "none"


HUGE_NUMBER = b'{"title": "t", "stops": [{"place": "A", "lat": 1' + b"1" * 5000 + b"}]}"


@pytest.mark.parametrize("content", [b"[" * 100_000, HUGE_NUMBER])
def test_a_file_no_reader_expected_gives_a_message_not_a_traceback(app: AppTest, content: bytes) -> None:
    app.file_uploader[0].upload("odd.json", content, "application/json").run()
    assert not app.exception
    assert any("odd.json" in shown(e.value) for e in app.error)
    assert shown(app.title[0].value).startswith("Kim Jong-un")


def test_a_bundled_trips_choices_travel_in_the_link(app: AppTest) -> None:
    token = next(s.key for s in app.selectbox if s.key and s.key.startswith("fix_stop_")).removeprefix("fix_stop_")
    app.selectbox(key=f"fix_stop_{token}").set_value(1).run()
    app.number_input(key=f"lat_{token}_1").set_value(42.5).run()
    app.number_input(key=f"lon_{token}_1").set_value(130.6).run()
    button(app, "Use these coordinates").click().run()
    assert stop_coordinates(app)[2] == [130.6, 42.5]
    link = app.query_params["placed"]
    assert link in ("2:42.50000,130.60000:typed", ["2:42.50000,130.60000:typed"])

    again = AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=TIMEOUT)
    again.query_params["placed"] = "2:42.5,130.6:typed;99:1,2:typed;x:y;3:95,0:typed"
    again.run()
    assert not again.exception
    coordinates = stop_coordinates(again)
    assert coordinates[2] == [130.6, 42.5]
    assert coordinates[3] != [0.0, 95.0], "a latitude of 95 is not a place and is left out"


def test_a_title_is_held_to_the_field_limit(app: AppTest) -> None:
    from mapping.trip.model import MAX_FIELD_CHARS

    document = json.dumps({"title": "T" * (5 * MAX_FIELD_CHARS), "stops": [{"place": "Paris"}]})
    app.file_uploader[0].upload("long.json", document.encode(), "application/json").run()
    assert not app.exception
    assert len(shown(app.title[0].value)) <= MAX_FIELD_CHARS
