"""Organisations the knowledge base does not know, found by the shape of their names (lower confidence).

"Acme Robotics Inc", "Ministry of Commerce", "Northwind Minerals (ASX: NWM)", "Meta's lab".
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

_WORD = r"[A-Z][\w&'’.-]*"
_SUFFIXES = (
    "Inc", "Inc.", "Corp", "Corp.", "Corporation", "Group", "Holdings", "Ltd", "Ltd.", "Limited", "LLC",
    "PLC", "plc", "AG", "SE", "NV", "N.V.", "S.A.", "GmbH", "Co.", "Bank", "Ministry", "Agency",
    "Authority", "Commission", "Institute", "University", "Fund", "Partners", "Technologies",
    "Systems", "Airlines", "Motors", "Pharmaceuticals", "Labs", "Capital", "Securities", "Investments",
    "Mining", "Resources", "Minerals", "Semiconductor", "Electronics", "Robotics", "Biotech", "Therapeutics",
)  # fmt: skip
_SUFFIX = "|".join(re.escape(s) for s in sorted(_SUFFIXES, key=len, reverse=True))
_BY_SUFFIX = re.compile(rf"\b((?:{_WORD}\s){{1,4}}(?:{_SUFFIX}))(?![\w])")
_BY_PREFIX = re.compile(
    rf"\b((?:Ministry|Department|Bank|Office|Bureau|Agency|Commission|Institute|University|Council)"
    rf" of (?:the )?{_WORD}(?: (?:and )?{_WORD}){{0,3}})"
)
_EXCHANGES = {
    "NYSE": "US", "Nasdaq": "US", "NASDAQ": "US", "ASX": "AU", "TSX": "CA", "LSE": "GB", "HKEX": "HK",
    "SEHK": "HK", "TSE": "JP", "SGX": "SG", "KRX": "KR", "NSE": "IN", "BSE": "IN", "TWSE": "TW",
    "SSE": "CN", "SZSE": "CN", "JSE": "ZA", "B3": "BR", "Euronext": None, "Xetra": "DE",
}  # fmt: skip
_BY_TICKER = re.compile(
    rf"\b((?:{_WORD}\s){{0,3}}{_WORD})\s\((?P<exchange>{'|'.join(_EXCHANGES)}):\s?[A-Z0-9.]{{1,8}}\)"
)
_LAB = re.compile(rf"\b((?:{_WORD}\s)?{_WORD})(?:'s|’s)\s(?:(?:AI|research|artificial intelligence)\s)?lab\b")
_LEADING = re.compile(r"^(?:The|A|An|In|On|At|For|With|From|By|As|But|And|Or|When|While|After|Before)\s")


class OrgMatch(NamedTuple):
    start: int
    end: int
    name: str
    kind: str
    country: str | None
    rule: str
    confidence: float


def find_unknown_orgs(text: str) -> Iterator[OrgMatch]:
    for regex, rule, confidence in ((_BY_TICKER, "ticker", 0.7), (_BY_SUFFIX, "suffix", 0.6),
                                    (_BY_PREFIX, "prefix", 0.6), (_LAB, "lab", 0.6)):  # fmt: skip
        for match in regex.finditer(text):
            start, end = match.span(1)
            name = text[start:end]
            possessive = max(name.rfind("'s "), name.rfind("’s "))
            if possessive >= 0 and rule != "lab":  # "Egypt's Extended Fund" → "Extended Fund"
                start += possessive + 3
                name = name[possessive + 3 :]
            while lead := _LEADING.match(name):
                start += lead.end()
                name = name[lead.end() :]
            if " " not in name and rule in {"suffix", "prefix"}:
                continue  # a bare "Bank" or "Group"
            exchange = match.groupdict().get("exchange")
            kind = "ai_lab" if rule == "lab" else _kind_of(name)
            country = _EXCHANGES.get(exchange or "")
            yield OrgMatch(start, end, name.rstrip("."), kind, country, f"org-pattern:{rule}", confidence)


def _kind_of(name: str) -> str:
    last = name.split()[-1]
    if name.startswith(("Ministry", "Department", "Office", "Bureau", "Agency", "Council")) or last in {
        "Ministry",
        "Agency",
        "Authority",
        "Commission",
    }:
        return "government"
    if last == "Bank" or name.startswith("Bank of"):
        return "bank"
    if last in {"Institute", "University"} or name.startswith(("Institute", "University")):
        return "research"
    return "company"
