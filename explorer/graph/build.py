"""The co-mention network: entities as nodes, shared briefings as weighted edges. Pure networkx."""

from __future__ import annotations

import math
from dataclasses import dataclass

import networkx as nx

from explorer.model import ENTITY_KINDS, Filter
from explorer.store import Store

SCOPES = ("briefing", "section", "sentence")
WEIGHTINGS = ("count", "jaccard", "pmi")


@dataclass(frozen=True)
class GraphOptions:
    """How the network is built. `top` entities by mentions enter; edges below `min_weight` shared
    briefings are dropped before weighting; nodes left with fewer than `min_degree` links go too."""

    top: int = 60
    scope: str = "briefing"
    weighting: str = "count"
    min_weight: int = 1
    min_degree: int = 0
    kinds: tuple[str, ...] = ENTITY_KINDS

    def __post_init__(self) -> None:
        if self.scope not in SCOPES:
            raise ValueError(f"unknown scope {self.scope!r}; choose one of {', '.join(SCOPES)}")
        if self.weighting not in WEIGHTINGS:
            raise ValueError(f"unknown weighting {self.weighting!r}; choose one of {', '.join(WEIGHTINGS)}")


def co_mention_graph(
    store: Store, flt: Filter = Filter(), options: GraphOptions = GraphOptions()
) -> nx.Graph:
    """Nodes carry name, kind, country and mentions (briefings naming them); edges carry `count` (shared
    briefings in the scope) and `weight` (the chosen weighting, always > 0)."""
    candidates = [e for e in store.entities(flt, limit=max(options.top * 4, 200)) if e.kind in options.kinds]
    entities = candidates[: options.top]
    graph = nx.Graph(scope=options.scope, weighting=options.weighting)
    for e in entities:
        graph.add_node(e.id, name=e.name, kind=e.kind, country=e.country or "", mentions=e.mentions)
    total = max(1, store.briefing_total(flt))
    for a, b, count in store.co_mentions([e.id for e in entities], flt, options.scope):
        if count < options.min_weight:
            continue
        weight = edge_weight(
            count, graph.nodes[a]["mentions"], graph.nodes[b]["mentions"], total, options.weighting
        )
        if weight > 0:
            graph.add_edge(a, b, count=count, weight=weight)
    if options.min_degree > 0:
        graph.remove_nodes_from([n for n, d in list(graph.degree()) if d < options.min_degree])
    return graph


def edge_weight(count: int, n_a: int, n_b: int, total: int, weighting: str) -> float:
    """Raw count, Jaccard overlap, or positive PMI, so a hub like "US" need not dominate every link."""
    if weighting == "count":
        return float(count)
    if weighting == "jaccard":
        union = n_a + n_b - count
        return count / union if union > 0 else 0.0
    pmi = math.log2(count * total / (n_a * n_b)) if n_a and n_b else 0.0
    return max(0.0, pmi)
