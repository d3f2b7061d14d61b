"""Name keys: how a place name is compared, whatever its accents, case or spelling.

Two keys per name. ``normalize`` removes what never tells two places apart
(case, accents, punctuation). ``fold`` also merges the usual variants of
romanised Russian and Korean names (Artyom/Artem, Khasan/Hasan,
Russky/Russkiy/Russkii), so that a spelling the index does not list still
finds the place, at a lower score than an exact match.
"""

from __future__ import annotations

import re
import unicodedata

_APOSTROPHES = re.compile(r"['’ʼʹ`´‘]")
_NOT_WORD = re.compile(r"[^\w]+", re.UNICODE)
_DOUBLE = re.compile(r"(\w)\1+")

# Applied in order to a normalised key; each pair is a variant seen in romanisations.
_FOLDS: tuple[tuple[str, str], ...] = (
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


def normalize(name: str) -> str:
    """Case-, accent- and punctuation-free key: 'Artëm' -> 'artem', 'Komsomolsk-on-Amur' -> 'komsomolsk on amur'."""
    decomposed = unicodedata.normalize("NFKD", name)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    stripped = _APOSTROPHES.sub("", stripped).casefold()
    return " ".join(_NOT_WORD.sub(" ", stripped).replace("_", " ").split())


def fold(key: str) -> str:
    """Spelling-variant key of an already normalised key."""
    folded = key
    for old, new in _FOLDS:
        folded = folded.replace(old, new)
    return _DOUBLE.sub(r"\1", folded)


#: "Novosibirskaya", "Kirovskiy": a Russian region named by an adjective of its capital.
RUSSIAN_ADJECTIVE = re.compile(r"sk(?:aya|aja|iy|ii|y|oy|aya)$")
#: "Sialkot City", "Washington Township": a settlement word after a name.
SETTLEMENT_WORD = re.compile(
    r"(?i)\s+(?:city|town|township|village|municipality|borough|shi|-shi|gun|ku|cun|zhen|xiang)$"
)
