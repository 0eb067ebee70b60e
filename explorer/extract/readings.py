"""The readings of a place name: every country and gazetteer place it can stand for ("Georgia": the
country, or the US state), for an analyst who re-pins a name the extraction read the other way."""

from __future__ import annotations

from typing import NamedTuple

from explorer.extract.dictionary import dictionary


class Reading(NamedTuple):
    name: str  # the entity name extraction gives this reading ("Georgia, United States")
    kind: str  # country, region, city…
    country: str | None
    lat: float | None
    lon: float | None


def readings(surface: str, limit: int = 8) -> list[Reading]:
    """The readings of a name, countries first, then places by population."""
    entry = dictionary().get(surface)
    if entry is None:
        return []
    _orgs, hits, candidates = entry
    found = [Reading(hit.name, "country", hit.code, hit.lat, hit.lon) for hit in hits]
    places = sorted((c.place for c in candidates), key=lambda p: -p.population)
    found += [Reading(p.name, p.kind, p.country or None, p.lat, p.lon) for p in places]
    unique: dict[tuple[str, str | None], Reading] = {}
    for reading in found:
        unique.setdefault((reading.name, reading.country), reading)
    return list(unique.values())[:limit]
