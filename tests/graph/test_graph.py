"""The co-mention graph on a hand-built workspace with a planted structure."""

from __future__ import annotations

import io
import math

import networkx as nx
import pytest

from explorer.graph import (
    GraphOptions,
    analyse,
    co_mention_graph,
    connecting_network,
    force_layout,
    shortest_path,
)
from explorer.graph.analytics import pagerank_of
from explorer.graph.build import edge_weight
from explorer.graph.export import graph_document
from explorer.model import Briefing, Filter, Mention
from explorer.reader.evidence import evidence

CLUSTER_A = ["Alpha Corp", "Apex Bank", "Arc Labs", "Axis Media"]
CLUSTER_B = ["Beta Mining", "Bolt Energy", "Birch Capital", "Blue Fund"]


def org(name: str, sentence: int = 0, section: str = "body") -> Mention:
    return Mention(name, "org", section, 0, 0, len(name), name, sentence=sentence)


@pytest.fixture
def planted(store):
    batch = []
    for i in range(5):
        batch.append((Briefing(title=f"A story {i}", body="a"), [org(n) for n in CLUSTER_A]))
        batch.append((Briefing(title=f"B story {i}", body="b"), [org(n) for n in CLUSTER_B]))
    # One bridge: Alpha and Beta together, in different sentences.
    batch.append((Briefing(title="Bridge", body="x"), [org("Alpha Corp", 0), org("Beta Mining", 1)]))
    store.add_briefings(batch)
    ids = {e.name: e.id for e in store.entities(limit=100)}
    return store, ids


def test_co_mention_counts_and_scopes(planted):
    store, ids = planted
    graph = co_mention_graph(store, Filter(), GraphOptions(top=20))
    assert graph[ids["Alpha Corp"]][ids["Apex Bank"]]["count"] == 5
    assert graph[ids["Alpha Corp"]][ids["Beta Mining"]]["count"] == 1
    assert not graph.has_edge(ids["Apex Bank"], ids["Bolt Energy"])
    assert graph.nodes[ids["Alpha Corp"]]["mentions"] == 6
    same_sentence = co_mention_graph(store, Filter(), GraphOptions(top=20, scope="sentence"))
    assert not same_sentence.has_edge(ids["Alpha Corp"], ids["Beta Mining"])
    assert same_sentence[ids["Alpha Corp"]][ids["Apex Bank"]]["count"] == 5
    strong_only = co_mention_graph(store, Filter(), GraphOptions(top=20, min_weight=2))
    assert not strong_only.has_edge(ids["Alpha Corp"], ids["Beta Mining"])


def test_weightings_tame_hubs():
    assert edge_weight(5, 6, 5, 11, "count") == 5.0
    assert edge_weight(5, 6, 5, 11, "jaccard") == pytest.approx(5 / 6)
    assert edge_weight(1, 6, 6, 11, "pmi") == 0.0  # less often together than chance: no link
    assert edge_weight(5, 6, 5, 11, "pmi") == pytest.approx(math.log2(5 * 11 / 30))
    with pytest.raises(ValueError, match="unknown weighting"):
        GraphOptions(weighting="magic")


def test_communities_recover_the_two_clusters(planted):
    store, ids = planted
    graph = co_mention_graph(store, Filter(), GraphOptions(top=20))
    metrics = analyse(graph, betweenness=True)
    community = {name: metrics[ids[name]].community for name in CLUSTER_A + CLUSTER_B}
    assert len({community[n] for n in CLUSTER_A}) == 1
    assert len({community[n] for n in CLUSTER_B}) == 1
    assert community["Alpha Corp"] != community["Beta Mining"]
    # The two bridge ends carry every path between the clusters.
    top = max(metrics, key=lambda n: metrics[n].betweenness)
    assert top in (ids["Alpha Corp"], ids["Beta Mining"])
    assert metrics[ids["Alpha Corp"]].degree == 4


def test_shortest_path_and_connecting_network(planted):
    store, ids = planted
    graph = co_mention_graph(store, Filter(), GraphOptions(top=20))
    path = shortest_path(graph, ids["Apex Bank"], ids["Bolt Energy"])
    assert path == [ids["Apex Bank"], ids["Alpha Corp"], ids["Beta Mining"], ids["Bolt Energy"]]
    joined = connecting_network(graph, [ids["Apex Bank"], ids["Blue Fund"], ids["Arc Labs"]])
    assert {
        ids["Alpha Corp"],
        ids["Beta Mining"],
        ids["Apex Bank"],
        ids["Blue Fund"],
        ids["Arc Labs"],
    } <= set(joined)
    assert nx.is_tree(joined) and joined.number_of_nodes() <= 6
    assert shortest_path(graph, ids["Apex Bank"], 999_999) == []


def test_evidence_names_the_sentences_behind_a_link(sample_store):
    ids = {e.name: e.id for e in sample_store.entities(limit=500)}
    found = evidence(sample_store, ids["TSMC"], ids["Nvidia"])
    assert found
    assert all(e.title and e.sentence for e in found)
    assert any("TSMC" in e.sentence or "Nvidia" in e.sentence for e in found)


