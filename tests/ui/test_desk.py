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


def test_layout_and_theme_are_remembered_between_runs(qtbot, sample_store, web_cache, tmp_path):
    from explorer.app import build, initial_theme
    from explorer.ui.settings import Settings

    settings = Settings(tmp_path / "settings.ini")
    first = build(sample_store, cache_dir=web_cache, settings=settings)
    qtbot.addWidget(first.window)
    # The offscreen screen is 800 × 800 and the window is wider at its narrowest: only its height and
    # its panels can be compared here.
    first.window.resize(first.window.minimumSizeHint().width(), 700)
    first.window.show()
    qtbot.wait(50)
    first.window.splitter.setSizes([700, 300, 300])
    sizes = first.window.splitter.sizes()
    first_width = first.window.width()
    first.window.set_theme("dark")
    first.window.presentation.enter()  # presenting when closed: the normal layout is what is kept
    first.shutdown()
    qtbot.wait(20)

    again = Settings(tmp_path / "settings.ini")
    assert initial_theme("system", again) == "dark"  # presentation's projector was not kept
    assert initial_theme("light", again) == "light"  # the command line wins
    second = build(sample_store, cache_dir=web_cache, settings=again)
    qtbot.addWidget(second.window)
    second.window.restore_geometry()
    second.window.show()
    try:
        qtbot.wait(200)  # the first layout pass after showing
        assert second.window.height() == 700
        restored = second.window.splitter.sizes()
        if second.window.width() == first_width:
            assert restored == sizes
        else:  # the screen made the window wider: the splitter shares the difference out
            assert restored != [760, 520, 640] and restored[0] < restored[1]
    finally:
        second.shutdown()
        qtbot.wait(20)


def test_a_failed_export_says_so_in_a_box_and_a_filtered_one_frames_its_countries(app, qtbot, tmp_path):
    from explorer.ui.map.export_dialog import ExportChoice

    window = app.window
    missing = tmp_path / "no-such-folder" / "map.csv"
    window.export_map(ExportChoice(missing, "csv", 800, 600, "light", "Japan"))
    assert window.export_error.isVisible() and "no-such-folder" in window.export_error.text()
    assert window.last_export is None
    window.export_error.close()
    app.state.set(Filter(countries=("JP",)))
    page = tmp_path / "japan.html"
    window.export_map(ExportChoice(page, "html", 800, 600, "light", "Japan this week"))
    qtbot.waitUntil(lambda: window.last_export == page, timeout=20_000)
    text = page.read_text(encoding="utf-8")
    assert "<title>Japan this week</title>" in text and '"fit": ["JP"]' in text
    # Named in the search box instead of chosen as a chip: framed all the same.
    app.state.set(Filter(query="country:Japan"))
    typed = tmp_path / "typed.html"
    window.export_map(ExportChoice(typed, "html", 800, 600, "light", "Japan, typed"))
    qtbot.waitUntil(lambda: window.last_export == typed, timeout=20_000)
    assert '"fit": ["JP"]' in typed.read_text(encoding="utf-8")


def test_the_keyboard_goes_from_the_search_box_into_the_results_and_along_them(app, qtbot):
    from PySide6.QtTest import QTest

    window, state = app.window, app.state
    reader = window.reader_panel
    window.search.setFocus()
    QTest.keyClicks(window.search, "oil")
    QTest.keyClick(window.search, Qt.Key.Key_Return)
    assert state.filter.query == "oil"  # at once, not after the typing pause
    assert reader.table.hasFocus() or reader.table.currentIndex().row() == 0
    first = state.briefing_id
    assert first >= 0 and reader.table.currentIndex().row() == 0
    QTest.keyClick(reader.table, Qt.Key.Key_End)
    assert reader.table.currentIndex().row() == reader.model.rowCount() - 1
    QTest.keyClick(reader.table, Qt.Key.Key_Home)
    assert state.briefing_id == first
    window.search.setFocus()
    QTest.keyClick(window.search, Qt.Key.Key_Down)
    assert reader.table.currentIndex().row() == 0


