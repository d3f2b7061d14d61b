"""One typed object holds a visitor's state, and it is the only code that names a session key."""

from __future__ import annotations

import ast
from pathlib import Path

from mapping.paths import PROJECT_ROOT
from mapping.trip.choices import StopChoice, choices_from_param, choices_param
from mapping.ui.session import Session, fingerprint

UI = PROJECT_ROOT / "mapping" / "ui"


def _spelled_keys(path: Path) -> list[str]:
    """Places where a file reaches session state by a string: st.session_state, or key="..." to a widget."""
    found = []
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Attribute) and node.attr == "session_state":
            found.append(f"{path.name}:{node.lineno} session_state")
        if isinstance(node, ast.keyword) and node.arg == "key" and isinstance(node.value, ast.Constant):
            found.append(f"{path.name}:{node.lineno} key={node.value.value!r}")
    return found


def test_only_the_session_module_spells_session_keys() -> None:
    files = [PROJECT_ROOT / "app.py", *sorted(p for p in UI.glob("*.py") if p.name != "session.py")]
    assert [hit for path in files for hit in _spelled_keys(path)] == []


def test_the_apps_own_values_start_in_one_place_and_are_typed() -> None:
    state: dict[str, object] = {}
    session = Session(state)
    assert session.own is None
    assert session.choices == {}
    assert session.draft is None
    assert Session(state).choices is session.choices, "a second look at the same state sees the same values"


def test_choices_in_a_link_read_back_and_nonsense_is_left_out() -> None:
    choices = {1: StopChoice(42.5, 130.6, "42.50000, 130.60000", "typed"), 4: StopChoice(1.0, 2.0, "x", "placed")}
    assert {i: (c.lat, c.lon, c.how) for i, c in choices_from_param(choices_param(choices)).items()} == {
        1: (42.5, 130.6, "typed"),
        4: (1.0, 2.0, "placed"),
    }
    assert choices_from_param("0:1,2:typed;2:91,0:typed;3:nan,1:typed;x;4:1,2:evil") == {
        3: StopChoice(1.0, 2.0, "1.00000, 2.00000", "typed")
    }


def test_a_trip_is_named_one_way() -> None:
    assert fingerprint("a.csv", 1) == fingerprint("a.csv", 1)
    assert fingerprint("a.csv", 1) != fingerprint("a.csv", 2)
    assert len(fingerprint("\ud800")) == 16, "a lone surrogate in a name does not break the naming"
