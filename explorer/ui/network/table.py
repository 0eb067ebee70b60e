"""The network as sortable tables (nodes and links): the accessible alternative to the drawing."""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx

from explorer.extract.gazetteer import country_name
from explorer.graph import NodeMetrics
from explorer.ui.table_model import RowTableModel


@dataclass(frozen=True)
class NodeRow:
    id: int
    name: str
    kind: str
    country: str
    mentions: int
    degree: int
    strength: float
    pagerank: float
    betweenness: float | None
    community: int


@dataclass(frozen=True)
class EdgeRow:
    a: str
    b: str
    count: int
    weight: float


class NodeTableModel(RowTableModel):
    HEADERS = (
        "Entity",
        "Kind",
        "Country",
        "Briefings",
        "Links",
        "Strength",
        "PageRank",
        "Betweenness",
        "Community",
    )
    BRIEFINGS = HEADERS.index("Briefings")

    def values(self, row: NodeRow) -> tuple:
        return (
            row.name,
            row.kind,
            row.country,
            row.mentions,
            row.degree,
            row.strength,
            row.pagerank,
            row.betweenness,
            row.community + 1,
        )

    def row_of(self, node: int) -> int:
        return next((i for i, r in enumerate(self._rows) if r.id == node), -1)


class EdgeTableModel(RowTableModel):
    HEADERS = ("Entity", "Entity", "Shared briefings", "Weight")
    WEIGHT = HEADERS.index("Weight")

    def values(self, row: EdgeRow) -> tuple:
        return (row.a, row.b, row.count, row.weight)


def node_rows(graph: nx.Graph, metrics: dict[int, NodeMetrics]) -> list[NodeRow]:
    rows = []
    for node, data in graph.nodes(data=True):
        m = metrics[node]
        country = country_name(data["country"]) if data.get("country") else ""
        rows.append(
            NodeRow(
                node,
                data["name"],
                data["kind"],
                country,
                data["mentions"],
                m.degree,
                m.strength,
                m.pagerank,
                m.betweenness,
                m.community,
            )
        )
    return sorted(rows, key=lambda r: -r.mentions)


MAX_EDGE_ROWS = 20_000


def edge_rows(graph: nx.Graph) -> list[EdgeRow]:
    """The strongest links first, at most MAX_EDGE_ROWS of them (GraphML export has them all)."""
    strongest = sorted(graph.edges(data=True), key=lambda e: -e[2]["weight"])[:MAX_EDGE_ROWS]
    return [
        EdgeRow(graph.nodes[a]["name"], graph.nodes[b]["name"], d["count"], float(d["weight"]))
        for a, b, d in strongest
    ]
