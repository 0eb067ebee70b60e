"""Painting big network pictures in short slices: the view only ever shows finished images.

As in a GIS map canvas, a zoom or a changed drawing first shows the last finished picture (scaled), and
the crisp one replaces it when it is complete. The picture is painted into an image a few hundred links
or nodes at a time, between which the event loop runs, so the GUI thread is never held for long. (A
worker thread does not help here: Qt's Python bindings keep the interpreter lock while painting, so a
painting thread stalls the GUI thread just the same, measured at 80-250 ms.)
"""

from __future__ import annotations

import math
import time
from collections.abc import Generator
from dataclasses import dataclass

from PySide6.QtCore import QObject, QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QImage, QPainter
from PySide6.QtWidgets import QWidget

from explorer.ui.network.paint import LinkStyle, Picture, nodes_in

# Rendered beyond the visible area on every side, as a share of the view: a short pan shows picture,
# not blank, while the next render is under way.
MARGIN = 0.5
SLICE_S = 0.012
CHUNK = 600  # links or nodes painted between two looks at the clock
# Line objects of a replaced picture freed per turn of the event loop: freeing 6,000 at once held the GUI
# thread for 40-55 ms.
RETIRE_CHUNK = 500


@dataclass(frozen=True)
class RenderRequest:
    generation: int  # which version of the picture
    scale: float  # device pixels per scene unit
    region: QRectF  # in scene coordinates
    ratio: float  # device pixel ratio of the screen


def render_steps(picture: Picture, request: RenderRequest) -> Generator[None, None, QImage]:
    """Paint the picture's `region` at `scale` on a transparent image, yielding between chunks; the
    image is the generator's return value."""
    width = max(1, math.ceil(request.region.width() * request.scale * request.ratio))
    height = max(1, math.ceil(request.region.height() * request.scale * request.ratio))
    image = QImage(width, height, QImage.Format.Format_ARGB32_Premultiplied)
    image.setDevicePixelRatio(request.ratio)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    try:
        painter.scale(request.scale, request.scale)
        painter.translate(-request.region.left(), -request.region.top())
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, picture.antialias_links)
        for style in picture.styles:
            painter.setPen(style.pen)
            lines = style.visible(request.region)
            for start in range(0, len(lines), CHUNK):
                painter.drawLines(lines[start : start + CHUNK])
                yield
        indices = nodes_in(request.region, picture.xs, picture.ys, picture.radii)
        for start in range(0, len(indices), CHUNK):
            picture.paint_nodes(painter, indices[start : start + CHUNK])
            yield
    finally:
        painter.end()
    return image


def render_picture(picture: Picture, request: RenderRequest) -> QImage:
    steps = render_steps(picture, request)
    while True:
        try:
            next(steps)
        except StopIteration as done:
            return done.value


class PictureRenderer(QObject):
    """Keeps the newest finished image of a picture and paints a new one, in slices, when the view
    needs it (another scale, an area not yet rendered, a changed picture)."""

    updated = Signal()  # a new image is ready to be shown

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._picture = Picture.empty()
        self._bounds = QRectF()
        self.generation = 0
        self.image: QImage | None = None
        self.shown: RenderRequest | None = None
        self._running: RenderRequest | None = None
        self._steps: Generator[None, None, QImage] | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._step)
        self._retired: list[list] = []
        self._retire_timer = QTimer(self)
        self._retire_timer.setInterval(0)
        self._retire_timer.timeout.connect(self._free_some)

    def set_picture(self, picture: Picture, bounds: QRectF) -> None:
        """A changed picture: the render under way is dropped, and the next paint asks for a new one."""
        self._stop()
        old, self._picture, self._bounds = self._picture, picture, QRectF(bounds)
        self.generation += 1
        if old is not picture:
            self.retire(old.styles)

    def retire(self, styles: list[LinkStyle]) -> None:
        """Styles no longer painted: their line objects are freed a few hundred per turn of the event
        loop."""
        self._retired += [lines for style in styles if (lines := style.take_lines())]
        if self._retired:
            self._retire_timer.start()

    def _free_some(self) -> None:
        lines = self._retired[-1]
        del lines[-RETIRE_CHUNK:]
        if not lines:
            self._retired.pop()
        if not self._retired:
            self._retire_timer.stop()

    def is_current(self) -> bool:
        return self.shown is not None and self.shown.generation == self.generation and self._steps is None

    def paint(self, painter: QPainter, widget: QWidget) -> None:
        """Show the newest image under the painter's current transform; start a better one if needed."""
        transform = painter.worldTransform()
        scale = transform.m11()
        visible = transform.inverted()[0].mapRect(QRectF(widget.rect())) & self._bounds
        shown = self.shown
        fresh = (
            shown is not None
            and shown.generation == self.generation
            and math.isclose(shown.scale, scale, rel_tol=1e-6)
            and shown.region.contains(visible)
        )
        if not fresh and not visible.isEmpty():
            margin_x, margin_y = visible.width() * MARGIN, visible.height() * MARGIN
            region = visible.adjusted(-margin_x, -margin_y, margin_x, margin_y) & self._bounds
            self._want(RenderRequest(self.generation, scale, region, widget.devicePixelRatioF()))
        if self.image is not None and shown is not None:
            painter.save()
            painter.translate(shown.region.topLeft())
            painter.scale(1 / shown.scale, 1 / shown.scale)
            painter.drawImage(QPointF(0, 0), self.image)
            painter.restore()

    def _want(self, request: RenderRequest) -> None:
        running = self._running
        if running is not None and (
            running.generation == request.generation
            and running.scale == request.scale
            and running.region.contains(request.region)
        ):
            return
        self._stop()
        self._running = request
        self._steps = render_steps(self._picture, request)
        self._timer.start()

    def _stop(self) -> None:
        self._timer.stop()
        if self._steps is not None:
            self._steps.close()
        self._steps, self._running = None, None

    def _step(self) -> None:
        steps = self._steps
        if steps is None:
            return
        deadline = time.perf_counter() + SLICE_S
        try:
            while time.perf_counter() < deadline:
                next(steps)
        except StopIteration as done:
            self.image, self.shown = done.value, self._running
            self._steps, self._running = None, None
            self.updated.emit()
            return
        self._timer.start()
