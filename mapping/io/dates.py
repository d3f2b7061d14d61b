"""Dates and times as people write them in trip files.

A date cell may be ISO (with a time, ``Z`` or an offset), ``9/15/2026`` or ``15/09/2026``, ``8.9.``,
``9 Sept 2023``, ``Jan 14 (Tue)``, ``10 月 11 日`` or a range (``August 3 - 6``: the start counts).
Whether ``6/4`` is June 4 or April 6 is decided once per file from all its values
(:func:`decide_order`) and said in the load result; a date without a year takes the year of the
file's other dates, then the year the user gave, then the year its weekday fits.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

MONTHS: dict[str, int] = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan", "janvier", "januar", "enero", "gennaio", "janeiro"),
            ("february", "feb", "février", "fevrier", "februar", "febrero", "febbraio", "fevereiro"),
            ("march", "mar", "mars", "märz", "marzo", "março"),
            ("april", "apr", "avril", "abril", "aprile"),
            ("may", "mai", "mayo", "maggio", "maio"),
            ("june", "jun", "juin", "juni", "junio", "giugno", "junho"),
            ("july", "jul", "juillet", "juli", "julio", "luglio", "julho"),
            ("august", "aug", "août", "aout", "agosto"),
            ("september", "sep", "sept", "septembre", "septiembre", "settembre", "setembro"),
            ("october", "oct", "octobre", "oktober", "octubre", "ottobre", "outubro"),
            ("november", "nov", "novembre", "noviembre", "novembro"),
            ("december", "dec", "décembre", "decembre", "dezember", "diciembre", "dicembre", "dezembro"),
        ),
        start=1,
    )
    for name in names
}
WEEKDAYS: dict[str, int] = {
    name: number
    for number, names in enumerate(
        (
            ("monday", "mon"),
            ("tuesday", "tue", "tues"),
            ("wednesday", "wed"),
            ("thursday", "thu", "thur", "thurs"),
            ("friday", "fri"),
            ("saturday", "sat"),
            ("sunday", "sun"),
        )
    )
    for name in names
}
# East Asian weekday marks in brackets: （六） is Saturday, (화) Tuesday.
_CJK_WEEKDAYS = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6}
_CJK_WEEKDAYS |= {"月": 0, "火": 1, "水": 2, "木": 3, "金": 4, "土": 5}
_CJK_WEEKDAYS |= {"월": 0, "화": 1, "수": 2, "목": 3, "금": 4, "토": 5, "일": 6}

_MONTH_WORD = r"(?P<mname>[A-Za-zÀ-ÿ]{3,10})\.?"
_ISO = re.compile(
    r"(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})"
    r"(?:[T ](?P<H>\d{1,2}):(?P<M>\d{2})(?::\d{2}(?:\.\d+)?)?\s*(?P<tz>Z|[+-]\d{2}:?\d{2})?)?"
)
_YMD = re.compile(r"(?P<y>\d{4})[/.年](?P<m>\d{1,2})[/.月](?P<d>\d{1,2})日?")
_COMPACT = re.compile(r"(?<!\d)(?P<y>(?:19|20)\d{2})(?P<m>[01]\d)(?P<d>[0-3]\d)(?!\d)")
_NUMERIC = re.compile(r"(?<![\d.])(?P<a>\d{1,2})(?P<sep>[/.-])(?P<b>\d{1,2})(?:(?P=sep)(?P<c>\d{2}|\d{4}))?(?![\d/])")
_CJK_MD = re.compile(r"(?:(?P<y>\d{4})\s*年\s*)?(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*[日号]")
_DAY_MONTH = re.compile(r"(?<!\d)(?P<d>\d{1,2})(?:st|nd|rd|th)?\.?\s+" + _MONTH_WORD + r"(?:,?\s+(?P<y>\d{4}))?")
_MONTH_DAY = re.compile(_MONTH_WORD + r"\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?(?!\d)(?:,?\s+(?P<y>\d{4}))?")
_WEEKDAY_WORD = re.compile(r"\b(?P<w>[A-Za-z]{3,9})\b")
_CJK_WEEKDAY = re.compile(r"[（(](?P<w>[一二三四五六日天月火水木金土월화수목금토일])[）)]")


@dataclass(frozen=True, slots=True)
class DateOrder:
    """How a file writes numeric dates: "MDY" (9/15/2026) or "DMY" (15/09/2026), and why."""

    order: str
    reason: str = ""


MDY = DateOrder("MDY")
DMY = DateOrder("DMY")


@dataclass(frozen=True, slots=True)
class ParsedDate:
    """What a cell says: a whole date, or a month and day waiting for its year."""

    month: int
    day: int
    year: int | None = None
    weekday: int | None = None
    #: "HH:MM" when the cell carried a time as well.
    time: str | None = None
    #: The UTC offset the cell gave with its time ("Z" is +00:00), so it is an instant.
    offset: timedelta | None = None

    def with_year(self, year: int) -> date | None:
        try:
            return date(year, self.month, self.day)
        except ValueError:
            return None


def _numeric_pairs(values: Iterable[str]) -> list[tuple[int, int, str]]:
    pairs = []
    for value in values:
        text = value.strip()
        if _ISO.search(text) or _YMD.search(text):
            continue
        match = _NUMERIC.search(text)
        if match:
            pairs.append((int(match["a"]), int(match["b"]), match["sep"]))
    return pairs


def decide_order(values: Sequence[str]) -> DateOrder:
    """Month-first or day-first for the whole file, from every numeric date in it (in row order)."""
    pairs = _numeric_pairs(values)
    if not pairs:
        return MDY
    for a, b, _ in pairs:
        if a > 12 >= b:
            return DateOrder("DMY", f"dates read as day/month: {a}/{b} cannot be month/day")
        if b > 12 >= a:
            return DateOrder("MDY", f"dates read as month/day: {a}/{b} cannot be day/month")

    # Nothing rules one out: the order under which consecutive rows are days apart, not months apart, wins.
    def spread(order: str) -> int:
        days = []
        for a, b, _ in pairs:
            month, day = (a, b) if order == "MDY" else (b, a)
            if 1 <= month <= 12 and 1 <= day <= 31:
                days.append(month * 31 + day)
        return sum(abs(x - y) for x, y in itertools.pairwise(days))

    mdy, dmy = spread("MDY"), spread("DMY")
    if dmy < mdy:
        return DateOrder("DMY", "dates read as day/month: it keeps consecutive rows days apart")
    if mdy < dmy:
        return DateOrder("MDY", "dates read as month/day: it keeps consecutive rows days apart")
    if all(sep == "." for *_, sep in pairs):
        return DateOrder("DMY", "dates with dots read as day.month")
    return DateOrder("MDY", "dates read as month/day (the file does not show which; give ISO dates to be sure)")


def _weekday_of(text: str) -> int | None:
    match = _CJK_WEEKDAY.search(text)
    if match:
        return _CJK_WEEKDAYS[match["w"]]
    for word in _WEEKDAY_WORD.finditer(text):
        found = WEEKDAYS.get(word["w"].lower())
        if found is not None:
            return found
    return None


def _year(text: str | None) -> int | None:
    if not text:
        return None
    year = int(text)
    return year + 2000 if year < 100 else year


def _offset(text: str | None) -> timedelta | None:
    if not text:
        return None
    if text == "Z":
        return timedelta(0)
    sign = -1 if text[0] == "-" else 1
    digits = text[1:].replace(":", "")
    return sign * timedelta(hours=int(digits[:2]), minutes=int(digits[2:]))


def parse_date(text: str, order: DateOrder = MDY) -> ParsedDate | None:
    """The first date written in ``text``, or None; the year may be missing (see :func:`settle_years`)."""
    text = text.strip()
    if not text:
        return None
    weekday = _weekday_of(text)
    match = _ISO.search(text)
    if match:
        time = f"{int(match['H']):02d}:{match['M']}" if match["H"] and int(match["H"]) < 24 else None
        return _checked(int(match["m"]), int(match["d"]), int(match["y"]), weekday, time, _offset(match["tz"]))
    for pattern in (_YMD, _CJK_MD):
        match = pattern.search(text)
        if match:
            return _checked(int(match["m"]), int(match["d"]), _year(match["y"]), weekday)
    match = _COMPACT.search(text)
    if match and len(text) <= 16:
        return _checked(int(match["m"]), int(match["d"]), int(match["y"]), weekday)
    for pattern in (_DAY_MONTH, _MONTH_DAY):
        for match in pattern.finditer(text):
            month = MONTHS.get(match["mname"].lower())
            if month:
                return _checked(month, int(match["d"]), _year(match["y"]), weekday)
    match = _NUMERIC.search(text)
    if match and not (match["sep"] == "-" and match["c"] is None):
        a, b = int(match["a"]), int(match["b"])
        month, day = (a, b) if order.order == "MDY" else (b, a)
        if month > 12 >= day:
            month, day = day, month
        return _checked(month, day, _year(match["c"]), weekday)
    return None


def _checked(
    month: int,
    day: int,
    year: int | None,
    weekday: int | None,
    time: str | None = None,
    offset: timedelta | None = None,
) -> ParsedDate | None:
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    parsed = ParsedDate(month, day, year, weekday, time, offset)
    if parsed.with_year(year or 2024) is None:  # 2024: a leap year, so 29 February stays possible
        return None
    return parsed


def settle_years(
    parsed: Sequence[ParsedDate | None], *, year: int | None = None, today: date | None = None
) -> tuple[list[date | None], str | None]:
    """Whole dates for a file's parsed cells, and a note when years had to be supplied.

    A cell without a year takes, in order: the year the user gave, the most common year among the
    file's other dates, the year nearest ``today`` in which every weekday the file names fits.
    A year-less date that follows a later one rolls over into the next year (a trip over New Year).
    """
    known = Counter(p.year for p in parsed if p is not None and p.year is not None)
    missing = [p for p in parsed if p is not None and p.year is None]
    note = None
    base: int | None = year
    if base is None and known:
        base = known.most_common(1)[0][0]
        if missing:
            note = f"dates without a year were given {base}, the year of the file's other dates"
    if base is None and missing:
        base = _year_from_weekdays(missing, today or date.today())
        if base is not None:
            note = f"dates without a year were given {base}: their weekdays fit that year"
    elif missing and year is not None:
        note = f"dates without a year were given {year}, as asked"
    out: list[date | None] = []
    previous: date | None = None
    for item in parsed:
        if item is None:
            out.append(None)
            continue
        if item.year is not None:
            whole = item.with_year(item.year)
        elif base is None:
            whole = None
        else:
            whole = item.with_year(base)
            if whole is not None and previous is not None and whole < previous - timedelta(days=180):
                whole = item.with_year(base + 1) or whole
        out.append(whole)
        if whole is not None:
            previous = whole
    return out, note


def _year_from_weekdays(items: Sequence[ParsedDate], today: date) -> int | None:
    with_weekday = [p for p in items if p.weekday is not None]
    if not with_weekday:
        return None
    for distance in range(0, 8):
        for candidate in (today.year - distance, today.year + distance) if distance else (today.year,):
            if all((d := p.with_year(candidate)) is not None and d.weekday() == p.weekday for p in with_weekday):
                return candidate
    return None


# Times -------------------------------------------------------------------------------------------------

_CLOCK = re.compile(
    r"(?P<h>\d{1,2})(?:[:.h](?P<m>\d{2}))?(?::\d{2})?\s*(?P<ampm>[ap]\.?\s?m\.?)?(?P<plus>\s*\(\+1\))?",
    re.IGNORECASE,
)
_RANGE_SPLIT = re.compile(r"\s*(?:->|→|–|—|-|~|to|until|bis)\s*", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class ParsedTime:
    time: str
    #: 1 when the cell says the time is on the next day ("7:20(+1)").
    next_day: int = 0


def parse_time(text: str) -> ParsedTime | None:
    """``11:34 AM``, ``23:10``, ``11am``, ``20:10 -> 21:38`` and ``1:30-4pm`` (the start counts), ``~08:00:00``."""
    text = text.strip().lstrip("~≈約").strip().rstrip("?")
    if not text:
        return None
    lowered = text.lower()
    if lowered in ("noon", "midday", "mittag"):
        return ParsedTime("12:00")
    if lowered == "midnight":
        return ParsedTime("00:00")
    parts = [p for p in _RANGE_SPLIT.split(text, maxsplit=1) if p]
    start = _CLOCK.fullmatch(parts[0].strip()) if parts else None
    if start is None:
        return None
    end = _CLOCK.fullmatch(parts[1].strip()) if len(parts) > 1 else None
    if len(parts) > 1 and end is None:
        return None
    hour, minute = int(start["h"]), int(start["m"] or 0)
    if start["m"] is None and start["ampm"] is None and end is None and len(parts[0].strip()) > 2:
        return None
    ampm = start["ampm"] or (end["ampm"] if end is not None else None)
    if ampm:
        if hour > 12:
            return None
        pm = ampm.lower().startswith("p")
        if end is not None and not start["ampm"] and pm and hour > int(end["h"]) % 12 and int(end["h"]) != 12:
            pm = False  # "11-1pm": the start is in the morning
        hour = (hour % 12) + (12 if pm else 0)
    if hour > 23 or minute > 59:
        return None
    return ParsedTime(f"{hour:02d}:{minute:02d}", 1 if start["plus"] else 0)


@dataclass(frozen=True, slots=True)
class FileDates:
    """A column of date texts read together: the dates, the times some of them carry, and what was decided."""

    dates: list[date | None]
    times: list[str | None]
    offsets: list[timedelta | None]
    notes: list[str]
    #: Indexes of texts that could not be read as dates (to report), and of dates left without a year.
    unreadable: list[int]
    yearless: list[int]


def read_dates(values: Sequence[str | None], *, year: int | None = None) -> FileDates:
    """Parse every date of a file at once: one month/day order for all, missing years settled together."""
    texts = [v.strip() if isinstance(v, str) else "" for v in values]
    order = decide_order([t for t in texts if t])
    parsed = [parse_date(t, order) if t else None for t in texts]
    settled, year_note = settle_years(parsed, year=year)
    notes = []
    if order.reason and any(_numeric_pairs([t]) for t in texts if t):
        notes.append(order.reason)
    if year_note:
        notes.append(year_note)
    return FileDates(
        dates=settled,
        times=[p.time if p else None for p in parsed],
        offsets=[p.offset if p else None for p in parsed],
        notes=notes,
        unreadable=[i for i, t in enumerate(texts) if t and parsed[i] is None],
        yearless=[i for i, p in enumerate(parsed) if p is not None and settled[i] is None],
    )
