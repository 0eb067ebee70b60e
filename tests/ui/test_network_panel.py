"""The network panel on the sample workspace: tables, paths, hiding, exports, linked selection."""

from __future__ import annotations

import itertools

import networkx as nx
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QImage

from explorer.model import Filter
from explorer.ui.evidence_dialog import EvidenceDialog


def laid_out(qtbot, network):
    qtbot.waitUntil(lambda: bool(network.scene.nodes) and network._task is None, timeout=20_000)


def test_table_lists_the_graph_and_selecting_a_row_filters(app, qtbot):
    network = app.window.network_panel
    laid_out(qtbot, network)
    assert network.node_model.rowCount() == 0  # filled only when shown
    network.table_button.setChecked(True)
    assert network.node_model.rowCount() == network.graph.number_of_nodes()
    assert network.edge_model.rowCount() == network.graph.number_of_edges()
    table = network.node_table
    table.sortByColumn(4, Qt.SortOrder.DescendingOrder)  # by number of links
    first = network.node_model.row_at(0)
    assert first.degree == max(d for _n, d in network.graph.degree)
    table.sortByColumn(3, Qt.SortOrder.DescendingOrder)  # by briefings
    first = network.node_model.row_at(0)
    assert first.mentions == max(d["mentions"] for _n, d in network.graph.nodes(data=True))
    with qtbot.waitSignal(network.laid_out, timeout=20_000):
        table.selectRow(0)
    assert app.state.filter.entity_ids == (first.id,)
    rows = app.window.reader_panel.model.rowCount()
    assert rows == first.mentions


def test_path_and_connecting_network_are_emphasised(app, qtbot):
    network = app.window.network_panel
    laid_out(qtbot, network)
    names = {d["name"]: n for n, d in network.graph.nodes(data=True)}
    a, b = names["TSMC"], names["Saudi Arabia"]
    path = network.show_path(a, b)
    assert path[0] == a and path[-1] == b
    assert all(network.graph.has_edge(x, y) for x, y in itertools.pairwise(path))
    assert set(path) <= network.highlighted()
    network.show_evidence([a])
    dialog = network.findChildren(EvidenceDialog)[-1]
    text = dialog.text.toPlainText()
    first, second = network.graph.nodes[path[0]]["name"], network.graph.nodes[path[1]]["name"]
    assert f"{first} — {second}" in text or f"{second} — {first}" in text
    assert "No sentences found" not in text.split("\n")[1]
    dialog.close()
    joined = network.connect([a, b, names["Reuters"]])
    assert nx.is_connected(joined) and {a, b, names["Reuters"]} <= set(joined)


def test_hide_and_focus_change_the_drawing(app, qtbot):
    network = app.window.network_panel
    laid_out(qtbot, network)
    victim = next(iter(network.graph.nodes))
    with qtbot.waitSignal(network.laid_out, timeout=20_000):
        network.hide_node(victim)
    assert victim not in network.graph and victim not in network.scene.nodes
    centre = max(network.graph.degree, key=lambda nd: nd[1])[0]
    with qtbot.waitSignal(network.laid_out, timeout=20_000):
        network.focus_on(centre)
    assert set(network.graph) == {centre, *network.graph.neighbors(centre)}
    assert app.state.filter == Filter()  # focusing does not filter the other views


def test_exports_write_images_and_gephi_files(app, qtbot, tmp_path):
    network = app.window.network_panel
    laid_out(qtbot, network)
    network.export(tmp_path / "n.png", "png")
    network.export(tmp_path / "n.svg", "svg")
    network.export(tmp_path / "n.gexf", "gexf")
    image = QImage(str(tmp_path / "n.png"))
    assert image.width() > 800 and image.height() > 600
    svg = (tmp_path / "n.svg").read_text()
    assert "<svg" in svg[:500] and svg.count("<circle") == network.graph.number_of_nodes()  # vector
    loaded = nx.read_gexf(tmp_path / "n.gexf")
    assert loaded.number_of_nodes() == network.graph.number_of_nodes()


