from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication

from explorer.app import App, build
from explorer.ui.themes import apply_theme
from explorer.workspace.importer import import_briefings


@pytest.fixture
def engine() -> str:
    """The window's tests run on SQLite: the views only read what the store answers, and the store's
    answers are held equal on both engines by the suites below ui/. Tests of a team workspace in the
    window ask for PostgreSQL themselves."""
    return "sqlite"


@pytest.fixture(scope="session")
def web_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Shared by the GUI tests so the basemap is simplified once per run."""
    return tmp_path_factory.mktemp("web-cache")


@pytest.fixture
def extra_briefings() -> list:
    """Briefings to add to the sample workspace before the window opens (test modules override this)."""
    return []


@pytest.fixture
def app(qtbot, sample_store, web_cache: Path, extra_briefings: list):
    if extra_briefings:
        import_briefings(sample_store, extra_briefings)
    # The style is the application's: a test that switched to dark must not leave it to the next one.
    apply_theme(QApplication.instance(), "light")
    built: App = build(sample_store, cache_dir=web_cache)
    window = built.window
    qtbot.addWidget(window)
    window.resize(1600, 900)
    with qtbot.waitSignal(window.map_panel.loaded, timeout=60_000):
        window.show()
    yield built
    built.shutdown()
    qtbot.wait(20)


def run_js(qtbot, page, script: str) -> Any:
    """Run JavaScript in the page and return its (JSON-decoded) result."""
    box: dict[str, Any] = {}
    page.runJavaScript(script, 0, lambda value: box.setdefault("value", value))
    qtbot.waitUntil(lambda: "value" in box, timeout=10_000)
    value = box["value"]
    return json.loads(value) if isinstance(value, str) and value[:1] in ("[", "{") else value
