"""The real window with real QtWebEngine rendering, headless, on the sample workspace."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt, QUrl
from PySide6.QtTest import QTest

from explorer.map.payload import map_data
from explorer.model import Filter
from tests.ui.conftest import run_js

LOCAL_SCHEMES = ("app", "qrc", "data", "blob")


def test_map_loads_from_local_assets_only_and_paints(app, qtbot):
    guard = app.guard
    requested = [QUrl(u) for u in guard.requested]
    assert requested, "the interceptor saw the page load"
    non_local = [u.toString() for u in requested if u.scheme() not in LOCAL_SCHEMES]
    assert non_local == []
    paths = {u.path() for u in requested}
    assert "/vendor/leaflet/leaflet.js" in paths
    assert any(p.startswith("/generated/basemap") for p in paths)
    view = app.window.map_panel.view

    def colours() -> set[int]:
        image = view.grab().toImage()
        return {image.pixel(x, y) for x in range(0, image.width(), 23) for y in range(0, image.height(), 23)}

    # Data handed to the page is not yet a painted frame: grab until the first one arrives.
    qtbot.waitUntil(lambda: len(colours()) > 8, timeout=10_000)


def test_choropleth_counts_match_the_store(app, qtbot):
    shown = run_js(qtbot, app.window.map_panel.page, "ExplorerMap.snapshot()")
    expected = {c.code: c.briefings for c in app.store.country_counts()}
    assert shown["counts"] == expected


def test_places_cluster_at_world_zoom_and_come_apart_when_zoomed_in(app, qtbot):
    page = app.window.map_panel.page
    world = run_js(qtbot, page, "ExplorerMap.snapshot()")
    assert world["clusters"], "dense places share cluster markers at world zoom"
    shown = world["markers"] + [place for cluster in world["clusters"] for place in cluster]
    assert sorted(shown) == sorted(p.id for p in map_data(app.store, Filter()).places)  # each once
    clustered = world["clusters"][0][-1]
    name = next(p.name for p in map_data(app.store, Filter()).places if p.id == clustered)
    run_js(qtbot, page, f"ExplorerMap.openPopup({clustered}); 1")  # zooms in until it has its own marker
    qtbot.waitUntil(lambda: name in (run_js(qtbot, page, "ExplorerMap.snapshot()")["popupText"] or ""))
    assert clustered in run_js(qtbot, page, "ExplorerMap.snapshot()")["markers"]


def test_cluster_markers_follow_filter_changes_without_leftovers(app, qtbot):
    """Cluster markers are moved to new clusters on a filter change: each must show its own count, and
    none may be left behind on the map."""
    panel, page = app.window.map_panel, app.window.map_panel.page
    clustered = []
    for flt in (Filter(query="oil"), Filter(countries=("US",)), Filter(query="chips"), Filter()):
        with qtbot.waitSignal(panel.updated, timeout=10_000):
            app.state.set(flt)
        shown = run_js(qtbot, page, "ExplorerMap.snapshot()")
        places = map_data(app.store, flt).places
        assert shown["places"] == len(places)
        members = shown["markers"] + [place for cluster in shown["clusters"] for place in cluster]
        assert sorted(members) == sorted(p.id for p in places), flt
        assert shown["clusterLabels"] == [str(len(cluster)) for cluster in shown["clusters"]]
        assert shown["clusterIcons"] == len(shown["clusters"]), "a cluster marker was left on the map"
        clustered.append(len(shown["clusters"]))
    assert min(clustered) > 0, "every filter here shows clusters, so markers are moved between them"


def test_selecting_a_briefing_shows_it_and_highlights_its_countries_on_the_map(app, qtbot):
    reader = app.window.reader_panel
    row = next(i for i in range(reader.model.rowCount()) if len(reader.model.row_at(i).countries) >= 2)
    chosen = reader.model.row_at(row)
    reader.table.selectRow(row)
    assert app.state.briefing_id == chosen.id
    assert chosen.title.split("—")[0].strip()[:30] in reader.reader.toPlainText()
    page = app.window.map_panel.page
    qtbot.waitUntil(
        lambda: run_js(qtbot, page, "ExplorerMap.snapshot()")["highlighted"] == sorted(chosen.countries),
        timeout=5_000,
    )


def test_clicking_a_country_on_the_map_filters_the_reader_and_the_network(app, qtbot):
    panel = app.window.map_panel
    x, y = run_js(qtbot, panel.page, "ExplorerMap.countryAt('AU')")
    target = panel.view.focusProxy() or panel.view
    QTest.mouseClick(
        target, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(int(x), int(y))
    )
    qtbot.waitUntil(lambda: app.state.filter.countries == ("AU",), timeout=5_000)
    reader = app.window.reader_panel
    rows = [reader.model.row_at(i) for i in range(reader.model.rowCount())]
    assert rows and all("AU" in r.countries for r in rows)
    assert len(rows) < app.store.briefing_count()
    assert app.window.breadcrumb.text() == "Country: Australia"
    # The map queries on a worker, then updates the page.
    qtbot.waitUntil(lambda: run_js(qtbot, panel.page, "ExplorerMap.snapshot()")["selected"] == ["AU"])


def test_the_bridge_ignores_bad_arguments(app):
    bridge = app.window.map_panel.bridge
    for bad in ("<script>", "ZZ", "au", "", "A" * 10_000):
        bridge.countryClicked(bad)
    assert app.state.filter == Filter()
    assert len(bridge.rejected) == 5


def test_network_node_selection_filters_the_reader_and_briefing_selection_rings_nodes(app, qtbot):
    network = app.window.network_panel
    qtbot.waitUntil(lambda: bool(network.scene.nodes), timeout=20_000)
    tsmc = next(e for e in app.store.entities(limit=500) if e.name == "TSMC")
    with qtbot.waitSignal(network.laid_out, timeout=20_000):
        network.select_entity(tsmc.id)
    reader = app.window.reader_panel
    assert reader.model.rowCount() == tsmc.mentions
    reader.table.selectRow(0)
    mentioned = {e.id for e, *_ in app.store.briefing_mentions(app.state.briefing_id)}
    assert network.highlighted() and network.highlighted() <= mentioned | {tsmc.id}


def test_search_box_filters_after_debounce(app, qtbot):
    window = app.window
    qtbot.keyClicks(window.search, "lithium")
    qtbot.waitUntil(lambda: app.state.filter.query == "lithium", timeout=3_000)
    titles = [window.reader_panel.model.row_at(i).id for i in range(window.reader_panel.model.rowCount())]
    assert 0 < len(titles) < app.store.briefing_count()
    assert window.breadcrumb.text() == "Search: “lithium”"
    window.clear_filter()
    assert window.reader_panel.model.rowCount() == app.store.briefing_count()


def test_import_runs_in_the_background_and_reports(app, qtbot, tmp_path):
    folder = tmp_path / "drop"
    folder.mkdir()
    (folder / "new.txt").write_text(
        "Fresh Kenyan briefing\nNairobi and Kenya in the news.\n", encoding="utf-8"
    )
    (folder / "bad.json").write_text("{oops", encoding="utf-8")
    before = app.store.briefing_count()
    window = app.window
    window.start_import([folder], quiet=True)
    qtbot.waitUntil(lambda: window.last_import is not None, timeout=20_000)
    report = window.last_import
    assert report.imported == ["drop/new.txt"]
    assert [w for w, _ in report.failed] == ["drop/bad.json"]
    assert app.store.briefing_count() == before + 1
    assert window.reader_panel.model.rowCount() == before + 1


def test_export_map_from_the_window_writes_the_chosen_size(app, qtbot, tmp_path):
    from PySide6.QtGui import QImage

    from explorer.ui.map.export_dialog import ExportChoice

    window = app.window
    app.state.set(Filter(countries=("JP",)))
    target = tmp_path / "japan.png"
    window.export_map(ExportChoice(target, "png", 1280, 720, "projector", "Japan"))
    qtbot.waitUntil(lambda: window.last_export == target, timeout=60_000)
    image = QImage(str(target))
    assert (image.width(), image.height()) == (1280, 720)
    csv_target = tmp_path / "japan.csv"
    window.export_map(ExportChoice(csv_target, "csv", 0, 0, "light", ""))
    qtbot.waitUntil(lambda: window.last_export == csv_target, timeout=20_000)
    assert "country,Japan,JP" in csv_target.read_text()
    # Load, filter updates and both exports: still nothing but local requests.
    assert [u for u in app.guard.requested if QUrl(u).scheme() not in LOCAL_SCHEMES] == []


def test_the_page_sees_only_the_allowed_bridge_commands(app, qtbot):
    page = app.window.map_panel.page
    page.runJavaScript(
        "new QWebChannel(qt.webChannelTransport, function (c) {"
        "  var b = c.objects.bridge;"
        "  window.bridgeMethods = JSON.stringify(Object.keys(b).filter(function (k) {"
        "    return typeof b[k] === 'function'; }).sort());"
        "  if (b.deleteLater) b.deleteLater();"
        "  if (b.setObjectName) b.setObjectName('taken');"
        "}); null"
    )
    qtbot.waitUntil(lambda: run_js(qtbot, page, "String(window.bridgeMethods || '')") != "", timeout=5_000)
    # Qt also lists each slot by its signature ("countryClicked(QString)"); the names are what matter.
    client_helpers = {
        "propertyUpdate",
        "signalEmitted",
        "unwrapProperties",
        "unwrapQObject",
    }  # qwebchannel.js
    methods = {m.split("(")[0] for m in run_js(qtbot, page, "window.bridgeMethods")} - client_helpers
    allowed = {
        "countryClicked",
        "countryMenu",
        "placeClicked",
        "placeEvidence",
        "popupRequested",
        "placeMenu",
        "pageReady",
    }
    assert methods == allowed | {"deleteLater"}  # every QObject has it; the bridge refuses it (below)
    qtbot.wait(100)
    bridge = app.window.map_panel.bridge
    qtbot.waitUntil(lambda: any(r.startswith("deleteLater") for r in bridge.rejected), timeout=3_000)
    bridge.countryClicked("AU")  # still alive and working after the page tried to delete it
    assert app.state.filter.countries == ("AU",)


def test_the_window_and_the_about_box_carry_the_app_icon(app):
    window = app.window
    icon = window.windowIcon()
    assert not icon.isNull() and {16, 32, 256} <= {size.width() for size in icon.availableSizes()}
    box = window.show_about()
    assert box.isVisible() and not box.iconPixmap().isNull()
    pixmap = box.iconPixmap().toImage()
    assert (
        len({pixmap.pixel(x, y) for x in range(0, pixmap.width(), 8) for y in range(0, pixmap.height(), 8)})
        > 3
    )
    assert "Briefing Explorer" in box.text()
    box.close()