def test_big_networks_are_analysed_in_a_worker_process(qtbot, tmp_path):
    import random

    from explorer.graph.compute import PROCESS_MIN_NODES, GraphProcess
    from explorer.model import Briefing, Mention
    from explorer.store import Store
    from explorer.ui.filter_state import FilterState
    from explorer.ui.network.panel import NetworkPanel
    from explorer.ui.tasks import TaskRunner
    from explorer.ui.workspace_data import WorkspaceData

    rng = random.Random(3)
    store = Store.open(tmp_path / "big.db")
    names = [f"Entity {i}" for i in range(PROCESS_MIN_NODES + 200)]
    batch = []
    for b in range(2500):
        chosen = {rng.randrange(len(names)) for _ in range(4)}
        mentions = [Mention(names[i], "org", "body", 0, 0, 5, names[i]) for i in chosen]
        batch.append((Briefing(title=f"B{b}", body=f"text {b}"), mentions))
    store.add_briefings(batch)
    runner, state, process = TaskRunner(), FilterState(), GraphProcess()
    data = WorkspaceData(store)
    panel = NetworkPanel(data, state, runner, process=process)
    qtbot.addWidget(panel)
    panel.resize(800, 800)
    panel.show()
    try:
        with qtbot.waitSignal(panel.laid_out, timeout=60_000):
            panel.set_options(top=len(names))
        assert panel.graph.number_of_nodes() >= PROCESS_MIN_NODES
        assert process._pool is not None  # the worker process did the work
        assert set(panel.metrics) == set(panel.graph.nodes)
        panel.top_box.setValue(20_000)
        assert panel.top_box.value() == 20_000, "networks of 20,000 entities can be asked for"
        assert all(
            -1 <= x <= 1 and -1 <= y <= 1 for x, y in (panel.session.positions[n] for n in panel.graph)
        )
    finally:
        runner.wait()
        data.close()
        process.shutdown()
        store.close()


def test_hover_dims_the_rest_under_a_veil_and_restores_it(app, qtbot):
    network = app.window.network_panel
    laid_out(qtbot, network)
    scene, view = network.scene, network.view
    hub = min(scene.nodes, key=network.graph.degree)  # few neighbours
    neighbours = set(network.graph.neighbors(hub)) & scene.nodes.keys()
    stranger = next(n for n in scene.nodes if n != hub and n not in neighbours)
    before = view.grab().toImage()
    # The pointer over a node raises it and its neighbours above a veil, with their names.
    qtbot.mouseMove(view.viewport(), view.mapFromScene(scene.position(hub)))
    qtbot.waitUntil(lambda: scene.hovered == hub)
    assert scene.focused == neighbours | {hub}
    assert neighbours <= scene.labelled
    veiled = view.grab().toImage()
    stranger_at = view.mapFromScene(scene.position(stranger))
    assert veiled.pixelColor(stranger_at) != before.pixelColor(stranger_at)  # dimmed
    # Clicks look through the veil: the node under the pointer is still found.
    assert view._node_under(stranger_at) == stranger
    scene.hover(None)
    assert not scene.focused
    assert view.grab().toImage().pixelColor(stranger_at) == before.pixelColor(stranger_at)
    assert (stranger in scene.labelled) == (scene.ranked.index(stranger) < scene.visible_labels)


def test_dragging_a_node_moves_it_and_remembers_the_place(app, qtbot):
    network = app.window.network_panel
    laid_out(qtbot, network)
    scene, view = network.scene, network.view
    node = scene.ranked[-1]
    start = view.mapFromScene(scene.position(node))
    with qtbot.waitSignal(scene.moved, timeout=5_000) as moved:
        qtbot.mousePress(view.viewport(), Qt.MouseButton.LeftButton, pos=start)
        qtbot.mouseMove(view.viewport(), start + QPoint(40, 25))
        qtbot.mouseRelease(view.viewport(), Qt.MouseButton.LeftButton, pos=start + QPoint(40, 25))
    assert moved.args[0] == node
    end = view.mapFromScene(scene.position(node))
    assert abs(end.x() - start.x() - 40) <= 2 and abs(end.y() - start.y() - 25) <= 2
    assert view._node_under(end) == node


def test_names_never_overlap_and_the_biggest_are_named_first(app, qtbot):
    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QImage, QPainter

    network = app.window.network_panel
    qtbot.waitUntil(lambda: network._task is None and bool(network.scene.nodes), timeout=20_000)
    scene, view = network.scene, network.view
    image = QImage(view.viewport().size(), QImage.Format.Format_ARGB32)
    painter = QPainter(image)
    painter.setWorldTransform(view.viewportTransform())
    taken: list[QRectF] = []
    placed = scene._place_labels(painter, scene.labelled, taken)
    painter.end()
    assert len(placed) >= 10
    assert not any(a.intersects(b) for n, a in enumerate(taken) for b in taken[n + 1 :])
    assert placed[0][1] == scene._names[0]  # the biggest node keeps its name
    assert all(box.right() <= image.width() + 1 for box in taken)  # none runs off the right edge
