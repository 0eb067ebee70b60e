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
     "Electronics", "Robotics", "Biotech", "Therapeutics", "Brothers", "Industries", "Airways", "Court",
     "Committee", "Council", "Exchange", "Observatory", "Board", "Federation", "Confederation", "Party",
     "Front", "Movement", "League", "Cross", "Crescent", "Association", "Union", "Army", "Corps",
     "Foundation", "Society", "Assembly", "Organisation", "Organization", "Club", "Police", "Service",
     "Democrats", "Socialists", "Liberals", "Conservatives", "Republicans"}
)  # fmt: skip
# Words that go on from a known organisation's name to its full one: "Toyota Motor Corp", "Sony Corp".
_NAME_ENDINGS = re.compile(
    r"(?: (?:Motors?|Mining|Securities|Holdings|Group|Industries|Brothers|Copper & Gold|Gold|Petroleum|Oil|"
    r"Electric|Steel|Chemicals?|Financial|Airways|Airlines|International|Resources|Minerals|Energy|"
    r"Corp|Corporation|Inc|Ltd|Limited|Plc|PLC|plc|AG|SA|S\.A\.|NV|N\.V\.|SE|Co|LLC|GmbH)(?![\w.-]))+"
)
# Words in capitals that name no organisation: measures, jobs, technologies, time.
_NOT_ACRONYMS = frozenset(
    {"CEO", "CFO", "COO", "CTO", "CIO", "GDP", "GNP", "CPI", "PPI", "PMI", "IPO", "ETF", "EV", "EVs", "AI",
     "API", "CPU", "GPU", "LNG", "LPG", "TV", "PC", "IT", "HR", "PR", "VAT", "DNA", "HIV", "AIDS", "COVID",
     "SARS", "MW", "GW", "KW", "TWh", "MWh", "GWh", "ESG", "NGO", "NGOs", "SUV", "SUVs", "GMT", "UTC",
     "AM", "PM", "BC", "AD", "OK", "USD", "EUR", "GBP", "JPY", "CNY", "FY", "YOY", "QE", "FDI", "OTC",
     "ADR", "ADRs", "IMO", "RPM", "MPH", "KM", "CO2", "II", "III", "IV", "VI", "VII", "VIII", "IX", "XI",
     "ICBM", "ICBMs", "UAV", "UAVs", "LED", "LCD", "OLED", "SIM", "SMS", "USB", "WTI", "FOB", "CIF",
     "GHz", "MHz", "NAV", "EPS", "PE", "ROE", "M&A", "R&D", "Q1", "Q2", "Q3", "Q4", "H1", "H2", "B2B",
     "HQ", "MP", "MPs", "PhD", "MBA", "DJ", "CD", "DVD", "RNA", "TB", "KO", "ATP", "WTA", "AGM", "EGM"}
)  # fmt: skip
# English words written in capitals for emphasis: "BAD news", "in MAY".
_SHOUTED_WORDS = frozenset(
    {"ALERT", "ALL", "AND", "ARE", "BAD", "BIG", "BREAKING", "BUT", "CAN", "CUT", "CUTS", "EVER",
     "FALL", "FLASH", "FOR", "FREE", "GAS", "GET", "GOOD", "HAD", "HAS", "HIGH", "HIT", "HITS", "ITS",
     "JUST", "LAST", "LESS", "LIVE", "LOW", "MAY", "MORE", "MOST", "MUST", "NEVER", "NEW", "NEWS",
     "NEXT", "NOT", "NOTE", "NOW", "OFF", "OIL", "ONE", "ONLY", "OUR", "OUT", "RISE", "SAID", "SALE",
     "SAYS", "SET", "STOP", "TEN", "THE", "TOP", "TWO", "UPDATE", "URGENT", "VERY", "WAR", "WAS",
     "WATCH", "WILL", "WIN", "WINS", "YES", "YOU"}
)  # fmt: skip
_ACRONYM = re.compile(r"[A-Z][A-Z&]{1,5}")
_PREFIXES = frozenset(
    {"Ministry", "Department", "Bank", "Office", "Bureau", "Agency", "Commission", "Institute", "University",
     "Council", "Confederation", "Federation", "Board", "Organisation", "Organization", "Movement",
     "Alliance", "League", "Party", "Union", "Association", "Committee", "Court", "Front", "Army"}
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


def name_ending(text: str, end: int) -> int:
    """Where a known organisation's full name ends: "Toyota" + " Motor Corp"."""
    found = _NAME_ENDINGS.match(text, end)
    return found.end() if found else end


def find_unknown_orgs(text: str, runs: Sequence[Run]) -> Iterator[OrgMatch]:
    for run in runs:
        end = run.end
        follows = text.startswith(" (", end)
        possessive = text[end - 1] == "s" and text[end - 2] in "'’"
        if len(run.tokens) < 2 and not follows and not possessive:
            word = run.words[0]
            if (
                word.isupper()
                and word not in _NOT_ACRONYMS
                and word not in _SHOUTED_WORDS
                and _ACRONYM.fullmatch(word)
            ):  # "PLO", "ETA"
                yield OrgMatch(run.start, end, word, "acronym", None, "org-pattern:acronym", 0.5)
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
        i = 0  # a run may hold several names: "… of Cocoa Growers and the Communist Party of Nepal"
        while i < len(words):
            word = words[i]
            if word in _PREFIXES and i + 2 < len(words) and words[i + 1] == "of":
                first = _name_start(words, i + 1)  # "National Federation of Coffee Growers"
                last = min(len(words), i + _MAX_WORDS)
                if "and" in words[i + 2 : last]:
                    last = words.index("and", i + 2)
                while words[last - 1] in CONNECTORS:
                    last -= 1
                yield _org(text, run, first, last, "prefix", 0.6, None)
                i = last
            elif word.rstrip(".") in _SUFFIXES and i >= 1:
                last = i  # "Acme Robotics Inc": the suffixes run on
                while last + 1 < len(words) and words[last + 1].rstrip(".") in _SUFFIXES:
                    last += 1
                first = _name_start(words, last + 1)
                # "Japan Bank for International Cooperation", "Commission on Human Rights"
                if last + 2 < len(words) and words[last + 1] in ("of", "for", "on"):
                    stop = min(len(words), last + _MAX_WORDS)
                    if "and" in words[last + 2 : stop]:
                        stop = words.index("and", last + 2)
                    while words[stop - 1] in CONNECTORS:
                        stop -= 1
                    last = stop - 1
                if first < i:
                    yield _org(text, run, first, last + 1, "suffix", 0.6, None)
                i = last + 1
            else:
                i += 1


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
