"""Values worked out once per object, found again by the object's identity.

Extraction keeps asking the same questions of the same tuples: the pruned and sorted readings of a
gazetteer name, and that name's readings with a country's in front. Those tuples live as long as the
process, and hashing one by value would hash every place in it, which is the cost this avoids.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

K = TypeVar("K")
V = TypeVar("V")


class ByIdentity(Generic[K, V]):
    def __init__(self, compute: Callable[[K], V], limit: int = 100_000) -> None:
        self._compute = compute
        self._limit = limit
        # Each entry holds its key, so the key's id cannot be reused by another object while it lives.
        self._entries: dict[int, tuple[K, V]] = {}

    def __call__(self, key: K) -> V:
        entry = self._entries.get(id(key))
        if entry is not None and entry[0] is key:
            return entry[1]
        value = self._compute(key)
        if len(self._entries) >= self._limit:  # keys that are not long-lived come and go
            self._entries.clear()
        self._entries[id(key)] = (key, value)
        return value

    def __len__(self) -> int:
        return len(self._entries)
