"""The network's Qt-free session: requests, stale answers, hidden and focused entities, the layout cache."""

from __future__ import annotations

import time

import pytest

from explorer.graph.session import GraphSession, compute
from explorer.model import Briefing, Filter, Mention

HUB = "Hub Holdings"
SPOKES = ["North Ltd", "South Ltd", "East Ltd", "West Ltd"]
FAR = ["Far One", "Far Two"]


def org(name: str) -> Mention:
    return Mention(name, "org", "body", 0, 0, len(name), name)


@pytest.fixture
def star(store):
    """A hub linked to four spokes, and a separate pair far away."""
    batch = [(Briefing(title=f"Spoke {s}", body=s), [org(HUB), org(s)]) for s in SPOKES]
    batch.append((Briefing(title="Far", body="far"), [org(n) for n in FAR]))
    store.add_briefings(batch)
    return store, {e.name: e.id for e in store.entities(limit=100)}


def laid_out(session: GraphSession, store, flt: Filter = Filter()) -> None:
    assert session.accept(compute(session.request(flt), store))


def test_a_request_is_answered_with_the_whole_network_laid_out(star):
    store, ids = star
    session = GraphSession()
    laid_out(session, store)
    assert set(session.graph) == set(ids.values())
    assert set(session.drawn_positions()) == set(ids.values())
    assert session.graph.degree(ids[HUB]) == len(SPOKES)
    assert session.size_of(ids[HUB]) == len(SPOKES)  # sized by briefings
    assert session.not_shown() == 0


def test_an_answer_to_an_older_request_is_dropped(star):
    store, _ids = star
    session = GraphSession()
    old = session.request(Filter())
    laid_out(session, store, Filter(query="far"))
    assert not session.accept(compute(old, store))
    assert session.graph.number_of_nodes() == len(FAR)  # the newer answer stays


def test_hidden_entities_and_top_n_leave_the_network_and_are_counted(star):
    store, ids = star
    session = GraphSession()
    session.hidden.add(ids["East Ltd"])  # among the top four: the hub, then ties in name order
    assert session.set_options(top=4)
    assert not session.set_options(top=4)  # no change: nothing to build again
    laid_out(session, store)
    assert ids["East Ltd"] not in session.graph
    assert set(session.graph) == {ids[HUB], ids["Far One"], ids["Far Two"]}
    assert session.not_shown() == len(ids) - 3 - 1


def test_focus_keeps_one_entity_and_its_neighbours(star):
    store, ids = star
    session = GraphSession()
    session.focus = ids["Far One"]
    laid_out(session, store)
    assert set(session.graph) == {ids["Far One"], ids["Far Two"]}


def test_the_same_network_reuses_its_layout_until_the_user_moves_a_node(star):
    store, ids = star
    session = GraphSession()
    laid_out(session, store)
    first = dict(session.positions)
    request = session.request(Filter())
    assert request.cache, "the finished layout is cached by its nodes and links"
    again = compute(request, store)
    assert again.positions == first
    session.accept(again)
    session.remember_position(ids[HUB], 0.5, 0.5)
    assert not session.request(Filter()).cache
    assert session.positions[ids[HUB]] == (0.5, 0.5)


def test_paths_marks_and_emphasis(star):
    store, ids = star
    session = GraphSession()
    laid_out(session, store)
    path = session.show_path(ids["North Ltd"], ids["South Ltd"])
    assert path == [ids["North Ltd"], ids[HUB], ids["South Ltd"]]
    assert session.evidence_pairs([ids["North Ltd"]]) != []
    session.toggle_mark(ids["East Ltd"])
    selected, emphasised = session.emphasis(in_briefing={ids["Far One"], 999_999}, selected=set())
    assert selected == {ids["East Ltd"]}
    assert emphasised == {ids["Far One"], *path}  # unknown ids are left out
    session.toggle_mark(ids["East Ltd"])
    assert session.marked == []
    assert session.show_path(ids["North Ltd"], ids["Far One"]) == []


def test_rebuilding_a_big_network_again_and_again_keeps_memory_flat(tmp_path):
    """Big networks are frozen out of the collector's sight; each replaced one must still be freed (a
    cycle left in it would stay for good), so the frozen objects do not grow with rebuilds."""
    import gc

    from explorer.graph import collector
    from explorer.store import Store

    store = Store.open(tmp_path / "big.db")
    entities = collector.FREEZE_MIN_NODES + 201  # not a multiple of 5: every entity is in both networks
    batch = [
        (
            Briefing(title=f"Story {i}", body=f"story {i}" + (" shipping" if i % 5 else "")),
            [org(f"Company {(i * k) % entities}") for k in (1, 7, 13)],
        )
        for i in range(2 * entities)
    ]
    store.add_briefings(batch)
    session = GraphSession()
    session.set_options(top=entities)
    frozen: list[int] = []
    try:
        for round_ in range(12):
            laid_out(session, store, Filter() if round_ % 2 else Filter(query="shipping"))
            graph = session.graph
            assert graph.number_of_nodes() >= collector.FREEZE_MIN_NODES
            assert graph.edges and graph.degree and graph.nodes  # as a drawing uses it: cached views
            del graph
            assert gc.get_freeze_count() > 0, "a big network is kept out of the collector's sight"
            deadline = time.monotonic() + 10
            while collector.reclaiming() and time.monotonic() < deadline:
                time.sleep(0.02)
            frozen.append(gc.get_freeze_count())
        assert collector.reclaiming() == 0
        assert frozen[-1] <= frozen[3] * 1.02, frozen
    finally:
        store.close()
        gc.unfreeze()
