"""Name keys: how a place name is compared, whatever its accents, case or spelling.

Two keys per name. ``normalize`` removes what never tells two places apart
(case, accents, punctuation). ``fold`` also merges the usual variants of
romanised Russian and Korean names (Artyom/Artem, Khasan/Hasan,
Russky/Russkiy/Russkii), so that a spelling the index does not list still
finds the place, at a lower score than an exact match. ``name_variants`` gives
the other ways a name is written ("St." for "Saint", the name without "City"),
which the index stores as alternate names.
"""

from __future__ import annotations

import re
import unicodedata

_APOSTROPHES = re.compile(r"['’ʼʹ`´‘]")
_NOT_WORD = re.compile(r"[^\w]+", re.UNICODE)
_DOUBLE = re.compile(r"(\w)\1+")

# Applied in order to a normalised key; each pair is a variant seen in romanisations.
_FOLDS: tuple[tuple[str, str], ...] = (
    # Korean: Revised Romanisation's eo and eu are McCune-Reischauer's ŏ and ŭ, typed without the breve.
    ("eo", "o"),
    ("eu", "u"),
    ("kh", "h"),
    ("yo", "e"),
    ("ye", "e"),
    ("iy", "i"),
    ("yi", "i"),
    ("ij", "i"),
    ("ii", "i"),
    ("y", "i"),
    ("w", "v"),
    ("ph", "f"),
)


# Words written either way in place names: "St. Peters" is "Saint Peters", "Mt Vernon" "Mount Vernon".
_WORD_FORMS = {"saint": "st", "sainte": "ste", "mount": "mt", "fort": "ft"}
_WORD_FORMS |= {short: long for long, short in _WORD_FORMS.items()}
#: A name's own settlement word or suffix, which people leave out: "Paranaque City", "Seongnam-si", "Batac City".
_NAME_SUFFIX = re.compile(r" (?:city|si|shi|gun|machi|cho|township|municipality)$")


def normalize(name: str) -> str:
    """Case-, accent- and punctuation-free key: 'Artëm' -> 'artem', 'Komsomolsk-on-Amur' -> 'komsomolsk on amur'."""
    decomposed = unicodedata.normalize("NFKD", name)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    stripped = _APOSTROPHES.sub("", stripped).casefold()
    return " ".join(_NOT_WORD.sub(" ", stripped).replace("_", " ").split())


def fold(key: str) -> str:
    """Spelling-variant key of an already normalised key.

    Words run together count as the same name: "Pétion-Ville" is Pétionville, "Kuala Kapuas" Kualakapuas.
    """
    folded = key.replace(" ", "")
    for old, new in _FOLDS:
        folded = folded.replace(old, new)
    return _DOUBLE.sub(r"\1", folded)


def name_variants(key: str, *, own: bool = True) -> set[str]:
    """Other keys a normalised name is written under: "st peters" for "saint peters", "batac" for "batac city".

    A word's short or long form; for the place's own name (``own``), also the name without its
    settlement word, never leaving fewer than four letters (an old name such as Brooklyn's "Ohio
    City" must not make the town "Ohio").
    """
    variants: set[str] = set()
    words = key.split()
    for i, word in enumerate(words):
        other = _WORD_FORMS.get(word)
        if other and len(words) > 1:
            variants.add(" ".join([*words[:i], other, *words[i + 1 :]]))
    bare = _NAME_SUFFIX.sub("", key) if own else key
    if bare != key and len(bare.replace(" ", "")) >= 4:
        variants.add(bare)
    variants.discard(key)
    return variants


#: "Novosibirskaya", "Kirovskiy": a Russian region named by an adjective of its capital.
RUSSIAN_ADJECTIVE = re.compile(r"sk(?:aya|aja|iy|ii|y|oy|aya)$")
#: "City of Calamba", "Town of Hempstead": a settlement word before a name.
SETTLEMENT_PREFIX = re.compile(r"(?i)^(?:city|town|village|municipality|borough|township) of\s+")
#: "Sialkot City", "Washington Township": a settlement word after a name.
SETTLEMENT_WORD = re.compile(
    r"(?i)\s+(?:city|town|township|village|municipality|borough|shi|-shi|gun|ku|cun|zhen|xiang)$"
)
