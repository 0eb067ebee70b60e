"""The entity network panel: co-mention graph, analytics, layout off the GUI thread, linked selection."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import networkx as nx
from PySide6.QtCore import Qt, Signal
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

from explorer.graph import GraphOptions, NodeMetrics
from explorer.graph.compute import GraphProcess
from explorer.graph.export import graph_document
from explorer.graph.session import DEFAULT_TOP, GraphResult, GraphSession, compute
from explorer.model import ENTITY_KINDS
from explorer.reader.evidence import evidence
from explorer.ui.evidence_dialog import EvidenceDialog
from explorer.ui.filter_state import FilterState
from explorer.ui.network.scene import NetworkScene
from explorer.ui.network.table import EdgeTableModel, NodeTableModel, edge_rows, node_rows
from explorer.ui.network.view import NetworkView
from explorer.ui.tasks import TaskHandle, TaskRunner
from explorer.ui.workspace_data import WorkspaceData

MORE_STEP = 25
# The most entities a network may hold: 20,000 stay interactive (benchmarks/network.py).
MAX_TOP = 50_000
SCOPE_LABELS = (("Same briefing", "briefing"), ("Same section", "section"), ("Same sentence", "sentence"))
WEIGHT_LABELS = (("Shared briefings", "count"), ("Jaccard", "jaccard"), ("PMI (tames hubs)", "pmi"))
SIZE_LABELS = (("Size: briefings", "mentions"), ("Size: links", "degree"), ("Size: strength", "strength"),
               ("Size: PageRank", "pagerank"), ("Size: betweenness", "betweenness"))  # fmt: skip


class NetworkPanel(QWidget):
    node_clicked = Signal(int)
    laid_out = Signal()
    entity_menu = None  # Callable[[QMenu, int], None]: adds the corrections (explorer.ui.entity_edit)

    def __init__(
        self,
        data: WorkspaceData,
        state: FilterState,
        runner: TaskRunner,
        theme: str = "light",
        process: GraphProcess | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._data = data
        self._store = data.store
        self._state = state
        self._runner = runner
        self._process = process  # big graphs are analysed and laid out in this worker process
        self.session = GraphSession()
        self._task: TaskHandle | None = None
        self._tables_stale = False

        self.scene = NetworkScene(theme, self)
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
        self.status.setWordWrap(True)  # a long status wraps instead of widening the panel
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
        self.scene.moved.connect(self.session.remember_position)
        self.scene.drawn.connect(self._drawn)
        self.node_table.selectionModel().currentRowChanged.connect(self._on_table_row)
        state.changed.connect(lambda _flt: self._filter_changed())
        data.changed.connect(lambda _external: self.refresh())
        state.briefing_selected.connect(lambda _id: self._apply_emphasis())
        self.refresh()

    # -- controls ---------------------------------------------------------------------------------
    def _controls(self) -> QVBoxLayout:
        # Three short rows, so the panel can stay narrow beside the map (about 400 px at the least).
        rows = QVBoxLayout()
        rows.setContentsMargins(6, 4, 6, 0)
        rows.setSpacing(4)
        self.top_box = QSpinBox(self)
        self.top_box.setRange(5, MAX_TOP)
        self.top_box.setValue(DEFAULT_TOP)
        self.top_box.setPrefix("Top ")
        self.top_box.setToolTip("How many of the most-mentioned entities enter the network")
        self.top_box.setAccessibleName("Entities in the network")
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
        self.min_box.setAccessibleName("Fewest shared briefings per link")
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
        first = (self.top_box, self.more_button, self.min_box, kinds)
        second = (self.scope_box, self.weight_box, self.table_button)
        third = (self.size_box, self.colour_box, export, self.back_button)
        self._controls_shown: list[QWidget] = []
        self.control_widgets: list[QWidget] = [*first, *second, *third]
        for widgets in (first, second, third):
            line = QHBoxLayout()
            for widget in widgets:
                line.addWidget(widget)
            line.addStretch(1)
            rows.addLayout(line)
        return rows

    def _combo(self, items, on_change, tip: str) -> QComboBox:
        box = QComboBox(self)
        box.setAccessibleName(tip)
        for label, value in items:
            box.addItem(label, value)
        box.setToolTip(tip)
        box.currentIndexChanged.connect(lambda _i: on_change(box.currentData()))
        return box

    def _table(self, model, name: str) -> QTableView:
        table = QTableView(self)
        table.setTabKeyNavigation(False)
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
        # The arrows say how the rows come: most briefings first, strongest links first.
        most = Qt.SortOrder.DescendingOrder
        self.node_table.horizontalHeader().setSortIndicator(NodeTableModel.BRIEFINGS, most)
        self.edge_table.horizontalHeader().setSortIndicator(EdgeTableModel.WEIGHT, most)

    # -- what the session holds ---------------------------------------------------------------------
    @property
    def graph(self) -> nx.Graph:
        return self.session.graph

    @property
    def metrics(self) -> dict[int, NodeMetrics]:
        return self.session.metrics

    @property
    def options(self) -> GraphOptions:
        return self.session.options

    def set_options(self, **changes) -> None:
        if self.session.set_options(**changes):
            self.top_box.blockSignals(True)
            self.top_box.setValue(self.session.options.top)
            self.top_box.blockSignals(False)
            self.refresh()

    def set_size_by(self, metric: str) -> None:
        self.session.size_by = metric
        self.refresh()  # betweenness is computed only when it is shown

    def set_presenting(self, on: bool) -> None:
        """Presentation mode shows the drawing alone: no controls, no status line."""
        if on:
            widgets = [*self.control_widgets, self.status, self.progress, self.cancel_button]
            self._controls_shown = [w for w in widgets if not w.isHidden()]
            for widget in self._controls_shown:
                widget.hide()
        else:
            for widget in self._controls_shown:
                widget.show()
            self._controls_shown = []

    def set_theme(self, theme: str, scale: float = 1.0) -> None:
        """Colours and name size; the drawing is made again with them."""
        self.scene.set_theme(theme, scale)
        if self.graph.number_of_nodes():
            self._draw()

    def set_colour_by(self, mode: str) -> None:
        self.session.colour_by = mode
        self._draw()

    def _kinds_changed(self) -> None:
        self.set_options(kinds=tuple(k for k, a in self.kind_actions.items() if a.isChecked()))

    # -- building and laying out -------------------------------------------------------------------
    def _filter_changed(self) -> None:
        self.session.focus = None
        self.back_button.hide()
        self.refresh()

    def refresh(self) -> None:
        """Build, analyse and lay out on a worker with the network's read connection; the GUI thread only
        draws the result (in time slices), so even thousands of entities never freeze the window."""
        if self._task:
            self._task.cancel()
        request = self.session.request(self._state.filter)
        data, process = self._data, self._process

        def work(ctx) -> GraphResult:
            progress = lambda done, total: ctx.progress(done, total, "")  # noqa: E731
            with data.reading("network") as reader:
                return compute(request, reader, process, progress, ctx.cancelled)

        self.status.setText("Building the network…")
        self.progress.setRange(0, 0)
        self.progress.show()
        self.cancel_button.show()
        self._task = self._runner.run(
            work,
            on_done=self._laid_out,
            on_error=lambda message: self._layout_failed(request.generation, message),
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
        if not self.session.is_current(generation):
            return
        self._task = None
        self.progress.hide()
        self.cancel_button.hide()
        cancelled = "LayoutCancelled" in message
        self.status.setText(
            "Layout cancelled: the previous picture stays." if cancelled else f"Layout failed: {message}"
        )

    def _laid_out(self, result: GraphResult) -> None:
        if not self.session.accept(result):
            return  # a newer request arrived while this one ran
        self._task = None
        self.progress.hide()
        self.cancel_button.hide()
        self._tables_stale = True
        self._fill_tables()
        self._draw()

    def _drawn(self) -> None:
        self.view.fit()
        self._apply_emphasis()
        session = self.session
        more = session.not_shown()
        self.more_button.setEnabled(more > 0)
        self.more_button.setText(f"+{min(MORE_STEP, more)} more" if more else "All shown")
        self.status.setText(
            f"{self.graph.number_of_nodes()} entities · {self.graph.number_of_edges()} links"
            + (f" · {more} more not shown" if more else "")
            + (f" · {len(session.hidden)} hidden" if session.hidden else "")
            + " · click: filter · double-click: focus · right-click: more"
        )
        if self.scene.edges_drawn < self.scene.edges_total:
            self.status.setText(
                self.status.text()
                + f" · drawing the {self.scene.edges_drawn} strongest in view (zoom for more)"
            )
        self.laid_out.emit()

    def _draw(self) -> None:
        session = self.session
        self.scene.draw(
            session.graph,
            session.drawn_positions(),
            session.metrics,
            session.size_of,
            session.colour_by,
            session.strongest,
        )

    # -- selection and emphasis ---------------------------------------------------------------------
    def _apply_emphasis(self) -> None:
        briefing = self._state.briefing_id
        in_briefing = set()
        if briefing >= 0:
            in_briefing = {entity.id for entity, *_rest in self._store.briefing_mentions(briefing)}
        selected, emphasis = self.session.emphasis(in_briefing, set(self._state.filter.entity_ids))
        self.scene.set_selection(selected, emphasis, self.session.path_edges)

    def highlighted(self) -> set[int]:
        """Nodes currently ringed (selected, marked, in the selected briefing or on a shown path)."""
        return set(self.scene.marked)

    def _on_node_clicked(self, node: int, ctrl: bool) -> None:
        if ctrl:
            self.session.toggle_mark(node)
            marked = len(self.session.marked)
            self.status.setText(f"{marked} marked · right-click a marked entity to connect them")
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
        self.session.focus = node
        self.back_button.show()
        self.refresh()

    def clear_focus(self) -> None:
        self.session.focus = None
        self.back_button.hide()
        self.refresh()

    # -- context menu: briefings, evidence, paths, hide, pin ----------------------------------------
    def _context_menu(self, node: int, global_pos) -> None:
        session = self.session
        name = session.name(node)
        menu = QMenu(self)
        menu.addAction(f"Show briefings with {name}", lambda: self.select_entity(node))
        menu.addAction("Show evidence…", lambda: self.show_evidence([node]))
        menu.addAction("Focus on neighbourhood", lambda: self.focus_on(node))
        menu.addAction("Show path to…", lambda: self._choose_path_target(node))
        if len(session.marked) >= 2 or (session.marked and node not in session.marked):
            menu.addAction(
                "How are the marked entities connected?", lambda: self.connect([*session.marked, node])
            )
        menu.addSeparator()
        menu.addAction("Hide", lambda: self.hide_node(node))
        menu.addAction("Unpin" if node in session.pinned else "Pin in place", lambda: self.toggle_pin(node))
        if session.hidden:
            menu.addAction(f"Show {len(session.hidden)} hidden", self.show_hidden)
        if self.entity_menu is not None:  # the corrections (explorer.ui.entity_edit)
            self.entity_menu(menu, node)
        menu.exec(global_pos)

    def _choose_path_target(self, node: int) -> None:
        others = sorted((self.session.name(n), n) for n in self.graph if n != node)
        name, ok = QInputDialog.getItem(self, "Show path", "Path to:", [o[0] for o in others], 0, False)
        if ok:
            self.show_path(node, dict(others)[name])

    def show_path(self, a: int, b: int) -> list[int]:
        path = self.session.show_path(a, b)
        self._apply_emphasis()
        names = " → ".join(self.session.name(n) for n in path)
        self.status.setText(f"Path: {names}" if path else "These two are not connected in this network.")
        return path

    def connect(self, nodes: list[int]) -> nx.Graph:
        joined = self.session.connect(nodes)
        self._apply_emphasis()
        self.status.setText(
            f"Connecting network: {joined.number_of_nodes()} entities, {joined.number_of_edges()} links"
            if joined.number_of_edges()
            else "The marked entities are not connected in this network."
        )
        return joined

    def clear_path(self) -> None:
        self.session.path_edges = set()
        self._apply_emphasis()

    def hide_node(self, node: int) -> None:
        self.session.hidden.add(node)
        self.refresh()

    def show_hidden(self) -> None:
        self.session.hidden.clear()
        self.refresh()

    def toggle_pin(self, node: int) -> None:
        self.session.toggle_pin(node)

    def show_evidence(self, nodes: list[int]) -> None:
        """The sentences behind an entity, or behind each link of the shown path."""
        name, flt = self.session.name, self._state.filter
        groups = [
            (f"{name(a)} — {name(b)}", evidence(self._store, a, b, flt))
            for a, b in self.session.evidence_pairs(nodes)
        ]
        if not groups:
            groups = [(name(nodes[0]), evidence(self._store, nodes[0], None, flt))]
        EvidenceDialog(groups, self).open_for(self._state)

    # -- export -------------------------------------------------------------------------------------
    def choose_export(self, fmt: str) -> None:
        path, _ = QFileDialog.getSaveFileName(self, "Export network", f"network.{fmt}")
        if path:
            self.export(Path(path), fmt)

    def export(self, path: Path, fmt: str) -> None:
        if fmt in ("png", "svg"):
            self.scene.save_image(path, fmt, self.palette().base().color())
        else:
            path.write_text(graph_document(self.graph, self.metrics, fmt), encoding="utf-8")
        self.status.setText(f"Exported {path.name}")

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if self.scene.nodes:
            self.view.fit()
