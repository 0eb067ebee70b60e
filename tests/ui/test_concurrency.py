"""Another process writes while the app reads: no "database is locked", and the window notices."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from explorer.model import Briefing
from explorer.store import Store
from explorer.workspace.importer import import_briefings
from tests.conftest import write


def test_queries_keep_working_while_another_process_imports(tmp_path: Path):
    folder = tmp_path / "incoming"
    for i in range(1500):
        write(folder / f"{i:04d}.txt", f"Report {i}\nPort workers in Chile and Peru on day {i}.\n")
    db = tmp_path / "ws.db"
    Store.open(db).close()
    env = dict(os.environ, EXPLORER_DB=str(db))
    writer = subprocess.Popen([sys.executable, "-m", "explorer", "ingest", str(folder)], env=env)
    reader = Store.open(db)
    seen = []
    try:
        while writer.poll() is None:
            seen.append(reader.briefing_total())
            reader.search("chile port")
            reader.list_briefings(limit=50)
            reader.facets()
    finally:
        writer.wait()
    assert writer.returncode == 0
    assert len(seen) > 5 and seen == sorted(seen)  # counts only grow, batch by batch
    assert reader.briefing_count() == 1500
    reader.close()


def test_the_window_notices_briefings_imported_elsewhere(app, qtbot):
    window = app.window
    before = window.reader_panel.model.total
    other = Store.open(app.store.location)  # as if `explorer ingest` ran in a terminal
    import_briefings(
        other, [Briefing(title="Arrived from elsewhere", body="Officials in Oslo and Norway met.")]
    )
    other.close()
    qtbot.waitUntil(lambda: window.reader_panel.model.total == before + 1, timeout=10_000)
    assert "1 new briefing arrived" in window.statusBar().currentMessage()
