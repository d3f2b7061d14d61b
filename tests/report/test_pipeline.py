"""The report pipeline as a reader would check it: which places are visits, on which day, by which means.

The sentences are written for these tests in the shapes that failed on real reports (issue 15).
"""

from __future__ import annotations

import subprocess
import sys
from datetime import date

import pytest

from mapping.errors import ModelMissingError
from mapping.geocode.gazetteer import OfflineGazetteer
from mapping.paths import PROJECT_ROOT
from mapping.report import extract as extract_module
from mapping.report import nlp
from mapping.report.extract import extract, read_report
from mapping.report.text import MAX_PARAGRAPH_CHARS, MAX_SENTENCES, chunks, find_dateline, split_sentences

SATURDAY = date(2024, 3, 16)


def found(text: str, gazetteer: OfflineGazetteer, reference: date | None = SATURDAY) -> list[tuple[str | None, str]]:
    trip = extract(text, gazetteer, reference_date=reference)
    return [(s.date.isoformat() if s.date else None, s.place) for s in trip.stops]


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("In Lyon, the minister met union leaders on Monday.", [("2024-03-11", "Lyon")]),
        ("The envoy is currently in Geneva.", [("2024-03-16", "Geneva")]),
        ("The convoy passed through Dijon on Tuesday.", [("2024-03-12", "Dijon")]),
        ("On Thursday the team finally made it to Nome.", [("2024-03-14", "Nome")]),
        ("They reached Kigali last Friday.", [("2024-03-15", "Kigali")]),
        ("The Galway band played a gig in Manchester on Monday.", [("2024-03-11", "Manchester")]),
    ],
)
def test_a_visit_is_read_from_the_parse_not_from_a_verb_list(
    gazetteer: OfflineGazetteer, text: str, want: list[tuple[str, str]]
) -> None:
    assert found(text, gazetteer) == want


@pytest.mark.parametrize(
    "text",
    [
        "He did not stop in Beijing on his way home.",
        "She will travel to Paris on Friday.",
        "He is expected to visit Oslo next week.",
        "She said she hoped to return to Phnom Penh in the autumn.",
        "He had visited Beijing in 2019.",
        "He spoke about the war in Gaza.",
        "The Duke of Cambridge played football with pupils.",
        "Lady Gaga sang for Bon Jovi fans.",
        "The president praised Joe Biden.",
    ],
)
def test_plans_negations_other_times_topics_and_names_are_not_visits(gazetteer: OfflineGazetteer, text: str) -> None:
    assert found(text, gazetteer) == []


def test_a_name_inside_a_persons_name_is_not_a_place(gazetteer: OfflineGazetteer) -> None:
    # "Joe Biden" is not Joensuu, "Bon Jovi" is not Bonn: only the town after "in" is a stop.
    assert found("Joe Biden met Bon Jovi in Washington on Friday.", gazetteer) == [("2024-03-15", "Washington")]


def test_another_persons_event_is_not_the_travellers(gazetteer: OfflineGazetteer) -> None:
    text = (
        "Harris held a rally in Atlanta on Saturday. Former president Donald Trump held a rally in Latrobe that night. "
        "Harris spoke in Detroit on Sunday."
    )
    assert found(text, gazetteer) == [("2024-03-10", "Detroit"), ("2024-03-16", "Atlanta")]


def test_a_planned_visit_and_a_schedule_are_not_visits(gazetteer: OfflineGazetteer) -> None:
    text = (
        "Harris held a campaign rally in Atlanta on Saturday. She continued with a planned visit to Stonecrest. "
        "Later, she will visit Savannah."
    )
    assert found(text, gazetteer) == [("2024-03-16", "Atlanta")]


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("The king arrived in Cardiff on the 12th.", "2024-03-12"),
        ("The pope landed in Lisbon this morning.", "2024-03-16"),
        ("She arrived in Nairobi yesterday.", "2024-03-15"),
        ("She arrived in Nairobi last night.", "2024-03-15"),
        ("They reached Nairobi last Saturday.", "2024-03-09"),
        ("The envoy arrived in Nairobi on March 2.", "2024-03-02"),
        ("The envoy arrived in Nairobi on 2 March 2023.", "2023-03-02"),
        ("The envoy arrived in Nairobi on Dec. 28.", "2023-12-28"),
    ],
)
def test_every_temporal_expression_is_read_against_the_reference(
    gazetteer: OfflineGazetteer, text: str, day: str
) -> None:
    (stop,) = found(text, gazetteer)
    assert stop[0] == day


