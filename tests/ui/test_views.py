from __future__ import annotations

from mapping.geocode.resolve import Resolution
from mapping.trip.model import Stop, Trip
from mapping.ui.panels import day_panels, stop_rows, summary


def test_summary_sentence(resolved_default: Resolution) -> None:
    text = summary(resolved_default.trip).sentence()
    assert text.startswith("13 stops over 8 days · ")
    assert "not found" not in text


def test_rows_flag_unresolved_and_uncertain_stops() -> None:
    trip = Trip(
        "t",
        (
            Stop("Nowhere"),
            Stop("Maybe", lat=1, lon=1, provider="gazetteer", confidence=0.2),
            Stop("Sure", lat=1, lon=1, provider="given", confidence=1.0),
        ),
    )
    assert [r["status"] for r in stop_rows(trip)] == ["not found", "uncertain", "ok"]
    assert summary(trip).sentence().endswith("1 not found · 1 uncertain")


def test_day_panels_share_the_map_colours(resolved_default: Resolution) -> None:
    panels = day_panels(resolved_default.trip)
    assert [d.key for d, _ in panels][:2] == ["2023-09-10", "2023-09-12"]
    assert len({c for _, c in panels}) == len(panels)
