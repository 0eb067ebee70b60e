"""Big networks out of the garbage collector's way: collections paused while one is built, cycles broken,
a replaced network taken apart off the window's thread once nothing else holds it."""

from __future__ import annotations

import gc
import time

import networkx as nx
import pytest

from explorer.graph import collector


def big_graph() -> nx.Graph:
    graph = nx.gnm_random_graph(collector.FREEZE_MIN_NODES + 100, 12_000, seed=3)
    assert graph.edges and graph.nodes and graph.degree  # networkx caches these views: cycles
    return graph


def wait_until(condition, seconds: float = 5.0) -> bool:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.01)
    return True


@pytest.fixture
def collections_on():
    was = gc.isenabled()
    gc.enable()
    yield
    if not was:
        gc.disable()


def test_collections_wait_for_the_last_of_nested_pauses_and_resume_as_they_were(collections_on):
    with collector.collections_paused():
        assert not gc.isenabled()
        with collector.collections_paused():
            assert not gc.isenabled()
        assert not gc.isenabled(), "an inner pause ending must not resume collections"
    assert gc.isenabled()
    gc.disable()
    with collector.collections_paused():
        pass
    assert not gc.isenabled(), "collections that were off stay off"


def test_a_released_graph_is_freed_without_a_collection_and_stays_usable():
    graph = big_graph()
    collector.release(graph)
    assert graph.number_of_edges() == 12_000 and len(graph.edges) == 12_000  # views made again on demand
    collector.release(graph)
    probe = graph.graph  # any plain attribute: alive exactly as long as the graph
    import weakref

    class Marker:
        pass

    probe["marker"] = marker = Marker()
    gone = weakref.ref(marker)
    del marker, probe
    was = gc.isenabled()
    gc.disable()
    try:
        del graph
        assert gone() is None, "without its cycles the graph is freed by reference counting alone"
    finally:
        if was:
            gc.enable()


def test_a_discarded_network_is_taken_apart_only_once_nothing_else_holds_it():
    graph = big_graph()
    adjacency = graph._adj
    held = graph
    collector.discard(graph)
    del graph
    time.sleep(0.2)
    assert len(adjacency) == collector.FREEZE_MIN_NODES + 100, "still held: left whole"
    assert held.number_of_edges() == 12_000
    del held
    assert wait_until(lambda: not adjacency), "no longer held: taken apart"
    assert wait_until(lambda: collector.reclaiming() == 0)
