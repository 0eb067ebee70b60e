"""Drawing the network: node and edge items, labels by importance, hover and selection emphasis."""

from __future__ import annotations

import heapq
import math
import time
from collections.abc import Callable
from pathlib import Path

import networkx as nx
from PySide6.QtCore import QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QImage, QPainter, QPen, QWheelEvent
from PySide6.QtWidgets import (
    QGraphicsEllipseItem,
    QGraphicsItem,
    QGraphicsLineItem,
    QGraphicsRectItem,
    QGraphicsScene,
    QGraphicsSceneHoverEvent,
    QGraphicsSimpleTextItem,
    QGraphicsView,
)

from explorer.graph import NodeMetrics

KIND_COLOURS = {"place": "#1b9e77", "org": "#3b6fd8", "person": "#9c4fd6", "topic": "#d28b12"}
# Okabe–Ito: distinguishable for colour-blind viewers; communities beyond eight repeat.
COMMUNITY_COLOURS = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]
SCENE_SIZE = 1000.0
BASE_LABELS = 18  # labels shown at the fitted zoom; more appear as the user zooms in
MAX_DRAWN_EDGES = 6000  # the strongest links; beyond this a drawing is a hairball, use the table
SLICE_MS = 25
ANTIALIAS_MAX_NODES = 1000


_POSITION_CHANGED = QGraphicsItem.GraphicsItemChange.ItemPositionHasChanged


def _mix(colour: QColor, background: QColor, amount: float) -> QColor:
    """`colour` laid over `background` at `amount` opacity, as one opaque colour."""
    return QColor.fromRgbF(
        background.redF() + (colour.redF() - background.redF()) * amount,
        background.greenF() + (colour.greenF() - background.greenF()) * amount,
        background.blueF() + (colour.blueF() - background.blueF()) * amount,
    )


def strongest_edges(graph: nx.Graph) -> list:
    """The links worth drawing, strongest first (computed on a worker for big graphs)."""
    return heapq.nlargest(MAX_DRAWN_EDGES, graph.edges(data=True), key=lambda e: e[2]["weight"])


class NodeItem(QGraphicsEllipseItem):
    def __init__(self, node: int, radius: float, colour: QColor, scene: NetworkScene) -> None:
        super().__init__(-radius, -radius, 2 * radius, 2 * radius)
        self.node = node
        self.radius = radius
        self._network = scene
        self.edges: list[EdgeItem] = []
        self.label: QGraphicsSimpleTextItem | None = None
        self.setBrush(QBrush(colour))
        self.setZValue(2)
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self.setAcceptHoverEvents(True)
        self.setCursor(Qt.CursorShape.PointingHandCursor)

    def place(self, x: float, y: float) -> None:
        """Set the first position, then start reporting moves (dragging) to edges and label."""
        self.setPos(x, y)
        self.setFlags(
            QGraphicsItem.GraphicsItemFlag.ItemIsMovable
            | QGraphicsItem.GraphicsItemFlag.ItemSendsGeometryChanges
        )

    def itemChange(self, change, value):
        if change is _POSITION_CHANGED:
            for edge in self.edges:
                edge.follow()
            if self.label is not None:
                self.label.setPos(self.pos() + QPointF(self.radius + 2, -8))
            self._network.node_moved(self.node)
        return super().itemChange(change, value)

    def hoverEnterEvent(self, event: QGraphicsSceneHoverEvent) -> None:
        self._network.hover(self.node)
        super().hoverEnterEvent(event)

    def hoverLeaveEvent(self, event: QGraphicsSceneHoverEvent) -> None:
        self._network.hover(None)
        super().hoverLeaveEvent(event)


class EdgeItem(QGraphicsLineItem):
    def __init__(self, a: NodeItem, b: NodeItem, pen: QPen) -> None:
        super().__init__()
        self.a, self.b = a, b
        self.base_pen = pen
        self.setPen(pen)
        self.setZValue(0)
        a.edges.append(self)
        b.edges.append(self)
        self.follow()

    def follow(self) -> None:
        self.setLine(self.a.pos().x(), self.a.pos().y(), self.b.pos().x(), self.b.pos().y())


