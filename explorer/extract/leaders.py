"""A leader named by the government they head, as the news writes it: "the Trump administration",
"the Albanese government", "the Modi cabinet". The word before is a surname unless it is a party,
an ideology or a place ("the Labour government", "the Japanese government")."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

# Starts with a literal: the regex engine jumps from one "he " to the next instead of trying every
# position (with "\b[Tt]he" first, this one scan was a twentieth of all extraction). "T"/"t" and the
# word boundary before are checked after.
_LEADER = re.compile(
    r"he (?P<name>[A-Z][a-zà-ÿğışçöüâêîôû'’-]+)"
    r" (?:administration|government|cabinet|presidency|premiership)\b"
)
# Capitalised words that head a government without being anyone's name.
NOT_NAMES = frozenset(
    {
        "Conservative", "Labour", "Liberal", "Socialist", "Communist", "Coalition", "Tory", "Democratic",
        "Republican", "Federal", "Provincial", "State", "Transitional", "Interim", "Military", "National",
        "Unity", "Islamist", "Royal", "Imperial", "Soviet", "Nationalist", "Centrist", "Caretaker",
        "Minority", "Majority", "Previous", "Current", "New", "Incoming", "Outgoing", "Former", "Next",
        "Central", "Regional", "Local", "Municipal", "City", "County", "Union", "Opposition", "Green",
        "Greens", "Popular", "People's", "Democrat", "Republicans", "Democrats", "US", "UK", "EU",
    }
)  # fmt: skip


def find_leaders(text: str, known: Callable[[str], bool]) -> Iterator[tuple[int, int, str, float]]:
    """(start, end, rule, confidence) of each surname heading a government; `known(word)`: whether the
    word names something else already (a country, a demonym, a place, an organisation)."""
    for match in _LEADER.finditer(text):
        the = match.start() - 1
        if the < 0 or text[the] not in "Tt" or (the and (text[the - 1].isalnum() or text[the - 1] == "_")):
            continue
        name = match["name"]
        if name in NOT_NAMES or known(name) or known(name.rstrip("'’s")):
            continue
        yield match.start("name"), match.end("name"), "leader-of-government", 0.7
