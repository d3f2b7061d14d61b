from __future__ import annotations

import pytest

from mapping.geocode.placenames import fold, normalize


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Artëm", "artem"),
        ("Komsomolsk-on-Amur", "komsomolsk on amur"),
        ("Komsomol'sk-na-Amure", "komsomolsk na amure"),
        ("  P'yŏngyang ", "pyongyang"),
        ("São Paulo", "sao paulo"),
        ("Владивосток", "владивосток"),
    ],
)
def test_normalize(name: str, key: str) -> None:
    assert normalize(name) == key


@pytest.mark.parametrize(
    "variants",
    [
        ("Artyom", "Artem", "Artëm"),
        ("Khasan", "Hasan"),
        ("Russky", "Russkiy", "Russkii"),
        ("Vostochny", "Vostochnyy", "Vostochniy"),
    ],
)
def test_fold_merges_romanisation_variants(variants: tuple[str, ...]) -> None:
    assert len({fold(normalize(v)) for v in variants}) == 1


def test_fold_keeps_different_names_apart() -> None:
    assert fold(normalize("Artik")) != fold(normalize("Artem"))
    assert fold(normalize("Vladivostok")) != fold(normalize("Vladikavkaz"))
