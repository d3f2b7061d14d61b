"""The header and date rules hold for generated variants, not only for the files we happened to see."""

from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from mapping.io.columns import ALIASES, field_of_header
from mapping.io.dates import MONTHS, read_dates
from mapping.io.formats import parse_trip

FIELDS_WITH_ALIASES = sorted(ALIASES)


@st.composite
def written_header(draw: st.DrawFn) -> tuple[str, str]:
    """An alias as people write it: any case, words joined by spaces, underscores or dashes, stray spaces."""
    field = draw(st.sampled_from(FIELDS_WITH_ALIASES))
    alias = draw(st.sampled_from(ALIASES[field]))
    joiner = draw(st.sampled_from([" ", "_", "-", "."]))
    words = alias.split()
    cased = [draw(st.sampled_from([w, w.upper(), w.title()])) for w in words]
    return field, draw(st.sampled_from(["", " ", "  "])) + joiner.join(cased) + draw(st.sampled_from(["", " "]))


@settings(deadline=None)
@given(written_header())
def test_every_alias_names_its_field_however_it_is_written(case: tuple[str, str]) -> None:
    field, header = case
    found = field_of_header(header)
    assert found is not None
    assert found[0] == field


@settings(deadline=None)
@given(written_header(), st.sampled_from(["Trip ", "My ", "features__properties__"]))
def test_a_prefix_before_the_alias_keeps_the_field(case: tuple[str, str], prefix: str) -> None:
    field, header = case
    found = field_of_header(prefix + header.strip())
    assert found is not None
    assert found[0] == field


dates = st.lists(st.dates(min_value=date(1990, 1, 1), max_value=date(2040, 12, 31)), min_size=1, max_size=12)


@settings(max_examples=200, deadline=None)
@given(dates, st.sampled_from(["/", ".", "-"]), st.booleans())
def test_day_first_or_month_first_is_decided_from_the_whole_file(days: list[date], sep: str, day_first: bool) -> None:
    # One day past the 12th makes the order knowable; the rule must find it whatever else the file holds.
    days = [*days, date(2024, 6, 25)]
    written = [
        f"{d.day}{sep}{d.month}{sep}{d.year}" if day_first else f"{d.month}{sep}{d.day}{sep}{d.year}" for d in days
    ]
    assert read_dates(written).dates == days


@settings(max_examples=200, deadline=None)
@given(dates, st.sampled_from(["%d %B %Y", "%d %b %Y", "%B %d, %Y", "%b %d %Y", "%A %d %B %Y", "%Y-%m-%dT%H:%M:00Z"]))
def test_month_names_and_iso_date_times(days: list[date], pattern: str) -> None:
    written = [d.strftime(pattern) for d in days]
    assert read_dates(written).dates == days


@settings(max_examples=100, deadline=None)
@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2039, 12, 31)), st.sampled_from(["{d}.{m}.", "{d} {mon}"]))
def test_a_date_without_a_year_takes_the_year_given(day: date, pattern: str) -> None:
    name = next(n for n, number in MONTHS.items() if number == day.month and len(n) > 3)
    written = pattern.format(d=day.day, m=day.month, mon=name.title())
    result = read_dates([written], year=day.year)
    assert result.dates == [day]
    assert result.notes


@settings(max_examples=50, deadline=None)
@given(written_header(), st.text(alphabet="abcdefghij ", min_size=1, max_size=12).map(str.strip).filter(bool))
def test_a_place_column_under_any_alias_makes_stops(case: tuple[str, str], value: str) -> None:
    field, header = case
    if field not in ("place", "name", "address"):
        return
    result = parse_trip(f"{header}\n{value}\n".encode(), filename="t.csv")
    assert [s.place for s in result.trip.stops] == [value]