def test_a_dateline_dates_the_report_and_the_next_day_follows(gazetteer: OfflineGazetteer) -> None:
    text = "ASTANA, 14 March 2024 — The minister arrived in Almaty on Wednesday and flew to Shymkent the next day."
    assert found(text, gazetteer, reference=None) == [("2024-03-13", "Almaty"), ("2024-03-14", "Shymkent")]


def test_a_datelines_town_is_where_the_reporter_is_and_here_means_it(gazetteer: OfflineGazetteer) -> None:
    text = "KYIV, March 14 (Reuters) - The prime minister reached here on Wednesday for talks."
    assert find_dateline(text) is not None
    assert found(text, gazetteer) == [("2024-03-13", "Kyiv")]


def test_an_event_after_the_main_clause_keeps_its_own_day(gazetteer: OfflineGazetteer) -> None:
    text = "It will be his third visit to the state, after a speech in Detroit on Monday."
    assert found(text, gazetteer) == [("2024-03-11", "Detroit")]


def test_distinct_sites_in_one_town_stay_distinct_and_unknown_sites_fall_back_to_it(
    gazetteer: OfflineGazetteer,
) -> None:
    trip = extract(
        "On Sunday she visited the Cathedral of Saint Mary in Lyon and the Fort of Montluc in Lyon.",
        gazetteer,
        reference_date=SATURDAY,
    )
    assert [s.place for s in trip.stops] == ["Cathedral of Saint Mary, Lyon", "Fort of Montluc, Lyon"]
    lyon = gazetteer.lookup("Lyon").best
    assert lyon is not None
    for stop in trip.stops:
        assert (stop.lat, stop.lon) == (lyon.place.lat, lyon.place.lon)
        assert stop.matched is not None
        assert "approximate" in stop.matched
        assert stop.uncertain  # the draft asks the user to check it


def test_a_known_site_is_found_under_its_own_name(gazetteer: OfflineGazetteer) -> None:
    trip = extract("The president has arrived at Tribhuvan International Airport.", gazetteer, reference_date=SATURDAY)
    (stop,) = trip.stops
    assert stop.place == "Tribhuvan International Airport"
    assert stop.date == SATURDAY  # "has arrived": today, as the report is dated


def test_countries_and_regions_are_context_not_stops(gazetteer: OfflineGazetteer) -> None:
    assert found("The minister arrived in Kenya on Monday and toured Rift Valley.", gazetteer) == []


def test_the_mode_comes_from_the_verb_or_the_vehicle(gazetteer: OfflineGazetteer) -> None:
    text = "He drove to Lyon on Monday. He took the train to Paris on Tuesday. He flew to Nice on Wednesday."
    trip = extract(text, gazetteer, reference_date=SATURDAY)
    assert [(s.place, s.mode) for s in trip.stops] == [("Lyon", "car"), ("Paris", "train"), ("Nice", "plane")]


def test_the_trips_starting_point_is_not_a_stop(gazetteer: OfflineGazetteer) -> None:
    text = "We left New Orleans about 5 am and drove to Memphis. We had a good gig in Memphis."
    assert [place for _, place in found(text, gazetteer, reference=None)] == ["Memphis"]


def test_sentence_splitting_is_linear_and_bounded() -> None:
    # Quadratic before: each boundary copied and split the text before it.
    text = "Mr. Smith went to Lyon. " * 20_000
    sentences = split_sentences(text)
    assert len(sentences) == MAX_SENTENCES
    assert sentences[0].text == "Mr. Smith went to Lyon."
    pieces = list(chunks("word " * 50_000))
    assert all(len(piece) <= MAX_PARAGRAPH_CHARS for _, piece in pieces)
    assert "".join(piece for _, piece in pieces).strip() == ("word " * 50_000).strip()


def test_the_model_is_loaded_only_when_a_report_is_read() -> None:
    code = (
        "import sys; import mapping.report.extract, mapping.cli, mapping.report.drafts; print('spacy' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=PROJECT_ROOT, capture_output=True, text=True, check=True, timeout=120
    )
    assert result.stdout.strip() == "False"


def test_a_missing_model_says_how_to_install_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(nlp, "_model", None)
    monkeypatch.setattr(nlp, "MODEL_NAME", "no_such_model_installed")
    with pytest.raises(ModelMissingError, match=r"setup\.sh"):
        nlp.model()


