"""The window's basemap and map page are built once per install and theme, then read from the cache.

Building them imports folium, jinja2, requests, shapely and pyshp and reads the gazetteer: about
100 MB that a process keeps for as long as it runs. So a first start builds them in a child process
(`explorer prepare-map`), and the window only ever reads the files. Should the child fail, the window
builds what is still missing itself: a map that costs memory beats no map.
"""

from __future__ import annotations

import contextlib
import subprocess
from pathlib import Path

from explorer.config import program_command
from explorer.geo.basemap import basemap_path, ensure_basemap
from explorer.map import page as map_page
from explorer.map.assets import url

CHILD_TIMEOUT_S = 300


def window_page(cache_dir: Path, theme: str) -> Path:
    """The window's page for `theme`, built first (in a child process) when the cache lacks it."""
    if not _cached(cache_dir, theme):
        _build_in_child(cache_dir, theme)
    return build(cache_dir, theme)


def build(cache_dir: Path, theme: str) -> Path:
    """Build, in this process, the basemap and page the cache lacks; the page's path."""
    basemap = ensure_basemap(cache_dir)
    return map_page.window_page(cache_dir, theme, _basemap_url(basemap))


def _cached(cache_dir: Path, theme: str) -> bool:
    basemap = basemap_path(cache_dir)
    return basemap.exists() and map_page.window_page_file(cache_dir, theme, _basemap_url(basemap)).exists()


def _basemap_url(basemap: Path) -> str:
    return url(f"generated/{basemap.name}")


def _build_in_child(cache_dir: Path, theme: str) -> None:
    command = program_command("prepare-map", "--theme", theme, "--cache-dir", str(cache_dir))
    with contextlib.suppress(OSError, subprocess.SubprocessError):  # `build` makes what is still missing
        subprocess.run(command, capture_output=True, timeout=CHILD_TIMEOUT_S, check=False)
