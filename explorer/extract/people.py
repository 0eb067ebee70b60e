"""People introduced by a title or role ("CEO Jensen Huang", "President Emmanuel Macron")."""

from __future__ import annotations

import re
from collections.abc import Iterator

_TITLES = (
    "President",
    "Vice President",
    "Prime Minister",
    "Deputy Prime Minister",
    "Chancellor",
    "Minister",
    "Foreign Minister",
    "Finance Minister",
    "Defence Minister",
    "Defense Minister",
    "Secretary",
    "Commerce Secretary",
    "Treasury Secretary",
    "Secretary of State",
    "Senator",
    "Governor",
    "Chairman",
    "Chairwoman",
    "Chair",
    "Chief Executive",
    "CEO",
    "chief executive",
    "founder",
    "co-founder",
    "King",
    "Queen",
    "Prince",
    "Crown Prince",
    "Sheikh",
    "Emir",
    "Premier",
    "Speaker",
    "General",
    "Ambassador",
    "Commissioner",
    "Director",
    "Representative",
    "Rep.",
    "Sen.",
    "Dr.",
    "Mr.",
    "Ms.",
    "Mrs.",
)
_NAME_PART = r"[A-Z][a-zà-ÿ]+(?:-[A-Z][a-zà-ÿ]+)?"
_CONNECTOR = r"(?:\s(?:bin|bint|al|von|van|de|da|di|le)\s|\s)"
_PERSON = re.compile(
    r"\b(?:" + "|".join(re.escape(t) for t in sorted(_TITLES, key=len, reverse=True)) + r")\s+"
    rf"(?P<name>{_NAME_PART}(?:{_CONNECTOR}{_NAME_PART}){{1,3}})"
)


def find_people(text: str) -> Iterator[tuple[int, int, str]]:
    """Yield (start, end, name) of each titled person; the title itself is not part of the name."""
    for match in _PERSON.finditer(text):
        yield match.start("name"), match.end("name"), match.group("name")
