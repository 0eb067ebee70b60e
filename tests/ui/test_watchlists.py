"""Watchlists in the window: added with the search language, counted after an import, shown, read."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QMenu

from tests.conftest import write


def test_a_watch_counts_new_matches_after_an_import_and_filters_every_view(app, qtbot, tmp_path: Path):
    window, store = app.window, app.store
    panel = window.reader_panel
    watchlists = panel.watchlists
    watchlists.name_edit.setText("Andean lithium")
    watchlists.query_edit.setText("lithium AND (chile")
    assert not watchlists.add_from_fields()
    assert "unbalanced bracket" in watchlists.error.text() and not watchlists.error.isHidden()
    watchlists.query_edit.setText("lithium AND country:CL")
    assert watchlists.add_from_fields() and watchlists.error.isHidden()
    assert watchlists.tree.topLevelItem(0).text(0) == "Andean lithium"
    assert watchlists.tree.topLevelItem(0).text(1) == "0"  # old briefings are not news

    folder = tmp_path / "in"
    write(folder / "a.txt", "Chile auctions lithium blocks\nChile auctioned lithium blocks in the Atacama.\n")
    write(folder / "b.txt", "Zambia copper strike\nWorkers struck at a copper smelter in Kitwe, Zambia.\n")
    window.start_import([folder], quiet=True)
    qtbot.waitUntil(lambda: window.last_import is not None, timeout=30_000)
    assert window.last_import.watch_matches == {"Andean lithium": 1}
    qtbot.waitUntil(lambda: watchlists.tree.topLevelItem(0).text(1) == "1", timeout=5_000)
    assert panel.tabs.tabText(2) == "Watchlists (1)"
    assert "watch Andean lithium: 1 new" in window.statusBar().currentMessage()

    watchlists.tree.setCurrentItem(watchlists.tree.topLevelItem(0))
    watchlists.show_unread("Andean lithium")
    assert app.state.filter.watch == "Andean lithium" and panel.tabs.currentIndex() == 0
    qtbot.waitUntil(lambda: panel.model.rowCount() == 1, timeout=5_000)
    assert panel.model.row_at(0).title == "Chile auctions lithium blocks"
    assert "Watch: Andean lithium (unread)" in window.breadcrumb.text()

    watchlists.mark_read("Andean lithium")
    assert app.state.filter.watch is None
    assert watchlists.tree.topLevelItem(0).text(1) == "0" and panel.tabs.tabText(2) == "Watchlists"
    assert store.unread_matches("Andean lithium") == []
    watchlists.remove("Andean lithium", confirm=False)
    assert watchlists.tree.topLevelItemCount() == 0 and store.watches() == []


def test_an_entity_is_watched_from_its_right_click_menu(app):
    window, store = app.window, app.store
    panel = window.reader_panel
    (asx,) = store.entity_ids_named("org", "ASX")
    menu = QMenu()
    window.entity_editor.add_to_menu(menu, asx)
    (watch,) = [a for a in menu.actions() if a.text() == "Watch “ASX”…"]
    watch.trigger()
    assert panel.tabs.currentWidget() is panel.watchlists
    assert panel.watchlists.name_edit.text() == "ASX"
    assert panel.watchlists.query_edit.text() == 'org:"ASX"'
    panel.watchlists.query_edit.insert(" AND lithium")  # the analyst narrows it before adding
    assert panel.watchlists.add_from_fields()
    assert [(w.name, w.query) for w in store.watches()] == [("ASX", 'org:"ASX" AND lithium')]
