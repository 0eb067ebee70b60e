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
        future: Future = self._pool.submit(analyse_and_layout, graph, previous, pinned, betweenness, cached)
        while not future.done():
            if cancelled():
                future.cancel()
                raise LayoutCancelled
            time.sleep(0.05)  # waiting here releases the GIL to the GUI thread
        return future.result()

    def shutdown(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None
