"""The entity network panel: co-mention graph, analytics, layout off the GUI thread, linked selection."""

from __future__ import annotations

import itertools
from dataclasses import dataclass, replace
from pathlib import Path

import networkx as nx
from PySide6.QtCore import Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QMenu,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QStackedWidget,
    QTableView,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from explorer.graph import GraphOptions, co_mention_graph, connecting_network, ego
from explorer.graph.analytics import shortest_path
from explorer.graph.compute import PROCESS_MIN_NODES, GraphProcess, analyse_and_layout
from explorer.graph.export import render as render_graph
from explorer.model import ENTITY_KINDS
from explorer.reader.evidence import evidence
from explorer.store import Store
from explorer.ui.evidence_dialog import EvidenceDialog
from explorer.ui.filter_state import FilterState
from explorer.ui.network_scene import NetworkScene, NetworkView, strongest_edges
from explorer.ui.network_table import EdgeTableModel, NodeTableModel, edge_rows, node_rows
from explorer.ui.tasks import TaskHandle, TaskRunner

DEFAULT_TOP = 50
MORE_STEP = 25
SCOPE_LABELS = (("Same briefing", "briefing"), ("Same section", "section"), ("Same sentence", "sentence"))
WEIGHT_LABELS = (("Shared briefings", "count"), ("Jaccard", "jaccard"), ("PMI (tames hubs)", "pmi"))
SIZE_LABELS = (
    ("Size: briefings", "mentions"),
    ("Size: links", "degree"),
    ("Size: strength", "strength"),
    ("Size: PageRank", "pagerank"),
    ("Size: betweenness", "betweenness"),
)


@dataclass(frozen=True)
class _Result:
    graph: nx.Graph
    metrics: dict
    positions: dict
    key: tuple
    entity_total: int
    strongest: list