def test_layout_is_deterministic_bounded_and_incremental(planted):
    store, ids = planted
    graph = co_mention_graph(store, Filter(), GraphOptions(top=20))
    first = force_layout(graph)
    assert first == force_layout(graph)
    assert all(-1.0 <= x <= 1.0 and -1.0 <= y <= 1.0 for x, y in first.values())
    a = [first[ids[n]] for n in CLUSTER_A]
    b = [first[ids[n]] for n in CLUSTER_B]
    within = max(math.dist(p, q) for p in a for q in a)
    between = min(math.dist(p, q) for p in a for q in b)
    assert within < between * 2  # the clusters sit apart
    grown = graph.copy()
    grown.add_node(-1, name="New", kind="org", country="", mentions=1)
    grown.add_edge(-1, ids["Alpha Corp"], weight=1.0, count=1)
    again = force_layout(grown, previous=first)
    moved = [math.dist(first[n], again[n]) for n in graph]
    assert sum(moved) / len(moved) < 0.35, "an added node should not reshuffle the picture"


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_exports_load_back_with_every_attribute(planted, fmt):
    store, _ids = planted
    graph = co_mention_graph(store, Filter(), GraphOptions(top=20))
    metrics = analyse(graph, betweenness=True)
    text = graph_document(graph, metrics, fmt)
    loaded = (
        nx.read_graphml(io.StringIO(text)) if fmt == "graphml" else nx.read_gexf(io.BytesIO(text.encode()))
    )
    assert loaded.number_of_nodes() == graph.number_of_nodes()
    assert loaded.number_of_edges() == graph.number_of_edges()
    for node, data in graph.nodes(data=True):
        got = loaded.nodes[str(node)]
        m = metrics[node]
        assert got["label"] == data["name"]
        assert got["kind"] == data["kind"]
        assert int(got["mentions"]) == data["mentions"]
        assert int(got["community"]) == m.community
        assert float(got["pagerank"]) == pytest.approx(m.pagerank)
        assert float(got["betweenness"]) == pytest.approx(m.betweenness)
        assert float(got["strength"]) == pytest.approx(m.strength)


def test_layout_can_be_cancelled(planted):
    from explorer.graph import LayoutCancelled

    store, _ids = planted
    graph = co_mention_graph(store, Filter(), GraphOptions(top=20))
    seen = []
    with pytest.raises(LayoutCancelled):
        force_layout(graph, progress=lambda done, total: seen.append(done), cancelled=lambda: len(seen) > 2)
    assert seen[:3] == [0, 10, 20]


def test_export_graph_command_writes_gephi_files(sample_db, tmp_path):
    import os
    import subprocess
    import sys

    env = dict(os.environ, EXPLORER_DB=str(sample_db))
    out = tmp_path / "net.graphml"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "explorer",
            "export-graph",
            "--out",
            str(out),
            "--top",
            "30",
            "--weighting",
            "pmi",
        ],
        capture_output=True,
        text=True,
        env=env,
    )
    assert result.returncode == 0, result.stderr
    loaded = nx.read_graphml(out)
    assert loaded.number_of_nodes() == 30
    assert {"label", "kind", "community", "pagerank", "betweenness"} <= set(next(iter(loaded.nodes.values())))
    bad = subprocess.run(
        [sys.executable, "-m", "explorer", "export-graph", "--out", str(tmp_path / "x.png")],
        capture_output=True,
        text=True,
        env=env,
    )
    assert bad.returncode == 2 and "unknown format" in bad.stderr


def test_pagerank_equals_networkx_without_loading_scipy_in_the_window():
    graph = nx.gnm_random_graph(300, 900, seed=3)
    for i, (a, b) in enumerate(graph.edges()):
        graph.edges[a, b]["weight"] = 1 + (i * 7919) % 13
    graph.add_edge(5, 5, weight=2.0)  # a self-loop
    graph.add_nodes_from([1000, 1001])  # isolated: their rank is spread over every node

    ours = {n: m.pagerank for n, m in analyse(graph).items()}
    reference = nx.pagerank(graph, weight="weight")
    assert ours.keys() == reference.keys()
    assert max(abs(ours[n] - reference[n]) for n in graph) < 1e-9
    assert sum(ours.values()) == pytest.approx(1.0)

    zero = nx.Graph([(1, 2, {"weight": 0.0}), (2, 3, {"weight": 1.0})])
    directed = nx.gnm_random_graph(50, 200, seed=4, directed=True)
    lonely = nx.Graph()
    lonely.add_nodes_from(["a", "b"])
    for other in (zero, directed, lonely):
        ours, reference = pagerank_of(other), nx.pagerank(other, weight="weight")
        assert max(abs(ours[n] - reference[n]) for n in other) < 1e-9


def test_analytics_in_a_fresh_process_leave_scipy_unloaded():
    import subprocess
    import sys

    code = (
        "import sys, networkx as nx\n"
        "from explorer.graph import analyse\n"
        "analyse(nx.karate_club_graph())\n"
        "print('scipy' in sys.modules)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True
    )
    assert done.stdout.strip() == "False"  # about 18 MB the window would hold for one number per node
