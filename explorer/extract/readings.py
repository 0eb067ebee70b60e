"""The readings of a place name: every country and gazetteer place it can stand for ("Georgia": the
country, or the US state), for an analyst who re-pins a name the extraction read the other way."""

from __future__ import annotations

from explorer.extract import dictionary_cache, readings_file
from explorer.extract.dictionary import dictionary
from explorer.extract.readings_file import LIMIT, Reading, readings_of

__all__ = ["Reading", "readings"]


def readings(surface: str, limit: int = LIMIT) -> list[Reading]:
    """The readings of a name, countries first, then places by population. A process without the
    dictionary loaded asks the readings file instead of loading it."""
    if not dictionary_cache.loaded():
        stored = readings_file.lookup(surface)
        if stored is not None:
            return stored[:limit]
    return readings_of(dictionary().get(surface), limit)
