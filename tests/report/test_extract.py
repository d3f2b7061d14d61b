from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from geopy.distance import great_circle
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mapping.geocode.gazetteer import OfflineGazetteer
from mapping.paths import PROJECT_ROOT
from mapping.report.dates import reference_date_from
from mapping.report.extract import extract
from mapping.report.text import split_sentences
from mapping.trip.model import Trip

REPORTS = PROJECT_ROOT / "tests" / "data" / "reports"
# Beside the project, or beside the checkout a worktree was made from.
SEED = next(
    (
        base / "shared" / "seed" / "kim-jong-un-russia-trip-2023.txt"
        for base in (PROJECT_ROOT.parent, PROJECT_ROOT.parent.parent)
        if (base / "shared" / "seed").is_dir()
    ),
    PROJECT_ROOT.parent / "shared" / "seed" / "kim-jong-un-russia-trip-2023.txt",
)
SUNDAY = date(2023, 9, 17)


def stops(text: str, gazetteer: OfflineGazetteer, reference: date | None = SUNDAY) -> list[tuple[str | None, str]]:
    trip = extract(text, gazetteer, reference_date=reference)
    return [(s.date.isoformat() if s.date else None, s.place) for s in trip.stops]


def test_sentences_survive_titles_and_abbreviations() -> None:
    text = "Lt Gen Sergei Kobylash spoke. Adm. Nikolai Yevmenov briefed him.\n\nA new paragraph. And another!"
    assert [s.text for s in split_sentences(text)] == [
        "Lt Gen Sergei Kobylash spoke.",
        "Adm. Nikolai Yevmenov briefed him.",
        "A new paragraph.",
        "And another!",
    ]


def test_reference_date_comes_from_a_date_line() -> None:
    assert reference_date_from("October 1, 2023\n\nHeadline\n\nBody.") == date(2023, 10, 1)
    assert reference_date_from("Published 20 May 2024\nBody") == date(2024, 5, 20)
    assert reference_date_from("No date here.\nNone at all.") is None


@pytest.mark.parametrize(
    ("sentence", "day"),
    [
        ("He arrived in Vladivostok on Tuesday.", "2023-09-12"),
        ("He arrived in Vladivostok on Sunday.", "2023-09-17"),
        ("He will travel to Vladivostok on Tuesday.", None),  # a plan: not a stop
        ("He arrived in Vladivostok on 14 September.", "2023-09-14"),
        ("He arrived in Vladivostok on September 14.", "2023-09-14"),
        ("He arrived in Vladivostok on Sept. 14, 2022.", "2022-09-14"),
        ("He arrived in Vladivostok yesterday.", "2023-09-16"),
    ],
)
def test_days_resolve_like_heideltime(gazetteer: OfflineGazetteer, sentence: str, day: str | None) -> None:
    found = stops(sentence, gazetteer)
    assert found == ([(day, "Vladivostok")] if day else [])


def test_a_day_after_and_the_next_day(gazetteer: OfflineGazetteer) -> None:
    text = "A day after visiting Khabarovsk, he travelled to Vladivostok on Saturday. The next day he toured Nakhodka."
    assert stops(text, gazetteer) == [
        ("2023-09-15", "Khabarovsk"),
        ("2023-09-16", "Vladivostok"),
        ("2023-09-17", "Nakhodka"),
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "He condemned the war in Ukraine and what officials in Washington said.",
        "In their July meeting in Pyongyang, they agreed to talk again.",
        "He had visited Beijing in 2019.",
        "He hopes to return to Moscow next month.",
        "Moscow's reserves are declining.",
        "Kim met Vladimir Putin.",
        "He crossed into Russia on Tuesday.",
    ],
)
def test_places_only_mentioned_are_not_stops(gazetteer: OfflineGazetteer, sentence: str) -> None:
    assert stops(sentence, gazetteer) == []


