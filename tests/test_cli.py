from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from mapping.cli import main
from mapping.paths import DEFAULT_TRIP, PROJECT_ROOT
from tests.htmlfrag import stop_features


def run(argv: list[str], capsys: pytest.CaptureFixture[str], stdin: str = "") -> tuple[int, str, str]:
    code = main(argv, stdin=io.StringIO(stdin))
    out, err = capsys.readouterr()
    return code, out, err


def test_geocode_prints_one_json_object_per_query_with_candidates(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["geocode", "Vladivostok", "Artyom", "--near", "43.1,131.9"], capsys)
    assert code == 0
    first, second = (json.loads(line) for line in out.splitlines())
    assert first["query"] == "Vladivostok"
    assert first["provider"] == "gazetteer"
    assert set(first) == {"query", "name", "lat", "lon", "provider", "confidence", "candidates"}
    assert set(first["candidates"][0]) == {"name", "lat", "lon", "country", "kind", "score"}
    assert second["candidates"][0]["country"] == "RU"


def test_geocode_reads_stdin_and_exits_1_when_something_is_missing(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["geocode", "-"], capsys, stdin="Paris\nQqqxyz Nowhere\n\n")
    assert code == 1
    records = [json.loads(line) for line in out.splitlines()]
    assert [r["query"] for r in records] == ["Paris", "Qqqxyz Nowhere"]
    assert records[1]["lat"] is None
    assert records[1]["candidates"] == []


def test_show_json_has_the_stop_fields(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["show", str(DEFAULT_TRIP), "--json"], capsys)
    assert code == 0
    document = json.loads(out)
    assert document["title"].startswith("Kim Jong-un")
    stop = document["stops"][2]
    for field in ("date", "place", "name", "lat", "lon", "provider", "confidence", "activity", "mode", "source"):
        assert field in stop
    assert (stop["date"], stop["place"], stop["provider"]) == ("2023-09-13", "Vostochny Cosmodrome", "gazetteer")