class NetworkScene(QGraphicsScene):
    """Holds the items for one graph; emphasis (hover, selection, path) is restyling, never a redraw."""

    moved = Signal(int, float, float)  # node, x, y in layout units
    drawn = Signal()

    def __init__(self, dark: bool, parent=None) -> None:
        super().__init__(parent)
        # The drawing is replaced wholesale on every filter change; rebuilding a BSP index after
        # thousands of insertions and removals costs more than it ever saves.
        self.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.NoIndex)
        self.dark = dark
        self.nodes: dict[int, NodeItem] = {}
        self.ranked: list[int] = []
        self._emphasis: set[int] = set()
        self._selected: set[int] = set()
        self._path_edges: set[frozenset[int]] = set()
        self._hovered: int | None = None
        self.visible_labels = BASE_LABELS
        self._building = None
        self._items: list[QGraphicsItem] = []
        self.edges_drawn = self.edges_total = 0
        ring = QColor("#ffd23f" if dark else "#d1242f")
        self._ring_pen, self._outline_pen = (
            QPen(ring, 3.5),
            QPen(QColor("#1d232a" if dark else "#ffffff"), 1.5),
        )
        self._path_pen = QPen(ring, 4)
        for pen in (self._ring_pen, self._outline_pen, self._path_pen):
            pen.setCosmetic(True)
        # What restyle() last applied, so the next call changes only the difference.
        self._styled_marked: set[int] = set()
        self._styled_labels: set[int] = set()
        self._styled_focus: set[int] = set()
        self._styled_path: set[frozenset[int]] = set()
        self.background = QColor("#161b22" if dark else "#ffffff")  # the view's base colour (themes.py)
        veil = QColor(self.background)
        veil.setAlphaF(0.72)
        self._veil = QGraphicsRectItem()
        self._veil.setBrush(QBrush(veil))
        self._veil.setPen(QPen(Qt.PenStyle.NoPen))
        self._veil.setZValue(4)
        self._veil.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self._veil.setVisible(False)
        self.addItem(self._veil)

    def draw(
        self,
        graph: nx.Graph,
        positions: dict[int, tuple[float, float]],
        metrics: dict[int, NodeMetrics],
        size_of: Callable[[int], float],
        colour_by: str,
        strongest: list | None = None,
    ) -> None:
        """Replace the drawing. Items are created in time slices of SLICE_MS, so even a graph of
        thousands of nodes never blocks the event loop for long; `drawn` fires when it is complete."""
        self._building = None
        old_items, self._items = self._items, []
        self.nodes = {}
        self._styled_marked, self._styled_labels, self._styled_focus, self._styled_path = (
            set(),
            set(),
            set(),
            set(),
        )
        self._veil.setVisible(False)
        half = SCENE_SIZE / 2
        edge_colour = QColor("#8894a3" if self.dark else "#9aa5b1")
        sizes = {n: size_of(n) for n in graph}
        max_size = max(sizes.values(), default=1.0) or 1.0
        self.ranked = sorted(graph.nodes, key=lambda n: (-sizes[n], graph.nodes[n]["name"]))
        edges = strongest or strongest_edges(graph)
        self.edges_drawn, self.edges_total = len(edges), graph.number_of_edges()
        max_weight = max((d["weight"] for _a, _b, d in edges), default=1.0) or 1.0
        font = QFont()
        font.setPointSizeF(9.5)
        label_colour = QColor("#e9eef3" if self.dark else "#1d232a")

        big = graph.number_of_nodes() > ANTIALIAS_MAX_NODES
        # Many nodes share the same square: shrink them so a big network is dots, not a carpet.
        shrink = min(1.0, max(0.2, math.sqrt(300 / max(1, graph.number_of_nodes()))))

        def add_node(node: int) -> None:
            data = graph.nodes[node]
            radius = (5 + 14 * math.sqrt(max(sizes[node], 0) / max_size)) * shrink
            item = NodeItem(node, radius, self._colour(data, metrics.get(node), colour_by), self)
            item.setPen(self._outline_pen)
            x, y = positions[node]
            item.place(x * half, y * half)
            item.setToolTip(f"{data['name']} — {data['kind']}, {data['mentions']} briefings")
            self.addItem(item)
            label = QGraphicsSimpleTextItem(data["name"])
            label.setFont(font)
            label.setBrush(QBrush(label_colour))
            label.setZValue(3)
            label.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations)
            label.setPos(item.pos() + QPointF(radius + 2, -8))
            label.setVisible(False)
            self.addItem(label)
            item.label = label
            self.nodes[node] = item
            self._items += (item, label)

        def add_edge(edge: tuple) -> None:
            a, b, data = edge
            strength = data["weight"] / max_weight
            if big:
                # Thousands of long translucent lines cost their pixels on every repaint; a big drawing
                # gets opaque one-pixel links, stronger ones darker (measured: half the repaint time).
                pen = QPen(_mix(edge_colour, self.background, 0.2 + 0.6 * strength), 0)
            else:
                colour = QColor(edge_colour)
                colour.setAlphaF(0.2 + 0.5 * strength)
                pen = QPen(colour, 0.6 + 3.2 * strength)
            pen.setCosmetic(True)  # width in screen pixels: cheap to stroke at any zoom
            edge = EdgeItem(self.nodes[a], self.nodes[b], pen)
            self.addItem(edge)
            self._items.append(edge)

        self.setSceneRect(QRectF(-half - 60, -half - 40, SCENE_SIZE + 220, SCENE_SIZE + 80))
        for view in self.views():
            view.setUpdatesEnabled(False)  # one paint when complete, not one per slice
        self._building = self._build_steps(old_items, add_node, add_edge, edges)
        self._continue_building()

    def _build_steps(self, old_items: list, add_node, add_edge, edges: list):
        # Old items go in slices too: deleting thousands at once is itself a visible pause. Links
        # between items are cut first so each one is freed the moment it leaves the scene.
        while old_items:
            item = old_items.pop()
            if isinstance(item, NodeItem):
                item.edges, item.label = [], None
            elif isinstance(item, EdgeItem):
                item.a = item.b = None
            self.removeItem(item)
            del item
            yield
        for node in self.ranked:
            add_node(node)
            yield
        for edge in edges:
            add_edge(edge)
            yield

    def _continue_building(self) -> None:
        steps = self._building
        if steps is None:
            return
        started = time.perf_counter()
        for _step in steps:
            if time.perf_counter() - started > SLICE_MS / 1000:
                QTimer.singleShot(0, self, self._continue_building)  # dropped if the scene is gone
                return
        QTimer.singleShot(0, self, self._finish_building)  # in its own turn of the event loop

    def _finish_building(self) -> None:
        self._building = None
        for view in self.views():
            # Antialiasing thousands of items makes every repaint slow; big drawings go without it.
            view.setRenderHint(QPainter.RenderHint.Antialiasing, len(self.nodes) <= ANTIALIAS_MAX_NODES)
            view.setUpdatesEnabled(True)
        self.drawn.emit()  # the panel restyles for the current selection, once

    def _colour(self, data: dict, metrics: NodeMetrics | None, colour_by: str) -> QColor:
        if colour_by == "community" and metrics is not None:
            return QColor(COMMUNITY_COLOURS[metrics.community % len(COMMUNITY_COLOURS)])
        return QColor(KIND_COLOURS.get(data["kind"], "#888888"))

    # -- emphasis ---------------------------------------------------------------------------------
    def set_selection(self, selected: set[int], emphasis: set[int], path_edges: set[frozenset[int]]) -> None:
        self._selected, self._emphasis, self._path_edges = selected, emphasis, path_edges
        self.restyle()

    def hover(self, node: int | None) -> None:
        self._hovered = node
        self.restyle()

    def node_moved(self, node: int) -> None:
        item = self.nodes.get(node)
        if item is not None:
            half = SCENE_SIZE / 2
            self.moved.emit(node, item.pos().x() / half, item.pos().y() / half)

    def restyle(self) -> None:
        """Bring every item to the current emphasis, touching only the items whose style changes.

        Dimming the rest of a big network is one veil over the scene with the focused items raised above
        it, so hovering a node or selecting an entity costs in proportion to what it highlights, not to
        the thousands of items drawn."""
        if self._building is not None:
            return  # still creating items; the last slice restyles everything
        neighbours: set[int] = set()
        hovered = self.nodes.get(self._hovered) if self._hovered is not None else None
        if hovered is not None:
            neighbours = {e.a.node for e in hovered.edges} | {e.b.node for e in hovered.edges}
        focus = (neighbours or self._emphasis) & self.nodes.keys()
        marked = (self._selected | self._emphasis) & self.nodes.keys()
        labels = {*self.ranked[: self.visible_labels], *marked, *neighbours}

        for node in marked ^ self._styled_marked:
            self.nodes[node].setPen(self._ring_pen if node in marked else self._outline_pen)
        for node in labels ^ self._styled_labels:
            label = self.nodes[node].label
            if label is not None:
                label.setVisible(node in labels)
        path = {e for e in self._path_edges if all(n in self.nodes for n in e)}
        for key in path ^ self._styled_path:
            edge = self._edge(key)
            if edge is not None:
                edge.setPen(self._path_pen if key in path else edge.base_pen)
        if focus != self._styled_focus:
            for node in self._styled_focus - focus:
                self._raise(self.nodes[node], False, focus)
            for node in focus:
                self._raise(self.nodes[node], True, focus)
            self._veil.setRect(self.sceneRect())
            self._veil.setVisible(bool(focus))
        self._styled_marked, self._styled_labels, self._styled_path = marked, labels, path
        self._styled_focus = focus

    def _raise(self, item: NodeItem, up: bool, focus: set[int]) -> None:
        """Above the veil (undimmed) or back under it, with the links that join two focused nodes."""
        item.setZValue(6 if up else 2)
        if item.label is not None:
            item.label.setZValue(7 if up else 3)
        for edge in item.edges:
            joined = up and edge.a.node in focus and edge.b.node in focus
            edge.setZValue(5 if joined else 0)

    def _edge(self, key: frozenset[int]) -> EdgeItem | None:
        a, b = tuple(key)
        item = self.nodes.get(a)
        if item is None:
            return None
        return next((e for e in item.edges if {e.a.node, e.b.node} == {a, b}), None)

    def save_image(self, path: Path, fmt: str, background: QColor) -> None:
        """PNG at twice the scene's size (crisp on a slide) or SVG, of everything drawn."""
        rect = self.itemsBoundingRect().adjusted(-20, -20, 20, 20)
        if fmt == "svg":
            from PySide6.QtSvg import QSvgGenerator

            generator = QSvgGenerator()
            generator.setFileName(str(path))
            generator.setSize(rect.size().toSize())
            generator.setViewBox(rect)
            generator.setTitle("Briefing Explorer network")
            painter = QPainter(generator)
            self.render(painter, source=rect)
            painter.end()
            return
        image = QImage((rect.size() * 2).toSize(), QImage.Format.Format_ARGB32)
        image.fill(background)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.render(painter, source=rect)
        painter.end()
        image.save(str(path), "PNG")

    def set_zoom(self, scale: float) -> None:
        """Show more labels as the user zooms in, so the fitted view never turns into label soup."""
        wanted = int(BASE_LABELS * max(1.0, scale) ** 2)
        if wanted != self.visible_labels:
            self.visible_labels = wanted
            self.restyle()


