"""The co-mention network: entities as nodes, shared briefings as weighted edges. Pure networkx."""

from __future__ import annotations

import networkx as nx

from explorer.model import Filter
from explorer.store import Store


def co_mention_graph(store: Store, flt: Filter = Filter(), top: int = 50, min_weight: int = 1) -> nx.Graph:
    """The `top` most-mentioned entities in the filtered briefings and the briefings they share."""
    graph = nx.Graph()
    entities = store.entities(flt, limit=top)
    for e in entities:
        graph.add_node(e.id, name=e.name, kind=e.kind, country=e.country or "", mentions=e.mentions)
    for a, b, weight in store.co_mentions([e.id for e in entities], flt):
        if weight >= min_weight:
            graph.add_edge(a, b, weight=weight)
    return graph


def layout(graph: nx.Graph, seed: int = 7) -> dict[int, tuple[float, float]]:
    """Force-directed positions in [-1, 1]²; the seed keeps the picture stable for the same graph."""
    if graph.number_of_nodes() == 0:
        return {}
    positions = nx.spring_layout(
        graph, weight="weight", seed=seed, k=1.6 / max(1, graph.number_of_nodes()) ** 0.5
    )
    return _fill_square(positions)


def _fill_square(positions) -> dict[int, tuple[float, float]]:
    """Scale x and y separately to [-1, 1], so the drawing uses the whole panel."""
    xs = [float(p[0]) for p in positions.values()]
    ys = [float(p[1]) for p in positions.values()]

    def scale(value: float, low: float, high: float) -> float:
        return 0.0 if high - low < 1e-9 else 2 * (value - low) / (high - low) - 1

    return {
        node: (scale(float(x), min(xs), max(xs)), scale(float(y), min(ys), max(ys)))
        for node, (x, y) in positions.items()
    }
