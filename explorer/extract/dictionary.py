"""The one index of every name extraction knows: knowledge-base organisations, listed companies,
countries (with demonyms), regions and cities. One lookup per name finds all its readings."""

from __future__ import annotations

from functools import cache

from explorer.extract import dictionary_cache
from explorer.extract.gazetteer import PlaceHit, country_names
from explorer.extract.given_names import given_names
from explorer.extract.listed import listed_companies
from explorer.extract.matcher import NameIndex
from explorer.extract.orgs import Organisation, org_names
from explorer.extract.places import Candidate, place_index, place_names

Entry = Organisation | PlaceHit | Candidate  # what the dictionary holds for a name
ByType = tuple[tuple[Organisation, ...], tuple[PlaceHit, ...], tuple[Candidate, ...]]
NOTHING: ByType = ((), (), ())


@cache
def dictionary() -> NameIndex[Entry, ByType]:
    """Knowledge-base organisations, countries, regions and cities in one index: one lookup finds all.

    Each name's entry is its organisations, countries and place readings, split once when the index is
    built: the readings tuple is then the same object every time, so what places.py caches per tuple
    stays cached. Built once per install and then loaded from the cache folder (dictionary_cache.py)."""
    with dictionary_cache.lock:  # a thread that asks meanwhile gets this one, not a copy of its own
        stored = dictionary_cache.part("names")
        if isinstance(stored, NameIndex):
            return stored
        names: NameIndex[Entry, ByType] = NameIndex(
            [*org_names(), *listed_companies(), *country_names(), *place_names()], entry=_split
        )
        dictionary_cache.store({"names": names, "places": place_index(), "given_names": given_names()})
        return names


def names_other(word: str) -> bool:
    """Whether the word names an organisation, a country (or its people) or a place."""
    return dictionary().get(word) is not None


def country_hit(name: str) -> PlaceHit | None:
    """The country a name names ("U.S.", "China"), or None."""
    hits = (dictionary().get(name) or NOTHING)[1]
    return hits[0] if hits else None


def _split(values: tuple[Entry, ...]) -> ByType:
    return (
        tuple(v for v in values if isinstance(v, Organisation)),
        tuple(v for v in values if isinstance(v, PlaceHit)),
        tuple(v for v in values if isinstance(v, Candidate)),
    )
