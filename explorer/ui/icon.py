"""The app's icon (assets/icons/: an SVG drawn for the project, PNG sizes rendered from it)."""

from __future__ import annotations

from PySide6.QtGui import QIcon

from explorer.resources import ResourceNotFound, asset_path

SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def app_icon() -> QIcon:
    """Every rendered size, so each place (title bar, task switcher, About box) gets a sharp one."""
    icon = QIcon()
    for size in SIZES:
        try:
            icon.addFile(str(asset_path(f"icons/briefing-explorer-{size}.png")))
        except ResourceNotFound:
            continue
    return icon
