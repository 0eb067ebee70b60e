"""Render the app icon's PNG sizes from its SVG (assets/icons/): run after changing the drawing.

.venv/bin/python scripts/render_icon.py
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

from explorer.ui.icon import SIZES

ICONS = Path(__file__).resolve().parent.parent / "assets" / "icons"


def render(svg: Path, size: int, out: Path) -> None:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    QSvgRenderer(str(svg)).render(painter)
    painter.end()
    if not image.save(str(out)):
        raise SystemExit(f"could not write {out}")


def main() -> int:
    QGuiApplication.instance() or QGuiApplication([*sys.argv[:1], "-platform", "offscreen"])
    svg = ICONS / "briefing-explorer.svg"
    for size in SIZES:
        render(svg, size, ICONS / f"briefing-explorer-{size}.png")
    print(f"rendered {len(SIZES)} sizes into {ICONS.name}/")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
