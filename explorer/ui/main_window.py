"""The main window: map, network and reader side by side, one shared filter, imports in the background."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QDragEnterEvent, QDropEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSplitter,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from explorer.graph.compute import GraphProcess
from explorer.map.files import export_text
from explorer.model import Filter
from explorer.query import SYNTAX_HELP
from explorer.store.postgres import READ_ONLY_MESSAGE
from explorer.ui.about import show_about
from explorer.ui.breadcrumb import Breadcrumb
from explorer.ui.entity_edit import EntityEditor
from explorer.ui.filter_state import FilterState
from explorer.ui.focus_order import next_stop, set_keyboard_path
from explorer.ui.import_choice import choose_files, choose_folder
from explorer.ui.import_report import ImportReportDialog
from explorer.ui.map.export_dialog import ExportChoice, ExportDialog
from explorer.ui.map.panel import MapPanel
from explorer.ui.map.snapshot import MapSnapshot, SnapshotRequest
from explorer.ui.network.panel import NetworkPanel
from explorer.ui.presentation import Presentation, add_view_actions
from explorer.ui.reader.panel import ReaderPanel
from explorer.ui.refiner import Refiner
from explorer.ui.settings import GEOMETRY, SPLITTER, THEME, Settings
from explorer.ui.stories import add_story_menu
from explorer.ui.tasks import TaskHandle, TaskRunner
from explorer.ui.themes import apply_theme, clamp_scale
from explorer.ui.timeline import Timeline
from explorer.ui.workspace_data import WorkspaceData
from explorer.workspace.importer import ImportReport, import_paths

SEARCH_DEBOUNCE_MS = 250
# A refinement waits for the map's first paint, and then this long; it starts anyway after the latest.
REFINE_AFTER_PAINT_MS = 1000
REFINE_AT_LATEST_MS = 15_000


class MainWindow(QMainWindow):
    def __init__(
        self,
        data: WorkspaceData,
        runner: TaskRunner,
        state: FilterState,
        map_panel: MapPanel,
        cache_dir: Path,
        theme: str = "light",
        graph_process: GraphProcess | None = None,
        refiner: Refiner | None = None,
        settings: Settings | None = None,
    ) -> None:
        super().__init__()
        self.data = data
        self.store = data.store
        self.runner = runner
        self.state = state
        self.setWindowTitle("Briefing Explorer")
        self.setAcceptDrops(True)
        self._import_task: TaskHandle | None = None
        self._snapshot: MapSnapshot | None = None
        self.last_import: ImportReport | None = None
        self.last_export: Path | None = None
        self.cache_dir = cache_dir
        self.theme, self.scale = theme, 1.0

        self.map_panel = map_panel
        self.network_panel = NetworkPanel(data, state, runner, theme=theme, process=graph_process)
        self.reader_panel = ReaderPanel(data, state, theme)
        self.reader_panel.watchlists.news.connect(lambda line: self.statusBar().showMessage(line, 15_000))
        self.entity_editor = EntityEditor(self, data, runner)
        splitter = self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        for panel in (self.map_panel, self.network_panel, self.reader_panel):
            splitter.addWidget(panel)
        # Map, network and reader keep these shares as the window is resized (or first sized).
        for index, share in enumerate((38, 26, 36)):
            splitter.setStretchFactor(index, share)
        splitter.setSizes([38 * 20, 26 * 20, 36 * 20])
        self.settings = settings
        self.timeline = Timeline(data, state, self)
        self.caption = QLabel(self)  # presentation mode: the briefing shown, and where it is in the list
        self.caption.setObjectName("caption")
        self.caption.setWordWrap(True)
        self.caption.hide()
        central = QWidget(self)
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.caption)
        column.addWidget(splitter, 1)
        column.addWidget(self.timeline)
        self.setCentralWidget(central)

        self.presentation = Presentation(self)
        self._build_toolbar()
        self._build_status_bar()
        set_keyboard_path(self)
        state.changed.connect(self._on_filter_changed)
        self._on_filter_changed(state.filter)
        data.changed.connect(self._on_data_changed)
        self.refiner = refiner
        self._refine_pending = False  # a refinement waits for the map's first paint
        if refiner is not None:
            refiner.progress.connect(self._refine_progress)
            refiner.finished.connect(self._refine_finished)
            refiner.failed.connect(lambda why: self.statusBar().showMessage(f"Refinement: {why}", 15_000))
            if self.store.unrefined(limit=1):
                self._refine_after_first_paint(refiner)

    def _refine_after_first_paint(self, refiner: Refiner) -> None:
        """Start the refinement once the map has painted the workspace (the model takes a core for seconds
        as it loads; the first paint should not wait for it), or after a while if the map never does. The
        window is the context of the timers and the connection: closing it cancels them."""
        self._refine_pending = True
        self.map_panel.updated.connect(self._refine_soon, Qt.ConnectionType.SingleShotConnection)
        QTimer.singleShot(REFINE_AT_LATEST_MS, self, self._start_pending_refinement)

    def _refine_soon(self) -> None:
        QTimer.singleShot(REFINE_AFTER_PAINT_MS, self, self._start_pending_refinement)

    def _start_pending_refinement(self) -> None:
        if not self._refine_pending or self.refiner is None:
            return
        self._refine_pending = False
        if not self.refiner.is_running():  # an import meanwhile started one
            self.refiner.start()

    def focusNextPrevChild(self, next: bool) -> bool:
        stop = next_stop(self, QApplication.focusWidget(), next)
        if stop is None:
            return super().focusNextPrevChild(next)
        stop.setFocus(Qt.FocusReason.TabFocusReason if next else Qt.FocusReason.BacktabFocusReason)
        return True

    # -- chrome --------------------------------------------------------------------------------------
    def _build_toolbar(self) -> None:
        bar = self.main_bar = QToolBar("Main", self)
        bar.setMovable(False)
        self.addToolBar(bar)
        self.back_action = QAction("◀", self)
        self.back_action.setShortcut(QKeySequence("Alt+Left"))
        self.back_action.setToolTip("Previous filter (Alt+Left)")
        self.back_action.triggered.connect(self.state.back)
        self.forward_action = QAction("▶", self)
        self.forward_action.setShortcut(QKeySequence("Alt+Right"))
        self.forward_action.setToolTip("Next filter (Alt+Right)")
        self.forward_action.triggered.connect(self.state.forward)
        bar.addAction(self.back_action)
        bar.addAction(self.forward_action)
        self.state.history_changed.connect(self._update_history_actions)
        self._update_history_actions()
        for text, keys, tip, slot in (
            ("Import…", "Ctrl+I",
             "Import briefing files (Ctrl+I); a whole folder: Ctrl+Shift+I; or drop files and folders here",
             self.choose_import),
            ("Export map…", "Ctrl+E", "Export the map as PNG, offline HTML, GeoJSON, KML or CSV (Ctrl+E)",
             self.choose_export),
            ("Zoom to selection", "Ctrl+L",
             "Fly the map to the selected briefing's or filter's countries (Ctrl+L)",
             self.map_panel.fly_to_selection),
            ("Entities…", "Ctrl+Shift+E", "Merge and clean up entities", self.entity_editor.open_manager),
            ("About", "F1", "Version, extraction backend and data credits (F1)", self.show_about),
        ):  # fmt: skip
            action = QAction(text, self)
            action.setShortcut(QKeySequence(keys))
            action.setToolTip(tip)
            action.triggered.connect(slot)
            bar.addAction(action)
        folder = QAction("Import a folder…", self, shortcut=QKeySequence("Ctrl+Shift+I"))
        folder.triggered.connect(lambda: self.start_import(choose_folder(self)))
        self.addAction(folder)
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(
            'Search (Ctrl+F): "phrase", OR, NOT, prefix*, country:CN, org:"…", after:2025-01-01'
        )
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(320)
        self.search.setAccessibleName("Search")
        self.search.setToolTip(SYNTAX_HELP)
        bar.addWidget(self.search)
        focus_search = QAction(self)
        focus_search.setShortcut(QKeySequence.StandardKey.Find)
        focus_search.triggered.connect(lambda: (self.search.setFocus(), self.search.selectAll()))
        self.addAction(focus_search)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(SEARCH_DEBOUNCE_MS)
        self._debounce.timeout.connect(self._apply_search)
        self.search.textChanged.connect(lambda _text: self._debounce.start())
        # Return (or Down) runs the search at once and goes on into the results.
        self.search.returnPressed.connect(self.into_results)
        down = QAction(self.search)
        down.setShortcut(QKeySequence(Qt.Key.Key_Down))
        down.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        down.triggered.connect(self.into_results)
        self.search.addAction(down)
        self.search_hint = QLabel(self)
        self.search_hint.setObjectName("searchHint")
        self.search_hint.setToolTip(SYNTAX_HELP)
        bar.addWidget(self.search_hint)
        self.clear_button = QPushButton("Clear filter", self)
        self.clear_button.setShortcut(QKeySequence("Ctrl+Backspace"))
        self.clear_button.clicked.connect(self.clear_filter)
        bar.addWidget(self.clear_button)
        add_view_actions(self, bar)
        add_story_menu(self, bar)
        self.addToolBarBreak()
        crumbs = self.crumbs_bar = QToolBar("Filter", self)
        crumbs.setMovable(False)
        self.breadcrumb = Breadcrumb(self.data, self.state, crumbs)
        crumbs.addWidget(self.breadcrumb)
        self.addToolBar(crumbs)

    def _build_status_bar(self) -> None:
        self.progress = QProgressBar(self)
        self.progress.setMaximumWidth(240)
        self.progress.hide()
        self.cancel_button = QPushButton("Cancel", self)
        self.cancel_button.hide()
        self.cancel_button.clicked.connect(self.cancel_import)
        self.totals = QLabel(self)
        self.refining = QLabel(self)
        self.refining.setObjectName("refining")
        self.refining.setToolTip("spaCy's model reads the new briefings again for organisations and people")
        self.refining.hide()
        bar = self.statusBar()
        bar.addPermanentWidget(self.refining)
        bar.addPermanentWidget(self.totals)
        bar.addPermanentWidget(self.progress)
        bar.addPermanentWidget(self.cancel_button)
        self._update_totals()

    def _update_totals(self) -> None:
        self._briefings_seen = self.store.briefing_count()
        name = self.store.display_name
        self.totals.setText(
            f"{self.store.briefing_count()} briefings · {self.store.entity_count()} entities"
            f" · workspace {name}{'' if self.store.writable else ' (read only)'}"
        )

    # -- filter --------------------------------------------------------------------------------------
    def _apply_search(self) -> None:
        text = self.search.text().strip()
        errors = self.store.query_errors(text) if text else []
        # The valid parts of the query still apply; the hint says what was left out and why.
        self.search_hint.setText("⚠ " + errors[0].message if errors else "")
        self.state.set(replace(self.state.filter, query=text))

    def into_results(self) -> None:
        self._debounce.stop()
        self._apply_search()
        reader = self.reader_panel
        reader.tabs.setCurrentIndex(0)
        reader.table.setFocus()
        if reader.table.currentIndex().row() < 0:
            reader.step(1)  # the first result

    def show_about(self) -> QMessageBox:
        return show_about(self)

    def _update_history_actions(self) -> None:
        self.back_action.setEnabled(self.state.can_go_back())
        self.forward_action.setEnabled(self.state.can_go_forward())

    def clear_filter(self) -> None:
        self.search.blockSignals(True)
        self.search.clear()
        self.search.blockSignals(False)
        self.state.set(Filter())

    def _on_filter_changed(self, flt: Filter) -> None:
        self.clear_button.setEnabled(not flt.is_empty)
        briefing = self.state.briefing_id
        if briefing >= 0 and not self.store.briefing_passes(briefing, flt):
            self.state.select_briefing(-1)  # the open briefing left the filter: close it in every view
        if self.search.text().strip() != flt.query:  # the query changed elsewhere (history, a chip)
            self.search.blockSignals(True)
            self.search.setText(flt.query)
            self.search.blockSignals(False)
            self.search_hint.setText("")

    # -- themes and presentation -----------------------------------------------------------------------
    def set_theme(self, theme: str, remember: bool = True) -> None:
        """Light, dark or projector, alike for widgets, the map page, the network and the reader;
        `remember` keeps it for the next start (presentation mode's projector is not kept)."""
        self.theme = theme
        if remember and self.settings is not None:
            self.settings.set(THEME, theme)
        if theme in getattr(self, "theme_actions", {}):
            self.theme_actions[theme].setChecked(True)
        apply_theme(QApplication.instance(), theme, self.scale)
        self.map_panel.set_theme(theme)
        self.network_panel.set_theme(theme, self.scale)
        self.reader_panel.set_theme(theme)

    def set_scale(self, scale: float) -> None:
        """Type size from 1.0 to 2.5: widgets, reader, network names and the map page grow together."""
        self.scale = clamp_scale(scale)
        apply_theme(QApplication.instance(), self.theme, self.scale)
        self.map_panel.set_scale(self.scale)
        self.network_panel.set_theme(self.theme, self.scale)

    def panels(self) -> tuple[QWidget, QWidget, QWidget]:
        return self.map_panel, self.network_panel, self.reader_panel

    def presentation_chrome(self) -> list[QWidget]:
        """What presentation mode hides: toolbars, the status bar and the timeline."""
        return [self.main_bar, self.crumbs_bar, self.statusBar(), self.timeline]

    def restore_geometry(self) -> None:
        """The window's size and place and its panels' sizes as they were last time."""
        if self.settings is not None:
            self.restoreGeometry(self.settings.get(GEOMETRY))
            self.splitter.restoreState(self.settings.get(SPLITTER))

    def remember_layout(self) -> None:
        """Window geometry and panel sizes for the next start (as they are outside presentation mode)."""
        if self.settings is None:
            return
        geometry, panels = self.presentation.normal_layout() or (
            self.saveGeometry(),
            self.splitter.saveState(),
        )
        self.presentation.leave()
        self.settings.set(GEOMETRY, geometry)
        self.settings.set(SPLITTER, panels)
        self.settings.sync()

    def stop(self) -> None:
        """Stop everything that would touch the workspace later (it is about to be closed)."""
        self.remember_layout()
        self._refine_pending = False
        if self.refiner is not None:
            self.refiner.stop()
        self.timeline.play_button.setChecked(False)
        self._debounce.stop()

    def _on_data_changed(self, external: bool) -> None:
        before = self._briefings_seen
        self._update_totals()
        added = self._briefings_seen - before
        if external and added:
            plural = "s" if added != 1 else ""
            self.statusBar().showMessage(f"{added} new briefing{plural} arrived from another import", 10_000)

    # -- export --------------------------------------------------------------------------------------
    def choose_export(self) -> None:
        dialog = ExportDialog(Path.home(), self)
        if dialog.exec() == ExportDialog.DialogCode.Accepted:
            self.export_map(dialog.choice())

    def export_map(self, choice: ExportChoice) -> None:
        """PNG renders off-screen on the event loop (the window stays live); text formats run as a task."""
        flt = self.state.filter
        if not choice.path.parent.is_dir():
            self._export_failed(
                f"cannot write {choice.path.name}: the folder {choice.path.parent} does not exist"
            )
            return
        if choice.fmt != "png":
            store, cache_dir = self.store, self.cache_dir

            def work(_ctx) -> Path:
                choice.path.write_text(
                    export_text(store, flt, choice.fmt, cache_dir, choice.theme, choice.title),
                    encoding="utf-8",
                )
                return choice.path

            self.runner.run(work, on_done=self._export_saved, on_error=self._export_failed, owner=self)
            return
        request = SnapshotRequest(choice.width, choice.height, flt, choice.theme, choice.title)
        snapshot = MapSnapshot(self.store, self.map_panel.page.profile(), self.cache_dir, request)
        self._snapshot = snapshot
        self.progress.setRange(0, 0)
        self.progress.show()
        self.cancel_button.show()
        snapshot.progress.connect(lambda message: self.statusBar().showMessage(message))

        def finish() -> None:
            self.progress.hide()
            self.cancel_button.hide()
            snapshot.dispose()
            self._snapshot = None

        def saved(image) -> None:
            finish()
            if image.save(str(choice.path), "PNG"):
                self._export_saved(choice.path)
            else:
                self._export_failed(f"cannot write {choice.path}")

        def failed(message: str) -> None:
            finish()
            self._export_failed(message)

        snapshot.finished.connect(saved)
        snapshot.failed.connect(failed)
        snapshot.start()

    def _export_saved(self, path: Path) -> None:
        self.last_export = path
        self.statusBar().showMessage(f"Exported {path.name}", 10_000)

    def _export_failed(self, message: str) -> None:
        """Said where it cannot be missed, without stopping the window (the box is not modal)."""
        self.last_export = None
        self.statusBar().showMessage(f"Export failed: {message}", 15_000)
        self.export_error = QMessageBox(QMessageBox.Icon.Warning, "Export failed", message, parent=self)
        self.export_error.open()

    # -- statistical refinement ----------------------------------------------------------------------
    def _refine_progress(self, done: int, total: int) -> None:
        self.refining.setText(f"Refining entities {done}/{total} ·")
        self.refining.show()

    def _refine_finished(self, completed: bool) -> None:
        self.refining.hide()
        if completed:
            self.statusBar().showMessage("Entities refined with the statistical model", 5000)

    # -- import --------------------------------------------------------------------------------------
    def choose_import(self) -> None:
        self.start_import(choose_files(self))

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            self.start_import(paths)

    def start_import(self, paths: list[Path], quiet: bool = False) -> None:
        if not paths:  # the dialog was cancelled
            return
        if self._import_task is not None:
            self.statusBar().showMessage("An import is already running.", 4000)
            return
        if self.store.location is None or not self.store.writable:
            self.statusBar().showMessage("" if self.store.writable else READ_ONLY_MESSAGE, 10_000)
            return
        data = self.data

        def work(ctx) -> ImportReport:
            # The import writes through its own connection on the writer thread; the GUI keeps reading.
            # Extraction runs in worker processes, so the window never holds the extraction dictionary.
            with data.writing() as writer:
                return import_paths(
                    writer, paths, progress=ctx.progress, cancelled=ctx.cancelled, workers_only=True
                )

        self.progress.setRange(0, 0)
        self.progress.show()
        self.cancel_button.show()
        self.statusBar().showMessage("Importing…")
        data.hold()
        self._import_task = self.runner.run(
            work,
            on_done=lambda report: self._import_done(report, quiet),
            on_error=self._import_failed,
            on_progress=self._import_progress,
            writes=True,
            owner=self,
        )

    def _import_progress(self, done: int, total: int, name: str) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        if name:
            self.statusBar().showMessage(f"Importing {name}…")

    def cancel_import(self) -> None:
        if self._import_task:
            self._import_task.cancel()
        if self._snapshot is not None:
            self._snapshot.cancel()

    def _import_finished(self) -> None:
        self._import_task = None
        self.progress.hide()
        self.cancel_button.hide()
        self.data.release()  # every view re-queries the new data

    def _import_done(self, report: ImportReport, quiet: bool) -> None:
        self.last_import = report
        self._import_finished()
        if self.refiner is not None and report.imported:
            self.refiner.start()
        watched = "".join(f" · watch {name}: {count} new" for name, count in report.watch_matches.items())
        self.statusBar().showMessage(f"Import: {report.summary()}{watched}", 15_000)
        if (report.failed or report.near_duplicates) and not quiet:
            self.import_report = ImportReportDialog(report, self)
            self.import_report.open()

    def _import_failed(self, message: str) -> None:
        self._import_finished()
        QMessageBox.critical(self, "Import failed", f"Nothing from this import was saved.\n\n{message}")
