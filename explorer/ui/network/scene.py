"""Drawing the network: links and nodes as two batched layers, labels by importance, hover and
selection emphasis, dragging, and hit tests on the node arrays."""

from __future__ import annotations

import math
from collections.abc import Callable
from pathlib import Path

import networkx as nx
import numpy as np
from PySide6.QtCore import QLineF, QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QImage, QPainter, QPen
from PySide6.QtWidgets import QGraphicsItem, QGraphicsScene, QWidget

from explorer.graph import NodeMetrics
from explorer.graph import session as graph_session
from explorer.graph.session import Links, strongest_edges
from explorer.ui.network.labels import place_labels
from explorer.ui.network.paint import Layer, LinkStyle, Picture
from explorer.ui.network.render import PictureRenderer
from explorer.ui.themes import COLOURS

KIND_COLOURS = {"place": "#1b9e77", "org": "#3b6fd8", "person": "#9c4fd6", "topic": "#d28b12"}
# Okabe–Ito: distinguishable for colour-blind viewers; communities beyond eight repeat.
COMMUNITY_COLOURS = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]
SCENE_SIZE = 1000.0
BASE_LABELS = 18  # labels shown at the fitted zoom; more appear as the user zooms in
# Above this many nodes a drawing is big: links are opaque hairlines, and the picture is painted
# progressively into an image (render.py) instead of on every repaint.
BIG_DRAWING_NODES = 1000
LINK_LEVELS = 12  # link strengths are drawn in this many steps of colour and width


def _mix(colour: QColor, background: QColor, amount: float) -> QColor:
    """`colour` laid over `background` at `amount` opacity, as one opaque colour."""
    return QColor.fromRgbF(
        background.redF() + (colour.redF() - background.redF()) * amount,
        background.greenF() + (colour.greenF() - background.greenF()) * amount,
        background.blueF() + (colour.blueF() - background.blueF()) * amount,
    )


