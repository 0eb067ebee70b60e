"""Map exports that need no rendering: self-contained HTML, GeoJSON, KML and CSV."""

from __future__ import annotations

import json
from pathlib import Path

from explorer.geo.basemap import ensure_basemap
from explorer.map import page as map_page
from explorer.map.assets import asset_routes
from explorer.map.gis import locations_document
from explorer.map.payload import map_data, snapshot_caption
from explorer.model import Filter
from explorer.query import named_countries
from explorer.store import Store

PNG = "png"
TEXT_FORMATS = ("html", "geojson", "kml", "csv")
FORMATS = (PNG, *TEXT_FORMATS)


def export_text(
    store: Store, flt: Filter, fmt: str, cache_dir: Path, theme: str = "light", title: str = ""
) -> str:
    data = map_data(store, flt)
    if fmt != "html":
        return locations_document(data, fmt, title)
    basemap = json.loads(ensure_basemap(cache_dir).read_text(encoding="utf-8"))
    payload = data.to_json()
    # No app behind a standalone page: popups carry their briefing titles with them.
    payload["popups"] = {
        p.id: [f"{r.published or 'undated'} — {r.title}" for r in store.briefings_mentioning(p.id, flt)]
        for p in data.places
    }
    routes = asset_routes(cache_dir)
    caption = snapshot_caption(store, flt, title or "Briefing Explorer — story locations")
    return map_page.build_standalone(theme, basemap, payload, caption, routes, fit=named_countries(flt))
