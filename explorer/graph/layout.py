"""Force-directed layout (Fruchterman–Reingold style) in numpy, fast enough for thousands of nodes.

Repulsion between every pair is exact up to EXACT_REPULSION_NODES; above that each node is pushed by a
random sample of others, scaled up, which keeps an iteration linear in the number of nodes. Positions of
a previous layout are reused, so a refresh that adds a few nodes moves the picture only a little.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Mapping

import networkx as nx
import numpy as np

Positions = dict[Hashable, tuple[float, float]]

EXACT_REPULSION_NODES = 600
REPULSION_SAMPLES = 32
ITERATIONS = 150
LARGE_GRAPH_ITERATIONS = 80  # above EXACT_REPULSION_NODES: sampled forces settle sooner
INCREMENTAL_ITERATIONS = 40


class LayoutCancelled(Exception):
    pass


def force_layout(
    graph: nx.Graph,
    previous: Mapping[Hashable, tuple[float, float]] | None = None,
    seed: int = 7,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> Positions:
    """Positions in [-1, 1]² for every node. With `previous`, known nodes start where they were."""
    nodes = list(graph.nodes)
    n = len(nodes)
    if n == 0:
        return {}
    if n == 1:
        return {nodes[0]: (0.0, 0.0)}
    rng = np.random.default_rng(seed)
    index = {node: i for i, node in enumerate(nodes)}
    edges = np.array([(index[a], index[b]) for a, b in graph.edges()], dtype=np.int64).reshape(-1, 2)
    weights = np.array([d.get("weight", 1.0) for _a, _b, d in graph.edges(data=True)], dtype=float)
    if len(weights):
        weights = 0.5 + weights / weights.max()  # strong links pull harder, weak ones still hold
    pos, known = _start(graph, nodes, index, previous or {}, rng)
    incremental = known.mean() >= 0.75
    iterations = (
        INCREMENTAL_ITERATIONS
        if incremental
        else ITERATIONS
        if n <= EXACT_REPULSION_NODES
        else LARGE_GRAPH_ITERATIONS
    )
    k = 1.0 / np.sqrt(n)
    start_temperature = 0.02 if incremental else 0.1
    # In an incremental layout the nodes already placed only settle; the newcomers find their place.
    mobility = np.where(known, 0.2, 1.0) if incremental else np.ones(n)
    for step in range(iterations):
        if cancelled and cancelled():
            raise LayoutCancelled
        temperature = start_temperature * (1 - step / iterations) + 0.002
        disp = _repulsion(pos, k, rng)
        if len(edges):
            delta = pos[edges[:, 0]] - pos[edges[:, 1]]
            dist = np.maximum(np.linalg.norm(delta, axis=1), 1e-6)
            pull = (delta / dist[:, None]) * (dist**2 / k * weights)[:, None]
            for axis in (0, 1):  # bincount sums per node far faster than np.add.at
                disp[:, axis] -= np.bincount(edges[:, 0], weights=pull[:, axis], minlength=n)
                disp[:, axis] += np.bincount(edges[:, 1], weights=pull[:, axis], minlength=n)
        disp -= pos * (0.08 * k * n**0.5)  # gravity keeps loose components near the middle
        length = np.maximum(np.linalg.norm(disp, axis=1), 1e-9)
        pos += disp / length[:, None] * (np.minimum(length, temperature) * mobility)[:, None]
        if progress and step % 10 == 0:
            progress(step, iterations)
    if progress:
        progress(iterations, iterations)
    return _fill_square(nodes, pos)


def _start(graph, nodes, index, previous, rng) -> tuple[np.ndarray, np.ndarray]:
    n = len(nodes)
    pos = rng.uniform(-0.5, 0.5, size=(n, 2))
    known = np.zeros(n, dtype=bool)
    for node, i in index.items():
        if node in previous:
            pos[i] = previous[node]
            known[i] = True
    if known.any():
        # Newcomers start beside the neighbours already placed, not at a random spot.
        for node in nodes:
            i = index[node]
            if known[i]:
                continue
            placed = [index[m] for m in graph.neighbors(node) if known[index[m]]]
            if placed:
                pos[i] = pos[placed].mean(axis=0) + rng.normal(0, 0.03, size=2)
        pos = pos * 0.5  # previous positions filled [-1, 1]; work at the layout's own scale
    return pos, known


def _repulsion(pos: np.ndarray, k: float, rng: np.random.Generator) -> np.ndarray:
    n = len(pos)
    if n <= EXACT_REPULSION_NODES:
        delta = pos[:, None, :] - pos[None, :, :]
        dist2 = np.maximum((delta**2).sum(axis=2), 1e-6)
        np.fill_diagonal(dist2, np.inf)
        return (delta * (k**2 / dist2)[:, :, None]).sum(axis=1)
    others = rng.integers(0, n, size=(n, REPULSION_SAMPLES))
    # x and y apart: two (n, samples) arrays cost a third of one (n, samples, 2) array and its reductions.
    dx = pos[:, 0:1] - pos[:, 0][others]
    dy = pos[:, 1:2] - pos[:, 1][others]
    force = (k**2 * (n / REPULSION_SAMPLES)) / np.maximum(dx * dx + dy * dy, 1e-6)
    return np.column_stack(((dx * force).sum(axis=1), (dy * force).sum(axis=1)))


def _fill_square(nodes: list, pos: np.ndarray) -> Positions:
    """Scale x and y separately to [-1, 1], so the drawing uses the whole panel."""
    low, high = pos.min(axis=0), pos.max(axis=0)
    span = np.where(high - low < 1e-9, 1.0, high - low)
    scaled = 2 * (pos - low) / span - 1
    return {node: (float(x), float(y)) for node, (x, y) in zip(nodes, scaled, strict=True)}