def test_a_time_budget_reads_what_it_can_and_says_how_far(gazetteer: OfflineGazetteer) -> None:
    text = "He arrived in Lyon on Monday.\n\nHe flew to Nice on Tuesday.\n\nHe drove to Paris on Wednesday."
    whole = read_report(text, gazetteer, reference_date=SATURDAY)
    assert whole.complete
    assert [s.place for s in whole.trip.stops] == ["Lyon", "Nice", "Paris"]
    cut = read_report(text, gazetteer, reference_date=SATURDAY, time_budget=0.0)
    assert not cut.complete
    assert cut.chars_read == len("He arrived in Lyon on Monday.")
    assert cut.chars_total == len(text)
    assert [s.place for s in cut.trip.stops] == ["Lyon"]


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("The pope met the cleric in Al-Najaf on Saturday.", [("2024-03-16", "Najaf")]),
        ("Pope Francis in Najaf, Iraq, March 6.", [("2024-03-06", "Najaf")]),
    ],
)
def test_names_with_an_article_and_lines_without_a_verb(
    gazetteer: OfflineGazetteer, text: str, want: list[tuple[str | None, str]]
) -> None:
    assert found(text, gazetteer) == want


def test_a_base_set_up_and_days_spent_are_stays(gazetteer: OfflineGazetteer) -> None:
    assert found("The squad set up a training base in Perth on Monday.", gazetteer) == [("2024-03-11", "Perth")]
    assert [p for _, p in found("After two days in Lyon, the minister went to Geneva.", gazetteer)] == [
        "Lyon",
        "Geneva",
    ]
    assert found("He is set to visit Oslo.", gazetteer) == []


def test_a_list_of_song_titles_is_not_a_route(gazetteer: OfflineGazetteer) -> None:
    text = "Here was my set.\n\nI Leave On Friday\nWalking On Broadway\nLonely Souls Of New York\n2nd For The 1st Time"
    assert found(text, gazetteer) == []


def test_progress_hears_each_piece_and_may_stop_the_reading(gazetteer: OfflineGazetteer) -> None:
    text = "He arrived in Lyon on Monday.\n\nHe flew to Nice on Tuesday.\n\nHe drove to Paris on Wednesday."
    heard: list[tuple[int, int]] = []

    def progress(done: int, total: int) -> None:
        heard.append((done, total))

    read_report(text, gazetteer, reference_date=SATURDAY, progress=progress)
    assert heard[-1] == (len(text), len(text))
    assert [done for done, _ in heard] == sorted(done for done, _ in heard)

    class Gone(Exception):
        pass

    def leave(done: int, total: int) -> None:
        heard.append((done, total))
        raise Gone  # what Streamlit does in a progress bar's update when the visitor has left

    heard.clear()
    with pytest.raises(Gone):
        read_report(text, gazetteer, reference_date=SATURDAY, progress=leave)
    assert heard == [(len("He arrived in Lyon on Monday."), len(text))], "nothing more is parsed once told to stop"


def test_a_long_report_parsed_by_two_processes_reads_the_same_and_keeps_its_budget(
    gazetteer: OfflineGazetteer, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A short "long" report, so that the test parses in a second.
    monkeypatch.setattr(extract_module, "PARALLEL_FROM_CHARS", 2_000)
    towns = ["Lyon", "Nice", "Paris", "Dijon", "Lille", "Nantes", "Rennes", "Toulouse"]
    days = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
    paragraphs = [
        f"He arrived in {towns[i % len(towns)]} on {days[i % len(days)]} and met the mayor for talks."
        for i in range(40)
    ]
    text = "\n\n".join(paragraphs)
    assert len(text) >= extract_module.PARALLEL_FROM_CHARS
    serial = read_report(text, gazetteer, reference_date=SATURDAY)
    assert len(serial.trip.stops) >= 8
    parallel = read_report(text, gazetteer, reference_date=SATURDAY, parallel=True)
    assert parallel.complete
    assert [(s.place, s.date) for s in parallel.trip.stops] == [(s.place, s.date) for s in serial.trip.stops]
    # A parallel parse stopped by its budget ends (spaCy's workers hang if the loop over them is left early).
    cut = read_report(text, gazetteer, reference_date=SATURDAY, parallel=True, time_budget=0.0)
    assert not cut.complete
    assert cut.chars_read < len(text)
