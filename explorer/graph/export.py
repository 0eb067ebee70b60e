"""The network as GraphML, GEXF (both read by Gephi) or JSON, with every node metric as an attribute."""

from __future__ import annotations

import io
import json

import networkx as nx

from explorer.graph.analytics import NodeMetrics

FORMATS = ("graphml", "gexf", "json")


def annotated(graph: nx.Graph, metrics: dict[int, NodeMetrics]) -> nx.Graph:
    """A copy whose nodes carry label, kind, country, mentions and the metrics (no None values)."""
    out = nx.Graph()
    for node, data in graph.nodes(data=True):
        m = metrics.get(node)
        out.add_node(
            node,
            label=data["name"],
            kind=data["kind"],
            country=data.get("country", ""),
            mentions=int(data["mentions"]),
            degree=int(m.degree) if m else 0,
            strength=float(m.strength) if m else 0.0,
            pagerank=float(m.pagerank) if m else 0.0,
            community=int(m.community) if m else -1,
            betweenness=float(m.betweenness) if m and m.betweenness is not None else 0.0,
        )
    for a, b, data in graph.edges(data=True):
        out.add_edge(a, b, weight=float(data["weight"]), count=int(data["count"]))
    return out


def graph_document(graph: nx.Graph, metrics: dict[int, NodeMetrics], fmt: str) -> str:
    g = annotated(graph, metrics)
    if fmt == "graphml":
        return "\n".join(nx.generate_graphml(g))
    if fmt == "gexf":
        buffer = io.BytesIO()
        nx.write_gexf(g, buffer)
        return buffer.getvalue().decode("utf-8")
    if fmt == "json":
        return json.dumps(nx.node_link_data(g, edges="links"), ensure_ascii=False, indent=1)
    raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
