"""Story locations with counts as GeoJSON, KML or CSV, for GIS tools."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from xml.sax.saxutils import escape

from explorer.extract.gazetteer import countries
from explorer.map.payload import MapData

FORMATS = ("geojson", "kml", "csv")


@dataclass(frozen=True)
class Location:
    kind: str  # "country" or "place"
    name: str
    country: str
    lat: float
    lon: float
    briefings: int


def locations(data: MapData) -> list[Location]:
    table = countries()
    rows = []
    for code, count in sorted(data.counts.items(), key=lambda kv: (-kv[1], kv[0])):
        country = table.get(code)
        if country and country.lat is not None and country.lon is not None:
            rows.append(Location("country", country.name, code, country.lat, country.lon, count))
    rows += [
        Location("place", p.name, p.country or "", p.lat, p.lon, p.mentions)
        for p in data.places
        if p.lat is not None and p.lon is not None
    ]
    return rows


def locations_document(data: MapData, fmt: str, title: str = "") -> str:
    rows = locations(data)
    if fmt == "geojson":
        return _geojson(rows)
    if fmt == "kml":
        return _kml(rows, title or "Briefing Explorer story locations")
    if fmt == "csv":
        return _csv(rows)
    raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")


def _geojson(rows: list[Location]) -> str:
    features = [
        {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [r.lon, r.lat]},
            "properties": {"name": r.name, "kind": r.kind, "country": r.country, "briefings": r.briefings},
        }
        for r in rows
    ]
    return json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False, indent=1)


def _kml(rows: list[Location], title: str) -> str:
    marks = "\n".join(
        f"""    <Placemark>
      <name>{escape(r.name)}</name>
      <description>{r.briefings} briefing{"s" if r.briefings != 1 else ""}</description>
      <ExtendedData>
        <Data name="kind"><value>{r.kind}</value></Data>
        <Data name="country"><value>{escape(r.country)}</value></Data>
        <Data name="briefings"><value>{r.briefings}</value></Data>
      </ExtendedData>
      <Point><coordinates>{r.lon},{r.lat}</coordinates></Point>
    </Placemark>"""
        for r in rows
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<kml xmlns="http://www.opengis.net/kml/2.2">\n  <Document>\n'
        f"    <name>{escape(title)}</name>\n"
        f"{marks}\n  </Document>\n</kml>\n"
    )


def _csv(rows: list[Location]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["kind", "name", "country", "lat", "lon", "briefings"])
    for r in rows:
        writer.writerow([r.kind, _safe_cell(r.name), r.country, r.lat, r.lon, r.briefings])
    return out.getvalue()


def _safe_cell(value: str) -> str:
    """Spreadsheets run cells starting with = + - @ as formulas; names come from untrusted text."""
    return "'" + value if value[:1] in ("=", "+", "-", "@") else value
