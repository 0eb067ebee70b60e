"""Where the network's names go: beside their nodes, most important first, never over one another, and to
the left of a node whose name would run past the right edge."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QFontMetricsF

GAP = 3.0  # pixels between a node's edge and its name


def place_labels(
    anchors: list[tuple[QPointF, float, str]],
    metrics: QFontMetricsF,
    rise: float,
    width: float,
    taken: list[QRectF],
) -> list[tuple[QPointF, str]]:
    """`anchors`: (node centre, node radius, name) in screen pixels, most important first. Returns the
    baseline point and name of each name that finds room; `taken` grows with the boxes they use."""
    placed = []
    height, ascent = metrics.height(), metrics.ascent()
    for centre, radius, name in anchors:
        advance = metrics.horizontalAdvance(name)
        x = centre.x() + radius + GAP
        if x + advance > width and centre.x() - radius - GAP - advance >= 0:
            x = centre.x() - radius - GAP - advance
        baseline = centre.y() + rise
        box = QRectF(x, baseline - ascent, advance, height)
        if any(box.intersects(other) for other in taken):
            continue  # hovering the node, or zooming in, names it
        taken.append(box)
        placed.append((QPointF(x, baseline), name))
    return placed
