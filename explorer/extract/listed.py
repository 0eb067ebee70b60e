"""Listed companies beyond our own knowledge base: the constituents of the world's main stock indices, from
the maintained `pytickersymbols` package (names, home countries), read once when the dictionary is built."""

from __future__ import annotations

import re
from functools import cache

from explorer.extract.gazetteer import country_codes_by_name
from explorer.extract.given_names import given_names
from explorer.extract.orgs import Organisation, org_names
from explorer.resources import data_path

_LEGAL = re.compile(
    r"(?:,? (?:Inc|Incorporated|Corp|Corporation|Co|Company|plc|PLC|Plc|AG|SE|SA|S\.A|NV|N\.V|Ltd|Limited|"
    r"Group|Holdings?|Holding AG|KGaA|AB|ASA|Oyj|SpA|S\.p\.A|A/S|Aktiengesellschaft)\.?)+$"
)
MIN_SINGLE_WORD = 4  # shorter one-word names are acronyms or words far more often than these companies


@cache
def listed_companies() -> list[tuple[str, Organisation]]:
    """(name, organisation) for each listed company's name and its short form without legal suffixes
    ("Umicore SA" → "Umicore"), leaving out short forms that are ordinary words or given names."""
    try:
        from pytickersymbols import PyTickerSymbols  # type: ignore[import-untyped]
    except ImportError:
        return []
    known = {name for name, _org in org_names()}
    words = _common_words() | given_names() | _words_in("listed_short_form_exclusions.txt")
    codes = country_codes_by_name()
    entries: list[tuple[str, Organisation]] = []
    for stock in PyTickerSymbols().get_all_stocks():
        name = (stock.get("name") or "").strip().rstrip(".")
        if not name or name in known:
            continue
        org = Organisation(name, "company", _country(stock.get("country"), codes))
        entries.append((name, org))
        short = _LEGAL.sub("", name).strip()
        if short and short != name and short not in known and _distinct(short, words):
            entries.append((short, org))
    return entries


def _distinct(name: str, words: frozenset[str]) -> bool:
    if " " in name:
        return True
    return len(name) >= MIN_SINGLE_WORD and name not in words and name.lower() not in words


def _country(where: str | None, codes: dict[str, str]) -> str | None:
    """Home country from the package's field: a country, or a US head office as "City, State"."""
    if not where:
        return None
    if where in codes:
        return codes[where]
    return "US" if "," in where else None


@cache
def _common_words() -> frozenset[str]:
    return _words_in("given_name_exclusions.txt")


def _words_in(file: str) -> frozenset[str]:
    lines = data_path(file).read_text(encoding="utf-8").splitlines()
    return frozenset(w for line in lines if not line.startswith("#") for w in line.split())
