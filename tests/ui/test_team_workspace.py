"""Windows on one team workspace (PostgreSQL): each hears of the others' commits without polling."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMenu

from explorer.app import build
from explorer.model import Briefing, Filter
from explorer.store import Store
from explorer.ui.workspace_data import WATCH_INTERVAL_MS, WorkspaceData
from explorer.workspace.importer import import_briefings
from tests.pg_server import PASSWORD

pytestmark = pytest.mark.parametrize("engine", ["postgresql"])


def test_a_commit_elsewhere_is_heard_at_once_and_our_own_import_once_at_its_end(store, qtbot):
    other = Store.open(store.location)  # another analyst's `explorer ingest`
    import_briefings(other, [Briefing(title="Earlier", body="Quito and Ecuador.")])  # extraction warm
    data = WorkspaceData(store)
    try:
        assert not data.polling
        with qtbot.waitSignal(data.changed, timeout=WATCH_INTERVAL_MS // 2) as external:
            import_briefings(other, [Briefing(title="Elsewhere", body="Oslo and Norway.")])
        assert external.args == [True]
        data.hold()
        with data.writing() as writer:
            import_briefings(writer, [Briefing(title="Ours", body="Lima and Peru.")])
        with qtbot.assertNotEmitted(data.changed, wait=WATCH_INTERVAL_MS + 500):
            pass  # the notification of our own commit waits for the release
        with qtbot.waitSignal(data.changed, timeout=1_000) as ours:
            data.release()
        assert ours.args == [False]
        assert store.briefing_count() == 3
    finally:
        other.close()
        data.close()


def test_a_second_window_shows_what_the_first_imports(app, qtbot, tmp_path, web_cache):
    second_store = Store.open(app.store.location)
    second = build(second_store, cache_dir=web_cache)
    qtbot.addWidget(second.window)
    try:
        with qtbot.waitSignal(second.window.map_panel.loaded, timeout=60_000):
            second.window.show()
        before = second.window.reader_panel.model.rowCount()
        folder = tmp_path / "drop"
        folder.mkdir()
        (folder / "nairobi.txt").write_text(
            "Kenyan port deal\nNairobi signs a port deal with Mombasa traders.\n", encoding="utf-8"
        )
        app.window.start_import([folder], quiet=True)
        qtbot.waitUntil(lambda: app.window.last_import is not None, timeout=20_000)
        qtbot.waitUntil(lambda: second.window.reader_panel.model.rowCount() == before + 1, timeout=5_000)
        assert second_store.briefing_total(Filter(countries=("KE",))) >= 1
        shown = second.window.windowTitle() + second.window.totals.text()
        assert f"workspace {second_store.display_name}" in shown
        assert second_store.display_name.startswith("workspace_") and PASSWORD not in shown
    finally:
        second.shutdown()
        qtbot.wait(20)
        second_store.close()


def test_a_read_only_role_gets_a_window_without_import(app, qtbot, pg_server, web_cache, tmp_path):
    from explorer.store.pg_schema import grant_read

    database = app.store.location.split("?")[0].rsplit("/", 1)[1]
    role = f"viewer_{database}"
    with pg_server.connect() as admin:
        admin.execute(f"create role {role} login password 'viewer-pass'")
    grant_read(app.store.db, role)
    store = Store.open(pg_server.url(database, user=role, password="viewer-pass"))
    viewer = build(store, cache_dir=web_cache)
    qtbot.addWidget(viewer.window)
    try:
        assert viewer.window.totals.text().endswith("(read only)")
        before = store.briefing_count()
        (tmp_path / "note.txt").write_text("Lima note\nCopper in Peru.\n", encoding="utf-8")
        viewer.window.start_import([tmp_path / "note.txt"], quiet=True)
        assert "read-only for your role" in viewer.window.statusBar().currentMessage()
        assert store.briefing_count() == before
        menu = QMenu()
        viewer.window.entity_editor.add_to_menu(menu, store.entities(limit=1)[0].id)
        texts = [(action.text(), action.isEnabled()) for action in menu.actions() if action.text()]
        assert texts == [("Read-only workspace: no corrections or watches", False)]
    finally:
        viewer.shutdown()
        qtbot.wait(20)
        store.close()
