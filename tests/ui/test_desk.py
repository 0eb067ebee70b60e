"""The analyst's desk: what the window does when a filter leaves the open briefing out, and its tables."""

from __future__ import annotations

from PySide6.QtCore import Qt

from explorer.model import Filter
from explorer.ui.network.table import NodeTableModel
from tests.ui.conftest import run_js


def test_a_filter_that_leaves_the_open_briefing_out_closes_it_everywhere(app, qtbot):
    window, state, store = app.window, app.state, app.store
    reader = window.reader_panel
    qtbot.waitUntil(lambda: reader.model.rowCount() > 0, timeout=10_000)
    outside = next(r for r in store.list_briefings(limit=50) if "JP" not in r.countries)
    state.select_briefing(outside.id)
    assert reader.reader.toPlainText()
    state.set(Filter(countries=("JP",)))
    assert state.briefing_id == -1
    assert reader.reader.toPlainText() == ""
    assert run_js(qtbot, window.map_panel.page, "ExplorerMap.snapshot()")["highlighted"] == []
    inside = store.list_briefings(Filter(countries=("JP",)), limit=1)[0]
    state.select_briefing(inside.id)
    state.set(Filter(countries=("JP",), date_to="2100-01-01"))  # a filter that keeps it: it stays open
    assert state.briefing_id == inside.id


def test_the_network_table_sorts_as_it_says_and_shows_numbers_as_people_read_them(app, qtbot):
    network = app.window.network_panel
    qtbot.waitUntil(lambda: network._task is None and bool(network.scene.nodes), timeout=20_000)
    network.table_button.setChecked(True)
    header = network.node_table.horizontalHeader()
    assert header.sortIndicatorSection() == NodeTableModel.HEADERS.index("Briefings")
    assert header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder
    model = network.node_model
    mentions = [model.row_at(i).mentions for i in range(model.rowCount())]
    assert mentions == sorted(mentions, reverse=True)
    strength = model.data(model.index(0, NodeTableModel.HEADERS.index("Strength")))
    pagerank = model.data(model.index(0, NodeTableModel.HEADERS.index("PageRank")))
    assert ".0000" not in strength and "." in pagerank
