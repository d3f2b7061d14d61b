from __future__ import annotations

from pathlib import Path

import pytest

from mapping.errors import GazetteerError
from mapping.geocode.index import MATCH_ALTERNATE, MATCH_FOLDED, MATCH_PRIMARY, name_keys, open_index


def test_name_keys_mark_primary_alternate_and_folded() -> None:
    keys = name_keys(["Artëm", "Artyom", "Artem"])
    assert keys["artem"] == MATCH_PRIMARY
    assert keys["artyom"] == MATCH_ALTERNATE
    assert keys.get("artiom") is None
    assert name_keys(["Khasan"])["hasan"] == MATCH_FOLDED


def test_missing_index_says_how_to_build_it(tmp_path: Path) -> None:
    with pytest.raises(GazetteerError, match="build-index"):
        open_index(tmp_path / "none.sqlite", build_if_missing=False)


def test_corrupt_index_says_how_to_rebuild_it(tmp_path: Path) -> None:
    broken = tmp_path / "broken.sqlite"
    broken.write_bytes(b"this is not a database" * 100)
    with pytest.raises(GazetteerError, match="build-index"):
        open_index(broken, build_if_missing=False)


def test_built_index_holds_cities_airports_and_countries() -> None:
    db = open_index(build_if_missing=False)
    try:
        sources = dict(db.execute("SELECT source, COUNT(*) FROM places GROUP BY source").fetchall())
        assert sources["geonames"] > 200_000
        assert sources["airportsdata"] > 20_000
        assert db.execute("SELECT COUNT(*) FROM countries").fetchone()[0] > 240
    finally:
        db.close()


def test_other_written_forms_of_a_name_are_alternate_keys() -> None:
    keys = name_keys(["Saint Varrow City", "Sen-Varrou"])
    assert keys["saint varrow city"] == MATCH_PRIMARY
    assert keys["st varrow city"] == MATCH_ALTERNATE
    assert keys["saint varrow"] == MATCH_ALTERNATE
    assert keys["sen varrou"] == MATCH_ALTERNATE


def test_a_name_without_its_settlement_word_never_takes_a_regions_name() -> None:
    # Varrowshire City is not "Varrowshire", the region; an old name's suffix is never dropped.
    keys = name_keys(["Varrowshire City", "Old Quill City"], reserved=frozenset({"varrowshire"}))
    assert "varrowshire" not in keys
    assert "old quill" not in keys
    assert name_keys(["Varrowshire City"])["varrowshire"] == MATCH_ALTERNATE
