"""Countries (names, short forms, demonyms, "X-based") and capitals, from data/gazetteer."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from typing import Literal

from explorer.extract.matcher import NameMatcher
from explorer.resources import data_path

PlaceRule = Literal["country-name", "demonym", "capital"]

# Capitals whose names are also common words, people or other well-known places.
_AMBIGUOUS_CAPITALS = {
    "Victoria",
    "Kingston",
    "Georgetown",
    "Hamilton",
    "Washington",
    "Nassau",
    "Valletta",
    "Male",
    "Praia",
    "Avarua",
    "Basseterre",
    "Castries",
    "Roseau",
    "Apia",
    "Palikir",
    "Funafuti",
    "Majuro",
    "Melekeok",
    "Ngerulmud",
    "Yaren",
    "Alofi",
    "Adamstown",
    "Flying Fish Cove",
    "West Island",
    "Jamestown",
    "Road Town",
    "Plymouth",
    "Saint John's",
    "San José",
    "San Juan",
    "Santiago",
    "Kingstown",
    "Hagåtña",
    "Sucre",
    "Sri Jayawardenepura Kotte",
}


@dataclass(frozen=True)
class Country:
    code: str
    name: str
    lat: float | None
    lon: float | None
    capital: str | None
    capital_lat: float | None
    capital_lon: float | None


@dataclass(frozen=True)
class PlaceHit:
    rule: PlaceRule
    code: str
    name: str
    lat: float | None
    lon: float | None


@cache
def countries() -> dict[str, Country]:
    rows = json.loads(data_path("gazetteer/countries.json").read_text(encoding="utf-8"))
    return {
        r["code"]: Country(
            r["code"], r["name"], r["lat"], r["lon"], r["capital"], r["capital_lat"], r["capital_lon"]
        )
        for r in rows
    }


@cache
def _rows() -> list[dict]:
    return json.loads(data_path("gazetteer/countries.json").read_text(encoding="utf-8"))


@cache
def place_matcher() -> NameMatcher[PlaceHit]:
    entries: list[tuple[str, PlaceHit]] = []
    table = countries()
    for row in _rows():
        country = table[row["code"]]
        for name in row["names"]:
            entries.append(
                (name, PlaceHit("country-name", country.code, country.name, country.lat, country.lon))
            )
        for demonym in row["demonyms"]:
            entries.append(
                (demonym, PlaceHit("demonym", country.code, country.name, country.lat, country.lon))
            )
    for country in table.values():
        if country.capital and country.capital not in _AMBIGUOUS_CAPITALS and country.capital_lat is not None:
            hit = PlaceHit("capital", country.code, country.capital, country.capital_lat, country.capital_lon)
            entries.append((country.capital, hit))
    return NameMatcher(entries)


def country_name(code: str) -> str:
    country = countries().get(code)
    return country.name if country else code
