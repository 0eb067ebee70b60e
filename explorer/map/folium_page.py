"""The map page's HTML from folium: a map wired to local assets and our map script. Imported only when a
page is built (explorer/map/page.py): folium, branca and jinja2 take about 0.3 s to import."""

from __future__ import annotations

import json

import folium
from branca.element import JavascriptLink, MacroElement
from jinja2 import Template

from explorer.map.assets import url
from explorer.map.page import QWEBCHANNEL_JS


def render(options: dict, bridge: bool) -> str:
    """The page, its script handed `options`, without its Content-Security-Policy."""
    fmap = folium.Map(
        location=[25, 10],
        zoom_start=2,
        min_zoom=1,
        max_zoom=10,
        tiles=None,
        zoom_control=True,
        prefer_canvas=True,
        world_copy_jump=True,
    )
    # Assign on the instance: add_js_link would edit the list that every folium map shares.
    fmap.default_js = [
        ("leaflet", url("vendor/leaflet/leaflet.js")),
        ("jquery", url("vendor/jquery/jquery.min.js")),
    ]
    fmap.default_css = [
        ("leaflet_css", url("vendor/leaflet/leaflet.css")),
        ("explorer_map_css", url("assets/map/map.css")),
    ]
    root = fmap.get_root()
    if bridge:
        root.header.add_child(JavascriptLink(QWEBCHANNEL_JS), name="qwebchannel")
    root.header.add_child(JavascriptLink(url("assets/map/map.js")), name="explorer_map_js")
    fmap.add_child(_Init(options), name="explorer_init")
    return root.render()


class _Init(MacroElement):
    """Hands the Leaflet map to our script once folium has created it."""

    _template = Template(
        "{% macro script(this, kwargs) %}"
        "ExplorerMap.init({{ this._parent.get_name() }}, {{ this.options_json }});"
        "{% endmacro %}"
    )

    def __init__(self, options: dict) -> None:
        super().__init__()
        self._name = "ExplorerInit"
        # JSON inside a <script>: escape "<" so no value can close the script element.
        self.options_json = json.dumps(options).replace("<", "\\u003c")
