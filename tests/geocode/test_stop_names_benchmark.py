"""The stop-names benchmark runs on a file the lead brings (--csv), as it does on the bundled ones."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "stop_names.py"), *args],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_a_new_labelled_file_is_measured_with_the_targets(tmp_path: Path) -> None:
    made_up = tmp_path / "mine.csv"
    made_up.write_text(
        "name,lat,lon,trip,source\n"
        "Vladivostok,43.115,131.885,t1,made up\n"
        "Ussuriysk,43.80,131.95,t1,made up\n"
        "Zzyxq Qwv Plaza,43.11,131.88,t1,made up\n",
        encoding="utf-8",
    )
    done = _run("--csv", str(made_up))
    assert done.returncode == 0, done.stderr
    assert "mine.csv: 3 stop names from 1 files" in done.stdout
    assert "right    2 (66.7%)" in done.stdout
    assert "at >= 0.9:" in done.stdout


def test_several_files_are_summed_and_checked_file_by_file(tmp_path: Path) -> None:
    for name, row in (("a.csv", "Vladivostok,43.115,131.885,a,x"), ("b.csv", "Nakhodka,42.82,132.89,b,x")):
        (tmp_path / name).write_text(f"name,lat,lon,trip,source\n{row}\n", encoding="utf-8")
    done = _run("--csv", str(tmp_path / "a.csv"), "--csv", str(tmp_path / "b.csv"))
    assert done.returncode == 0, done.stderr
    assert "all 2 names:" in done.stdout
    assert "fitted on the other files only" in done.stdout


def test_a_file_of_another_shape_is_a_clear_error(tmp_path: Path) -> None:
    wrong = tmp_path / "wrong.csv"
    wrong.write_text("place,latitude\nVladivostok,43.1\n", encoding="utf-8")
    done = _run("--csv", str(wrong))
    assert done.returncode != 0
    assert "wrong.csv" in done.stderr
    assert "name, lat, lon, trip" in done.stderr
    assert "Traceback" not in done.stderr
    missing = _run("--csv", str(tmp_path / "none.csv"))
    assert missing.returncode == 2
    assert "none.csv not found" in missing.stderr


def test_files_whose_others_answered_nothing_exactly_get_no_forecast_not_a_traceback(tmp_path: Path) -> None:
    # Each trip's only answer is a town for a sight on a trip of two sights in that town.
    for name, trip in (("a.csv", "a"), ("b.csv", "b")):
        (tmp_path / name).write_text(
            "name,lat,lon,trip,source\n"
            f'"Zzyxq Museum, Vladivostok",43.115,131.885,{trip},x\n'
            f'"Qwvzz Gallery, Vladivostok",43.115,131.885,{trip},x\n',
            encoding="utf-8",
        )
    done = _run("--csv", str(tmp_path / "a.csv"), "--csv", str(tmp_path / "b.csv"))
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    assert "fitted on the other files only" in done.stdout
