"""Big network drawings: painted into an image in slices, shown scaled while a zoom re-renders."""

from __future__ import annotations

import random

import networkx as nx
import pytest
from PySide6.QtGui import QColor, QImage

from explorer.ui.network.render import CHUNK, RenderRequest, render_picture, render_steps
from explorer.ui.network.scene import BIG_DRAWING_NODES, KIND_COLOURS, NetworkScene
from explorer.ui.network.view import NetworkView


def big_graph(nodes: int = BIG_DRAWING_NODES + 500) -> tuple[nx.Graph, dict]:
    rng = random.Random(5)
    graph = nx.Graph()
    for n in range(nodes):
        graph.add_node(n, name=f"Entity {n}", kind="org", mentions=1 + n % 7)
    for _ in range(nodes * 3):
        a, b = rng.randrange(nodes), rng.randrange(nodes)
        if a != b:
            graph.add_edge(a, b, weight=1 + rng.randrange(5))
    positions = {n: (rng.uniform(-0.9, 0.9), rng.uniform(-0.9, 0.9)) for n in graph}
    return graph, positions


def draw_big(qtbot, graph: nx.Graph, positions: dict) -> tuple[NetworkScene, NetworkView]:
    scene = NetworkScene("light")
    view = NetworkView(scene)
    qtbot.addWidget(view)
    view.resize(800, 700)
    view.show()
    with qtbot.waitSignal(scene.drawn):
        scene.draw(graph, positions, {}, lambda n: graph.nodes[n]["mentions"], "kind")
    view.fit()
    return scene, view


@pytest.fixture
def drawn(qtbot):
    return draw_big(qtbot, *big_graph())


def is_background(colour: QColor) -> bool:
    return colour.red() > 245 and colour.green() > 245 and colour.blue() > 245


def test_a_picture_is_painted_in_chunks_and_shows_every_node(drawn):
    scene, _view = drawn
    region = scene.sceneRect()
    request = RenderRequest(1, 2.0, region, 1.0)
    steps = sum(1 for _ in render_steps(scene.picture, request))
    assert steps >= len(scene.nodes) // CHUNK  # the event loop gets a turn between chunks
    image = render_picture(scene.picture, request)
    org = QColor(KIND_COLOURS["org"])
    centres = [((scene.position(n) - region.topLeft()) * 2.0).toPoint() for n in scene.ranked[:20]]
    filled = [image.pixelColor(centre) for centre in centres]
    # The biggest nodes; a few may lie under smaller ones, which are drawn on top.
    assert sum(colour.rgb() == org.rgb() for colour in filled) >= 15


def test_the_view_shows_the_finished_picture_and_a_scaled_one_while_zooming(drawn, qtbot):
    scene, view = drawn
    assert scene.progressive
    renderer = scene.renderer
    view.viewport().repaint()
    qtbot.waitUntil(renderer.is_current, timeout=10_000)
    node = scene.ranked[0]
    grabbed = view.grab().toImage()
    assert not is_background(grabbed.pixelColor(view.mapFromScene(scene.position(node))))

    view.scale(1.3, 1.3)
    view.centerOn(scene.position(node))
    view.viewport().repaint()
    assert not renderer.is_current()  # a new render is under way …
    preview = view.grab().toImage()  # … and the old picture is shown, scaled, meanwhile
    assert not is_background(preview.pixelColor(view.mapFromScene(scene.position(node))))
    qtbot.waitUntil(renderer.is_current, timeout=10_000)
    assert renderer.shown.scale == pytest.approx(view.transform().m11())


def test_a_changed_drawing_drops_the_render_under_way(drawn, qtbot):
    scene, view = drawn
    view.viewport().repaint()
    before = scene.renderer.generation
    graph, positions = big_graph(BIG_DRAWING_NODES + 100)
    with qtbot.waitSignal(scene.drawn):
        scene.draw(graph, positions, {}, lambda n: 1.0, "kind")
    assert scene.renderer.generation == before + 1
    view.viewport().repaint()
    qtbot.waitUntil(scene.renderer.is_current, timeout=10_000)
    assert scene.renderer.shown.generation == scene.renderer.generation
    shown, image = scene.renderer.shown, scene.renderer.image
    assert image.width() == pytest.approx(shown.region.width() * shown.scale, abs=1.5)


