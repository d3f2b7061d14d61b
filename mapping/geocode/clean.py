"""Query cleaning: what people write in a stop's name, reduced to what a gazetteer can look up.

A real stop name carries more than a place: list numbering ("1. Sagrada Família"),
emoji, a note in brackets ("Eiffel Tower (Illuminated)", "Ōtaki (1 Oct)"), a time,
a postcode ("Fort Worth, TX 76107"), a nickname in quotes ("Nara Park \"Deer Park\""),
the local-script name beside the Latin one ("협재해변 - Hyeopjae beach"), or an
airport's IATA code ("Haneda (HND)"). ``clean_query`` separates the name to look up
from the rest without losing anything: the original text stays the label, brackets
and the other script become alternate readings, and the parts after commas become
qualifiers, at most ``MAX_QUALIFIERS`` of them, so that no query can cost more than
a handful of lookups.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

#: Longer text is cut before any work is done on it (a place name is never this long).
MAX_QUERY_CHARS = 200
#: Qualifiers kept after the name: the last ones, which are the widest (region, country).
MAX_QUALIFIERS = 5

_SPACES = re.compile(r"\s+")
# "1. ", "12) ", "#3 ", "(4) ", "- ", "• ", "Stop 5: ", "Day 2 - ".
_NUMBERING = re.compile(
    r"^\s*(?:(?:#\s*)?\d{1,3}\s*[.):\]]|\(\d{1,3}\)|#\d{1,3}|[-*•·▪►→]|(?:stop|day|no\.?)\s*\d{1,3}\s*[:.)\-–—])\s*",
    re.IGNORECASE,
)
_MONTHS = (
    "jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|january|february|march|april|june|july|august"
    "|september|october|november|december"
)
_WEEKDAYS = "mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun|monday|tuesday|wednesday|thursday|friday|saturday|sunday"
_DATE_OR_TIME = re.compile(
    rf"""(?ix)
    \b\d{{4}}-\d{{1,2}}-\d{{1,2}}\b                                   # 2023-09-12
    | \b\d{{1,2}}[./]\d{{1,2}}(?:[./]\d{{2,4}})?\b                    # 12/09, 12.09.2023
    | \b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:{_MONTHS})\b\.?(?:\s+\d{{4}})? # 1 Oct, 1st October 2023
    | \b(?:{_MONTHS})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?\b(?:,?\s+\d{{4}})? # Oct 1
    | \b\d{{1,2}}[:h]\d{{2}}\s*(?:am|pm)?\b                            # 10:30, 9h15, 10:30 pm
    | \b\d{{1,2}}\s*(?:am|pm)\b                                        # 9am
    | \bday\s+\d{{1,3}}\b                                              # day 3
    """
)
# What brackets hold that is a note about the visit, not a name: prices, door codes, opening hours.
_NOTE = re.compile(
    r"(?i)^(?:[$€£¥₩₽]\s*\d|\d+\s*(?:[$€£¥₩₽]|usd|eur|gel|lari|лари|yen|jpy|руб)"
    r"|(?:code|код|tel|phone)\b|open\b|closed\b|optional\b|tbc\b|tbd\b|maybe\b|\?+$)"
)
_BRACKETS = re.compile(r"\(([^()]*)\)|\[([^\[\]]*)\]|\{([^{}]*)\}|[\"“”«»„]([^\"“”«»„]+)[\"“”«»„]")
_IATA = re.compile(r"^[A-Z]{3}$")
# "JFK Airport": a code in capitals before "Airport" is the airport's code ("the airport" is not Teresina, THE).
_CODE_AIRPORT = re.compile(r"^([A-Z]{3})\s+(?i:(?:international\s+)?airport)$")
# Words only (letters joined by single spaces, hyphens, apostrophes or dots): a name as it stands.
_PLAIN = re.compile(r"^[^\W\d_]+(?:(?: |-|'|’|\.)[^\W\d_]+)*$")
_WEEKDAY_NAMES = frozenset(_WEEKDAYS.split("|")) | frozenset(_MONTHS.split("|"))
_POSTCODE_PATTERNS = (
    re.compile(r"〒\s*\d{3}-?\d{4}"),  # Japan
    re.compile(r"\b\d{3}-\d{4}\b"),  # Japan without the mark
    re.compile(r"\b\d{5}(?:-\d{4})?\b"),  # US ZIP, FR, DE, ES, IT, MX...
    re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b"),  # UK
    re.compile(r"\b[A-Z]\d[A-Z]\s?\d[A-Z]\d\b"),  # Canada
    re.compile(r"\b[AC-FHKNPRTV-Y]\d{2}\s?[AC-FHKNPRTV-Y\d]{4}\b"),  # Ireland (Eircode)
    re.compile(r"\b\d{4}\s?[A-Z]{2}\b"),  # Netherlands
    re.compile(r"\b\d{3}\s\d{2}\b"),  # Greece, Sweden, Czechia
    re.compile(r"\b\d{4}\b(?=\s+\D)"),  # four-digit codes before a town: AT, BE, CH, DK, NO, AU
    re.compile(r"\b\d{6}\b"),  # Russia, India, China
)
# A part that starts with a house number is a street address, not a place name.
_STREET = re.compile(
    r"(?i)^\s*\d+[\w/-]*\s+(?:[nsew]\.?\s+|north\s+|south\s+|east\s+|west\s+)?\S.*\b"
    r"(?:street|st|avenue|ave|road|rd|boulevard|blvd|drive|dr|lane|ln|way|place|pl|court|ct|circle|cir"
    r"|highway|hwy|freeway|fwy|parkway|pkwy|terrace|square|sq|row|quay|crescent|close|chome)\b\.?"
)
# Words that stand in front of a name as a remark ("Illuminated", "closed", "optional").
_PART_SEPARATORS = re.compile(r"\s+[-–—|/@]\s+|\s*[;·•]\s*|(?<=\w{4})\.\s+(?=[A-Z])")
# "Dublin 1", "Paris 8": a postal district number after a town.
_DISTRICT_NUMBER = re.compile(r"\s+\d{1,2}$")


@dataclass(frozen=True, slots=True)
class CleanQuery:
    """A stop name taken apart; ``text`` is what the user wrote and stays the label."""

    text: str
    #: The name to look up first.
    name: str
    #: Parts after a comma or a dash: a town, region or country that narrows the name.
    qualifiers: tuple[str, ...] = ()
    #: Other readings of the name, tried when the name is not found: a bracketed name,
    #: a nickname in quotes, the name in another script.
    alternates: tuple[str, ...] = ()
    #: An airport code written in the name ("Haneda (HND)", "SPU").
    iata: str | None = None
    #: Whether the name itself is a street address ("1092 Commonwealth Avenue").
    street: bool = False
    #: What was taken out as notes (dates, times, prices, postcodes), for the record.
    removed: tuple[str, ...] = ()

    @property
    def readings(self) -> tuple[str, ...]:
        """The name and its alternates, in the order to try them."""
        seen: dict[str, None] = {}
        for reading in (self.name, *self.alternates):
            if reading and reading.casefold() not in {s.casefold() for s in seen}:
                seen[reading] = None
        return tuple(seen)


def clean_query(text: str) -> CleanQuery:
    """Take a stop's name apart into a name to look up, qualifiers and alternate readings."""
    original = text
    text = unicodedata.normalize("NFC", text)[:MAX_QUERY_CHARS]
    text = "".join(" " if _is_noise(c) else c for c in text)
    text = _SPACES.sub(" ", text).strip()
    if _PLAIN.match(text) and text.casefold() not in _WEEKDAY_NAMES:
        # Most names are plain words ("Vladivostok", "Komsomolsk-on-Amur"): nothing to take apart.
        script = _script_of(text)
        if script == "latin" or (script == "other" and " " not in text):
            return CleanQuery(original, text, iata=_code_of(text))
    removed: list[str] = []
    alternates: list[str] = []
    iata: str | None = None

    for _ in range(2):  # "1. - Louvre"
        stripped = _NUMBERING.sub("", text, count=1)
        if stripped == text or not stripped.strip():
            break
        text = stripped

    def bracket(match: re.Match[str]) -> str:
        nonlocal iata
        inner = next(g for g in match.groups() if g is not None).strip()
        if not inner:
            return " "
        if _IATA.match(inner):
            iata = inner
            return " "
        if _NOTE.search(inner) or _only_date(inner):
            removed.append(inner)
            return " "
        alternates.append(inner)
        return " "

    # Brackets after the first comma belong to a qualifier and stay in it: "Congo (Kinshasa)".
    head, comma, tail = text.partition(",")
    for _ in range(3):  # nested brackets, one level at a time
        head, count = _BRACKETS.subn(bracket, head)
        if not count:
            break
    tail = _BRACKETS.sub(lambda m: " " + next(g for g in m.groups() if g is not None) + " ", tail)
    text = head + comma + tail
    text = _DATE_OR_TIME.sub(lambda m: _note(m, removed), text)
    text = _SPACES.sub(" ", text).strip(" ,.;:-–—|/")

    parts = [p.strip() for p in text.split(",")]
    parts = [p for p in parts if p]
    if len(parts) <= 1:
        # "Maragogi - Alagoas", "kobe beef ramen @ yazawa", "Ramen; Shibuya": no commas, other separators.
        pieces = [p.strip() for p in _PART_SEPARATORS.split(text) if p.strip()]
        parts = pieces or parts
    if not parts:
        return CleanQuery(original, "", (), tuple(alternates), iata, False, tuple(removed))

    name, qualifiers = parts[0], parts[1:]
    if _script_of(name) == "other":
        # "협재해변 - Hyeopjae beach": the Latin reading leads, the local one is an alternate.
        latin_parts = [q for q in qualifiers if _script_of(q) == "latin"]
        if latin_parts:
            alternates.append(name)
            name = latin_parts[0]
            qualifiers = [q for q in qualifiers if q is not latin_parts[0]]
    cleaned_qualifiers: list[str] = []
    for qualifier in qualifiers:
        without = _DISTRICT_NUMBER.sub("", _strip_postcodes(qualifier, removed))
        if without and without.casefold() not in {q.casefold() for q in cleaned_qualifiers}:
            cleaned_qualifiers.append(without)
    qualifiers = cleaned_qualifiers[-MAX_QUALIFIERS:]

    latin, other = _split_scripts(name)
    if latin and other:
        name = latin
        alternates.append(other)
    if not any(c.isalpha() for c in name):
        name = ""  # "1.", "10:30": nothing that names a place
    street = bool(_STREET.match(name))
    iata = iata or _code_of(name)
    return CleanQuery(original, name, tuple(qualifiers), tuple(alternates), iata, street, tuple(removed))


