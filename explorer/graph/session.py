"""What the network view shows and why, without Qt: options, hidden, pinned and marked entities, the
focus, paths, and the laid-out graph with its layout cache.

The panel asks for a `GraphRequest` (a frozen copy of everything a worker needs), runs `compute` on a
worker with its own read connection, and hands the result back with `accept`. A request carries its
generation: an answer to an older request than the latest is dropped.
"""

from __future__ import annotations

import hashlib
import heapq
import itertools
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from operator import itemgetter
from typing import NamedTuple

import networkx as nx
import numpy as np

from explorer.graph.analytics import NodeMetrics, connecting_network, ego, shortest_path
from explorer.graph.build import GraphOptions, co_mention_graph
from explorer.graph.collector import collections_paused, discard, keep
from explorer.graph.compute import PROCESS_MIN_NODES, GraphProcess, analyse_and_layout
from explorer.graph.layout import Positions
from explorer.model import Filter
from explorer.store import Store

DEFAULT_TOP = 50
# Links drawn at once: the strongest of those in view. Zoomed out that is the strongest overall; zoomed
# in, the same budget goes to the part in view, so weaker links appear as the view narrows.
MAX_DRAWN_EDGES = 6000
MAX_KEPT_EDGES = 60_000  # the links a drawing keeps to choose from as the view changes

LAYOUT_CACHE_SIZE = 32  # layouts kept to show again at once (the networks of recent filters)
LayoutKey = tuple[bytes, bytes]  # digests of the sorted node ids and links
Progress = Callable[[int, int], None]


class Links(NamedTuple):
    """Links as arrays, strongest first: the node at each end and the weight."""

    a: np.ndarray
    b: np.ndarray
    weight: np.ndarray


def strongest_edges(graph: nx.Graph) -> Links:
    """The links a drawing may show, strongest first, as arrays: made on a worker for big graphs, so
    the window never walks tens of thousands of links itself."""
    edges = heapq.nlargest(MAX_KEPT_EDGES, graph.edges(data="weight"), key=itemgetter(2))
    # Generators, not one np.array() of the whole list: a worker thread holding the interpreter for one
    # long call would stall the window.
    count = len(edges)
    return Links(
        np.fromiter((e[0] for e in edges), dtype=np.int64, count=count),
        np.fromiter((e[1] for e in edges), dtype=np.int64, count=count),
        np.fromiter((e[2] for e in edges), dtype=float, count=count),
    )


def layout_key(graph: nx.Graph) -> LayoutKey:
    """What a layout depends on, the nodes and the links, as two digests. Kept as sets of links, 20,000
    entities' key was 237,000 small objects that every full garbage collection walked (200 ms with the
    interpreter held: the window stalled). Arrays are built from generators and sorted by numpy, which
    lets the window run meanwhile."""
    nodes = np.fromiter(graph.nodes, dtype=np.int64, count=graph.number_of_nodes())
    nodes.sort()
    links = np.fromiter(
        ((a << 32 | b) if a < b else (b << 32 | a) for a, b in graph.edges),
        dtype=np.uint64,  # ids below 2**32 each
        count=graph.number_of_edges(),
    )
    links.sort()
    return hashlib.blake2b(nodes.tobytes()).digest(), hashlib.blake2b(links.tobytes()).digest()


@dataclass(frozen=True)
class GraphRequest:
    generation: int
    flt: Filter
    options: GraphOptions
    hidden: frozenset[int]
    focus: int | None
    previous: Positions
    pinned: Positions
    betweenness: bool
    cache: dict[LayoutKey, Positions] = field(hash=False)


@dataclass(frozen=True)
class GraphResult:
    generation: int
    graph: nx.Graph
    metrics: dict[int, NodeMetrics]
    positions: Positions
    key: LayoutKey
    entity_total: int
    strongest: Links


