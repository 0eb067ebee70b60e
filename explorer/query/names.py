"""Turning what people type ("Japan", "Alibaba Group") into what the store holds ("JP", "Alibaba")."""

from __future__ import annotations

from functools import cache, lru_cache

from explorer.extract import dictionary_cache, extract_text, readings_file
from explorer.extract.gazetteer import country_names
from explorer.model import Filter
from explorer.query.language import ParsedQuery, parse_query


@lru_cache(maxsize=512)
def resolve_country(name: str) -> str | None:
    """The country a name stands for: "Japan", "japanese", "UK", "中华人民共和国", a code ("CN"), or a
    place in it ("Paris")."""
    key = name.strip()
    named = _country_codes().get(key.casefold())
    if named:
        return named
    if len(key) == 2 and key.isalpha():
        return key.upper()  # a code: "CN"
    found = [m for m in extract_text(name) if m.kind == "place" and m.country]
    return (
        found[0].country if len(found) == 1 and found[0].end - found[0].start == len(name.strip()) else None
    )


@lru_cache(maxsize=512)
def canonical_name(kind: str, name: str) -> str:
    """The knowledge base's name for an alias or ticker ("TSM" → "TSMC"); otherwise the name as typed."""
    if kind == "person":
        return name  # no knowledge base holds people: extraction names them as the text writes them
    if not dictionary_cache.loaded():  # the window: ask the dictionary's file, not the dictionary
        known = readings_file.named(name)
        if known is not None:
            other, other_kind = known
            return other if other is not None and (not kind or other_kind == kind) else name
    found = extract_text(name)
    if (
        len(found) == 1
        and found[0].start == 0
        and found[0].end == len(name)
        and (not kind or found[0].kind == kind)
    ):
        return found[0].name
    return name


@cache
def _country_codes() -> dict[str, str]:
    """Every name, short form and demonym of every country in any case ("japan", "UK"), from the
    gazetteer's own small table: a `country:` search by any of them never loads the extraction
    dictionary (40 MB, and 0.2 s on the window's GUI thread), which only a place inside a country needs.
    A name two countries shared would read as the first, as extraction reads it."""
    codes: dict[str, str] = {}
    for surface, hit in country_names():
        codes.setdefault(surface.casefold(), hit.code)
    return codes


def parse(text: str) -> ParsedQuery:
    """A query as typed, with country names resolved to codes ("country:Japan" → JP)."""
    return parse_query(text, resolve_country) if text else ParsedQuery()


def named_countries(flt: Filter) -> tuple[str, ...]:
    """The countries a filter names, as chips or as `country:` terms in its query: what a map of it
    is framed on."""
    found = list(flt.countries)
    found += [code for code in parse(flt.query).countries if code not in found]
    return tuple(found)
