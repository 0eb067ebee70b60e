"""Given names that start a person's name without any other cue ("Kenneth Clarke told…").

Two sources: our own list (data/given_names.txt, taken as it is) and the first names of every Latin-script
locale in the `faker` package, a maintained set of name lists for about 80 countries. Of those, a name that
is also a place (a country, a demonym, a region or sea, a city of 100,000 people or more), an organisation or
a common English word (data/given_name_exclusions.txt) is left out: "Georgia Power", "Will China…".
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from collections.abc import Iterator
from functools import cache

from explorer.extract import dictionary_cache
from explorer.extract.gazetteer import country_names
from explorer.extract.orgs import org_names
from explorer.extract.places import place_names
from explorer.resources import data_path

MIN_LETTERS = 3  # two-letter words in capitals are too often something else ("Al", "Do", "Le")
BIG_PLACE = 100_000
_LATIN_NAME = re.compile(r"[A-Z][a-zà-öø-ÿāăąćčďđēėęěğģīįıķĺļľłńņňōőœŕřśşšţťūůűųźżž'’-]+")
_FAKER_LISTS = ("first_names", "first_names_male", "first_names_female", "first_names_nonbinary")


@cache
def given_names() -> frozenset[str]:
    stored = dictionary_cache.part("given_names", _built_given_names)  # kept with the dictionary
    return stored if isinstance(stored, frozenset) else _built_given_names()


def _built_given_names() -> frozenset[str]:
    ours = set(_words("given_names.txt"))  # compiled with care: taken as they are
    theirs = {n for n in _faker_first_names() if len(n) >= MIN_LETTERS}
    return frozenset(ours | (theirs - _not_given_names()))


def _words(name: str) -> Iterator[str]:
    for line in data_path(name).read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            yield from line.split()


def _faker_first_names() -> set[str]:
    try:
        import faker.providers.person as person
    except ImportError:  # the list of our own still works
        return set()
    found: set[str] = set()
    for module in pkgutil.iter_modules(person.__path__):
        try:
            provider = importlib.import_module(f"{person.__name__}.{module.name}").Provider
        except (ImportError, AttributeError):
            continue
        for attribute in _FAKER_LISTS:
            names = provider.__dict__.get(attribute)
            if isinstance(names, list | tuple | dict):  # dicts map names to weights
                found.update(n for n in names if isinstance(n, str) and _LATIN_NAME.fullmatch(n))
    return found


def _not_given_names() -> set[str]:
    excluded = set(_words("given_name_exclusions.txt"))
    excluded.update(name for name, _hit in country_names())
    excluded.update(name for name, _org in org_names())
    excluded.update(
        name
        for name, reading in place_names()
        if reading.place.kind in ("country", "region", "feature") or reading.place.population >= BIG_PLACE
    )
    return excluded
