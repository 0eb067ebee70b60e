"""Names the map draws on itself: countries from the basemap, and major cities and capitals."""

from __future__ import annotations

import csv
from functools import cache

from explorer.extract.gazetteer import countries
from explorer.resources import data_path

BIG_CITY = 2_000_000


@cache
def major_cities() -> list[list[object]]:
    """`[[name, lat, lon, population], ...]`, biggest first: cities of BIG_CITY people or more (GeoNames,
    via the gazetteer's table, read as a stream: the window needs these few hundred rows, not the whole
    place index extraction builds) and every national capital (population 0 when the gazetteer does not
    know it)."""
    biggest: dict[tuple[str, str], dict[str, str]] = {}  # per name and country, its most populous city
    with data_path("gazetteer/places.tsv").open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            if row["kind"] == "city" and int(row["population"]) >= BIG_CITY:
                key = (row["name"], row["country"])
                if key not in biggest or int(row["population"]) > int(biggest[key]["population"]):
                    biggest[key] = row
    seen: dict[tuple[str, str], list[object]] = {
        key: [row["name"], round(float(row["lat"]), 3), round(float(row["lon"]), 3), int(row["population"])]
        for key, row in biggest.items()
    }
    names = {name for name, _country in seen}
    for country in countries().values():
        if country.capital and country.capital_lat is not None and country.capital not in names:
            names.add(country.capital)
            seen[(country.capital, "")] = [
                country.capital,
                round(country.capital_lat, 3),
                round(country.capital_lon or 0, 3),
                0,
            ]
    return sorted(seen.values(), key=lambda row: -int(row[3]))  # type: ignore[call-overload]
