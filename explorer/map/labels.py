"""Names the map draws on itself: countries from the basemap, and major cities and capitals."""

from __future__ import annotations

from functools import cache

from explorer.extract.gazetteer import countries
from explorer.extract.places import place_names

BIG_CITY = 2_000_000


@cache
def major_cities() -> list[list[object]]:
    """`[[name, lat, lon, population], ...]`, biggest first: cities of BIG_CITY people or more (GeoNames,
    via the gazetteer) and every national capital (population 0 when the gazetteer does not know it)."""
    seen: dict[str, list[object]] = {}
    for _surface, reading in place_names():
        place = reading.place
        if place.kind == "city" and not reading.alias and place.population >= BIG_CITY:
            seen.setdefault(
                place.name, [place.surface_name, round(place.lat, 3), round(place.lon, 3), place.population]
            )
    for country in countries().values():
        if country.capital and country.capital_lat is not None and country.capital not in seen:
            seen[country.capital] = [
                country.capital,
                round(country.capital_lat, 3),
                round(country.capital_lon or 0, 3),
                0,
            ]
    return sorted(seen.values(), key=lambda row: -int(row[3]))  # type: ignore[call-overload]
