"""The map page: a folium map wired to local assets, our map script and a strict Content-Security-Policy.

Pure HTML generation, no Qt. The page is written once and loaded by URL; data changes afterwards are
pushed into it as JSON (see assets/map/map.js), never by rebuilding the page.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Sequence
from html import escape
from pathlib import Path

from explorer.cache_files import digest_of, sweep, write_whole
from explorer.extract import compiled
from explorer.map.assets import AssetRoutes, url
from explorer.map.labels import major_cities
from explorer.resources import data_path

QWEBCHANNEL_JS = "qrc:///qtwebchannel/qwebchannel.js"
THEMES = ("light", "dark", "projector")
_PAGE_PACKAGES = ("folium", "branca", "jinja2")

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
    from explorer.map.folium_page import render  # folium, branca and jinja2: about 0.3 s to import

    options = {
        "basemap": basemap_url or url("generated/basemap.geojson"),
        "theme": theme,
        "snapshot": snapshot,
        "cities": major_cities(),  # names drawn on the map with the countries' own
    }
    options.update(extra_options or {})
    return with_csp(render(options, bridge))


def window_page(folder: Path, theme: str, basemap_url: str) -> Path:
    """The window's page, built once per theme, basemap and version of what makes it, and kept in
    `folder`: a start then loads it without importing folium or reading the gazetteer for the cities."""
    page = window_page_file(folder, theme, basemap_url)
    if not page.exists():  # whole or absent: a second window may be starting too
        html = build(theme=theme, basemap_url=basemap_url).encode("utf-8")
        write_whole(page, lambda fh: fh.write(html))
        sweep(folder, f"map-{theme}-*.html", keep=page)
    return page


def window_page_file(folder: Path, theme: str, basemap_url: str) -> Path:
    """Where `window_page` keeps the page, whether it is built yet or not."""
    return folder / f"map-{theme}-{digest_of(page_inputs(), _PAGE_PACKAGES, f'{theme} {basemap_url}')}.html"


def page_inputs() -> list[Path]:
    """What the window's page is made from besides its theme, basemap and packages: this code and the
    cities' names (the gazetteer's big cities and the countries' capitals)."""
    here = Path(__file__)
    code = [here, here.with_name("folium_page.py"), here.with_name("labels.py"), here.with_name("assets.py")]
    data = [data_path("gazetteer/places.tsv"), data_path("gazetteer/countries.json")]
    return [*code, compiled.PACKAGE / "gazetteer.py", *data]  # its source, compiled or not


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
