from __future__ import annotations

import pytest

from mapping.geocode.placenames import fold, name_variants, normalize


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


@pytest.mark.parametrize(
    ("written", "listed"),
    [
        ("Pétion-Ville", "Petionville"),  # a compound written apart or together
        ("Kuala Varnik", "Kualavarnik"),
        ("Sŏnggok", "Seonggok"),  # McCune-Reischauer's breve dropped vs Revised Romanisation
        ("Tŭngsan", "Teungsan"),
    ],
)
def test_fold_merges_run_together_words_and_korean_vowels(written: str, listed: str) -> None:
    assert fold(normalize(written)) == fold(normalize(listed))


@pytest.mark.parametrize(
    ("name", "variant"),
    [
        ("Saint Quillon", "st quillon"),
        ("St. Quillon", "saint quillon"),
        ("Lac-Sainte-Orle", "lac ste orle"),
        ("Mt Varrow", "mount varrow"),
        ("Varnik City", "varnik"),
        ("Hanseo-si", "hanseo"),
        ("Obara-machi", "obara"),
        ("Dellow Township", "dellow"),
    ],
)
def test_name_variants_are_the_ways_a_name_is_also_written(name: str, variant: str) -> None:
    assert variant in name_variants(normalize(name))


def test_name_variants_never_shrink_a_name_to_a_stub_or_touch_a_single_word() -> None:
    assert name_variants(normalize("Ono City")) == set()  # "ono" is too short to stand alone
    assert name_variants("saint") == set()  # a bare word is no name to vary
    assert name_variants(normalize("Cityville")) == set()
