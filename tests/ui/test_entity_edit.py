"""Correcting entities from the window: the right-click menus, then merge, alias, reject and undo, each
checked in the map, the network and the list."""

from __future__ import annotations

from PySide6.QtWidgets import QMenu

from tests.ui.conftest import run_js


def shown_places(qtbot, app) -> list[int]:
    world = run_js(qtbot, app.window.map_panel.page, "ExplorerMap.snapshot()")
    return world["markers"] + [place for cluster in world["clusters"] for place in cluster]


def network_names(app) -> set[str]:
    graph = app.window.network_panel.session.graph
    return {graph.nodes[n]["name"] for n in graph}


def apply(qtbot, app, change) -> None:
    editor = app.window.entity_editor
    finished: list[bool] = []
    change(lambda: finished.append(True))
    qtbot.waitUntil(lambda: bool(finished), timeout=30_000)
    assert not editor.last_result.startswith("Not applied"), editor.last_result


def test_every_view_offers_the_corrections_on_a_right_click(app):
    store, window = app.store, app.window
    entity = next(e for e in store.entities(limit=50) if e.kind == "org")
    views = (window.reader_panel.reader, window.reader_panel.facets, window.network_panel, window.map_panel)
    for view in views:
        assert view.entity_menu == window.entity_editor.add_to_menu
    menu = QMenu()
    window.entity_editor.add_to_menu(menu, entity.id)
    (edit,) = [a.menu() for a in menu.actions() if a.menu() is not None]
    labels = [a.text() for a in edit.actions() if a.text()]
    assert labels == [
        "Rename…",
        "Merge into…",
        "Add alias…",
        "Change kind",
        "Change home country…",
        "Reject (not an entity)",
    ]


def test_merge_alias_reject_and_undo_reach_every_view(app, qtbot):
    store, window = app.store, app.window
    editor = window.entity_editor
    panel = window.reader_panel
    listed = panel.model.rowCount()
    qtbot.waitUntil(lambda: len(network_names(app)) > 10, timeout=30_000)

    # Merge: Reuters' mentions become Bloomberg's; the network loses the Reuters node.
    assert {"Reuters", "Bloomberg"} <= network_names(app)
    merge = {
        "op": "merge",
        "source": {"name": "Reuters", "kind": "org"},
        "target": {"name": "Bloomberg", "kind": "org"},
    }
    assert editor.preview(merge) >= 2
    apply(qtbot, app, lambda done: editor.propose(merge, confirm=False, on_done=done))
    assert store.entity_ids_named("org", "Reuters") == []
    qtbot.waitUntil(lambda: "Reuters" not in network_names(app), timeout=30_000)
    assert panel.model.rowCount() == listed  # no briefing lost

    # Reject a place: it leaves the map.
    place = next(p for p in store.place_counts() if p.country and p.name not in ("China", "United States"))
    before = shown_places(qtbot, app)
    assert place.id in before
    reject = {"op": "reject", "target": {"name": place.name, "kind": "place"}}
    apply(qtbot, app, lambda done: editor.propose(reject, confirm=False, on_done=done))
    qtbot.waitUntil(lambda: place.id not in shown_places(qtbot, app), timeout=30_000)

    # Undo (Ctrl+Z) brings the place back, on the map too.
    apply(qtbot, app, lambda done: editor.undo(on_done=done))
    restored = store.entity_ids_named("place", place.name)
    assert restored
    qtbot.waitUntil(lambda: bool(set(restored) & set(shown_places(qtbot, app))), timeout=30_000)

    # Alias: a word the text uses becomes an entity of its own, which the list can then filter to.
    alias = {"op": "alias", "target": {"name": "Lithium market", "kind": "topic"}, "alias": "lithium"}
    apply(qtbot, app, lambda done: editor.propose(alias, confirm=False, on_done=done))
    (topic,) = store.entity_ids_named("topic", "Lithium market")
    app.state.set(app.state.filter.__class__(entity_ids=(topic,)))
    qtbot.waitUntil(lambda: 0 < panel.model.rowCount() < listed, timeout=10_000)
    log = editor.show_log()
    text = log.log_text.toPlainText()
    assert "Reuters" in text and "undone" in text and "Lithium market" in text
    log.close()


def test_the_spelling_clicked_in_the_text_can_be_split_off_or_rejected_alone(app, qtbot):
    store, window = app.store, app.window
    reader = window.reader_panel.reader
    place = next(e for e in store.entities(limit=200) if e.kind == "place" and e.name == "Washington")
    app.state.select_briefing(store.briefings_mentioning(place.id)[0].id)
    qtbot.waitUntil(lambda: f"entity:{place.id}" in reader.toHtml(), timeout=5_000)
    document, found = reader.document(), None
    block = document.begin()
    while block.isValid() and found is None:
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            if fragment.charFormat().anchorHref() == f"entity:{place.id}":
                found = fragment
                break
            it += 1
        block = block.next()
    assert found is not None
    cursor = reader.textCursor()
    cursor.setPosition(found.position() + 1)
    reader.setTextCursor(cursor)
    reader.ensureCursorVisible()
    spot = reader.cursorRect(cursor).center()
    spelling = reader._anchor_text(spot)
    assert spelling == found.text().strip()
    menu = QMenu()
    window.entity_editor.add_to_menu(menu, place.id, spelling, app.state.briefing_id)
    (edit,) = [a.menu() for a in menu.actions() if a.menu() is not None]
    labels = [a.text() for a in edit.actions() if a.text()]
    assert f"Split “{spelling}” off as another entity…" in labels
    assert {f"Reject “{spelling}” in this briefing only", f"Reject “{spelling}” everywhere"} <= set(labels)
    split = {
        "op": "split",
        "source": {"name": place.name, "kind": "place"},
        "surface": spelling,
        "into": {"name": "Washington (state)", "kind": "place", "country": "US"},
    }
    apply(qtbot, app, lambda done: window.entity_editor.propose(split, confirm=False, on_done=done))
    assert store.entity_ids_named("place", "Washington (state)")


def test_the_entity_tables_offer_the_corrections_on_a_right_click(app, qtbot):
    window = app.window
    network = window.network_panel
    qtbot.waitUntil(lambda: len(network_names(app)) > 5, timeout=30_000)
    network.table_button.setChecked(True)
    qtbot.waitUntil(lambda: network.node_model.rowCount() > 5, timeout=30_000)
    manager = window.entity_editor.open_manager()
    for table, name_of in (
        (network.node_table, lambda row: network.node_model.row_at(row).name),
        (manager.table, lambda row: manager.table.item(row, 0).text()),
    ):
        table.show()
        first = table.visualRect(table.model().index(0, 0)).center()
        table.customContextMenuRequested.emit(first)
        menu = table.findChild(QMenu)
        assert menu is not None and menu.isVisible()
        labels = [a.text() for a in menu.actions()]
        assert f"Edit “{name_of(0)}”" in labels and f"Watch “{name_of(0)}”…" in labels
        menu.close()
    manager.close()


def test_a_window_without_the_dictionarys_file_has_its_worker_write_it(qtbot, app):
    from explorer.extract import readings_file

    editor = app.window.entity_editor
    readings_file.write()
    editor.prepare_names_file()
    assert not editor.reextraction.running  # the file is there: nothing to start
    readings_file.path().unlink()
    editor.prepare_names_file()
    assert editor.reextraction.running
    qtbot.waitUntil(readings_file.path().exists, timeout=60_000)
    assert readings_file.named("TSM") == ("TSMC", "org")
