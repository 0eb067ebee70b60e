"""Countries (names, short forms, demonyms, "X-based"), from data/gazetteer; cities live in places.py."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from typing import Literal

from explorer.resources import data_path

PlaceRule = Literal["country-name", "demonym"]


@dataclass(frozen=True)
class Country:
    code: str
    name: str
    population: int
    lat: float | None
    lon: float | None
    capital: str | None
    capital_lat: float | None
    capital_lon: float | None


@dataclass(frozen=True, slots=True)
class PlaceHit:
    rule: PlaceRule
    code: str
    name: str
    lat: float | None
    lon: float | None

    def __reduce__(self) -> tuple[type[PlaceHit], tuple]:
        # Compiled (mypyc), the class unpickles only through its constructor.
        return (PlaceHit, (self.rule, self.code, self.name, self.lat, self.lon))


@cache
def countries() -> dict[str, Country]:
    rows = json.loads(data_path("gazetteer/countries.json").read_text(encoding="utf-8"))
    return {
        r["code"]: Country(
            r["code"],
            r["name"],
            int(r.get("population") or 0),
            r["lat"],
            r["lon"],
            r["capital"],
            r["capital_lat"],
            r["capital_lon"],
        )
        for r in rows
    }


@cache
def _rows() -> list[dict]:
    return json.loads(data_path("gazetteer/countries.json").read_text(encoding="utf-8"))


@cache
def country_names() -> list[tuple[str, PlaceHit]]:
    """Every surface form of every country: names, short forms and demonyms."""
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
    return entries


@cache
def country_surfaces() -> frozenset[str]:
    """Every name (not demonym) that the gazetteer reads as a country."""
    return frozenset(name for row in _rows() for name in row["names"])


@cache
def country_codes_by_name() -> dict[str, str]:
    return {name: row["code"] for row in _rows() for name in row["names"]}


def country_name(code: str) -> str:
    country = countries().get(code)
    return country.name if country else code