def test_tab_goes_search_list_reader_map_network_and_back_and_every_stop_has_a_name(app, qtbot):
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from explorer.ui.focus_order import stop_name

    window, reader = app.window, app.window.reader_panel
    window.activateWindow()
    window.search.setFocus()
    visited = []
    for _ in range(60):
        widget = QApplication.focusWidget()
        if not visited or widget is not visited[-1]:
            visited.append(widget)
        if len(visited) > 1 and widget is window.search:
            break
        QTest.keyClick(widget, Qt.Key.Key_Tab)
        qtbot.wait(30)  # the map page hands focus back to the window asynchronously
    assert visited[1] is reader.table  # one Tab from the search box to the list
    assert visited[-1] is window.search, "Tab never came back round to the search box"
    order = [reader.table, reader.reader, window.map_panel.view.focusProxy(), window.network_panel.view]
    assert [visited.index(w) for w in order] == sorted(visited.index(w) for w in order)
    assert len(visited) <= 30
    assert [type(w).__name__ for w in visited if not stop_name(w)] == []
    reader.table.setFocus()
    QTest.keyClick(reader.table, Qt.Key.Key_Backtab)
    assert QApplication.focusWidget() is window.search


def test_a_laptop_screen_leaves_the_map_its_share_and_the_list_readable_titles(app, qtbot):
    from explorer.ui.table_model import BriefingListModel

    window, network = app.window, app.window.network_panel
    window.resize(1366, 768)
    qtbot.waitUntil(lambda: window.width() == 1366, timeout=3_000)
    qtbot.wait(50)
    map_width, network_width, reader_width = window.splitter.sizes()
    assert map_width >= 0.34 * sum(window.splitter.sizes())
    # A long status line wraps; it does not widen the network panel at the map's cost.
    network.status.setText(" · ".join(["a status line that keeps going"] * 8))
    qtbot.wait(50)
    assert window.splitter.sizes() == [map_width, network_width, reader_width]
    table = window.reader_panel.table
    title = table.columnWidth(BriefingListModel.TITLE)
    assert title >= 0.45 * table.viewport().width()
    assert table.isColumnHidden(BriefingListModel.SOURCE)  # the first to go when the list is narrow
    window.resize(1920, 1080)
    qtbot.waitUntil(lambda: not table.isColumnHidden(BriefingListModel.SOURCE), timeout=3_000)


def test_framing_a_country_frames_its_main_land_not_its_far_islands(app, qtbot):
    page = app.window.map_panel.page

    def framed(codes: list[str]) -> dict:
        run_js(qtbot, page, f"ExplorerMap.resized({codes!r})")
        return run_js(qtbot, page, "ExplorerMap.snapshot()")

    chile = framed(["CL"])
    # Mainland Chile spans 66–76° W; Easter Island (109° W) would pull the centre out to sea.
    assert -76 < chile["centre"][1] < -66, chile["centre"]
    usa = framed(["US"])
    assert usa["centre"][1] < -95, usa["centre"]  # Alaska counts (it is large); Hawaii and Guam do not
    japan = framed(["JP"])
    assert japan["zoom"] > usa["zoom"]


def test_import_offers_files_and_a_folder_has_its_own_command(app, qtbot):
    from explorer.ingest.registry import SUPPORTED_SUFFIXES
    from explorer.ui.import_choice import file_filter

    assert all(f"*{suffix}" in file_filter() for suffix in SUPPORTED_SUFFIXES)
    shortcuts = {a.shortcut().toString(): a.text() for a in app.window.actions()}
    assert shortcuts.get("Ctrl+Shift+I") == "Import a folder…"
    app.window.start_import([])  # a cancelled dialog: nothing starts
    assert app.window._import_task is None
