"""What the map page may load, and from where. Pure lookup; the Qt scheme handler only serves it.

Every URL the page uses is app://explorer/<route>/<file>; nothing else is reachable.
"""

from __future__ import annotations

import mimetypes
from pathlib import Path, PurePosixPath

from explorer.resources import asset_path

SCHEME = "app"
HOST = "explorer"
BASE_URL = f"{SCHEME}://{HOST}"

_MIME = {
    ".js": "text/javascript",
    ".css": "text/css",
    ".html": "text/html",
    ".geojson": "application/geo+json",
    ".json": "application/json",
    ".png": "image/png",
    ".svg": "image/svg+xml",
}


def _vendor_roots() -> dict[str, Path]:
    import xstatic.pkg.jquery as jquery
    import xstatic.pkg.leaflet as leaflet

    return {
        "leaflet": Path(leaflet.BASE_DIR),
        "jquery": Path(jquery.BASE_DIR),
    }


class AssetRoutes:
    """Maps app:// paths to files: vendor libraries, our assets and generated files (page, basemap)."""

    def __init__(self, assets_dir: Path, generated_dir: Path) -> None:
        self._roots = {f"vendor/{k}": v for k, v in _vendor_roots().items()}
        self._roots["assets"] = assets_dir
        self._roots["generated"] = generated_dir

    def resolve(self, url_path: str) -> Path | None:
        """The file for an app:// path, or None when the path is unknown or escapes its root."""
        parts = PurePosixPath(url_path.lstrip("/")).parts
        for depth in (2, 1):
            prefix = "/".join(parts[:depth])
            root = self._roots.get(prefix)
            if root is None or len(parts) <= depth:
                continue
            candidate = (root / Path(*parts[depth:])).resolve()
            if not candidate.is_relative_to(root.resolve()) or not candidate.is_file():
                return None
            return candidate
        return None


def asset_routes(generated_dir: Path) -> AssetRoutes:
    """The map page's routes: vendor libraries, assets/map/ and the files generated in `generated_dir`."""
    return AssetRoutes(asset_path("map").parent, generated_dir)


def mime_type(path: Path) -> str:
    return _MIME.get(path.suffix.lower()) or mimetypes.guess_type(path.name)[0] or "application/octet-stream"


def url(route: str) -> str:
    return f"{BASE_URL}/{route}"
