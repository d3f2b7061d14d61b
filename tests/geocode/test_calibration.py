from __future__ import annotations

import json
from pathlib import Path

import pytest

from mapping.errors import GazetteerError
from mapping.geocode.calibration import (
    APPROXIMATE_CEILING,
    Band,
    bands,
    calibrated,
    fit,
    save,
    shown,
    wilson_lower,
)
from mapping.geocode.candidate import Answer, Candidate
from mapping.geocode.index import MATCH_PRIMARY, Place


def _answers(score: float, right: int, wrong: int) -> list[tuple[float, bool]]:
    return [(score, True)] * right + [(score, False)] * wrong


def test_a_band_is_worth_the_share_of_its_answers_that_were_right() -> None:
    table = fit(_answers(0.2, 2, 8) + _answers(0.65, 14, 6), edges=(0.0, 0.5))
    assert [b.low for b in table] == [0.0, 0.5]
    assert calibrated(0.1, table=table) == pytest.approx(3 / 12, abs=0.001)
    assert calibrated(0.7, table=table) == pytest.approx(15 / 22, abs=0.001)


def test_a_band_less_often_right_than_the_band_below_is_pooled_with_it() -> None:
    table = fit(_answers(0.55, 8, 2) + _answers(0.75, 3, 7), edges=(0.0, 0.5, 0.7))
    assert len(table) == 1
    assert table[0].answers == 20
    assert calibrated(0.55, table=table) == calibrated(0.75, table=table)


def test_a_thin_band_of_right_answers_does_not_earn_a_confident_value() -> None:
    # Three right answers out of three say little: not 1.0, not even 0.9.
    table = fit(_answers(0.3, 5, 5) + _answers(0.96, 3, 0), edges=(0.0, 0.95))
    assert calibrated(0.96, table=table) < 0.9


def test_a_band_earns_090_only_when_it_is_sure_to_reach_it() -> None:
    many = fit(_answers(0.3, 5, 5) + _answers(0.96, 60, 0), edges=(0.0, 0.95))
    assert calibrated(0.96, table=many) >= 0.9
    # 60 of 66 right is 0.91 on its face, but not surely 0.9.
    shaky = fit(_answers(0.3, 5, 5) + _answers(0.96, 60, 6), edges=(0.0, 0.95))
    assert calibrated(0.96, table=shaky) < 0.9


def test_calibrated_values_never_fall_as_the_score_rises() -> None:
    table = fit(
        _answers(0.1, 1, 9) + _answers(0.55, 2, 0) + _answers(0.7, 7, 3) + _answers(0.97, 50, 0),
        edges=(0.0, 0.5, 0.6, 0.9),
    )
    values = [calibrated(s / 100, table=table) for s in range(0, 101)]
    assert values == sorted(values)


def test_an_approximate_answer_stays_uncertain_however_sure_its_band() -> None:
    table = (Band(0.0, 100, 99, 0.98),)
    assert calibrated(0.97, approximate=True, table=table) == APPROXIMATE_CEILING


def test_wilson_lower_bound_is_below_the_share_and_tightens_with_more_answers() -> None:
    assert wilson_lower(9, 10) < 0.9
    assert wilson_lower(90, 100) > wilson_lower(9, 10)
    assert wilson_lower(0, 0) == 0.0


def test_fitting_nothing_is_a_clear_error() -> None:
    with pytest.raises(GazetteerError, match="no labelled answers"):
        fit([])


def test_saved_bands_are_read_back(tmp_path: Path) -> None:
    path = tmp_path / "bands.json"
    table = fit(_answers(0.2, 1, 3) + _answers(0.96, 80, 0))
    save(table, path, fitted_on="made-up")
    assert bands(path) == table
    assert json.loads(path.read_text("utf-8"))["fitted_on"] == "made-up"


def test_damaged_bands_say_how_to_refit_them(tmp_path: Path) -> None:
    path = tmp_path / "bands.json"
    path.write_text("{not json", "utf-8")
    with pytest.raises(GazetteerError, match="--fit"):
        bands(path)


def test_the_shipped_bands_keep_090_for_answers_the_labelled_names_earned() -> None:
    shipped = bands()
    assert shipped[0].low == 0.0
    assert [b.probability for b in shipped] == sorted(b.probability for b in shipped)
    for band in shipped:
        assert band.probability < 0.9 or wilson_lower(band.right, band.answers) >= 0.9


def _answer(source: str, score: float, approximate: str | None = None) -> Answer:
    place = Place("x:1", "Varrow Hall", "museum", 10.0, 20.0, "ZZ", "", 0, source)
    return Answer("Varrow Hall", (Candidate(place, 1.0, MATCH_PRIMARY, approximate),), score)


def test_a_curated_landmark_keeps_its_evidence_score_and_an_index_answer_is_calibrated() -> None:
    assert shown(_answer("landmarks", 0.88)) == 0.88
    assert shown(_answer("landmarks", 0.88, approximate="town")) == APPROXIMATE_CEILING
    assert shown(_answer("geonames", 0.88)) == calibrated(0.88)
    assert shown(_answer("geonames", 0.97, approximate="town")) <= APPROXIMATE_CEILING
