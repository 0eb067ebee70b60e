"""Analytics and layout for one graph, runnable in another process.

networkx and parts of numpy/scipy hold Python's GIL for long stretches; on a thread that starves the
GUI thread for hundreds of milliseconds on a large graph. A worker process has its own interpreter, so
big graphs go there (GraphProcess); small ones are quicker on the calling thread.
"""

from __future__ import annotations

import multiprocessing
import time
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor

import networkx as nx
import numpy as np

from explorer.graph.analytics import NodeMetrics, analyse
from explorer.graph.layout import LayoutCancelled, Positions, force_layout

# Below this many nodes the work takes well under a second and a process would only add start-up time.
PROCESS_MIN_NODES = 1000


def analyse_and_layout(
    graph: nx.Graph,
    previous: Positions,
    pinned: Positions,
    betweenness: bool,
    cached: Positions | None,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> tuple[dict[int, NodeMetrics], Positions]:
    metrics = analyse(graph, betweenness=betweenness)
    if cached is not None:
        return metrics, cached
    positions = force_layout(graph, previous=previous, progress=progress, cancelled=cancelled)
    positions.update({n: p for n, p in pinned.items() if n in positions})
    return metrics, positions


# Between the processes a graph and its results travel as arrays. Pickling a networkx graph of 50,000
# links, or thousands of result objects, is one long C call that holds the GIL: 50-100 ms in which the
# GUI thread cannot run. Arrays pickle as a memory copy, and the loops that pack and unpack them are
# Python code, which lets the GUI thread in every few milliseconds.


def pack_graph(graph: nx.Graph) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    nodes = np.array(list(graph.nodes), dtype=np.int64)
    ends = [end for a, b in graph.edges for end in (a, b)]
    weights = [w for _a, _b, w in graph.edges(data="weight", default=1.0)]
    return nodes, np.array(ends, dtype=np.int64).reshape(-1, 2), np.array(weights, dtype=float)


def unpack_graph(nodes: np.ndarray, ends: np.ndarray, weights: np.ndarray) -> nx.Graph:
    graph = nx.Graph()
    graph.add_nodes_from(nodes.tolist())
    graph.add_weighted_edges_from(zip(*ends.T.tolist(), weights.tolist(), strict=True))
    return graph


def _packed_analyse_and_layout(
    packed: tuple, previous: Positions, pinned: Positions, betweenness: bool, cached: Positions | None
) -> tuple[np.ndarray, ...]:
    graph = unpack_graph(*packed)
    metrics, positions = analyse_and_layout(graph, previous, pinned, betweenness, cached)
    nodes = packed[0].tolist()
    columns = [[getattr(metrics[n], name) for n in nodes] for name in ("degree", "strength", "pagerank")]
    communities = [metrics[n].community for n in nodes]
    between = [np.nan if metrics[n].betweenness is None else metrics[n].betweenness for n in nodes]
    xy = [positions[n] for n in nodes]
    return (
        np.array(columns, dtype=float),
        np.array(communities, dtype=np.int64),
        np.array(between, dtype=float),
        np.array(xy, dtype=float).reshape(-1, 2),
    )


def _unpack_results(nodes: list[int], packed: tuple) -> tuple[dict[int, NodeMetrics], Positions]:
    columns, communities, between, xy = packed
    degree, strength, pagerank = columns.tolist()
    between_list = [None if np.isnan(b) else b for b in between.tolist()]
    metrics = {
        n: NodeMetrics(int(d), s, p, c, b)
        for n, d, s, p, c, b in zip(
            nodes, degree, strength, pagerank, communities.tolist(), between_list, strict=True
        )
    }
    positions = {n: (x, y) for n, (x, y) in zip(nodes, xy.tolist(), strict=True)}
    return metrics, positions


class GraphProcess:
    """One spawned worker process, started on first use and kept for the session."""

    def __init__(self) -> None:
        self._pool: ProcessPoolExecutor | None = None

    def run(
        self,
        graph: nx.Graph,
        previous: Positions,
        pinned: Positions,
        betweenness: bool,
        cached: Positions | None,
        cancelled: Callable[[], bool],
    ) -> tuple[dict[int, NodeMetrics], Positions]:
        if self._pool is None:
            self._pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"))
        packed = pack_graph(graph)
        future: Future = self._pool.submit(
            _packed_analyse_and_layout, packed, previous, pinned, betweenness, cached
        )
        while not future.done():
            if cancelled():
                future.cancel()
                raise LayoutCancelled
            time.sleep(0.05)  # waiting here releases the GIL to the GUI thread
        return _unpack_results(packed[0].tolist(), future.result())

    def shutdown(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None
