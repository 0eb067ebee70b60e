"""Is a span inside, or overlapping, any of a set of spans? Answered in log time, for long documents."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable


class SpanIndex:
    """Spans sorted by start, with the furthest end reached so far at each: a span overlaps one of them
    when the furthest end among those starting before its end lies past its start."""

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        pairs = sorted(spans)
        self._starts = [start for start, _end in pairs]
        self._furthest: list[int] = []
        furthest = -1
        for _start, end in pairs:
            furthest = max(furthest, end)
            self._furthest.append(furthest)

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect_left(self._starts, end)
        return i > 0 and self._furthest[i - 1] > start

    def inside(self, start: int, end: int) -> bool:
        """Whether every span that overlaps [start, end) lies within it ("Social Democrats" holds a known
        "Democrats"; a span crossing its edge does not)."""
        before = bisect_left(self._starts, start)
        if before and self._furthest[before - 1] > start:
            return False
        within = bisect_left(self._starts, end)
        return not within or self._furthest[within - 1] <= end

    def covers(self, start: int, end: int) -> bool:
        """Whether one span holds all of [start, end)."""
        i = bisect_right(self._starts, start)
        return i > 0 and self._furthest[i - 1] >= end
