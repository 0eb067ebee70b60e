"""The map page: a folium map wired to local assets, our map script and a strict Content-Security-Policy.

Pure HTML generation, no Qt. The page is written once and loaded by URL; data changes afterwards are
pushed into it as JSON (see assets/map/map.js), never by rebuilding the page.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from collections.abc import Sequence
from html import escape

import folium
from branca.element import JavascriptLink, MacroElement
from jinja2 import Template

from explorer.map.assets import AssetRoutes, url
from explorer.map.labels import major_cities

QWEBCHANNEL_JS = "qrc:///qtwebchannel/qwebchannel.js"
THEMES = ("light", "dark", "projector")

_INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.DOTALL)


def build(
    theme: str = "light",
    basemap_url: str | None = None,
    bridge: bool = True,
    snapshot: bool = False,
    extra_options: dict | None = None,
) -> str:
    """Return the page HTML. Every URL in it is app:// or qrc:// (never a network address).

    `snapshot` hides the interactive controls (zoom buttons) for exported images.
    """
    if theme not in THEMES:
        raise ValueError(f"unknown theme {theme!r}; choose one of {', '.join(THEMES)}")
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
    options = {
        "basemap": basemap_url or url("generated/basemap.geojson"),
        "theme": theme,
        "snapshot": snapshot,
        "cities": major_cities(),  # names drawn on the map with the countries' own
    }
    options.update(extra_options or {})
    fmap.add_child(_Init(options), name="explorer_init")
    return with_csp(root.render())


def build_standalone(
    theme: str, basemap: dict, data: dict, caption: dict, routes: AssetRoutes, fit: Sequence[str] = ()
) -> str:
    """One self-contained offline HTML file: scripts, styles, shapes and data inlined, no bridge. It opens
    framed on the `fit` countries (the filter's), else the world, and is titled as its caption."""
    options = {"basemapData": basemap, "data": data, "caption": caption, "fit": list(fit)}
    html = build(theme=theme, bridge=False, extra_options=options)
    title = f"<title>{escape(caption.get('title') or 'Briefing Explorer')}</title>"
    html = html.replace("<head>", "<head>\n    " + title, 1)
    html = re.sub(r'\s*<meta http-equiv="Content-Security-Policy"[^>]*>', "", html, count=1)

    def inline_script(match: re.Match[str]) -> str:
        body = _asset_text(routes, match.group(1)).replace("</script", "<\\/script")
        return f"<script>{body}</script>"

    def inline_style(match: re.Match[str]) -> str:
        return f"<style>{_asset_text(routes, match.group(1))}</style>"

    html = re.sub(r'<script src="app://explorer(/[^"]+)"></script>', inline_script, html)
    html = re.sub(r'<link rel="stylesheet" href="app://explorer(/[^"]+)"/>', inline_style, html)
    return with_csp(html)


def _asset_text(routes: AssetRoutes, path: str) -> str:
    resolved = routes.resolve(path)
    if resolved is None:
        raise FileNotFoundError(f"map asset missing: {path}")
    return resolved.read_text(encoding="utf-8")


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


def with_csp(html: str) -> str:
    """Allow only local resources, and only the inline scripts this page was built with (by hash)."""
    hashes = " ".join(
        "'sha256-" + base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode() + "'"
        for body in _INLINE_SCRIPT.findall(html)
    )
    policy = (
        "default-src 'none'; "
        f"script-src app: qrc: {hashes}; "
        "style-src app: 'unsafe-inline'; "
        "img-src app: data:; "
        "font-src app:; "
        "connect-src app:; "
        "base-uri 'none'; form-action 'none'"
    )
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy}">'
    return html.replace("<head>", "<head>\n    " + meta, 1)