def _code_of(name: str) -> str | None:
    """The airport code a name is, or names before "Airport" ("JFK Airport"), written in capitals."""
    if _IATA.match(name):
        return name
    coded = _CODE_AIRPORT.match(name)
    return coded.group(1) if coded else None


def _is_noise(char: str) -> bool:
    """Emoji, pictographs, dingbats, joiners and control characters."""
    if char in "\u200d\ufe0e\ufe0f\u20e3":
        return True
    category = unicodedata.category(char)
    return category in ("So", "Cs", "Co", "Cn") or (category == "Cc" and char not in "\t\n")


def _note(match: re.Match[str], removed: list[str]) -> str:
    """Replace a note by a space, keeping the note."""
    removed.append(match.group(0))
    return " "


def _only_date(text: str) -> bool:
    """A bracket that holds only a date, a time or a weekday: "(1 Oct)", "(Mon 10:30)"."""
    rest = _DATE_OR_TIME.sub("", text)
    # A weekday counts only here, inside a bracket: "Sun Gardens" is a name.
    rest = re.sub(rf"(?i)\b(?:{_WEEKDAYS})\b\.?", "", rest)
    return not rest.strip(" ,.-–—/")


def _strip_postcodes(part: str, removed: list[str]) -> str:
    if not any(c.isdigit() for c in part):
        return part
    for pattern in _POSTCODE_PATTERNS:
        part = pattern.sub(lambda m: _note(m, removed), part)
    return _SPACES.sub(" ", part).strip(" ,.-")


def _script(char: str) -> str:
    if not char.isalpha():
        return ""
    if char.isascii():
        return "latin"
    name = unicodedata.name(char, "")
    return "latin" if name.startswith("LATIN") else "other"


def _script_of(text: str) -> str:
    """ "latin", "other" or "" (no letters, or both scripts)."""
    scripts = {_script(c) for c in text} - {""}
    return scripts.pop() if len(scripts) == 1 else ""


def _split_scripts(name: str) -> tuple[str, str]:
    """The Latin words and the other-script words of a bilingual name ('正房瀑布 Jeongbang Falls')."""
    latin: list[str] = []
    other: list[str] = []
    for word in name.split():
        scripts = {_script(c) for c in word} - {""}
        if scripts == {"other"}:
            other.append(word)
        else:
            latin.append(word)
    latin_text = " ".join(latin).strip(" -–—|/")
    other_text = " ".join(other).strip(" -–—|/")
    # A name in one script only, or one stray Latin word in a local-script note, is not bilingual.
    if not latin_text or not other_text or not any(c.isalpha() for c in latin_text):
        return "", ""
    return latin_text, other_text