def compute(
    request: GraphRequest,
    store: Store,
    process: GraphProcess | None = None,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> GraphResult:
    """Build, analyse and lay out the network of a request (on a worker: seconds for thousands of nodes).
    Big graphs go to the worker process when there is one: networkx holds the GIL for long stretches."""
    with collections_paused():
        result = _compute(request, store, process, progress, cancelled)
        keep(result.graph)
    return result


def _compute(
    request: GraphRequest,
    store: Store,
    process: GraphProcess | None,
    progress: Progress | None,
    cancelled: Callable[[], bool] | None,
) -> GraphResult:
    graph = co_mention_graph(store, request.flt, request.options)
    total = store.entity_total(request.flt)
    graph.remove_nodes_from([n for n in request.hidden if n in graph])
    if request.focus is not None and request.focus in graph:
        graph = ego(graph, request.focus, hops=1).copy()
    key = layout_key(graph)
    cached = request.cache.get(key)
    if graph.number_of_nodes() >= PROCESS_MIN_NODES and process is not None:
        metrics, positions = process.run(
            graph, request.previous, request.pinned, request.betweenness, cached, cancelled or (lambda: False)
        )
    else:
        metrics, positions = analyse_and_layout(
            graph,
            request.previous,
            request.pinned,
            request.betweenness,
            cached,
            progress=progress,
            cancelled=cancelled,
        )
    return GraphResult(request.generation, graph, metrics, positions, key, total, strongest_edges(graph))


class GraphSession:
    def __init__(self) -> None:
        self.options = GraphOptions(top=DEFAULT_TOP)
        self.size_by = "mentions"
        self.colour_by = "kind"
        self.hidden: set[int] = set()
        self.pinned: set[int] = set()
        self.marked: list[int] = []
        self.focus: int | None = None
        self.graph = nx.Graph()
        self.metrics: dict[int, NodeMetrics] = {}
        self.path_edges: set[frozenset[int]] = set()
        self.positions: Positions = {}
        self.entity_total = 0
        self.strongest: Links | None = None
        self._layout_cache: dict[LayoutKey, Positions] = {}
        self._generation = 0

    # -- asking for a network and taking the answer ----------------------------------------------------
    def request(self, flt: Filter) -> GraphRequest:
        """Everything a worker needs for the current state; a newer request makes this one moot."""
        self._generation += 1
        previous = dict(self.positions)
        return GraphRequest(
            generation=self._generation,
            flt=flt,
            options=self.options,
            hidden=frozenset(self.hidden),
            focus=self.focus,
            previous=previous,
            pinned={n: previous[n] for n in self.pinned if n in previous},
            betweenness=self.size_by == "betweenness",  # computed only when it is shown
            cache=dict(self._layout_cache),
        )

    def is_current(self, generation: int) -> bool:
        return generation == self._generation

    def accept(self, result: GraphResult) -> bool:
        """Take a worker's answer; False (and nothing changes) when a newer request was made since."""
        if not self.is_current(result.generation):
            discard(result.graph)
            return False
        self._layout_cache[result.key] = result.positions
        while len(self._layout_cache) > LAYOUT_CACHE_SIZE:
            del self._layout_cache[next(iter(self._layout_cache))]  # the oldest
        self.entity_total = result.entity_total
        self.positions.update(result.positions)
        discard(self.graph)
        self.graph, self.metrics, self.strongest = result.graph, result.metrics, result.strongest
        return True

    def set_options(self, **changes: object) -> bool:
        """Change graph options; True when they changed (and the network must be built again)."""
        options = replace(self.options, **changes)
        changed = options != self.options
        self.options = options
        return changed

    # -- what the drawing shows ------------------------------------------------------------------------
    def drawn_positions(self) -> Positions:
        return {n: self.positions[n] for n in self.graph}

    def size_of(self, node: int) -> float:
        m = self.metrics.get(node)
        if self.size_by == "mentions" or m is None:
            return float(self.graph.nodes[node]["mentions"])
        return float(getattr(m, self.size_by) or 0.0)

    def not_shown(self) -> int:
        """Entities in the filter that the network leaves out (beyond Top N, not counting hidden ones)."""
        return max(0, self.entity_total - self.graph.number_of_nodes() - len(self.hidden))

    def name(self, node: int) -> str:
        return self.graph.nodes[node]["name"]

    def emphasis(self, in_briefing: set[int], selected: set[int]) -> tuple[set[int], set[int]]:
        """(selected, emphasised) nodes present in the graph: the filter's entities and the marked ones,
        and those of the selected briefing and of a shown path."""
        nodes = set(self.graph.nodes)
        on_path = {n for e in self.path_edges for n in e}
        return (selected | set(self.marked)) & nodes, (in_briefing | on_path) & nodes

    # -- what the user did -----------------------------------------------------------------------------
    def remember_position(self, node: int, x: float, y: float) -> None:
        self.positions[node] = (x, y)
        self._layout_cache.clear()  # the user moved something: keep their picture, not a cached one

    def toggle_mark(self, node: int) -> None:
        self.marked = [n for n in self.marked if n != node] if node in self.marked else [*self.marked, node]

    def toggle_pin(self, node: int) -> None:
        self.pinned.symmetric_difference_update({node})

    def show_path(self, a: int, b: int) -> list[int]:
        path = shortest_path(self.graph, a, b)
        self.path_edges = {frozenset(pair) for pair in itertools.pairwise(path)}
        return path

    def connect(self, nodes: list[int]) -> nx.Graph:
        joined = connecting_network(self.graph, list(dict.fromkeys(nodes)))
        self.path_edges = {frozenset(e) for e in joined.edges}
        return joined

    def evidence_pairs(self, nodes: list[int]) -> list[tuple[int, int]]:
        """The links whose evidence to show for a single entity on a shown path: the path's links."""
        return [tuple(e) for e in self.path_edges] if len(nodes) < 2 and self.path_edges else []
