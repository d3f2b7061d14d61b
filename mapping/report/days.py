"""Which day a visit was on: the sentence's times that belong to its clause, else the day the account is on."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from mapping.report.clauses import (
    a_day_after,
    before,
    chain,
    clause_verb,
    day_after,
    elsewhere_in_time,
    governs,
    present,
    with_whom,
)
from mapping.report.dates import SPAN, TimeExpr, step
from mapping.report.overnight import morning_arrival

if TYPE_CHECKING:
    from spacy.tokens import Token

    from mapping.geocode.index import Place
    from mapping.report.visits import Visit


def visit_day(
    visit: Visit,
    times: list[tuple[TimeExpr, Token]],
    place: Place | None,
    *,
    current: date | None,
    reference: date | None,
    region_days: dict[tuple[str, str], date],
    events: dict[str, date],
    overnight: int,
) -> tuple[date | None, bool]:
    """The day of a visit and whether it belongs to another period.

    ``current`` is the day the account is on, ``reference`` the report's date, ``region_days`` the day each state
    was told on, ``events`` the day of each event with someone, ``overnight`` the sentences left in which a morning
    arrival ends a journey begun the night before."""
    if visit.detached and visit.event is not None:
        inside = {t.i for t in visit.event.subtree}
        own = [expr for expr, token in times if token.i in inside]
        for expr in own:
            if expr.other:
                return None, True
        days = [day for expr in own if not expr.future and (day := step(expr, current)) is not None]
        if days:
            return days[0], False
        if place is not None and (place.country, place.admin1) in region_days:
            # "events in Wisconsin and Michigan on Wednesday. After their stops in Eau Claire and Detroit, ...":
            # an event told apart, without a day of its own, on the day its state was told.
            return region_days[(place.country, place.admin1)], False
    verb = visit.verb or visit.event
    # A conjoined verb's own date first: "arrived on Wednesday and flew to Shymkent the next day".
    attached = [expr for expr, token in times if verb is not None and governs(verb, token, own=True)]
    if attached and all(expr.future for expr in attached):
        return None, True  # "where they play Leeds on Saturday, March 23": a day ahead of the report
    attached = attached or [expr for expr, token in times if verb is not None and governs(verb, token)]
    verbs = chain(verb)
    for expr, token in times:
        if expr.other and any(governs(v, token) for v in verbs):
            return None, True  # "In their July meeting, Kim ... invited him to a parade in Pyongyang"
    if any(expr.kind == SPAN for expr in attached):
        return None, False  # "Over the weekend, he campaigned in Dayton and Cleveland": some day of it
    for expr in attached:
        if not expr.future:
            day = step(expr, current)
            if day is not None:
                return day_after(verb, day), False
    for expr, token in times:
        # A date of the sentence, unless it belongs to another clause ("..., where they play on Saturday").
        owner = clause_verb(token)
        if owner is not None and verb is not None and owner not in verbs and not before(owner, verb):
            continue
        if expr.future and owner is not None:
            return None, True  # "The visit begins on Saturday as the Pope pays a visit to ...": a programme
        if not expr.other and not expr.future:
            day = step(expr, current)
            if day is not None:
                return day_after(verb, day), False
    linked = _linked_event(verb, events)
    if linked is not None:
        return linked, False
    if current is not None and verb is not None and a_day_after(verb):
        return current + timedelta(days=1), False  # "A day after visiting Ahmedabad, he was received in ..."
    if elsewhere_in_time(verb):
        return None, False  # "he also stopped in Arequipa during the trip": some day of it
    if current is None and reference is not None and verb is not None and present(verb):
        return reference, False  # "has arrived in Kathmandu": today, as the report is dated
    if overnight and current is not None and morning_arrival(verb):
        # Set off at night, arrived in the morning: the next day, unless that is after the report.
        following = current + timedelta(days=1)
        if reference is None or following <= reference:
            return following, False
    return current, False


def _linked_event(verb: Token | None, events: dict[str, date]) -> date | None:
    """ "Kim's meeting with Putin was held at ...": the day of "a summit with Putin on Wednesday"."""
    if verb is None:
        return None
    for token in [verb, *verb.children]:
        person = with_whom(token)
        if person is not None and person in events:
            return events[person]
    return None


def aside(token: Token) -> bool:
    """A time told in a relative clause or in the past perfect ("the store I'd visited yesterday", "where he had
    stayed on Monday"): it says when something else happened, not which day the account is on."""
    verb = clause_verb(token)
    if verb is None:
        return False
    perfect = verb.tag_ == "VBN" and any(c.dep_ == "aux" and c.lower_ in ("had", "'d") for c in verb.children)
    return perfect or verb.dep_ == "relcl"
