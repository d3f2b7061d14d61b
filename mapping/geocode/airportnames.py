"""The names people call an airport by, beyond its own: built into the place index at index time.

"Changi Airport" for Singapore Changi International Airport, "OR Tambo" for O. R. Tambo, and
"X airport" for the main airport of a city or region X, all read from the airport data itself.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from mapping.geocode.placenames import normalize

_AIRPORT_TAIL = re.compile(r"^(?P<head>.*?)\s*\b(?:(?:international|intl)\s+)?airport$")
_TRAILING = re.compile(r"^(?P<head>\S.*?)\s+(?:airport|apt)\s+(?P<tail>\S.*?)(?:\s+airport)?$")
#: Tails that are no place's name: "Veterans Airport Of Southern Illinois Airport", "(under construction)".
_GENERIC_TAIL = re.compile(r"^(?:of|airport)\b|\b(?:under|construction|unknown|coordinates)\b")
#: "o r tambo" -> "or tambo": initials written with full stops are one word as people type them.
_INITIALS = re.compile(r"\b(?:[a-z] )+[a-z]\b")


def main_airports(airports: Mapping[str, Mapping[str, Any]], field: str) -> dict[tuple[str, str], str]:
    """(country, name key of the airport's ``field``) -> the ICAO code of the main airport there.

    The main airport is the only airport with a scheduled-service (IATA) code for that city or region,
    or else the only such one calling itself international; a place with several of either has none
    (London's five airports: "London airport" names none of them for sure).
    """
    served: dict[tuple[str, str], list[tuple[str, bool]]] = {}
    for icao, airport in airports.items():
        where = normalize(airport.get(field) or "")
        if airport["iata"] and where:
            called = bool(re.search(r"\b(?:international|intl)\b", normalize(airport["name"])))
            served.setdefault((airport["country"], where), []).append((icao, called))
    main: dict[tuple[str, str], str] = {}
    for key, found in served.items():
        international = [icao for icao, called in found if called]
        if len(found) == 1:
            main[key] = found[0][0]
        elif len(international) == 1:
            main[key] = international[0]
    return main


def airport_names(airport: Mapping[str, Any], country: str = "", *, main_of: tuple[str, ...] = ()) -> list[str]:
    """The names people call an airport by, its own name first, all from the airport's data.

    Its own name without the city or country it starts with ("Singapore Changi International
    Airport" is "Changi Airport"), with and without "International", initials run together ("O. R.
    Tambo" is "OR Tambo"), and "X Airport" for each city or region X in ``main_of`` whose main airport
    it is. ("JFK Airport" is read by the query cleaner: a code is only one in capitals.)
    """
    own = normalize(airport["name"])
    bases = {own}
    # "Bandaranaike International Apt Colombo Airport", "Rajiv Gandhi International Airport Shamshabad",
    # "Amsterdam Airport Schiphol": the name ends at its first "Airport", and what follows is a place's
    # name for it ("Schiphol Airport").
    cut = _TRAILING.match(own)
    if cut:
        bases.add(f"{cut['head']} airport")
        # The tail may be the city ("Colombo"), whose airport only ``main_of`` can say.
        if not _GENERIC_TAIL.search(cut["tail"]) and cut["tail"] != normalize(airport.get("city") or ""):
            bases.add(f"{cut['tail']} airport")
    for prefix in {normalize(airport.get("city") or ""), normalize(country)} - {""}:
        rest = own.removeprefix(prefix + " ") if own.startswith(prefix + " ") else ""
        matched = _AIRPORT_TAIL.match(rest)
        # "London Airport" keeps its city: the rest must still name the airport ("Heathrow Airport").
        if matched and matched["head"]:
            bases.add(rest)
    names: list[str] = []
    for base in sorted(bases):
        matched = _AIRPORT_TAIL.match(base)
        forms = {base}
        if matched and matched["head"]:
            forms |= {f"{matched['head']} airport", f"{matched['head']} international airport"}
        for form in sorted(forms):
            names.append(form)
            joined = _INITIALS.sub(lambda m: m.group(0).replace(" ", ""), form)
            if joined != form:
                names.append(joined)
    for where in main_of:
        names += [f"{where} airport", f"{where} international airport"]
    return list(dict.fromkeys(n for n in names if n != own))