@pytest.mark.parametrize(
    ("sentence", "site", "near"),
    [
        ("He travelled to an airport near Vladivostok on Saturday.", "Knevichi airfield", (43.40, 132.15)),
        ("Their meeting was held at Russia's main spaceport on Wednesday.", "Vostochny Cosmodrome", (51.88, 128.33)),
        ("On Sunday he watched a show at a Russian aquarium.", "Primorsky Aquarium", (43.01, 131.93)),
        ("He inspected an aircraft plant in Komsomolsk-on-Amur on Friday.", "Yuri Gagarin", (50.6, 137.07)),
    ],
)
def test_descriptions_resolve_through_landmarks(
    gazetteer: OfflineGazetteer, sentence: str, site: str, near: tuple[float, float]
) -> None:
    trip = extract(sentence, gazetteer, reference_date=SUNDAY)
    (stop,) = trip.stops
    assert stop.place.startswith(site)
    assert stop.lat is not None
    assert stop.lon is not None
    assert great_circle((stop.lat, stop.lon), near).km < 10
    assert stop.evidence == sentence


def test_sites_at_the_same_distance_do_not_break_extraction(gazetteer: OfflineGazetteer) -> None:
    # Found by hypothesis: two airports equally far from the anchor made sorting compare places.
    extract("A day after visiting an airport near E", gazetteer, reference_date=None)


def test_a_town_and_the_site_in_it_are_one_stop(gazetteer: OfflineGazetteer) -> None:
    text = "On Saturday they travelled to Vladivostok, where they inspected the Admiral Shaposhnikov frigate."
    assert stops(text, gazetteer) == [("2023-09-16", "Marshal Shaposhnikov frigate berth")]


def test_undated_stops_keep_no_date_and_come_last(gazetteer: OfflineGazetteer) -> None:
    text = "He also stopped in Ussuriysk. On Tuesday he arrived in Vladivostok."
    assert stops(text, gazetteer) == [("2023-09-12", "Vladivostok"), (None, "Ussuriysk")]


def _gold_cases() -> list[Path]:
    return sorted(REPORTS.glob("*.txt"))


@pytest.mark.parametrize("report", _gold_cases(), ids=lambda p: p.stem)
def test_own_reports_give_every_gold_stop_on_its_day(gazetteer: OfflineGazetteer, report: Path) -> None:
    gold = json.loads(report.with_suffix(".gold.json").read_text("utf-8"))
    reference = date.fromisoformat(gold["reference_date"]) if gold["reference_date"] else None
    trip = extract(report.read_text("utf-8"), gazetteer, reference_date=reference)
    assert_matches_gold(trip, gold["stops"])


def assert_matches_gold(trip: Trip, gold: list[dict[str, object]]) -> None:
    assert len(trip.stops) == len(gold), [s.place for s in trip.stops]
    for want in gold:
        distance = {
            s: great_circle((s.lat, s.lon), (want["lat"], want["lon"])).km
            for s in trip.stops
            if s.lat is not None and s.lon is not None
        }
        nearest = min(distance, key=distance.__getitem__)
        assert distance[nearest] <= 25, f"missed {want['place']}"
        assert (nearest.date.isoformat() if nearest.date else None) == want["date"], want["place"]


def test_the_seed_report_gives_the_trip_day_by_day(gazetteer: OfflineGazetteer) -> None:
    if not SEED.exists():
        pytest.skip(f"{SEED} is not beside the project")
    trip = extract(SEED.read_text("utf-8"), gazetteer, reference_date=SUNDAY)
    gold = json.loads((PROJECT_ROOT / "tests" / "data" / "seed.gold.json").read_text("utf-8"))
    assert_matches_gold(trip, gold["stops"])
    assert all(s.evidence for s in trip.stops)


FRAGMENTS = [
    "He arrived in Vladivostok on Sunday.",
    "A day after visiting",
    "the next day",
    "on 31 February",
    "September 99, 2023",
    "in July",
    "Lt. Gen.",
    "an airport near",
    "Russia's main spaceport",
    "{{ 7*7 }}",
    "<script>alert(1)</script>",
    "\n\n",
    "Vostochny Cosmodrome",
    ", where",
]


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    parts=st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=30)), max_size=25),
    reference=st.one_of(st.none(), st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31))),
)
def test_any_text_gives_a_draft_trip(gazetteer: OfflineGazetteer, parts: list[str], reference: date | None) -> None:
    trip = extract(" ".join(parts), gazetteer, reference_date=reference)
    for stop in trip.stops:
        assert stop.evidence
        # Placed, or kept to be placed by hand: never a point invented where nothing was found.
        assert (stop.lat is not None and stop.lon is not None) or (
            stop.lon is None and stop.provider is None and "not found" in (stop.matched or "")
        )
