"""Build data/gazetteer/countries.json from pip-installed public data.

Sources: pycountry (ISO 3166 names and codes) and countryinfo (demonyms, alternative spellings, centroids,
capitals). The hand-written OVERRIDES below add the short forms and demonyms that news text uses.

Run: python scripts/build_gazetteer.py   (needs `pip install pycountry countryinfo`)
"""

from __future__ import annotations

import json
from pathlib import Path

import pycountry
from countryinfo import CountryInfo

OUT = Path(__file__).resolve().parents[1] / "data" / "gazetteer" / "countries.json"

# Extra surface forms. Names are case-sensitive matches in text; all-caps forms only match as written.
OVERRIDES: dict[str, dict[str, list[str]]] = {
    "US": {
        "names": ["United States", "United States of America", "US", "U.S.", "U.S.A.", "USA", "America"],
        "demonyms": ["American"],
    },
    "GB": {
        "names": ["United Kingdom", "UK", "U.K.", "Britain", "Great Britain", "England", "Scotland", "Wales"],
        "demonyms": ["British", "English", "Scottish", "Welsh"],
    },
    "AE": {"names": ["United Arab Emirates", "UAE", "U.A.E.", "Emirates"], "demonyms": ["Emirati"]},
    "CN": {
        "names": ["China", "People's Republic of China", "PRC", "Mainland China"],
        "demonyms": ["Chinese"],
    },
    "TW": {"names": ["Taiwan", "Republic of China"], "demonyms": ["Taiwanese"]},
    "KR": {"names": ["South Korea", "Republic of Korea", "Korea"], "demonyms": ["South Korean", "Korean"]},
    "KP": {"names": ["North Korea", "DPRK"], "demonyms": ["North Korean"]},
    "RU": {"names": ["Russia", "Russian Federation"], "demonyms": ["Russian"]},
    "IR": {"names": ["Iran", "Islamic Republic of Iran"], "demonyms": ["Iranian"]},
    "SA": {"names": ["Saudi Arabia", "Kingdom of Saudi Arabia", "KSA"], "demonyms": ["Saudi"]},
    "NL": {"names": ["Netherlands", "Holland"], "demonyms": ["Dutch"]},
    "AR": {"names": ["Argentina"], "demonyms": ["Argentine", "Argentinian"]},
    "CZ": {"names": ["Czech Republic", "Czechia"], "demonyms": ["Czech"]},
    "VN": {"names": ["Vietnam", "Viet Nam"], "demonyms": ["Vietnamese"]},
    "SY": {"names": ["Syria"], "demonyms": ["Syrian"]},
    "VE": {"names": ["Venezuela"], "demonyms": ["Venezuelan"]},
    "BO": {"names": ["Bolivia"], "demonyms": ["Bolivian"]},
    "TZ": {"names": ["Tanzania"], "demonyms": ["Tanzanian"]},
    "MD": {"names": ["Moldova"], "demonyms": ["Moldovan"]},
    "LA": {"names": ["Laos"], "demonyms": ["Lao", "Laotian"]},
    "PH": {"names": ["Philippines", "the Philippines"], "demonyms": ["Filipino", "Philippine"]},
    "NZ": {"names": ["New Zealand"], "demonyms": ["New Zealander", "Kiwi"]},
    "CH": {"names": ["Switzerland"], "demonyms": ["Swiss"]},
    "FR": {"names": ["France"], "demonyms": ["French"]},
    "DE": {"names": ["Germany"], "demonyms": ["German"]},
    "IL": {"names": ["Israel"], "demonyms": ["Israeli"]},
    "PS": {"names": ["Palestine", "Gaza", "West Bank"], "demonyms": ["Palestinian"]},
    "TR": {"names": ["Turkey", "Türkiye", "Turkiye"], "demonyms": ["Turkish"]},
    "CD": {
        "names": ["Democratic Republic of the Congo", "Democratic Republic of Congo", "DR Congo", "DRC"],
        "demonyms": ["Congolese"],
    },
    "CG": {"names": ["Republic of the Congo"], "demonyms": []},
    "CI": {"names": ["Ivory Coast", "Côte d'Ivoire"], "demonyms": ["Ivorian"]},
    "MM": {"names": ["Myanmar", "Burma"], "demonyms": ["Myanmar", "Burmese"]},
    "BN": {"names": ["Brunei"], "demonyms": ["Bruneian"]},
    "IN": {"names": ["India"], "demonyms": ["Indian"]},
    "JP": {"names": ["Japan"], "demonyms": ["Japanese"]},
    "QA": {"names": ["Qatar"], "demonyms": ["Qatari"]},
    "PK": {"names": ["Pakistan"], "demonyms": ["Pakistani"]},
    "UA": {"names": ["Ukraine"], "demonyms": ["Ukrainian"]},
}

