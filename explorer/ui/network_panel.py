"""The entity network: co-mention graph drawn with QGraphicsView; layout runs off the GUI thread."""

from __future__ import annotations

import math

import networkx as nx
from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPen, QWheelEvent
from PySide6.QtWidgets import (
    QGraphicsEllipseItem,
    QGraphicsScene,
    QGraphicsSimpleTextItem,
    QGraphicsView,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from explorer import graph as graph_core
from explorer.model import Filter
from explorer.store import Store
from explorer.ui.filter_state import FilterState
from explorer.ui.tasks import TaskHandle, TaskRunner

KIND_COLOURS = {"place": "#1b9e77", "org": "#3b6fd8", "person": "#9c4fd6", "topic": "#d28b12"}
SCENE_SIZE = 900.0
LABELLED_NODES = 28


class _NodeItem(QGraphicsEllipseItem):
    def __init__(self, entity_id: int, radius: float, colour: QColor) -> None:
        super().__init__(-radius, -radius, 2 * radius, 2 * radius)
        self.entity_id = entity_id
        self.setBrush(QBrush(colour))
        self.setPen(QPen(QColor("#ffffff"), 1.5))
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setZValue(2)


class _View(QGraphicsView):
    node_pressed = Signal(int)

    def mousePressEvent(self, event) -> None:
        item = self.itemAt(event.position().toPoint())
        if isinstance(item, _NodeItem):
            self.node_pressed.emit(item.entity_id)
            return
        super().mousePressEvent(event)

    def wheelEvent(self, event: QWheelEvent) -> None:
        factor = 1.15 if event.angleDelta().y() > 0 else 1 / 1.15
        self.scale(factor, factor)


class NetworkPanel(QWidget):
    node_clicked = Signal(int)
    laid_out = Signal()

    def __init__(
        self,
        store: Store,
        state: FilterState,
        runner: TaskRunner,
        dark: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._store = store
        self._state = state
        self._runner = runner
        self._dark = dark
        self._task: TaskHandle | None = None
        self._generation = 0
        self.nodes: dict[int, _NodeItem] = {}
        self.scene = QGraphicsScene(self)
        self.view = _View(self.scene, self)
        self.view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.view.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.view.setAccessibleName("Entity network")
        self.status = QLabel(self)
        self.status.setObjectName("networkStatus")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.status)
        layout.addWidget(self.view, 1)
        self.view.node_pressed.connect(self.select_entity)
        state.changed.connect(lambda _flt: self.refresh())
        state.briefing_selected.connect(self._highlight_briefing)
        self.refresh()

    def refresh(self) -> None:
        flt = self._state.filter
        # Over many briefings, single shared mentions are noise; within a few, they are the story.
        min_weight = 2 if len(self._store.list_briefings(flt, limit=16)) > 15 else 1
        graph = graph_core.co_mention_graph(self._store, flt, min_weight=min_weight)
        self._generation += 1
        generation = self._generation
        if self._task:
            self._task.cancel()
        self.status.setText(f"Laying out {graph.number_of_nodes()} entities…")
        self._task = self._runner.run(
            lambda _ctx: graph_core.layout(graph),
            on_done=lambda positions: self._draw(generation, graph, positions),
            on_error=lambda message: self.status.setText(f"Layout failed: {message}"),
        )

    def _draw(self, generation: int, graph: nx.Graph, positions: dict[int, tuple[float, float]]) -> None:
        if generation != self._generation:
            return  # a newer filter arrived while this layout ran
        self.scene.clear()
        self.nodes = {}
        # Stretch the layout to the panel's shape so a tall, narrow panel is filled, not letterboxed.
        aspect = max(0.4, min(2.5, self.view.height() / max(1, self.view.width())))
        half_x = SCENE_SIZE / 2
        half_y = half_x * aspect
        edge_colour = QColor("#8894a3" if self._dark else "#9aa5b1")
        max_weight = max((d["weight"] for _a, _b, d in graph.edges(data=True)), default=1)
        for a, b, data in graph.edges(data=True):
            (xa, ya), (xb, yb) = positions[a], positions[b]
            pen = QPen(edge_colour, 0.6 + 3.0 * data["weight"] / max_weight)
            colour = QColor(edge_colour)
            colour.setAlphaF(0.25 + 0.5 * data["weight"] / max_weight)
            pen.setColor(colour)
            line = self.scene.addLine(xa * half_x, ya * half_y, xb * half_x, yb * half_y, pen)
            line.setZValue(0)
        ranked = sorted(graph.nodes, key=lambda n: -graph.nodes[n]["mentions"])
        max_mentions = max((graph.nodes[n]["mentions"] for n in ranked), default=1)
        font = QFont()
        font.setPointSizeF(9.5)
        label_colour = QColor("#e9eef3" if self._dark else "#1d232a")
        for rank, node in enumerate(ranked):
            data = graph.nodes[node]
            x, y = positions[node]
            radius = 5 + 13 * math.sqrt(data["mentions"] / max_mentions)
            item = _NodeItem(node, radius, QColor(KIND_COLOURS.get(data["kind"], "#888888")))
            item.setPos(x * half_x, y * half_y)
            item.setToolTip(f"{data['name']} ({data['kind']}) — {data['mentions']} briefings")
            self.scene.addItem(item)
            self.nodes[node] = item
            if rank < LABELLED_NODES:
                label = QGraphicsSimpleTextItem(data["name"])
                label.setFont(font)
                label.setBrush(QBrush(label_colour))
                label.setPos(x * half_x + radius + 2, y * half_y - 8)
                label.setZValue(3)
                # Labels keep their size on screen whatever the zoom, so they stay readable.
                label.setFlag(QGraphicsSimpleTextItem.GraphicsItemFlag.ItemIgnoresTransformations)
                self.scene.addItem(label)
        self.scene.setSceneRect(QRectF(-half_x - 40, -half_y - 30, 2 * half_x + 160, 2 * half_y + 60))
        self.view.fitInView(self.scene.sceneRect(), Qt.AspectRatioMode.KeepAspectRatio)
        self.status.setText(
            f"{graph.number_of_nodes()} entities · {graph.number_of_edges()} co-mention links · "
            "click a node to filter"
        )
        self._highlight_briefing(self._state.briefing_id)
        self.laid_out.emit()

    def _highlight_briefing(self, briefing_id: int) -> None:
        wanted = set()
        if briefing_id >= 0:
            wanted = {entity.id for entity, *_rest in self._store.briefing_mentions(briefing_id)}
        selected = set(self._state.filter.entity_ids)
        ring = QColor("#ffd23f" if self._dark else "#d1242f")
        for entity_id, item in self.nodes.items():
            if entity_id in wanted or entity_id in selected:
                item.setPen(QPen(ring, 3.5))
            else:
                item.setPen(QPen(QColor("#ffffff" if not self._dark else "#1d232a"), 1.5))

    def highlighted(self) -> set[int]:
        return {eid for eid, item in self.nodes.items() if item.pen().widthF() > 3}

    def select_entity(self, entity_id: int) -> None:
        self.node_clicked.emit(entity_id)
        flt = self._state.filter
        chosen = () if flt.entity_ids == (entity_id,) else (entity_id,)
        self._state.set(Filter(query=flt.query, countries=flt.countries, entity_ids=chosen))

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if not self.scene.sceneRect().isEmpty():
            self.view.fitInView(self.scene.sceneRect(), Qt.AspectRatioMode.KeepAspectRatio)
