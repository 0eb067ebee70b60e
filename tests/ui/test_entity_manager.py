"""The entity manager: a searchable table of every entity, a merge of a selection, suggested merges."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QItemSelectionModel

from explorer.model import Briefing


@pytest.fixture
def extra_briefings() -> list:
    return [
        Briefing("Acme Robotics Inc opens a plant", "Acme Robotics Inc said it would build a plant in Ohio."),
        Briefing("Robot orders rise", "Orders at the company Acme Robotics rose in Ohio and Texas."),
        Briefing("Robot sales climb", "Sales at the company Acme Robotics climbed in Japan."),
    ]


def counts(store) -> dict[tuple[str, str], int]:
    return {(e.name, e.kind): e.mentions for e in store.entities(limit=20_000)}


def test_suggested_merge_accepted_and_a_selection_merged(app, qtbot):
    store, editor = app.store, app.window.entity_editor
    manager = editor.open_manager()
    assert manager.table.rowCount() == len(store.entities(limit=20_000))
    manager.search.setText("acme")
    shown = [
        manager.table.item(r, 0).text()
        for r in range(manager.table.rowCount())
        if not manager.table.isRowHidden(r)
    ]
    assert sorted(shown) == ["Acme Robotics", "Acme Robotics Inc"]
    suggestions = {
        manager.suggestions.topLevelItem(i).text(0): manager.suggestions.topLevelItem(i)
        for i in range(manager.suggestions.topLevelItemCount())
    }
    item = suggestions["Acme Robotics Inc"]
    assert (item.text(1), item.text(2)) == ("Acme Robotics", "company suffix")
    finished: list[bool] = []
    manager.accept_suggestion(item, on_done=lambda: finished.append(True))
    qtbot.waitUntil(lambda: bool(finished), timeout=30_000)
    assert store.entity_ids_named("org", "Acme Robotics Inc") == []
    assert counts(store)[("Acme Robotics", "org")] == 3
    qtbot.waitUntil(lambda: manager.table.rowCount() == len(store.entities(limit=20_000)), timeout=5_000)

    # A dismissed suggestion stays dismissed, in the workspace ("supply chains" → "supply chain" remains).
    assert manager.suggestions.topLevelItemCount() >= 1
    dismissed = manager.suggestions.topLevelItem(0)
    pair = (dismissed.text(0), dismissed.text(1))
    manager.dismiss_suggestion(dismissed)
    manager.refresh()
    offered = [manager.suggestions.topLevelItem(i) for i in range(manager.suggestions.topLevelItemCount())]
    assert pair not in [(i.text(0), i.text(1)) for i in offered]
    assert len(store.dismissed_merges()) == 1
    manager.search.setText("")
    manager.kind.setCurrentText("place")
    rows = {manager.table.item(r, 0).text(): r for r in range(manager.table.rowCount())}
    selection = manager.table.selectionModel()
    for name in ("Ohio", "Texas"):
        index = manager.table.model().index(rows[name], 0)
        selection.select(
            index, QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
        )
    before = {n: counts(store)[(n, "place")] for n in ("Ohio", "Texas")}
    finished.clear()
    manager.merge_selected(confirm=False, on_done=lambda: finished.append(True))
    qtbot.waitUntil(lambda: bool(finished), timeout=30_000)
    kept, gone = ("Ohio", "Texas") if before["Ohio"] >= before["Texas"] else ("Texas", "Ohio")
    assert store.entity_ids_named("place", gone) == [] and store.entity_ids_named("place", kept)
