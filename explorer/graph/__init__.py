from explorer.graph.analytics import NodeMetrics, analyse, connecting_network, ego, shortest_path
from explorer.graph.build import GraphOptions, co_mention_graph
from explorer.graph.layout import LayoutCancelled, force_layout

__all__ = [
    "GraphOptions",
    "LayoutCancelled",
    "NodeMetrics",
    "analyse",
    "co_mention_graph",
    "connecting_network",
    "ego",
    "force_layout",
    "shortest_path",
]
