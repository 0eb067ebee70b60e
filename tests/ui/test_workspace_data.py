"""The views' one way to the workspace: kept read connections per view, and one "changed" signal."""

from __future__ import annotations

import threading
from pathlib import Path

from explorer.model import Briefing
from explorer.store import Store
from explorer.ui.workspace_data import WorkspaceData
from explorer.workspace.importer import import_briefings


def test_each_view_keeps_its_own_read_connection(tmp_path: Path, qtbot):
    store = Store.open(tmp_path / "ws.db")
    data = WorkspaceData(store)
    try:
        with data.reading("map") as first:
            pass
        with data.reading("map") as again, data.reading("network") as other:
            assert again is first and other is not first
            assert first is not store  # the GUI thread's connection stays the GUI thread's
        seen = []

        def task() -> None:
            with data.reading("map") as reader:
                seen.append(reader)

        worker = threading.Thread(target=task)
        with data.reading("map"):
            worker.start()
            worker.join(0.2)
            assert worker.is_alive(), "a view's tasks take turns on its connection"
        worker.join(5)
        assert seen == [first]
    finally:
        data.close()
        store.close()


def test_changed_says_who_wrote_and_is_held_during_our_own_import(tmp_path: Path, qtbot):
    store = Store.open(tmp_path / "ws.db")
    data = WorkspaceData(store)
    try:
        assert not data.check_for_changes()  # nothing happened yet
        with qtbot.waitSignal(data.changed, timeout=5_000) as external:
            other = Store.open(store.location)  # another process, as far as SQLite can tell
            import_briefings(other, [Briefing(title="Elsewhere", body="Oslo.")])
            other.close()
        assert external.args == [True]
        data.hold()
        with data.writing() as writer:
            import_briefings(writer, [Briefing(title="Ours", body="Lima.")])
        assert not data.check_for_changes(), "our own import is announced once, when it ends"
        with qtbot.waitSignal(data.changed, timeout=1_000) as ours:
            data.release()
        assert ours.args == [False]
        assert not data.check_for_changes()
        assert store.briefing_count() == 2
    finally:
        data.close()
        store.close()