# Centroids missing from countryinfo (approximate, from public atlases).
FALLBACK_LATLNG: dict[str, list[float]] = {
    "GB": [54.0, -2.0],
    "PS": [31.9, 35.2],
    "CW": [12.17, -68.99],
    "SX": [18.04, -63.07],
    "AX": [60.2, 20.0],
    "BL": [17.9, -62.83],
    "MF": [18.08, -63.05],
    "TC": [21.75, -71.58],
    "VG": [18.42, -64.62],
    "VI": [18.34, -64.9],
    "BQ": [12.18, -68.24],
    "AQ": [-75.0, 0.0],
}

# Alternative spellings that are ordinary words or name something else in English news text.
DROP_NAMES = {"Island", "Mann", "Mannin", "Viti", "Congo", "Guiana", "Prathet", "Dominique", "Thai", "Nippon"}

# Demonyms news text uses that the sources lack or spell otherwise ("Kazakhstani", "Kirghiz", "Tadzhik").
NEWS_DEMONYMS: dict[str, list[str]] = {
    "KZ": ["Kazakh"],
    "KG": ["Kyrgyz"],
    "TJ": ["Tajik"],
    "UZ": ["Uzbek"],
    "AZ": ["Azeri"],
    "BA": ["Bosnian"],
    "CV": ["Cape Verdean"],
    "DJ": ["Djiboutian"],
    "EC": ["Ecuadorian"],
    "KM": ["Comorian"],
    "MV": ["Maldivian"],
    "MK": ["North Macedonian"],
    "SR": ["Surinamese"],
    "SI": ["Slovenian"],
    "TL": ["Timorese"],
    "IS": ["Icelandic"],
    "AG": ["Antiguan"],
    "GW": ["Bissau-Guinean"],
    "BW": ["Botswanan"],
}

# Demonyms that are also common words, or that name something other than a country.
DROP_DEMONYMS = {"Guinean", "Congolese", "Virgin Islander", "Indian", "American", "Dominican", "Samoan"}


def _first(value: str | list[str] | None) -> str | None:
    if isinstance(value, list):
        value = value[0] if value else None
    return value or None


def _clean(values: list[str]) -> list[str]:
    seen: dict[str, None] = {}
    for value in values:
        value = value.strip()
        if value and value not in seen:
            seen[value] = None
    return list(seen)


def build() -> list[dict]:
    info: dict[str, dict] = {}
    # Several countryinfo files can share a code; keep the most complete one.
    for v in CountryInfo.all().values():
        code = v.get("ISO", {}).get("alpha2")
        if code and (code not in info or (v.get("latlng") and not info[code].get("latlng"))):
            info[code] = v
    rows = []
    for country in pycountry.countries:
        code = country.alpha_2
        data = info.get(code, {})
        common = getattr(country, "common_name", None) or country.name
        override = OVERRIDES.get(code, {})
        names = list(override.get("names", []))
        names += [common, country.name]
        if getattr(country, "official_name", None):
            names.append(country.official_name)
        if data.get("name"):
            names.append(data["name"])
        names += [s for s in data.get("altSpellings", []) if len(s) > 3 and "," not in s]
        # "the Netherlands": the article is not part of the name (news text and annotators leave it out).
        names = [n[4:] if n[:4] in ("the ", "The ") else n for n in names]
        names = [n for n in _clean(names) if "," not in n and "(" not in n and n not in DROP_NAMES]
        demonyms = list(override.get("demonyms", []))
        demonym = data.get("demonym")
        if demonym and demonym not in DROP_DEMONYMS and "," not in demonym:
            demonyms.append(demonym)
        demonyms += NEWS_DEMONYMS.get(code, [])
        latlng = data.get("latlng") or FALLBACK_LATLNG.get(code) or [None, None]
        capital_latlng = data.get("capital_latlng") or [None, None]
        rows.append(
            {
                "code": code,
                "name": OVERRIDES.get(code, {}).get("names", [common])[0],
                "names": names,
                "demonyms": _clean(demonyms),
                "lat": latlng[0] if len(latlng) == 2 else None,
                "lon": latlng[1] if len(latlng) == 2 else None,
                "capital": _first(data.get("capital")),
                "capital_lat": capital_latlng[0] if len(capital_latlng) == 2 else None,
                "capital_lon": capital_latlng[1] if len(capital_latlng) == 2 else None,
                "population": data.get("population") or 0,
            }
        )
    # A name claimed by two countries is ambiguous: keep it only on the more populous one.
    owner: dict[str, dict] = {}
    for row in sorted(rows, key=lambda r: -r["population"]):
        for field in ("names", "demonyms"):
            kept = []
            for value in row[field]:
                if value not in owner:
                    owner[value] = row
                    kept.append(value)
            row[field] = kept
    return sorted(rows, key=lambda r: r["code"])


def main() -> None:
    rows = build()
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(rows, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
    print(f"wrote {len(rows)} countries to {OUT.relative_to(OUT.parents[2])}")


if __name__ == "__main__":
    main()
