"""The network's view: zoom and scroll, hover, click, drag and context menus on the drawn nodes, and
the level of detail (once the view settles, the link budget goes to the part in view)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPointF, Qt, QTimer, Signal
from PySide6.QtGui import QPainter, QWheelEvent
from PySide6.QtWidgets import QGraphicsView, QToolTip

from explorer.ui.network.scene import NetworkScene

HIT_TOLERANCE_PX = 3.0
DETAIL_DELAY_MS = 150  # after a zoom or a scroll settles, the links in view are chosen again


class NetworkView(QGraphicsView):
    node_clicked = Signal(int, bool)  # node, with Ctrl (add to the marked set)
    node_double_clicked = Signal(int)
    node_context = Signal(int, object)  # node, global position
    zoomed = Signal(float)

    def __init__(self, scene: NetworkScene, parent=None) -> None:
        super().__init__(scene, parent)
        self._network = scene
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.SmartViewportUpdate)
        self.setOptimizationFlag(QGraphicsView.OptimizationFlag.DontAdjustForAntialiasing)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.viewport().setMouseTracking(True)
        self._fitted_scale = 1.0
        self._dragging: tuple[int, QPointF] | None = None  # node and the grab offset from its centre
        # Level of detail: once the view stops moving, the link budget goes to what is in view.
        self._detail = QTimer(self)
        self._detail.setSingleShot(True)
        self._detail.setInterval(DETAIL_DELAY_MS)
        self._detail.timeout.connect(self.update_detail)
        for bar in (self.horizontalScrollBar(), self.verticalScrollBar()):
            bar.valueChanged.connect(lambda _value: self._detail.start())

    def update_detail(self) -> bool:
        """Draw the strongest links of the part in view (more of the weaker ones as the view narrows)."""
        visible = self.mapToScene(self.viewport().rect()).boundingRect()
        return self._network.show_detail(visible)

    def node_at(self, event) -> int | None:
        return self._node_under(event.position().toPoint())

    def _node_under(self, point) -> int | None:
        """The topmost node under a viewport point (the veil and labels are looked through)."""
        scale = self.transform().m11() or 1.0
        return self._network.node_at(self.mapToScene(point), HIT_TOLERANCE_PX / scale)

    def mousePressEvent(self, event) -> None:
        node = self.node_at(event)
        if node is not None and event.button() == Qt.MouseButton.LeftButton:
            grab = self.mapToScene(event.position().toPoint()) - self._network.position(node)
            self._dragging = (node, grab)
            ctrl = bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
            self.node_clicked.emit(node, ctrl)
            event.accept()
            return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event) -> None:
        if self._dragging is not None:
            node, grab = self._dragging
            self._network.move_node(node, self.mapToScene(event.position().toPoint()) - grab)
            event.accept()
            return
        if event.buttons() == Qt.MouseButton.NoButton:
            node = self.node_at(event)
            if node != self._network.hovered:
                self._network.hover(node)
                if node is None:
                    self.viewport().setCursor(Qt.CursorShape.OpenHandCursor)
                else:
                    self.viewport().setCursor(Qt.CursorShape.PointingHandCursor)
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event) -> None:
        if self._dragging is not None:
            node, _grab = self._dragging
            self._dragging = None
            self._network.finish_move(node)
            event.accept()
            return
        super().mouseReleaseEvent(event)

    def leaveEvent(self, event) -> None:
        if self._network.hovered is not None:
            self._network.hover(None)
        super().leaveEvent(event)

    def viewportEvent(self, event) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            node = self._node_under(event.pos())
            if node is None:
                QToolTip.hideText()
            else:
                QToolTip.showText(event.globalPos(), self._network.tooltip(node), self.viewport())
            return True
        return super().viewportEvent(event)

    def mouseDoubleClickEvent(self, event) -> None:
        node = self.node_at(event)
        if node is not None:
            self.node_double_clicked.emit(node)
            return
        super().mouseDoubleClickEvent(event)

    def contextMenuEvent(self, event) -> None:
        node = self._node_under(event.pos())
        if node is not None:
            self.node_context.emit(node, event.globalPos())

    def wheelEvent(self, event: QWheelEvent) -> None:
        factor = 1.15 if event.angleDelta().y() > 0 else 1 / 1.15
        self.scale(factor, factor)
        self.zoomed.emit(self.transform().m11() / self._fitted_scale)
        self._detail.start()

    def fit(self) -> None:
        self.fitInView(self.sceneRect(), Qt.AspectRatioMode.KeepAspectRatio)
        self._fitted_scale = self.transform().m11() or 1.0
        self.zoomed.emit(1.0)
        self._detail.start()