def test_a_big_drawing_exports_every_node_without_the_view(drawn, tmp_path):
    scene, _view = drawn
    scene.save_image(tmp_path / "big.png", "png", QColor("white"))
    image = QImage(str(tmp_path / "big.png"))
    rect = scene.drawing_rect()
    assert image.width() == pytest.approx(rect.width() * 2, abs=2)
    org = QColor(KIND_COLOURS["org"])
    centres = [((scene.position(n) - rect.topLeft()) * 2.0).toPoint() for n in scene.ranked[:20]]
    assert sum(image.pixelColor(c).rgb() == org.rgb() for c in centres) >= 15
    scene.save_image(tmp_path / "big.svg", "svg", QColor("white"))
    svg = (tmp_path / "big.svg").read_text()
    assert svg.count("<circle") == len(scene.nodes)  # vector nodes, not a picture of them
    assert svg.count("<polyline") >= scene.edges_drawn // 2


def test_zooming_in_spends_the_link_budget_on_the_part_in_view(qtbot, monkeypatch):
    from explorer.graph import session as graph_session

    monkeypatch.setattr(graph_session, "MAX_DRAWN_EDGES", 800)  # a budget this graph's 4,500 links exceed
    graph, positions = big_graph()
    scene, view = draw_big(qtbot, graph, positions)
    assert not view.update_detail()  # fitted: the strongest overall, as drawn
    assert scene.edges_drawn == 800 < scene.edges_total
    weakest_overall = min(graph.edges[scene.ranked[a], scene.ranked[b]]["weight"]
                          for a, b in zip(scene._link_a, scene._link_b, strict=True))  # fmt: skip

    view.scale(2.0, 2.0)  # a quarter of the drawing in view
    view.centerOn(scene.position(scene.ranked[0]))
    qtbot.waitUntil(lambda: not view._detail.isActive(), timeout=2_000)  # the view settled: chosen again
    visible = view.mapToScene(view.viewport().rect()).boundingRect()
    touching = sum(
        1
        for a, b in graph.edges
        if visible.contains(scene.position(a)) or visible.contains(scene.position(b))
    )
    assert touching > 800 and scene.edges_drawn == 800
    ends = [(scene._point(a), scene._point(b)) for a, b in zip(scene._link_a, scene._link_b, strict=True)]
    assert all(visible.contains(p) or visible.contains(q) for p, q in ends)  # every one touches the view
    weights = [graph.edges[scene.ranked[a], scene.ranked[b]]["weight"]
               for a, b in zip(scene._link_a, scene._link_b, strict=True)]  # fmt: skip
    assert min(weights) < weakest_overall  # weaker links appear as the view narrows

    view.fit()
    qtbot.waitUntil(lambda: not view._detail.isActive(), timeout=2_000)
    assert min(graph.edges[scene.ranked[a], scene.ranked[b]]["weight"]
               for a, b in zip(scene._link_a, scene._link_b, strict=True)) == weakest_overall  # fmt: skip


def test_a_replaced_pictures_lines_are_freed_a_few_hundred_per_turn_of_the_event_loop(qtbot, drawn):
    from explorer.ui.network.render import RETIRE_CHUNK

    scene, view = drawn
    old_styles = scene.picture.styles
    made = sum(len(style.lines) for style in old_styles)  # painted once: its line objects exist
    assert made > 2 * RETIRE_CHUNK
    graph, positions = big_graph(BIG_DRAWING_NODES + 40)
    with qtbot.waitSignal(scene.drawn):
        scene.draw(graph, positions, {}, lambda n: graph.nodes[n]["mentions"], "kind")
    renderer = scene.renderer
    assert all(style._lines is None for style in old_styles), "handed over, not freed in one go"
    assert 0 < sum(map(len, renderer._retired)) <= made
    qtbot.waitUntil(lambda: not renderer._retired, timeout=5000)
    view.viewport().repaint()
    assert not renderer._retire_timer.isActive()