def test_show_exits_1_when_partly_resolved(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    trip = tmp_path / "t.csv"
    trip.write_text("place\nVladivostok\nQqqxyz Nowhere\n")
    code, out, err = run(["show", str(trip)], capsys)
    assert code == 1
    assert "not found" in out
    assert "row 3: 'Qqqxyz Nowhere' was not found" in err


def test_export_html_for_one_day(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "map.html"
    code, _, err = run(["export", str(DEFAULT_TRIP), "-o", str(out), "--day", "2023-09-17", "--offline"], capsys)
    assert code == 0
    assert "wrote" in err
    assert [f["properties"]["number"] for f in stop_features(out.read_text("utf-8"))] == [9, 10, 11]


@pytest.mark.parametrize(
    ("content", "argv_tail", "message"),
    [
        ("foo,bar\n1,2\n", [], "no header row names a place"),
        ("place,lat,lon\n", [], "no rows under it"),
        ("[" * 100_000, [], "nested too deeply"),
        ('{"stops": [{"place": "A", "lat": ' + "9" * 5000 + "}]}", [], "not a usable number"),
        ("", [], "empty"),
        ("place\nA\n", ["--day", "17/09/2023"], "--day '17/09/2023'"),
        # A day the trip does not have is a mistake to say, not an empty map to write.
        ("date,place,lat,lon\n2024-05-01,A,1,2\n", ["--day", "2024-05-02"], "--day 2024-05-02: the trip has no stop"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str, argv_tail: list[str], message: str
) -> None:
    trip = tmp_path / "bad.csv"
    trip.write_text(content)
    code, _, err = run(["export", str(trip), "-o", str(tmp_path / "m.html"), *argv_tail], capsys)
    assert code == 2
    assert len(err.strip().splitlines()) == 1
    assert message in err
    assert "Traceback" not in err
    assert not (tmp_path / "m.html").exists()


def test_module_entry_point_runs_as_a_user_would() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "mapping", "geocode", "Komsomolsk-na-Amure"],
        capture_output=True,
        text=True,
        cwd=PROJECT_ROOT,
        check=False,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["name"] == "Komsomolsk-on-Amur"
    unknown = subprocess.run(
        [sys.executable, "-m", "mapping", "frobnicate"], capture_output=True, text=True, cwd=PROJECT_ROOT, check=False
    )
    assert unknown.returncode == 2
    assert "Traceback" not in unknown.stderr


def test_geocode_with_an_online_provider(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.fake_nominatim import Reply, fake_nominatim, places

    monkeypatch.setenv("TRIPMAP_CACHE", str(tmp_path / "cache.sqlite"))
    replies = {"Khasan": places(("Khasan, Primorsky Krai, Russia", 42.43, 130.64, 0.5))}
    with fake_nominatim(replies, default=Reply(status=500)) as fake:
        argv = ["geocode", "Khasan", "Broken", "--provider", "nominatim", "--user-agent", "tests/1.0 (t@example.org)"]
        code, out, err = run([*argv, "--server", f"http://{fake.domain}"], capsys)
    assert code == 1
    found, failed = (json.loads(line) for line in out.splitlines())
    assert (found["provider"], found["lat"], found["candidates"][0]["kind"]) == ("nominatim", 42.43, "online")
    assert failed["lat"] is None
    assert "server error (HTTP 500)" in err
    code, _, err = run(["geocode", "X", "--provider", "nosuch"], capsys)
    assert code == 2
    assert "not a geocoder geopy knows" in err


def test_extract_writes_a_draft_trip_with_evidence(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    article = tmp_path / "report.txt"
    article.write_text(
        "March 8, 2024\n\nHe arrived in Nairobi on Tuesday. A day after touring a farm outside Naivasha, "
        "he travelled to Mombasa on Thursday. He also stopped in Kisumu.\n",
        encoding="utf-8",
    )
    out = tmp_path / "draft.json"
    code, _, err = run(["extract", str(article), "-o", str(out)], capsys)
    assert code == 0
    assert "3 stops" in err or "4 stops" in err
    document = json.loads(out.read_text("utf-8"))
    by_place = {s["place"]: s for s in document["stops"]}
    assert by_place["Nairobi"]["date"] == "2024-03-05"
    assert by_place["Naivasha"]["date"] == "2024-03-06"
    assert by_place["Mombasa"]["date"] == "2024-03-07"
    assert by_place["Kisumu"]["date"] is None
    assert by_place["Nairobi"]["evidence"] == "He arrived in Nairobi on Tuesday."
    # The draft maps like any trip: show reads it back with its provenance.
    code, out_text, _ = run(["show", str(out), "--json"], capsys)
    assert code == 0
    assert json.loads(out_text)["stops"][0]["provider"] == "gazetteer"


def test_extract_keeps_a_visited_site_it_cannot_place_and_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    article = tmp_path / "report.txt"
    article.write_text(
        "March 8, 2024\n\nOn Tuesday the minister visited the Qqqxyz Memorial Hospital. "
        "On Wednesday she flew to Lodwar.\n",
        encoding="utf-8",
    )
    out = tmp_path / "draft.csv"
    code, _, err = run(["extract", str(article), "-o", str(out)], capsys)
    assert code == 0
    assert "'Qqqxyz Memorial Hospital' was visited but not found; fill in its lat and lon" in err
    rows = out.read_text("utf-8").splitlines()
    hospital = next(row for row in rows if "Qqqxyz" in row)
    assert hospital.startswith("2024-03-05,,Qqqxyz Memorial Hospital,Qqqxyz Memorial Hospital,,,")


def test_extract_with_a_reference_date_and_bad_input(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    article = tmp_path / "report.txt"
    article.write_text("He arrived in Vladivostok on Sunday.", encoding="utf-8")
    code, out, _ = run(["extract", str(article), "--reference-date", "2023-09-17"], capsys)
    assert code == 0
    assert json.loads(out)["stops"][0]["date"] == "2023-09-17"
    code, _, err = run(["extract", str(article), "--reference-date", "17/09/2023"], capsys)
    assert code == 2
    assert "--reference-date '17/09/2023'" in err
    article.write_bytes(b"\xff\xfe bad")
    code, _, err = run(["extract", str(article)], capsys)
    assert code == 2
    assert "not UTF-8" in err


def test_some_bad_rows_load_the_good_ones_exit_1_and_name_file_row_and_field(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    trip = tmp_path / "mixed.csv"
    trip.write_text("date,place,lat,lon\n2023-09-12,Khasan,42.43,130.64\n2023-02-30,Vladivostok,95,131.9\n")
    code, _, err = run(["export", str(trip), "-o", str(tmp_path / "m.csv")], capsys)
    assert code == 1
    assert f"{trip}, row 3, field 'date'" in err
    assert f"{trip}, row 3, field 'lat'" in err
    assert "Traceback" not in err
    written = (tmp_path / "m.csv").read_text()
    assert "Khasan" in written
    assert "Vladivostok" in written


def test_year_option_dates_a_file_written_without_years(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    trip = tmp_path / "short.csv"
    trip.write_text("date,place,lat,lon\n8.9.,Khasan,42.43,130.64\n9.9.,Artyom,43.35,132.19\n")
    code, out, _ = run(["show", str(trip), "--json", "--year", "2023"], capsys)
    assert code == 0
    assert [s["date"] for s in json.loads(out)["stops"]] == ["2023-09-08", "2023-09-09"]
