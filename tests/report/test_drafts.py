from __future__ import annotations

import json
from datetime import date

from mapping.geocode.gazetteer import OfflineGazetteer
from mapping.io.formats import parse_trip
from mapping.report.drafts import draft_rows, draft_to_json
from mapping.trip.model import Stop, Trip

DRAFT = Trip(
    "Report",
    (
        Stop(
            "Artëm",
            date(2023, 9, 17),
            lat=43.357,
            lon=132.19,
            evidence="He left from Artyom.",
            provider="gazetteer",
            confidence=0.7,
            matched="Artyom",
        ),
        Stop(
            "Vladivostok",
            None,
            lat=43.1,
            lon=131.9,
            evidence="He also saw Vladivostok.",
            provider="gazetteer",
            confidence=0.9,
        ),
    ),
)


def test_rows_show_evidence_and_other_candidates(gazetteer: OfflineGazetteer) -> None:
    rows = draft_rows(DRAFT, gazetteer)
    assert rows[0]["evidence"] == "He left from Artyom."
    assert rows[0]["date"] == "2023-09-17"
    assert rows[1]["date"] == ""
    assert rows[0]["other candidates"], "Artëm has namesakes the user may mean"


def test_kept_rows_become_a_trip_and_edited_places_are_geocoded_again(gazetteer: OfflineGazetteer) -> None:
    rows = draft_rows(DRAFT, gazetteer)
    rows[1]["keep"] = False
    rows.append({"keep": True, "date": "2023-09-18", "place": "Ussuriysk", "evidence": "", "lat": None, "lon": None})
    rows[0]["place"] = "Artem, Primorsky Krai"
    trip = parse_trip(draft_to_json(rows, DRAFT), filename="draft.json").trip
    assert [s.place for s in trip.stops] == ["Artem, Primorsky Krai", "Ussuriysk"]
    assert all(s.lat is None for s in trip.stops), "edited and added places are geocoded afresh"
    rows[0]["place"] = "Artëm"
    again = json.loads(draft_to_json(rows, DRAFT))
    assert again["stops"][0]["provider"] == "gazetteer"
    assert again["stops"][0]["lat"] == 43.357