class NetworkScene(QGraphicsScene):
    """Holds one drawn graph; emphasis (hover, selection, path) repaints only the overlay layer."""

    moved = Signal(int, float, float)  # node, x, y in layout units
    drawn = Signal()

    def __init__(self, theme: str = "light", parent=None, scale: float = 1.0) -> None:
        super().__init__(parent)
        self.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.NoIndex)  # two items: nothing to index
        self.nodes: dict[int, int] = {}  # node → its index in the drawing order and the arrays
        self.ranked: list[int] = []
        self.visible_labels = BASE_LABELS
        self.edges_drawn = self.edges_total = 0
        self.marked: set[int] = set()  # ringed: selected, marked, in the selected briefing, on a path
        self.focused: set[int] = set()  # above the dimming veil: hovered and neighbours, or emphasis
        self.labelled: set[int] = set()
        self.path: set[frozenset[int]] = set()
        self._selected: set[int] = set()
        self._emphasis: set[int] = set()
        self._path_edges: set[frozenset[int]] = set()
        self.hovered: int | None = None
        self.picture = Picture.empty()
        self._names: list[str] = []
        self._graph = nx.Graph()
        self._moving: int | None = None  # the node being dragged
        # Drawn links: the node indices at each end, the style each is drawn with, its slot there.
        self._link_a = self._link_b = self._link_style = self._link_slot = np.zeros(0, dtype=int)
        # Every link the drawing may show, strongest first: node indices at each end, and weights.
        self._kept_a = self._kept_b = np.zeros(0, dtype=int)
        self._kept_weight = np.zeros(0, dtype=float)
        self._shown = np.zeros(0, dtype=int)  # which kept links are drawn now
        self.progressive = False  # a big drawing is painted in slices into an image (render.py)

        self._label_scale = 1.0  # 2 while exporting a PNG at twice the size, so names keep their size
        self.set_theme(theme, scale)

        # The base layer (links and nodes) changes only when the drawing does: hovering and selecting
        # repaint the overlay above it. A small drawing's base is painted here and cached by the view;
        # a big one is painted into an image in short slices and shown when finished.
        self._base = Layer(self._paint_base, 0)
        self._overlay = Layer(self._paint_overlay, 1)
        self.renderer = PictureRenderer(self)
        self.renderer.updated.connect(self._base.update)
        self.addItem(self._base)
        self.addItem(self._overlay)

    # -- building -----------------------------------------------------------------------------------
    def draw(
        self,
        graph: nx.Graph,
        positions: dict[int, tuple[float, float]],
        metrics: dict[int, NodeMetrics],
        size_of: Callable[[int], float],
        colour_by: str,
        strongest: Links | None = None,
    ) -> None:
        """Replace the drawing; `drawn` fires in the next turn of the event loop."""
        half = SCENE_SIZE / 2
        names = dict(graph.nodes(data="name"))  # a node view looks each name up through Python code
        sizes = {n: float(size_of(n)) for n in graph}
        self.ranked = sorted(graph.nodes, key=lambda n: (-sizes[n], names[n]))
        self._graph = graph
        self.nodes = {node: index for index, node in enumerate(self.ranked)}
        self._names = [names[n] for n in self.ranked]
        size = np.maximum(np.array([sizes[n] for n in self.ranked], dtype=float), 0.0)
        max_size = float(size.max(initial=0.0)) or 1.0
        # Many nodes share the same square: shrink them so a big network is dots, not a carpet.
        shrink = min(1.0, max(0.2, math.sqrt(300 / max(1, graph.number_of_nodes()))))
        radii = (5 + 14 * np.sqrt(size / max_size)) * shrink
        xy = np.array([positions[n] for n in self.ranked], dtype=float).reshape(-1, 2) * half
        palette: dict[str, QColor] = {}
        fills = []
        for node in self.ranked:
            key = self._colour_key(graph.nodes[node], metrics.get(node), colour_by)
            colour = palette.get(key)
            if colour is None:
                colour = palette[key] = QColor(key)
            fills.append(colour)
        small = graph.number_of_nodes() <= BIG_DRAWING_NODES
        keys = [c.rgba() for c in fills]
        xs, ys = xy[:, 0].copy(), xy[:, 1].copy()
        self.picture = Picture(xs, ys, radii, fills, keys, self._outline_pen, [], small)
        self._keep_links(strongest if strongest is not None else strongest_edges(graph))
        self.edges_total = len(graph.edges)
        self._shown = np.arange(min(len(self._kept_a), graph_session.MAX_DRAWN_EDGES))
        self._build_links(self._shown)

        rect = QRectF(-half - 60, -half - 40, SCENE_SIZE + 220, SCENE_SIZE + 80)
        self.setSceneRect(rect)
        self._base.set_rect(rect)
        self._overlay.set_rect(rect)
        self.progressive = not small
        modes = QGraphicsItem.CacheMode
        self._base.setCacheMode(modes.NoCache if self.progressive else modes.DeviceCoordinateCache)
        self.renderer.set_picture(self.picture, rect)
        self._moving = None
        self.marked, self.focused, self.labelled, self.path = set(), set(), set(), set()
        self.hovered = None
        self._base.update()
        self._refresh_emphasis()
        QTimer.singleShot(0, self, self.drawn.emit)  # dropped if the scene is gone

    def _keep_links(self, links: Links) -> None:
        """The links the drawing may show, as drawing indices: node ids (entity ids, small integers)
        go through one lookup array, so even a big network costs the GUI thread a few milliseconds."""
        ids = np.fromiter(self.ranked, dtype=np.int64, count=len(self.ranked))
        if len(ids) and ids.min() >= 0 and ids.max() < 16 * len(ids) + 1_000_000:
            where = np.full(int(ids.max()) + 1, -1, dtype=np.int64)
            where[ids] = np.arange(len(ids))
            self._kept_a, self._kept_b = where[links.a], where[links.b]
        else:
            index = self.nodes
            self._kept_a = np.array([index[n] for n in links.a.tolist()], dtype=np.int64)
            self._kept_b = np.array([index[n] for n in links.b.tolist()], dtype=np.int64)
        self._kept_weight = links.weight

    def show_detail(self, visible: QRectF) -> bool:
        """Spend the link budget on the part of the drawing in view: the strongest links with an end
        inside `visible` (scene coordinates). Zoomed out that is the strongest overall. Returns whether
        the links drawn changed."""
        if len(self._kept_a) <= graph_session.MAX_DRAWN_EDGES:
            return False  # every link is drawn already
        xs, ys = self.picture.xs, self.picture.ys

        def inside(ends: np.ndarray) -> np.ndarray:
            x, y = xs[ends], ys[ends]
            across = (x >= visible.left()) & (x <= visible.right())
            return across & (y >= visible.top()) & (y <= visible.bottom())

        wanted = np.flatnonzero(inside(self._kept_a) | inside(self._kept_b))[: graph_session.MAX_DRAWN_EDGES]
        if np.array_equal(wanted, self._shown):
            return False
        self._shown = wanted
        self.renderer.retire(self.picture.styles)
        self.picture.styles.clear()
        self._build_links(wanted)
        self.renderer.set_picture(self.picture, self.sceneRect())
        self._base.update()
        self._refresh_emphasis()
        return True

    def _build_links(self, shown: np.ndarray) -> None:
        """The kept links at `shown` as arrays of node indices, drawn in LINK_LEVELS styles by strength
        (measured against the strongest link of the whole drawing, so a link keeps its look as the view
        changes)."""
        self.edges_drawn = len(shown)
        weights = self._kept_weight[shown]
        self._link_a, self._link_b = self._kept_a[shown].copy(), self._kept_b[shown].copy()
        max_weight = float(self._kept_weight.max(initial=0.0)) or 1.0
        levels = np.minimum(LINK_LEVELS - 1, (weights / max_weight * LINK_LEVELS).astype(int))
        edge_colour = QColor(self.colours.link)
        xs, ys, styles = self.picture.xs, self.picture.ys, self.picture.styles
        geometry = np.column_stack((xs[self._link_a], ys[self._link_a], xs[self._link_b], ys[self._link_b]))
        self._link_style = np.zeros(len(shown), dtype=int)
        self._link_slot = np.zeros(len(shown), dtype=int)
        for level in np.unique(levels).tolist():  # weaker first: stronger links are painted over them
            members = np.flatnonzero(levels == level)
            self._link_style[members] = len(styles)
            self._link_slot[members] = np.arange(len(members))
            pen = self._link_pen(edge_colour, (level + 0.5) / LINK_LEVELS)
            styles.append(LinkStyle(pen, geometry[members]))

    def _links_at(self, index: int) -> np.ndarray:
        return np.flatnonzero((self._link_a == index) | (self._link_b == index))

    def _link_pen(self, colour: QColor, strength: float) -> QPen:
        if not self.picture.antialias_links:
            # Thousands of long translucent lines cost their pixels on every repaint; a big drawing
            # gets opaque one-pixel links, stronger ones darker (measured: half the repaint time).
            pen = QPen(_mix(colour, self.background, 0.2 + 0.6 * strength), 0)
        else:
            translucent = QColor(colour)
            translucent.setAlphaF(0.2 + 0.5 * strength)
            pen = QPen(translucent, 0.6 + 3.2 * strength)
        pen.setCosmetic(True)  # width in screen pixels: cheap to stroke at any zoom
        return pen

    @staticmethod
    def _colour_key(data: dict, metrics: NodeMetrics | None, colour_by: str) -> str:
        if colour_by == "community" and metrics is not None:
            return COMMUNITY_COLOURS[metrics.community % len(COMMUNITY_COLOURS)]
        return KIND_COLOURS.get(data["kind"], "#888888")

    def tooltip(self, node: int) -> str:
        data = self._graph.nodes[node]
        return f"{data['name']} — {data['kind']}, {data['mentions']} briefings"

    def _point(self, index: int) -> QPointF:
        return QPointF(float(self.picture.xs[index]), float(self.picture.ys[index]))

    def position(self, node: int) -> QPointF:
        return self._point(self.nodes[node])

    # -- painting -----------------------------------------------------------------------------------
    def _paint_base(self, painter: QPainter, exposed: QRectF | None, widget: QWidget | None) -> None:
        if self.progressive and widget is not None:
            self.renderer.paint(painter, widget)
        else:  # a small drawing, or an export: paint here
            self.picture.paint(painter, exposed)

    def set_theme(self, theme: str, scale: float = 1.0) -> None:
        """Colours and name size; a drawing already shown needs drawing again for its links and outlines."""
        self.colours = colours = COLOURS.get(theme, COLOURS["light"])
        self.background = QColor(colours.background)  # the view's base colour
        self._veil_colour = QColor(self.background)
        self._veil_colour.setAlphaF(0.72)
        ring = QColor(colours.ring)
        self._ring_pen = QPen(ring, 3.5 * colours.border_px)
        self._path_pen = QPen(ring, 4 * colours.border_px)
        self._outline_pen = QPen(QColor(colours.outline), 1.5 * colours.border_px)
        for pen in (self._ring_pen, self._path_pen):
            pen.setCosmetic(True)
        self._label_colour = QColor(colours.text)
        self._dim_label_colour = QColor(colours.dim_text)
        self._font = QFont()
        self._font.setPointSizeF(9.5 * scale)
        if theme == "projector":
            self._font.setWeight(QFont.Weight.DemiBold)
        self._label_rise = QFontMetricsF(self._font).ascent() - 8 * scale
        self.update()

    def _paint_overlay(self, painter: QPainter, exposed: QRectF | None, _widget: QWidget | None) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        focused = self.focused
        taken: list[QRectF] = []  # the names in front find their room first
        front = self._place_labels(painter, self.labelled & focused if focused else self.labelled, taken)
        if focused:
            painter.fillRect(exposed or self.sceneRect(), self._veil_colour)
            # The other names stay legible, dimmed: a room still reads the rest of the network.
            dimmed = self._place_labels(painter, self.labelled - focused, taken)
            self._draw_labels(painter, dimmed, self._dim_label_colour)
        if self.path:
            painter.setPen(self._path_pen)
            painter.drawLines([QLineF(self.position(a), self.position(b)) for a, b in map(tuple, self.path)])
        if self._moving is not None and self.progressive:
            # The big picture lags behind a drag: the dragged node and its links are drawn here.
            self._paint_nodes_and_links(painter, {self._moving}, self._links_at(self.nodes[self._moving]))
        if focused:
            self._paint_nodes_and_links(painter, focused, None)
        if self.marked:
            painter.setPen(self._ring_pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            for node in self.marked:
                index = self.nodes[node]
                radius = float(self.picture.radii[index])
                painter.drawEllipse(self._point(index), radius, radius)
        self._draw_labels(painter, front, self._label_colour)

    def _paint_nodes_and_links(self, painter: QPainter, nodes: set[int], links: np.ndarray | None) -> None:
        """Some nodes over the rest, with `links`, or by default the links that join two of them."""
        raised = np.zeros(len(self.ranked), dtype=bool)
        raised[[self.nodes[n] for n in nodes]] = True
        if links is None:
            links = np.flatnonzero(raised[self._link_a] & raised[self._link_b])
        styles = self.picture.styles
        for style_index in np.unique(self._link_style[links]).tolist():
            style = styles[style_index]
            slots = self._link_slot[links[self._link_style[links] == style_index]]
            painter.setPen(style.pen)
            painter.drawLines([style.lines[slot] for slot in slots.tolist()])
        self.picture.paint_nodes(painter, np.flatnonzero(raised))

    def _place_labels(self, painter: QPainter, nodes: set[int], taken: list[QRectF]) -> list:
        """Where the names of `nodes` go, in label pixels (the same size at every zoom), biggest first."""
        transform, scale = painter.worldTransform(), self._label_scale
        xs, ys, radii = self.picture.xs, self.picture.ys, self.picture.radii
        anchors = []
        for i in sorted(self.nodes[node] for node in nodes):
            centre = transform.map(QPointF(float(xs[i]), float(ys[i]))) / scale
            anchors.append((centre, float(radii[i]) * transform.m11() / scale, self._names[i]))
        width = painter.viewport().width() / scale
        return place_labels(anchors, QFontMetricsF(self._font), self._label_rise, width, taken)

    def _draw_labels(self, painter: QPainter, placed: list, colour: QColor) -> None:
        if not placed:
            return
        painter.save()
        painter.resetTransform()
        painter.scale(self._label_scale, self._label_scale)
        painter.setFont(self._font)
        painter.setPen(colour)
        for point, name in placed:
            painter.drawText(point, name)
        painter.restore()

    def set_selection(self, selected: set[int], emphasis: set[int], path_edges: set[frozenset[int]]) -> None:
        self._selected, self._emphasis, self._path_edges = selected, emphasis, path_edges
        self._refresh_emphasis()

    def hover(self, node: int | None) -> None:
        self.hovered = node
        self._refresh_emphasis()

    def neighbours(self, node: int) -> set[int]:
        index = self.nodes[node]
        links = self._links_at(index)
        ends = np.concatenate((self._link_a[links], self._link_b[links])).tolist()
        return {self.ranked[i] for i in ends if i != index}

    def _refresh_emphasis(self) -> None:
        """Work out what is ringed, raised above the veil and labelled; repaint the overlay if any
        of it changed. The cached base layer is never repainted for emphasis."""
        neighbours: set[int] = set()
        if self.hovered in self.nodes:
            neighbours = self.neighbours(self.hovered) | {self.hovered}
        focused = (neighbours or self._emphasis) & self.nodes.keys()
        marked = (self._selected | self._emphasis) & self.nodes.keys()
        labelled = {*self.ranked[: self.visible_labels], *marked, *neighbours}
        path = {e for e in self._path_edges if all(n in self.nodes for n in e)}
        state = (focused, marked, labelled, path)
        if state != (self.focused, self.marked, self.labelled, self.path):
            self.focused, self.marked, self.labelled, self.path = state
            self._overlay.update()

    def set_zoom(self, scale: float) -> None:
        """Show more labels as the user zooms in, so the fitted view never turns into label soup."""
        wanted = int(BASE_LABELS * max(1.0, scale) ** 2)
        if wanted != self.visible_labels:
            self.visible_labels = wanted
            self._refresh_emphasis()

    # -- hit tests and dragging ---------------------------------------------------------------------
    def node_at(self, point: QPointF, tolerance: float = 0.0) -> int | None:
        """The topmost node under a scene point: raised (focused) nodes first, then drawing order."""
        if not self.nodes:
            return None
        xs, ys = self.picture.xs, self.picture.ys
        reach = self.picture.radii + tolerance
        hits = np.flatnonzero((xs - point.x()) ** 2 + (ys - point.y()) ** 2 <= reach**2)
        if not len(hits):
            return None
        order = self.ranked
        raised = [i for i in hits.tolist() if order[i] in self.focused]
        return order[(raised or hits.tolist())[-1]]

    def move_node(self, node: int, point: QPointF) -> None:
        index = self.nodes.get(node)
        if index is None:
            return
        self.picture.xs[index], self.picture.ys[index] = point.x(), point.y()
        for link in self._links_at(index).tolist():
            style = self.picture.styles[self._link_style[link]]
            style.move_end(int(self._link_slot[link]), bool(self._link_a[link] == index), point)
        self._moving = node
        self.renderer.set_picture(self.picture, self.sceneRect())
        self._base.update()
        self._overlay.update()

    def finish_move(self, node: int) -> None:
        self._moving = None
        self._overlay.update()
        if node in self.nodes:
            half = SCENE_SIZE / 2
            point = self.position(node)
            self.moved.emit(node, point.x() / half, point.y() / half)

    # -- export -------------------------------------------------------------------------------------
    def drawing_rect(self) -> QRectF:
        if not self.nodes:
            return self.sceneRect()
        xs, ys, radii = self.picture.xs, self.picture.ys, self.picture.radii
        left, right = float(np.min(xs - radii)), float(np.max(xs + radii))
        top, bottom = float(np.min(ys - radii)), float(np.max(ys + radii))
        return QRectF(left, top, right - left, bottom - top).adjusted(-20, -20, 140, 20)  # room for names

    def save_image(self, path: Path, fmt: str, background: QColor) -> None:
        """PNG at twice the scene's size (crisp on a slide) or SVG (vector), of everything drawn."""
        rect = self.drawing_rect()
        if fmt == "svg":
            from PySide6.QtSvg import QSvgGenerator

            generator = QSvgGenerator()
            generator.setFileName(str(path))
            generator.setSize(rect.size().toSize())
            generator.setViewBox(rect)
            generator.setTitle("Briefing Explorer network")
            self._render_to(generator, rect)
            return
        image = QImage((rect.size() * 2).toSize(), QImage.Format.Format_ARGB32)
        image.fill(background)
        self._label_scale = 2.0
        try:
            self._render_to(image, rect)
        finally:
            self._label_scale = 1.0
        image.save(str(path), "PNG")

    def _render_to(self, device, rect: QRectF) -> None:
        # A cached layer would be rendered as a picture of the screen: an SVG would hold a bitmap.
        mode = self._base.cacheMode()
        self._base.setCacheMode(QGraphicsItem.CacheMode.NoCache)
        painter = QPainter(device)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        try:
            self.render(painter, source=rect)
        finally:
            painter.end()
            self._base.setCacheMode(mode)