class NetworkView(QGraphicsView):
    node_clicked = Signal(int, bool)  # node, with Ctrl (add to the marked set)
    node_double_clicked = Signal(int)
    node_context = Signal(int, object)  # node, global position
    zoomed = Signal(float)

    def __init__(self, scene: NetworkScene, parent=None) -> None:
        super().__init__(scene, parent)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.SmartViewportUpdate)
        self.setOptimizationFlag(QGraphicsView.OptimizationFlag.DontAdjustForAntialiasing)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self._fitted_scale = 1.0

    def node_at(self, event) -> int | None:
        return self._node_under(event.position().toPoint())

    def _node_under(self, point) -> int | None:
        """The topmost node under a point; the dimming veil and labels are looked through."""
        return next((item.node for item in self.items(point) if isinstance(item, NodeItem)), None)

    def mousePressEvent(self, event) -> None:
        node = self.node_at(event)
        if node is not None and event.button() == Qt.MouseButton.LeftButton:
            ctrl = bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
            self.node_clicked.emit(node, ctrl)
        super().mousePressEvent(event)

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

    def fit(self) -> None:
        self.fitInView(self.sceneRect(), Qt.AspectRatioMode.KeepAspectRatio)
        self._fitted_scale = self.transform().m11() or 1.0
        self.zoomed.emit(1.0)
