"""Big networks kept out of the garbage collector's way.

A full collection walks every object it tracks, with the interpreter held, whichever thread runs it: with
a network of 20,000 entities and 237,000 links in memory that is 50 ms or more, and while such a network
is being built, collections come every second or so and walk it half-built. Either way the window stalls.
So collections wait while a network is built, and a big network, once built, is frozen with what else
lives at that moment (`gc.freeze`: never walked again). Frozen objects are still freed when nothing refers
to them; only a reference cycle among them would stay, so a network has its cycles broken when it is
built and again when it is replaced.

Freeing a big network is itself one long step (100 ms for 20,000 entities: half a million dictionaries
let go in one C call). So a replaced network is taken apart on a thread of its own, a node at a time,
once nothing else refers to it.
"""

from __future__ import annotations

import gc
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

import networkx as nx

# From this many entities a shown network is frozen: below it a full collection costs a few milliseconds.
FREEZE_MIN_NODES = 2000

_lock = threading.Lock()
_pauses = 0
_resume = True  # whether collections were on when the first pause began

# networkx caches these views of a graph on the graph itself, each referring back to it: a cycle.
_CACHED_VIEWS = ("nodes", "edges", "degree", "adj")


@contextmanager
def collections_paused() -> Iterator[None]:
    """No automatic collection while the block runs (nested and concurrent blocks allowed); they resume,
    as they were before the first block, when the last one ends."""
    global _pauses, _resume
    with _lock:
        if _pauses == 0:
            _resume = gc.isenabled()
            gc.disable()
        _pauses += 1
    try:
        yield
    finally:
        with _lock:
            _pauses -= 1
            if _pauses == 0 and _resume:
                gc.enable()


def release(graph: nx.Graph) -> None:
    """Break the graph's reference cycles, so that it is freed as soon as nothing refers to it (frozen or
    not). The graph stays usable: networkx makes a view again when it is asked for."""
    for name in _CACHED_VIEWS:
        graph.__dict__.pop(name, None)


def keep(graph: nx.Graph) -> bool:
    """Called where the graph was made, collections still paused: its cycles broken and, when it is
    big, everything that lives now frozen, the graph with it, without a walk (objects made while
    collections waited would otherwise all be walked by the first one after). True when frozen."""
    release(graph)
    if graph.number_of_nodes() < FREEZE_MIN_NODES:
        return False
    gc.freeze()
    return True


def discard(graph: nx.Graph) -> None:
    """Let go of a network: taken apart a node at a time on the reclaiming thread once nothing else
    refers to it (a drawing may still hold it until it draws the next one)."""
    release(graph)
    if graph.number_of_nodes() >= FREEZE_MIN_NODES:
        _reclaimer().put(graph)


class _Reclaimer:
    POLL_S = 0.05

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._waiting: list[nx.Graph] = []
        self._wake = threading.Event()
        threading.Thread(target=self._run, name="network-reclaimer", daemon=True).start()

    def put(self, graph: nx.Graph) -> None:
        with self._lock:
            self._waiting.append(graph)
        self._wake.set()

    def pending(self) -> int:
        with self._lock:
            return len(self._waiting)

    def _run(self) -> None:
        while True:
            self._wake.wait()
            with self._lock:
                # Views made since it was discarded (a drawing still used it) refer back to it.
                list(map(release, self._waiting))
                free = [g for g in self._waiting if sys.getrefcount(g) <= _HELD_HERE]
                self._waiting = [g for g in self._waiting if all(g is not f for f in free)]
                if not self._waiting:
                    self._wake.clear()
            for graph in free:
                _take_apart(graph)
            del free
            time.sleep(self.POLL_S)


# References while the reclaimer looks: its list, the comprehension's variable, getrefcount's argument.
_HELD_HERE = 3
_instance: _Reclaimer | None = None


def _reclaimer() -> _Reclaimer:
    global _instance
    with _lock:
        if _instance is None:
            _instance = _Reclaimer()
        return _instance


# Nodes let go of between two pauses: the reclaimer must not take the interpreter from the window for
# more than a moment (holding it in turns with the window, it would halve the window's speed).
_STEP_NODES = 200
_PAUSE_S = 0.002


def _take_apart(graph: nx.Graph) -> None:
    adjacency, nodes = graph._adj, graph._node
    while adjacency:
        for _ in range(min(_STEP_NODES, len(adjacency))):
            adjacency.popitem()
            nodes.popitem()
        time.sleep(_PAUSE_S)


def reclaiming() -> int:
    """Networks waiting to be taken apart (for tests)."""
    return _instance.pending() if _instance is not None else 0
