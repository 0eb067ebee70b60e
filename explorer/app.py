"""Composition root: the QApplication, Store, TaskRunner, web profile and MainWindow are wired here only."""

from __future__ import annotations

import gc
import linecache
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from explorer.config import app_paths
from explorer.map.assets import asset_routes
from explorer.resources import data_path
from explorer.store import Store, StoreError
from explorer.store.postgres import is_postgres_url, redacted

if TYPE_CHECKING:  # Qt is imported only once a window is built
    from PySide6.QtWebEngineCore import QWebEngineProfile
    from PySide6.QtWidgets import QApplication

    from explorer.graph.compute import GraphProcess
    from explorer.ui.filter_state import FilterState
    from explorer.ui.main_window import MainWindow
    from explorer.ui.map.web import OfflineGuard
    from explorer.ui.settings import Settings
    from explorer.ui.tasks import TaskRunner
    from explorer.ui.workspace_data import WorkspaceData


def prepare_environment(quiet: bool = False) -> None:
    """Settings Chromium reads at start-up; call before the QApplication is created. `quiet` (command-line
    exports) keeps Qt's and Chromium's own log lines off stderr."""
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        os.environ.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")
    flags = os.environ.get("QTWEBENGINE_CHROMIUM_FLAGS", "")
    wanted = ["--disable-background-networking", "--disable-component-update", "--no-first-run"]
    if quiet:
        os.environ.setdefault("QT_LOGGING_RULES", "*.debug=false;*.info=false;*.warning=false")
        wanted.append("--log-level=3")  # fatal errors only
    # The app never goes online: keep Chromium's own background services quiet too.
    for flag in wanted:
        if flag not in flags:
            flags += " " + flag
    os.environ["QTWEBENGINE_CHROMIUM_FLAGS"] = flags.strip()
    from explorer.ui.map.web import register_schemes

    register_schemes()


@dataclass
class App:
    """Everything a window needs, built in one place (tests build it the same way)."""

    window: MainWindow
    store: Store
    data: WorkspaceData
    runner: TaskRunner
    state: FilterState
    guard: OfflineGuard
    profile: QWebEngineProfile
    graph_process: GraphProcess

    def shutdown(self) -> None:
        """Finish background work, then release the web page before the profile it uses."""
        self.window.stop()
        self.window.map_panel.stop_building()
        self.runner.wait()
        self.window.entity_editor.stop()  # after the runner: a correction being applied finishes first
        self.data.close()
        self.graph_process.shutdown()
        self.window.map_panel.release_page()
        from explorer.ui.map.web import release_profile

        release_profile(self.profile)


def build(
    store: Store, theme: str = "light", cache_dir: Path | None = None, settings: Settings | None = None
) -> App:
    from explorer.extract.nlp import refinement_available
    from explorer.graph.compute import GraphProcess
    from explorer.ui.filter_state import FilterState
    from explorer.ui.icon import app_icon
    from explorer.ui.main_window import MainWindow
    from explorer.ui.map.panel import MapPanel
    from explorer.ui.map.web import make_profile
    from explorer.ui.refiner import Refiner
    from explorer.ui.tasks import TaskRunner
    from explorer.ui.workspace_data import WorkspaceData

    cache_dir = cache_dir or app_paths().cache_dir
    cache_dir.mkdir(parents=True, exist_ok=True)
    runner = TaskRunner()
    state = FilterState()
    data = WorkspaceData(store)
    profile, guard = make_profile(asset_routes(cache_dir))
    map_panel = MapPanel(data, state, runner, profile, cache_dir, theme=theme)
    graph_process = GraphProcess()
    refinable = store.location is not None and store.writable and refinement_available()
    refiner = Refiner(store.location) if refinable else None
    window = MainWindow(
        data,
        runner,
        state,
        map_panel,
        cache_dir,
        theme=theme,
        graph_process=graph_process,
        refiner=refiner,
        settings=settings,
    )
    window.setWindowIcon(app_icon())
    return App(
        window=window,
        store=store,
        data=data,
        runner=runner,
        state=state,
        guard=guard,
        profile=profile,
        graph_process=graph_process,
    )


def freeze_startup_objects() -> None:
    """Keep full garbage collections short. Each one walks every tracked object, and the imported libraries
    alone (Qt bindings, folium, networkx, numpy, the gazetteer) make that about 50 ms: a visible stall
    whenever it happens on the GUI thread. What exists once the window is built lives as long as the app,
    so it moves out of the collector's sight.

    PySide6 reads the source of every module imported after it (to see whether the module asks for its
    `__feature__` options), which leaves the text of some 700 files, about 25 MB, in linecache; tracebacks
    read again what they need."""
    linecache.clearcache()
    gc.collect()
    gc.freeze()


def initial_theme(requested: str, settings: Settings) -> str:
    """The theme asked for on the command line, else the one chosen last time, else the desktop's."""
    from explorer.ui.settings import THEME
    from explorer.ui.themes import THEMES, resolve

    if requested in THEMES:
        return requested
    remembered = settings.get(THEME)
    return remembered if remembered in THEMES else resolve(requested)


def last_workspace() -> Path | str | None:
    """The workspace the window had open last time, if it is still there (a team workspace's URL is
    taken as still there: the server answers when the window opens it)."""
    from explorer.ui.settings import WORKSPACE, Settings, settings_path

    last = Settings(settings_path(app_paths().data_dir)).get(WORKSPACE)
    if last and is_postgres_url(last):
        return last
    return Path(last) if last and Path(last).is_file() else None


def run_gui(db_path: Path | str, theme: str = "system", load_samples: bool = True) -> int:
    started = start_window(db_path, theme, load_samples)
    if isinstance(started, int):
        return started
    qt_app, built = started
    code = qt_app.exec()
    built.shutdown()
    qt_app.processEvents()
    built.store.close()
    return code


def start_window(
    db_path: Path | str, theme: str = "system", load_samples: bool = True
) -> tuple[QApplication, App] | int:
    """Everything the window's start does before the event loop: (QApplication, App), or an exit code
    when the workspace cannot be opened. `benchmarks/start.py` times this very path."""
    prepare_environment()
    from PySide6.QtWidgets import QApplication

    from explorer.ui.settings import WORKSPACE, Settings, settings_path
    from explorer.ui.themes import apply_theme

    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("Briefing Explorer")
    app.setDesktopFileName("briefing-explorer")  # the .desktop file: its icon and name in the task bar
    app.setOrganizationName("Briefing Explorer")
    settings = Settings(settings_path(app_paths().data_dir))
    theme = initial_theme(theme, settings)
    apply_theme(app, theme)
    try:
        store = Store.open(db_path)
    except StoreError as exc:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.critical(None, "Briefing Explorer", f"{exc}\n\nNothing was changed.")
        return 2
    # A team workspace is remembered without its password (libpq's ~/.pgpass or PGPASSWORD give it).
    settings.set(WORKSPACE, redacted(store.url) if store.url else str(Path(db_path).resolve()))
    built = build(store, theme=theme, settings=settings)
    freeze_startup_objects()
    window = built.window
    window.resize(1600, 960)
    window.restore_geometry()
    window.show()
    if load_samples and store.briefing_count() == 0:
        # First run on an empty workspace: a demo needs data.
        window.start_import([data_path("samples")], quiet=True)
    return app, built
