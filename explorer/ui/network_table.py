"""The network as sortable tables (nodes and links): the accessible alternative to the drawing."""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx
from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from explorer.extract.gazetteer import country_name
from explorer.graph import NodeMetrics

ModelIndex = QModelIndex | QPersistentModelIndex


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


class _RowModel(QAbstractTableModel):
    HEADERS: tuple[str, ...] = ()

    def __init__(self) -> None:
        super().__init__()
        self._rows: list = []

    def set_rows(self, rows: list) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int):
        return self._rows[row]

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sorted in Python with one key per row: a sort proxy would call data() millions of times."""

        def key(row) -> tuple:
            value = self.values(row)[column]
            return (value is None, value if value is not None else 0)

        self.layoutAboutToBeChanged.emit()
        self._rows.sort(key=key, reverse=order == Qt.SortOrder.DescendingOrder)
        self.layoutChanged.emit()

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008 (Qt API)
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008 (Qt API)
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.HEADERS[section]
        return None

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        value = self.values(self._rows[index.row()])[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            if value is None:
                return "—"
            return f"{value:.4f}" if isinstance(value, float) else value
        if role == Qt.ItemDataRole.TextAlignmentRole and not isinstance(value, str):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def values(self, row) -> tuple:
        raise NotImplementedError


class NodeTableModel(_RowModel):
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


class EdgeTableModel(_RowModel):
    HEADERS = ("Entity", "Entity", "Shared briefings", "Weight")

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
