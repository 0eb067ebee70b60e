"""A government body named after its country, as newswire writes it: "China's Ministry of Commerce",
"the U.S. Treasury Department", "U.S. Department of Defense". The country is a place of its own (the
story is in China) and the body's name starts after it, the way the news corpora annotate them."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any

from explorer.extract.candidate import NameCandidate

# What only a government body's name goes on with after its country: split whatever found it (a
# company's never starts so: "China Mobile", "U.S. Steel", "Japan Airlines" stay whole)…
GOVERNMENT_WORDS = frozenset(
    {"Treasury", "Department", "Ministry", "Senate", "Congress", "Parliament", "Cabinet", "Navy", "Army"}
)
# …and what a body's name may go on with, split when it is no company ("China National Petroleum").
BODY_WORDS = GOVERNMENT_WORDS | {
    "State", "Commerce", "Justice", "Defense", "Defence", "Foreign", "Home", "Trade", "Energy", "Finance",
    "Interior", "Supreme", "Federal", "Central", "National",
}  # fmt: skip
_HEAD = re.compile(r"(U\.S\.|U\.K\.|[A-Z][A-Za-z]+(?: [A-Z][a-z]+)?)(['’]s)? (?=(\w+))")
_DEPARTMENT = " Department"


def split_country_heads(
    text: str,
    candidates: Sequence[NameCandidate],
    countries: list[tuple[int, int, Any]],
    country_hit: Callable[[str], Any | None],
) -> list[NameCandidate]:
    """The candidates with each such body's span starting after its country, the country added to
    `countries` (start, end, hit) for a place of its own. `country_hit(name)`: the country a name
    names, or None. A body from the knowledge base keeps its name; a body found by its shape is
    named by what is left ("Department of Defense")."""
    out = []
    for candidate in candidates:
        found = _HEAD.match(text, candidate.start, candidate.end) if candidate.kind == "org" else None
        company = candidate.rule.endswith(":company")
        words = GOVERNMENT_WORDS if company else BODY_WORDS
        hit = country_hit(found[1]) if found and found[3] in words else None
        if found is None or hit is None:
            out.append(candidate)
            continue
        start, end = found.end(), candidate.end
        if text.startswith(_DEPARTMENT, end) and not text[end + len(_DEPARTMENT) :][:1].isalnum():
            end += len(_DEPARTMENT)  # "U.S. Treasury" + " Department"
        name = candidate.name if candidate.rule.startswith("org-kb:") else text[start:end]
        countries.append((candidate.start, candidate.start + len(found[1]), hit))
        out.append(candidate._replace(start=start, end=end, name=name, country=candidate.country or hit.code))
    return out
