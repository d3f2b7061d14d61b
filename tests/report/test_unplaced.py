"""A visit to a place the offline gazetteer cannot place stays in the draft, without coordinates, to be placed by
hand; it is never dropped without a word and never given a point.

The texts are written for these tests; the names are made up so that no gazetteer can hold them.
"""

from __future__ import annotations

from datetime import date

import pytest

from mapping.editing import apply_edits, draft_edits
from mapping.geocode.gazetteer import OfflineGazetteer
from mapping.report.drafts import draft_rows
from mapping.report.extract import extract
from mapping.report.unplaced import worth_placing
from mapping.trip.model import Stop
from tests.report.test_extract import SEED, SUNDAY

REFERENCE = date(2024, 3, 8)


def unplaced(text: str, gazetteer: OfflineGazetteer) -> list[Stop]:
    return [s for s in extract(text, gazetteer, reference_date=REFERENCE).stops if s.lat is None]


def test_a_visited_site_no_gazetteer_knows_stays_in_the_draft_with_its_day_and_evidence(
    gazetteer: OfflineGazetteer,
) -> None:
    text = (
        "March 8, 2024\n\nOn Tuesday the minister visited the Qqqxyz Memorial Hospital. "
        "Later that day she arrived in Nairobi."
    )
    trip = extract(text, gazetteer, reference_date=REFERENCE)
    assert [s.place for s in trip.stops if s.lat is not None] == ["Nairobi"]
    [hospital] = [s for s in trip.stops if s.lat is None]
    assert hospital.place == "Qqqxyz Memorial Hospital"
    assert hospital.date == date(2024, 3, 5)
    assert hospital.lon is None
    assert hospital.provider is None
    assert hospital.evidence.startswith("On Tuesday the minister visited the Qqqxyz Memorial Hospital")
    assert "not found" in (hospital.matched or "")


def test_the_unplaced_stop_is_mapped_as_not_found_not_given_a_point(gazetteer: OfflineGazetteer) -> None:
    text = (
        "March 8, 2024\n\nOn Tuesday the minister visited the Qqqxyz Memorial Hospital. "
        "Later that day she arrived in Nairobi."
    )
    trip = extract(text, gazetteer, reference_date=REFERENCE)
    rows = draft_rows(trip, gazetteer)
    hospital = next(r for r in rows if r["place"] == "Qqqxyz Memorial Hospital")
    assert hospital["lat"] is None
    assert hospital["keep"] is True
    result = apply_edits(trip, draft_edits(trip, rows), gazetteer)
    assert not result.problems
    mapped = {s.place: s for s in result.trip.stops}
    assert mapped["Qqqxyz Memorial Hospital"].lat is None
    assert mapped["Nairobi"].lat is not None


@pytest.mark.parametrize(
    "sentence",
    [
        "She did not visit the Qqqxyz Memorial Hospital.",
        "She will visit the Qqqxyz Memorial Hospital next month.",
        "The Qqqxyz Memorial Hospital was built in 1950.",
    ],
)
def test_a_site_not_visited_stays_out(gazetteer: OfflineGazetteer, sentence: str) -> None:
    text = f"March 8, 2024\n\nThe minister arrived in Nairobi on Tuesday. {sentence}"
    assert unplaced(text, gazetteer) == []


def test_the_seed_report_has_nothing_left_to_place(gazetteer: OfflineGazetteer) -> None:
    if not SEED.exists():
        pytest.skip(f"{SEED} is not beside the project")
    trip = extract(SEED.read_text("utf-8"), gazetteer, reference_date=SUNDAY)
    assert [s.place for s in trip.stops if s.lat is None] == []


@pytest.mark.parametrize(
    ("name", "worth"),
    [
        ("Qqqxyz Memorial Hospital", True),
        ("Tikkedhunga guesthouse", True),
        ("Lt", False),  # an abbreviation
        ("UN", False),
        ("Church", False),  # a common word on its own
        ("Northwestern province", False),  # a region
        ("Interstate 40", False),  # a road
        ("Pamlico Sound", False),  # water
        ("Thousands Pack Rainy New York Stadium", False),  # a headline
    ],
)
def test_only_a_name_one_could_put_a_pin_on_is_kept(name: str, worth: bool) -> None:
    assert worth_placing(name) is worth
