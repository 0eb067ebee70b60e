"""Network figures: build, analytics and layout on a 5,000-entity / ~50,000-link graph, and the panel.

Run: .venv/bin/python benchmarks/network.py [--entities 5000 --briefings 12000]
Prints: store query → graph, analytics (degree, strength, PageRank, Louvain), sampled betweenness,
layout, and in the real panel (offscreen), from "show every entity" until the finished picture is on
screen: the time and the longest event-loop stall (the GUI thread's longest pause), the same after a
filter change and for twelve wheel notches of zoom, the repaint of a current picture, and hover.
"""

from __future__ import annotations

import argparse
import os
import random
import tempfile
import time
from pathlib import Path

from figures import record

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def synthetic_store(path: Path, n_entities: int, n_briefings: int):
    """Entities in 50 communities; each briefing names 4 entities, mostly from one community."""
    from explorer.model import Briefing, Mention
    from explorer.store import Store

    rng = random.Random(11)
    communities = 50
    kinds = ["org", "org", "person", "place", "topic"]
    names = [f"Entity {i}" for i in range(n_entities)]
    store = Store.open(path)
    batch = []
    for b in range(n_briefings):
        home = rng.randrange(communities)
        members = [home + communities * rng.randrange(n_entities // communities) for _ in range(3)]
        members.append(rng.randrange(n_entities))
        mentions = [Mention(names[i], kinds[i % len(kinds)], "body", 0, 0, 5, names[i]) for i in set(members)]
        batch.append((Briefing(title=f"Synthetic {b}", body=f"topic {home} story {b}"), mentions))
        if len(batch) == 2000:
            store.add_briefings(batch)
            batch = []
    store.add_briefings(batch)
    return store


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--entities", type=int, default=5000)
    parser.add_argument("--briefings", type=int, default=10000)
    args = parser.parse_args()

    from explorer.graph import GraphOptions, analyse, co_mention_graph, force_layout
    from explorer.graph.analytics import betweenness_of
    from explorer.model import Filter

    tmp = Path(tempfile.mkdtemp())
    t = time.perf_counter()
    store = synthetic_store(tmp / "net.db", args.entities, args.briefings)
    built_s = time.perf_counter() - t
    print(f"workspace: {args.briefings} briefings, {store.entity_count()} entities ({built_s:.1f} s)")

    options = GraphOptions(top=args.entities)
    t = time.perf_counter()
    graph = co_mention_graph(store, Filter(), options)
    build_s = time.perf_counter() - t
    print(f"graph: {graph.number_of_nodes()} nodes, {graph.number_of_edges()} links")
    t = time.perf_counter()
    analyse(graph)
    analytics_s = time.perf_counter() - t
    t = time.perf_counter()
    betweenness_of(graph)
    betweenness_s = time.perf_counter() - t
    t = time.perf_counter()
    positions = force_layout(graph)
    layout_s = time.perf_counter() - t
    t = time.perf_counter()
    force_layout(graph, previous=positions)
    relayout_s = time.perf_counter() - t
    print(f"store → graph                 {build_s:6.2f} s")
    print(f"analytics (no betweenness)    {analytics_s:6.2f} s")
    print(f"betweenness (64 samples)     {betweenness_s:6.2f} s   (computed only when shown)")
    print(f"layout                        {layout_s:6.2f} s")
    print(f"layout, reusing positions     {relayout_s:6.2f} s")
    print(f"build + analytics + layout    {build_s + analytics_s + layout_s:6.2f} s")
    section = f"network: {graph.number_of_nodes():,} entities, {graph.number_of_edges():,} links"
    record(section, "build + analytics + layout", build_s + analytics_s + layout_s, "s", goal="≤ 2 s")
    panel_figures(store, options)


def pause(app, seconds: float) -> None:
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        app.processEvents()
        time.sleep(0.002)


def settle(app, panel) -> None:
    """Until the view shows the finished picture (big drawings are painted in slices)."""
    panel.view.viewport().repaint()
    app.processEvents()
    renderer = panel.scene.renderer
    while panel.scene.progressive and not renderer.is_current():
        app.processEvents()
        time.sleep(0.001)
        panel.view.viewport().update()


def panel_figures(store, options) -> None:
    from explorer.app import freeze_startup_objects, prepare_environment

    prepare_environment()
    from PySide6.QtCore import QElapsedTimer, QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from explorer.graph.compute import GraphProcess
    from explorer.model import Filter
    from explorer.ui.filter_state import FilterState
    from explorer.ui.network.panel import NetworkPanel
    from explorer.ui.tasks import TaskRunner
    from explorer.ui.workspace_data import WorkspaceData

    app = QApplication([])
    runner = TaskRunner()
    state = FilterState()
    stalls: list[float] = []
    clock = QElapsedTimer()
    clock.start()
    last = [clock.elapsed()]

    def tick() -> None:
        now = clock.elapsed()
        stalls.append(now - last[0])
        last[0] = now

    watchdog = QTimer()
    watchdog.setInterval(5)
    watchdog.timeout.connect(tick)

    def wait_for(signal, ms: int = 120_000) -> float:
        loop = QEventLoop()
        signal.connect(loop.quit)
        QTimer.singleShot(ms, loop.quit)
        started = time.perf_counter()
        loop.exec()
        signal.disconnect(loop.quit)
        return time.perf_counter() - started

    def watch() -> None:
        stalls.clear()
        last[0] = clock.elapsed()
        watchdog.start()

    def longest() -> float:
        watchdog.stop()
        return max(stalls, default=0.0)

    # Start-up: the panel is built and shown with its default (small) network, as in the app's window.
    started = time.perf_counter()
    process = GraphProcess()
    data = WorkspaceData(store)
    panel = NetworkPanel(data, state, runner, process=process)
    panel.resize(900, 900)
    panel.show()
    wait_for(panel.laid_out)
    startup_s = time.perf_counter() - started
    freeze_startup_objects()  # as the app does once its window is built

    watch()
    started = time.perf_counter()
    panel.set_options(top=options.top)  # the user asks for every entity
    wait_for(panel.laid_out)
    settle(app, panel)  # the first paint of a new drawing belongs to the phase that made it
    first_s = time.perf_counter() - started
    first_stall = longest()

    busiest = max(store.entities(limit=1), key=lambda e: e.mentions)
    watch()
    t = time.perf_counter()
    state.set(Filter(entity_ids=(busiest.id,)))
    wait_for(panel.laid_out)
    settle(app, panel)
    filter_s = time.perf_counter() - t
    filter_stall = longest()

    state.set(Filter())
    wait_for(panel.laid_out)
    settle(app, panel)
    view, scene = panel.view, panel.scene
    watch()
    t = time.perf_counter()
    for step in range(12):  # a wheel turned in and out, a notch every 40 ms
        view.scale(*(2 * (1.15 if step < 8 else 1 / 1.15,)))
        view.viewport().update()
        pause(app, 0.04)
    settle(app, panel)
    zoom_s = time.perf_counter() - t - 12 * 0.04
    zoom_stall = longest()
    t = time.perf_counter()
    view.viewport().repaint()
    repaint_ms = (time.perf_counter() - t) * 1000

    # Level of detail: zoomed in on the busiest part, the link budget goes to what is in view.
    def drawn_in_view() -> int:
        visible = view.mapToScene(view.viewport().rect()).boundingRect()
        ends = zip(scene._link_a.tolist(), scene._link_b.tolist(), strict=True)
        return sum(visible.contains(scene._point(a)) or visible.contains(scene._point(b)) for a, b in ends)

    view.fit()
    settle(app, panel)
    view.scale(3.0, 3.0)
    view.centerOn(scene.position(scene.ranked[0]))
    before = drawn_in_view()  # the links the fitted view chose, in the zoomed view
    watch()
    t = time.perf_counter()
    view.update_detail()  # what the view does once it has settled
    settle(app, panel)
    detail_s = time.perf_counter() - t
    detail_stall = longest()
    after = drawn_in_view()

    hub = max(scene.nodes, key=lambda n: panel.graph.degree(n))
    t = time.perf_counter()
    for _ in range(5):
        scene.hover(hub)
        view.viewport().repaint()
        scene.hover(None)
        view.viewport().repaint()
    hover_ms = (time.perf_counter() - t) / 10 * 1000
    print(
        f"panel, {panel.graph.number_of_nodes()} nodes, {scene.edges_drawn} of "
        f"{scene.edges_total} links drawn:"
    )
    print(f"  start-up (default network)  {startup_s:6.2f} s")
    print(f"  show all → drawn            {first_s:6.2f} s   longest GUI stall {first_stall:5.0f} ms")
    print(f"  filter change → drawn       {filter_s:6.2f} s   longest GUI stall {filter_stall:5.0f} ms")
    print(f"  12 wheel notches → crisp    {zoom_s:6.2f} s   longest GUI stall {zoom_stall:5.0f} ms")
    print(f"  zoom ×3 → links in view     {detail_s:6.2f} s   longest GUI stall {detail_stall:5.0f} ms")
    print(f"    links drawn in the zoomed view: {after} (the fitted view's choice held {before} of them)")
    section = f"network panel: {panel.graph.number_of_nodes():,} entities, {scene.edges_total:,} links"
    stall = max(first_stall, filter_stall, zoom_stall, detail_stall)
    record(section, "longest GUI stall (show all, filter, zoom, detail)", stall, "ms", goal="≤ 50 ms")
    print(f"  repaint, picture current    {repaint_ms:6.1f} ms")
    links = panel.graph.degree(hub)
    print(f"  hover + repaint (on / off)  {hover_ms:6.1f} ms   the busiest node, {links} links")
    runner.wait()
    data.close()
    process.shutdown()
    app.processEvents()


if __name__ == "__main__":
    main()
