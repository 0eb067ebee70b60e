"""The window's basemap and map page are built once per install and theme, then read from the cache.

Building them imports folium, jinja2, requests, shapely and pyshp and reads the gazetteer: about
100 MB that a process keeps for as long as it runs. So a first start builds them in a child process
(`explorer prepare-map`), and the window only ever reads the files. Should the child fail, the window
builds what is still missing itself: a map that costs memory beats no map.
"""

from __future__ import annotations

import subprocess
import threading
from pathlib import Path

from explorer.config import program_command
from explorer.geo.basemap import basemap_path, ensure_basemap
from explorer.map import page as map_page
from explorer.map.assets import url

# The build takes 2 to 3 s; a child still at it after this long is stuck, and the window builds instead.
CHILD_TIMEOUT_S = 60


class Stopped(RuntimeError):
    """The window closed while its page was being built."""


class PageBuild:
    """The window's page, found in the cache or built; `stop` (the window is closing) ends a build still
    running, so the thread waiting for it returns at once."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._child: subprocess.Popen | None = None
        self._stopped = False

    def window_page(self, cache_dir: Path, theme: str) -> Path:
        """The page for `theme`, built first (in a child process) when the cache lacks it."""
        if not _cached(cache_dir, theme):
            self._build_in_child(cache_dir, theme)
            if self._stopped:
                raise Stopped("the window closed before its map was built")
        return build(cache_dir, theme)

    def stop(self) -> None:
        with self._lock:
            self._stopped = True
            if self._child is not None:
                self._child.kill()

    def _build_in_child(self, cache_dir: Path, theme: str) -> None:
        """Run the child to its end; if it cannot start, fails or hangs, `build` makes what is missing."""
        command = program_command("prepare-map", "--theme", theme, "--cache-dir", str(cache_dir))
        with self._lock:
            if self._stopped:
                return
            try:
                child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            except OSError:
                return
            self._child = child
        try:
            child.wait(timeout=CHILD_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            child.kill()
            child.wait()
        finally:
            with self._lock:
                self._child = None


def window_page(cache_dir: Path, theme: str) -> Path:
    """The window's page for `theme`, built in a child process when the cache lacks it."""
    return PageBuild().window_page(cache_dir, theme)


def build(cache_dir: Path, theme: str) -> Path:
    """Build, in this process, the basemap and page the cache lacks; the page's path."""
    basemap = ensure_basemap(cache_dir)
    return map_page.window_page(cache_dir, theme, _basemap_url(basemap))


def _cached(cache_dir: Path, theme: str) -> bool:
    basemap = basemap_path(cache_dir)
    return basemap.exists() and map_page.window_page_file(cache_dir, theme, _basemap_url(basemap)).exists()


def _basemap_url(basemap: Path) -> str:
    return url(f"generated/{basemap.name}")
