"""US states as reports write them: full names, postal codes and the older abbreviations ("N.H.", "Pa.")."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Token

# AP's abbreviations of US states, as they follow a town in wire copy ("Frederick, MD", "Lansing, Mich.").
US_STATES = {
    "AL": "Alabama", "Ala": "Alabama", "AK": "Alaska", "AZ": "Arizona", "Ariz": "Arizona", "AR": "Arkansas",
    "Ark": "Arkansas", "CA": "California", "Calif": "California", "CO": "Colorado", "Colo": "Colorado",
    "CT": "Connecticut", "Conn": "Connecticut", "DE": "Delaware", "Del": "Delaware", "FL": "Florida", "Fla": "Florida",
    "GA": "Georgia", "Ga": "Georgia", "HI": "Hawaii", "ID": "Idaho", "IL": "Illinois", "Ill": "Illinois",
    "IN": "Indiana", "Ind": "Indiana", "IA": "Iowa", "KS": "Kansas", "Kan": "Kansas", "KY": "Kentucky",
    "Ky": "Kentucky", "LA": "Louisiana", "ME": "Maine", "MD": "Maryland", "Md": "Maryland", "MA": "Massachusetts",
    "Mass": "Massachusetts", "MI": "Michigan", "Mich": "Michigan", "MN": "Minnesota", "Minn": "Minnesota",
    "MS": "Mississippi", "Miss": "Mississippi", "MO": "Missouri", "Mo": "Missouri", "MT": "Montana", "Mont": "Montana",
    "NE": "Nebraska", "Neb": "Nebraska", "NV": "Nevada", "Nev": "Nevada", "NH": "New Hampshire", "NJ": "New Jersey",
    "NM": "New Mexico", "NY": "New York", "NC": "North Carolina", "ND": "North Dakota", "OH": "Ohio", "OK": "Oklahoma",
    "Okla": "Oklahoma", "OR": "Oregon", "Ore": "Oregon", "PA": "Pennsylvania", "Pa": "Pennsylvania",
    "Penn": "Pennsylvania", "RI": "Rhode Island", "SC": "South Carolina", "SD": "South Dakota", "TN": "Tennessee",
    "Tenn": "Tennessee", "TX": "Texas", "Tex": "Texas", "UT": "Utah", "VT": "Vermont", "Vt": "Vermont",
    "VA": "Virginia", "Va": "Virginia", "WA": "Washington", "Wash": "Washington", "WV": "West Virginia",
    "WI": "Wisconsin", "Wis": "Wisconsin", "WY": "Wyoming", "Wyo": "Wyoming", "DC": "District of Columbia",
}  # fmt: skip
STATE_NAMES = frozenset(US_STATES.values())


def state_name(text: str) -> str:
    """A US state's code or abbreviation written out ("N.H.", "Pa.", "IA", "Wash"); any other text as it is."""
    key = text.strip().replace(".", "")
    return US_STATES.get(key, US_STATES.get(key.upper(), text.strip())) if len(key) <= 5 else text.strip()


def postal_code(token: Token) -> bool:
    """A US state's two capital letters ("MI", "IN", "OR"): in capitals, never the word."""
    code = token.text.rstrip(".")
    return len(code) == 2 and code.isupper() and code in US_STATES
