"""Organisations the knowledge base does not know, found by the shape of their names (lower confidence).

"Acme Robotics Inc", "Ministry of Commerce", "Northwind Minerals (ASX: NWM)", "Meta's lab".
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import NamedTuple

from explorer.extract.runs import CONNECTORS, Run

_SUFFIXES = frozenset(
    {"Inc", "Corp", "Corporation", "Group", "Holdings", "Ltd", "Limited", "LLC", "PLC", "plc", "AG", "SE",
     "NV", "N.V", "S.A", "GmbH", "Co", "Bank", "Ministry", "Agency", "Authority", "Commission", "Institute",
     "University", "Fund", "Partners", "Technologies", "Systems", "Airlines", "Motors", "Pharmaceuticals",
     "Labs", "Capital", "Securities", "Investments", "Mining", "Resources", "Minerals", "Semiconductor",
     "Electronics", "Robotics", "Biotech", "Therapeutics"}
)  # fmt: skip
_PREFIXES = frozenset(
    {"Ministry", "Department", "Bank", "Office", "Bureau", "Agency", "Commission", "Institute", "University",
     "Council"}
)  # fmt: skip
_EXCHANGES = {
    "NYSE": "US", "Nasdaq": "US", "NASDAQ": "US", "ASX": "AU", "TSX": "CA", "LSE": "GB", "HKEX": "HK",
    "SEHK": "HK", "TSE": "JP", "SGX": "SG", "KRX": "KR", "NSE": "IN", "BSE": "IN", "TWSE": "TW",
    "SSE": "CN", "SZSE": "CN", "JSE": "ZA", "B3": "BR", "Euronext": None, "Xetra": "DE",
}  # fmt: skip
_TICKER = re.compile(rf" \((?P<exchange>{'|'.join(_EXCHANGES)}): ?[A-Z0-9.]{{1,8}}\)")
_LAB = re.compile(r" (?:(?:AI|research|artificial intelligence) )?lab\b")
_LEADING = frozenset(
    {"The", "A", "An", "In", "On", "At", "For", "With", "From", "By", "As", "But", "And", "Or", "When",
     "While", "After", "Before", "Shares", "Officials"}
)  # fmt: skip
_MAX_WORDS = 6


class OrgMatch(NamedTuple):
    start: int
    end: int
    name: str
    kind: str
    country: str | None
    rule: str
    confidence: float


def find_unknown_orgs(text: str, runs: Sequence[Run]) -> Iterator[OrgMatch]:
    for run in runs:
        end = run.end
        follows = text.startswith(" (", end)
        possessive = text[end - 1] == "s" and text[end - 2] in "'’"
        if len(run.tokens) < 2 and not follows and not possessive:
            continue  # one word: only a ticker or "X's lab" can make it an organisation
        words = run.words
        ticker = _TICKER.match(text, end) if follows else None
        if ticker:
            first = _name_start(words, len(words))
            yield _org(text, run, first, len(words), "ticker", 0.7, _EXCHANGES[ticker.group("exchange")])
            continue
        if possessive and _LAB.match(text, end):
            first = _name_start(words, len(words))
            match = _org(text, run, first, len(words), "lab", 0.6, None, trim=2)
            yield match._replace(kind="ai_lab")
            continue
        for i, word in enumerate(words):
            if word in _PREFIXES and i + 2 < len(words) and words[i + 1] == "of":
                yield _org(text, run, i, min(len(words), i + _MAX_WORDS), "prefix", 0.6, None)
                break
            if word.rstrip(".") in _SUFFIXES and i >= 1:
                last = i  # "Acme Robotics Inc": the suffixes run on
                while last + 1 < len(words) and words[last + 1].rstrip(".") in _SUFFIXES:
                    last += 1
                first = _name_start(words, last + 1)
                if first < i:
                    yield _org(text, run, first, last + 1, "suffix", 0.6, None)
                break


def _name_start(words: Sequence[str], end: int) -> int:
    """The first word of the name that ends at `end`: back to a connector, a possessive or a sentence word."""
    first = end - 1
    while first > 0 and end - first < _MAX_WORDS:
        previous = words[first - 1]
        if previous in CONNECTORS or previous in _LEADING or previous.endswith(("'s", "’s")):
            break
        first -= 1
    while first < end - 1 and words[first] in _LEADING:
        first += 1
    return first


def _org(
    text: str,
    run: Run,
    first: int,
    end: int,
    rule: str,
    confidence: float,
    country: str | None,
    trim: int = 0,
) -> OrgMatch:
    start, stop = run.tokens[first][0], run.tokens[end - 1][1] - trim
    name = text[start:stop].rstrip(".")
    return OrgMatch(start, stop, name, _kind_of(name), country, f"org-pattern:{rule}", confidence)


def _kind_of(name: str) -> str:
    words = name.split()
    if words[0] in {"Ministry", "Department", "Office", "Bureau", "Agency", "Council"} or words[-1] in {
        "Ministry",
        "Agency",
        "Authority",
        "Commission",
    }:
        return "government"
    if words[-1] == "Bank" or name.startswith("Bank of"):
        return "bank"
    if words[-1] in {"Institute", "University"} or words[0] in {"Institute", "University"}:
        return "research"
    return "company"