class NetworkPanel(QWidget):
    node_clicked = Signal(int)
    laid_out = Signal()

    def __init__(
        self,
        store: Store,
        state: FilterState,
        runner: TaskRunner,
        dark: bool = False,
        process: GraphProcess | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._store = store
        self._state = state
        self._runner = runner
        self._process = process  # big graphs are analysed and laid out in this worker process
        self.options = GraphOptions(top=DEFAULT_TOP)
        self.size_by = "mentions"
        self.colour_by = "kind"
        self.hidden: set[int] = set()
        self.pinned: set[int] = set()
        self.marked: list[int] = []
        self.focus: int | None = None
        self.graph = nx.Graph()
        self.metrics: dict = {}
        self._emphasis: set[int] = set()
        self._path_edges: set[frozenset[int]] = set()
        self._positions: dict[int, tuple[float, float]] = {}
        self._layout_cache: dict[tuple[frozenset, frozenset], dict] = {}
        self._task: TaskHandle | None = None
        self._generation = 0
        self._tables_stale = False
        self._entity_total = 0
        self._strongest: list = []

        self.scene = NetworkScene(dark, self)
        self.view = NetworkView(self.scene, self)
        self.view.setAccessibleName("Entity network")
        self.node_model, self.edge_model = NodeTableModel(), EdgeTableModel()
        self.node_table = self._table(self.node_model, "Entities in the network")
        self.edge_table = self._table(self.edge_model, "Links in the network")
        tables = QTabWidget(self)
        tables.addTab(self.node_table, "Entities")
        tables.addTab(self.edge_table, "Links")
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.view)
        self.stack.addWidget(tables)

        self.status = QLabel(self)
        self.status.setObjectName("networkStatus")
        self.progress = QProgressBar(self)
        self.progress.setMaximumWidth(140)
        self.progress.hide()
        self.cancel_button = QPushButton("Cancel", self)
        self.cancel_button.hide()
        self.cancel_button.clicked.connect(self.cancel_layout)
        status_row = QHBoxLayout()
        status_row.addWidget(self.status, 1)
        status_row.addWidget(self.progress)
        status_row.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self._controls())
        layout.addLayout(status_row)
        layout.addWidget(self.stack, 1)

        self.view.node_clicked.connect(self._on_node_clicked)
        self.view.node_double_clicked.connect(self.focus_on)
        self.view.node_context.connect(self._context_menu)
        self.view.zoomed.connect(self.scene.set_zoom)
        self.scene.moved.connect(self._remember_position)
        self.scene.drawn.connect(self._drawn)
        self.node_table.selectionModel().currentRowChanged.connect(self._on_table_row)
        state.changed.connect(lambda _flt: self._filter_changed())
        state.briefing_selected.connect(lambda _id: self._apply_emphasis())
        self.refresh()

    # -- controls ---------------------------------------------------------------------------------
    def _controls(self) -> QVBoxLayout:
        # Two short rows, so the panel can stay narrow beside the map.
        rows = QVBoxLayout()
        rows.setContentsMargins(6, 4, 6, 0)
        rows.setSpacing(4)
        self.top_box = QSpinBox(self)
        self.top_box.setRange(5, 5000)
        self.top_box.setValue(DEFAULT_TOP)
        self.top_box.setPrefix("Top ")
        self.top_box.setToolTip("How many of the most-mentioned entities enter the network")
        self.top_box.editingFinished.connect(lambda: self.set_options(top=self.top_box.value()))
        self.more_button = QPushButton(f"+{MORE_STEP} more", self)
        self.more_button.clicked.connect(lambda: self.top_box.setValue(self.top_box.value() + MORE_STEP))
        self.more_button.clicked.connect(lambda: self.set_options(top=self.top_box.value()))
        self.scope_box = self._combo(
            SCOPE_LABELS, lambda v: self.set_options(scope=v), "Which mentions count as together"
        )
        self.weight_box = self._combo(WEIGHT_LABELS, lambda v: self.set_options(weighting=v), "Link weight")
        self.min_box = QSpinBox(self)
        self.min_box.setRange(1, 100)
        self.min_box.setPrefix("≥ ")
        self.min_box.setSuffix(" shared")
        self.min_box.setToolTip("Drop links with fewer shared briefings")
        self.min_box.valueChanged.connect(lambda v: self.set_options(min_weight=v))
        self.size_box = self._combo(SIZE_LABELS, self.set_size_by, "What node size shows")
        self.colour_box = self._combo(
            (("Colour: kind", "kind"), ("Colour: community", "community")), self.set_colour_by, "Node colour"
        )
        kinds = QToolButton(self)
        kinds.setText("Kinds")
        kinds.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(kinds)
        self.kind_actions = {}
        for kind in ENTITY_KINDS:
            action = QAction(kind.capitalize(), menu, checkable=True, checked=True)
            action.toggled.connect(lambda _on: self._kinds_changed())
            menu.addAction(action)
            self.kind_actions[kind] = action
        kinds.setMenu(menu)
        self.table_button = QPushButton("Table", self, checkable=True)
        self.table_button.setToolTip("Show the network as sortable tables")
        self.table_button.toggled.connect(self._show_tables)
        export = QToolButton(self)
        export.setText("Export")
        export.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        export_menu = QMenu(export)
        for label, fmt in (
            ("PNG image…", "png"),
            ("SVG image…", "svg"),
            ("GraphML…", "graphml"),
            ("GEXF (Gephi)…", "gexf"),
            ("JSON…", "json"),
        ):
            export_menu.addAction(label, lambda f=fmt: self.choose_export(f))
        export.setMenu(export_menu)
        self.back_button = QPushButton("Whole network", self)
        self.back_button.setToolTip("Leave the focus on one entity's neighbourhood")
        self.back_button.clicked.connect(self.clear_focus)
        self.back_button.hide()
        first = (self.top_box, self.more_button, self.scope_box, self.weight_box, self.min_box)
        second = (self.size_box, self.colour_box, kinds, self.table_button, export, self.back_button)
        for widgets in (first, second):
            line = QHBoxLayout()
            for widget in widgets:
                line.addWidget(widget)
            line.addStretch(1)
            rows.addLayout(line)
        return rows

    def _combo(self, items, on_change, tip: str) -> QComboBox:
        box = QComboBox(self)
        for label, value in items:
            box.addItem(label, value)
        box.setToolTip(tip)
        box.currentIndexChanged.connect(lambda _i: on_change(box.currentData()))
        return box

    def _table(self, model, name: str) -> QTableView:
        table = QTableView(self)
        table.setModel(model)
        table.setSortingEnabled(True)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.verticalHeader().hide()
        table.setAccessibleName(name)
        return table

    def _show_tables(self, on: bool) -> None:
        self.stack.setCurrentIndex(1 if on else 0)
        self._fill_tables()

    def _fill_tables(self) -> None:
        """Tables are filled when shown: thousands of rows cost nothing while nobody looks at them."""
        if not self._tables_stale or not self.table_button.isChecked():
            return
        self._tables_stale = False
        self.node_model.set_rows(node_rows(self.graph, self.metrics))
        self.edge_model.set_rows(edge_rows(self.graph))

    def set_options(self, **changes) -> None:
        options = replace(self.options, **changes)
        if options != self.options:
            self.options = options
            self.top_box.blockSignals(True)
            self.top_box.setValue(options.top)
            self.top_box.blockSignals(False)
            self.refresh()

    def set_size_by(self, metric: str) -> None:
        self.size_by = metric
        self.refresh()  # betweenness is computed only when it is shown

    def set_colour_by(self, mode: str) -> None:
        self.colour_by = mode
        self._draw()

    def _kinds_changed(self) -> None:
        self.set_options(kinds=tuple(k for k, a in self.kind_actions.items() if a.isChecked()))

    # -- building and laying out -------------------------------------------------------------------
    def _filter_changed(self) -> None:
        self.focus = None
        self.back_button.hide()
        self.refresh()

    def refresh(self) -> None:
        """Build, analyse and lay out on a worker with its own read connection; the GUI thread only
        draws the result (in time slices), so even thousands of entities never freeze the window."""
        self._generation += 1
        generation = self._generation
        if self._task:
            self._task.cancel()
        store, flt, options = self._store, self._state.filter, self.options
        hidden, focus = set(self.hidden), self.focus
        previous = dict(self._positions)
        pinned = {n: previous[n] for n in self.pinned if n in previous}
        cache = dict(self._layout_cache)
        betweenness = self.size_by == "betweenness"

        def work(ctx) -> _Result:
            reader = store.reader()
            try:
                graph = co_mention_graph(reader, flt, options)
                total = reader.entity_total(flt)
            finally:
                if reader is not store:
                    reader.close()
            graph.remove_nodes_from([n for n in hidden if n in graph])
            if focus is not None and focus in graph:
                graph = ego(graph, focus, hops=1).copy()
            # Sets, not sorted tuples: sorting 50,000 links is one C call that holds the GIL for 35 ms.
            key = (frozenset(graph.nodes), frozenset(map(frozenset, graph.edges)))
            cached = cache.get(key)
            if graph.number_of_nodes() >= PROCESS_MIN_NODES and self._process is not None:
                metrics, positions = self._process.run(
                    graph, previous, pinned, betweenness, cached, ctx.cancelled
                )
            else:
                metrics, positions = analyse_and_layout(
                    graph,
                    previous,
                    pinned,
                    betweenness,
                    cached,
                    progress=lambda d, t: ctx.progress(d, t, ""),
                    cancelled=ctx.cancelled,
                )
            return _Result(graph, metrics, positions, key, total, strongest_edges(graph))

        self.status.setText("Building the network…")
        self.progress.setRange(0, 0)
        self.progress.show()
        self.cancel_button.show()
        self._task = self._runner.run(
            work,
            on_done=lambda result: self._laid_out(generation, result),
            on_error=lambda message: self._layout_failed(generation, message),
            on_progress=self._layout_progress,
            owner=self,
        )

    def _layout_progress(self, done: int, total: int, _message: str) -> None:
        self.progress.setRange(0, max(1, total))
        self.progress.setValue(done)

    def cancel_layout(self) -> None:
        if self._task:
            self._task.cancel()

    def _layout_failed(self, generation: int, message: str) -> None:
        if generation != self._generation:
            return
        self._task = None
        self.progress.hide()
        self.cancel_button.hide()
        cancelled = "LayoutCancelled" in message
        self.status.setText(
            "Layout cancelled: the previous picture stays." if cancelled else f"Layout failed: {message}"
        )

    def _laid_out(self, generation: int, result: _Result) -> None:
        if generation != self._generation:
            return  # a newer request arrived while this one ran
        self._task = None
        self.progress.hide()
        self.cancel_button.hide()
        self._layout_cache[result.key] = result.positions
        self._entity_total = result.entity_total
        self._positions.update(result.positions)
        self.graph, self.metrics, self._strongest = result.graph, result.metrics, result.strongest
        self._tables_stale = True
        self._fill_tables()
        self._draw()

    def _drawn(self) -> None:
        self.view.fit()
        self._apply_emphasis()
        total = self._entity_total
        more = max(0, total - self.graph.number_of_nodes() - len(self.hidden))
        self.more_button.setEnabled(more > 0)
        self.more_button.setText(f"+{min(MORE_STEP, more)} more" if more else "All shown")
        self.status.setText(
            f"{self.graph.number_of_nodes()} entities · {self.graph.number_of_edges()} links"
            + (f" · {more} more not shown" if more else "")
            + (f" · {len(self.hidden)} hidden" if self.hidden else "")
            + " · click: filter · double-click: focus · right-click: more"
        )
        if self.scene.edges_drawn < self.scene.edges_total:
            self.status.setText(
                self.status.text() + f" · drawing the {self.scene.edges_drawn} strongest links (see Table)"
            )
        self.laid_out.emit()

    def _draw(self) -> None:
        positions = {n: self._positions[n] for n in self.graph}
        self.scene.draw(self.graph, positions, self.metrics, self._size_of, self.colour_by, self._strongest)

    def _size_of(self, node: int) -> float:
        m = self.metrics.get(node)
        if self.size_by == "mentions" or m is None:
            return float(self.graph.nodes[node]["mentions"])
        value = getattr(m, self.size_by)
        return float(value or 0.0)

    def _remember_position(self, node: int, x: float, y: float) -> None:
        self._positions[node] = (x, y)
        self._layout_cache.clear()  # the user moved something: keep their picture, not a cached one

    # -- selection and emphasis ---------------------------------------------------------------------
    def _apply_emphasis(self) -> None:
        briefing = self._state.briefing_id
        in_briefing = set()
        if briefing >= 0:
            in_briefing = {entity.id for entity, *_rest in self._store.briefing_mentions(briefing)}
        selected = set(self._state.filter.entity_ids) | set(self.marked)
        emphasis = (in_briefing | {n for e in self._path_edges for n in e}) & set(self.graph.nodes)
        self.scene.set_selection(selected & set(self.graph.nodes), emphasis, self._path_edges)

    def highlighted(self) -> set[int]:
        """Nodes currently ringed (selected, marked, in the selected briefing or on a shown path)."""
        return set(self.scene.marked)

    def _on_node_clicked(self, node: int, ctrl: bool) -> None:
        if ctrl:
            self.marked = (
                [n for n in self.marked if n != node] if node in self.marked else [*self.marked, node]
            )
            self.status.setText(f"{len(self.marked)} marked · right-click a marked entity to connect them")
            self._apply_emphasis()
            return
        self.select_entity(node)

    def _on_table_row(self, current, _previous) -> None:
        if current.isValid():
            self.select_entity(self.node_model.row_at(current.row()).id)

    def select_entity(self, entity_id: int) -> None:
        self.node_clicked.emit(entity_id)
        flt = self._state.filter
        chosen = () if flt.entity_ids == (entity_id,) else (entity_id,)
        self._state.set(replace(flt, entity_ids=chosen))

    def focus_on(self, node: int) -> None:
        self.focus = node
        self.back_button.show()
        self.refresh()

    def clear_focus(self) -> None:
        self.focus = None
        self.back_button.hide()
        self.refresh()

    # -- context menu: briefings, evidence, paths, hide, pin ----------------------------------------
    def _context_menu(self, node: int, global_pos) -> None:
        name = self.graph.nodes[node]["name"]
        menu = QMenu(self)
        menu.addAction(f"Show briefings with {name}", lambda: self.select_entity(node))
        menu.addAction("Show evidence…", lambda: self.show_evidence([node]))
        menu.addAction("Focus on neighbourhood", lambda: self.focus_on(node))
        menu.addAction("Show path to…", lambda: self._choose_path_target(node))
        if len(self.marked) >= 2 or (self.marked and node not in self.marked):
            menu.addAction(
                "How are the marked entities connected?", lambda: self.connect([*self.marked, node])
            )
        menu.addSeparator()
        menu.addAction("Hide", lambda: self.hide_node(node))
        menu.addAction("Unpin" if node in self.pinned else "Pin in place", lambda: self.toggle_pin(node))
        if self.hidden:
            menu.addAction(f"Show {len(self.hidden)} hidden", self.show_hidden)
        menu.exec(global_pos)

    def _choose_path_target(self, node: int) -> None:
        others = sorted((self.graph.nodes[n]["name"], n) for n in self.graph if n != node)
        name, ok = QInputDialog.getItem(self, "Show path", "Path to:", [o[0] for o in others], 0, False)
        if ok:
            self.show_path(node, dict(others)[name])

    def show_path(self, a: int, b: int) -> list[int]:
        path = shortest_path(self.graph, a, b)
        self._path_edges = {frozenset(pair) for pair in itertools.pairwise(path)}
        self._apply_emphasis()
        names = " → ".join(self.graph.nodes[n]["name"] for n in path)
        self.status.setText(f"Path: {names}" if path else "These two are not connected in this network.")
        return path

    def connect(self, nodes: list[int]) -> nx.Graph:
        joined = connecting_network(self.graph, list(dict.fromkeys(nodes)))
        self._path_edges = {frozenset(e) for e in joined.edges}
        self._apply_emphasis()
        self.status.setText(
            f"Connecting network: {joined.number_of_nodes()} entities, {joined.number_of_edges()} links"
            if joined.number_of_edges()
            else "The marked entities are not connected in this network."
        )
        return joined

    def clear_path(self) -> None:
        self._path_edges = set()
        self._apply_emphasis()

    def hide_node(self, node: int) -> None:
        self.hidden.add(node)
        self.refresh()

    def show_hidden(self) -> None:
        self.hidden.clear()
        self.refresh()

    def toggle_pin(self, node: int) -> None:
        self.pinned.symmetric_difference_update({node})

    def show_evidence(self, nodes: list[int]) -> None:
        """The sentences behind an entity, or behind each link of the shown path."""
        pairs = [tuple(e) for e in self._path_edges] if len(nodes) < 2 and self._path_edges else []
        name = lambda n: self.graph.nodes[n]["name"]  # noqa: E731
        groups = [
            (f"{name(a)} — {name(b)}", evidence(self._store, a, b, self._state.filter)) for a, b in pairs
        ]
        if not groups:
            groups = [(name(nodes[0]), evidence(self._store, nodes[0], None, self._state.filter))]
        EvidenceDialog(groups, self).show()

    # -- export -------------------------------------------------------------------------------------
    def choose_export(self, fmt: str) -> None:
        path, _ = QFileDialog.getSaveFileName(self, "Export network", f"network.{fmt}")
        if path:
            self.export(Path(path), fmt)

    def export(self, path: Path, fmt: str) -> None:
        if fmt in ("png", "svg"):
            self.scene.save_image(path, fmt, self.palette().base().color())
        else:
            path.write_text(render_graph(self.graph, self.metrics, fmt), encoding="utf-8")
        self.status.setText(f"Exported {path.name}")

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if self.scene.nodes:
            self.view.fit()
