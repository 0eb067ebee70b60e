"""Painting a network in batches: links grouped by pen, nodes stamped from pre-drawn discs.

Thousands of separate scene items cost a long first paint and slow zooms (measured on a 5,000-node
drawing: 140 ms for the first paint of 16,000 items). Here the links and nodes of a drawing are one
`Picture`, painted in a few batched calls and only where the exposed rectangle reaches.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPaintEngine, QPainter, QPen
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

DISC_CACHE_LIMIT = 4000


class LinkStyle:
    """All links drawn with one pen: their ends as an array (for culling) and as lines (for painting)."""

    def __init__(self, pen: QPen, ends: np.ndarray) -> None:
        self.pen = pen
        self.ends = ends  # one row (x1, y1, x2, y2) per link
        self._lines: list[QLineF] | None = None

    @property
    def lines(self) -> list[QLineF]:
        if self._lines is None:
            self._lines = [QLineF(*row) for row in self.ends.tolist()]
        return self._lines

    def take_lines(self) -> list[QLineF]:
        """The lines made so far, handed over (made again if the style is painted once more)."""
        lines, self._lines = self._lines, None
        return lines or []

    def move_end(self, slot: int, first: bool, point: QPointF) -> None:
        self.ends[slot, 0 if first else 2] = point.x()
        self.ends[slot, 1 if first else 3] = point.y()
        if self._lines is not None:
            self._lines[slot] = QLineF(*self.ends[slot].tolist())

    def visible(self, rect: QRectF | None) -> list[QLineF]:
        if rect is None or not len(self.ends):
            return self.lines
        x1, y1, x2, y2 = self.ends.T
        outside = (
            (np.maximum(x1, x2) < rect.left())
            | (np.minimum(x1, x2) > rect.right())
            | (np.maximum(y1, y2) < rect.top())
            | (np.minimum(y1, y2) > rect.bottom())
        )
        if not outside.any():
            return self.lines
        lines = self.lines
        return [lines[i] for i in np.flatnonzero(~outside).tolist()]


_discs: dict[tuple, QImage] = {}


def _disc(
    fill: QColor, fill_key: int, outline: QPen, outline_key: tuple, radius: float, ratio: float
) -> QImage:
    """An anti-aliased filled circle with an outline, drawn once per colour and size in device pixels."""
    if len(_discs) > DISC_CACHE_LIMIT:
        _discs.clear()
    key = (fill_key, outline_key, radius, ratio)
    disc = _discs.get(key)
    if disc is None:
        size = math.ceil(2 * radius + 2 * outline.widthF()) + 2
        disc = QImage(round(size * ratio), round(size * ratio), QImage.Format.Format_ARGB32_Premultiplied)
        disc.setDevicePixelRatio(ratio)
        disc.fill(Qt.GlobalColor.transparent)
        painter = QPainter(disc)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(outline)
        painter.setBrush(fill)
        painter.drawEllipse(QPointF(size / 2, size / 2), radius, radius)
        painter.end()
        _discs[key] = disc
    return disc


def nodes_in(rect: QRectF | None, xs: np.ndarray, ys: np.ndarray, radii: np.ndarray) -> np.ndarray:
    """Indices (in drawing order) of the nodes that reach into `rect`."""
    if rect is None:
        return np.arange(len(xs))
    inside = (
        (xs + radii >= rect.left())
        & (xs - radii <= rect.right())
        & (ys + radii >= rect.top())
        & (ys - radii <= rect.bottom())
    )
    return np.flatnonzero(inside)


@dataclass
class Picture:
    """What a drawing's links and nodes look like, in scene coordinates and independent of any view."""

    xs: np.ndarray
    ys: np.ndarray
    radii: np.ndarray
    fills: list[QColor]
    fill_keys: list[int]
    outline: QPen
    styles: list[LinkStyle]
    antialias_links: bool

    @classmethod
    def empty(cls) -> Picture:
        nothing = np.zeros(0)
        return cls(nothing, nothing, nothing, [], [], QPen(), [], True)

    def paint(self, painter: QPainter, exposed: QRectF | None) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, self.antialias_links)
        for style in self.styles:
            painter.setPen(style.pen)
            painter.drawLines(style.visible(exposed))
        self.paint_nodes(painter, nodes_in(exposed, self.xs, self.ys, self.radii))

    def paint_nodes(self, painter: QPainter, indices: np.ndarray) -> None:
        """Nodes as discs. Vector devices (SVG, PDF) get real ellipses; screens and images get stamped
        discs, several times faster than rasterising thousands of ellipses."""
        if not len(indices):
            return
        xs, ys, radii = self.xs, self.ys, self.radii
        if painter.paintEngine().type() in (QPaintEngine.Type.SVG, QPaintEngine.Type.Pdf):
            painter.setPen(self.outline)
            for i in indices.tolist():
                painter.setBrush(self.fills[i])
                painter.drawEllipse(QPointF(xs[i], ys[i]), radii[i], radii[i])
            return
        transform = painter.worldTransform()
        scale = transform.m11()
        px = (xs[indices] * scale + transform.dx()).tolist()
        py = (ys[indices] * transform.m22() + transform.dy()).tolist()
        device_radii = np.maximum(np.round(radii[indices] * scale * 2) / 2, 1.0).tolist()
        ratio = painter.device().devicePixelRatioF()
        fills, keys, outline = self.fills, self.fill_keys, self.outline
        outline_key = (outline.color().rgba(), outline.widthF())  # once, not per node
        painter.save()
        painter.resetTransform()
        for i, x, y, r in zip(indices.tolist(), px, py, device_radii, strict=True):
            disc = _disc(fills[i], keys[i], outline, outline_key, r, ratio)
            half = disc.width() / ratio / 2
            painter.drawImage(QPointF(x - half, y - half), disc)
        painter.restore()


class Layer(QGraphicsItem):
    """One scene item that paints part of the drawing through a callback, given the exposed rectangle
    (None when everything is exposed) and the widget painted on (None when rendering to a file)."""

    def __init__(self, paint: Callable[[QPainter, QRectF | None, QWidget | None], None], z: float) -> None:
        super().__init__()
        self._paint = paint
        self._rect = QRectF()
        self.setZValue(z)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemUsesExtendedStyleOption)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)

    def set_rect(self, rect: QRectF) -> None:
        self.prepareGeometryChange()
        self._rect = QRectF(rect)

    def boundingRect(self) -> QRectF:
        return self._rect

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        exposed = option.exposedRect
        self._paint(painter, None if exposed.contains(self._rect) else exposed, widget)
