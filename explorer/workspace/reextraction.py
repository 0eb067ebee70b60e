"""Corrections read their briefings again in a worker process that the window keeps for a while.

Making or undoing a correction extracts every briefing it touches again. Done in the window, that
loaded the extraction dictionary into the window's process at the first correction: 40 MB for as long
as the window ran, enough to take the whole app past 500 MB at 100,000 briefings. Here a worker loads
it instead. The window starts the worker while the analyst confirms a correction, and the worker ends
after a minute unused: an analyst cleaning up entities makes several corrections in a row.
"""

from __future__ import annotations

import json
import multiprocessing
import threading
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from explorer.extract import extract, readings_file
from explorer.extract.overrides import Overrides
from explorer.model import Briefing, Mention

IDLE_SECONDS = 60.0
CHUNK = 64  # briefings per task


class ReextractionWorker:
    """`worker(briefings, corrections)`: each briefing's mentions, read with those corrections."""

    def __init__(self, idle_seconds: float = IDLE_SECONDS) -> None:
        self._idle_seconds = idle_seconds
        self._lock = threading.Lock()
        self._executor: ProcessPoolExecutor | None = None
        self._users = 0
        self._closed = False
        self._timer: threading.Timer | None = None
        self._armed = 0  # which timer may end the worker: an older one that fired late may not

    @property
    def running(self) -> bool:
        return self._executor is not None

    def warm(self) -> None:
        """Start the worker now, ahead of a correction (it loads the dictionary in about half a second)."""
        with self._lock:
            if self._closed:
                return
            self._started()
            if not self._users:
                self._arm()

    def __call__(
        self, briefings: Sequence[Briefing], corrections: list[dict[str, Any]]
    ) -> list[list[Mention]]:
        with self._lock:
            executor = self._started()
            self._users += 1
            self._disarm()
        try:
            try:
                return _extract_in(executor, briefings, corrections)
            except BrokenProcessPool:  # the worker died (killed, out of memory): once more in a new one
                with self._lock:
                    if self._executor is executor:
                        self._executor = None
                    executor = self._started()
                return _extract_in(executor, briefings, corrections)
        finally:
            with self._lock:
                self._users -= 1
                if not self._users:
                    if self._closed:
                        self._shut_down()
                    else:
                        self._arm()

    def write_names_file(self) -> None:
        """Have the worker write the extraction dictionary's file unless it is there, in the background
        (explorer.extract.readings_file: the window's searches and re-pin menu read it)."""
        with self._lock:
            if self._closed:
                return
            self._started().submit(readings_file.write)
            if not self._users:
                self._arm()

    def close(self) -> None:
        """End the worker; a correction being read finishes first (its transaction is still open)."""
        with self._lock:
            self._closed = True
            self._disarm()
            if not self._users:
                self._shut_down()

    def _started(self) -> ProcessPoolExecutor:
        if self._closed:
            raise RuntimeError("the window is closing: the correction was not applied")
        if self._executor is None:
            # Spawned, never forked: the window runs threads (see explorer.workspace.extraction).
            context = multiprocessing.get_context("spawn")
            self._executor = ProcessPoolExecutor(max_workers=1, mp_context=context, initializer=_warm_up)
            self._executor.submit(int)  # the process starts with its first task: now, not at the first call
        return self._executor

    def _shut_down(self) -> None:
        executor, self._executor = self._executor, None
        if executor is not None:
            executor.shutdown(wait=False)

    def _arm(self) -> None:
        self._disarm()
        self._armed += 1
        self._timer = threading.Timer(self._idle_seconds, self._expire, args=(self._armed,))
        self._timer.daemon = True
        self._timer.start()

    def _disarm(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        self._armed += 1

    def _expire(self, armed: int) -> None:
        with self._lock:
            if armed == self._armed and not self._users:
                self._timer = None
                self._shut_down()


def _extract_in(
    executor: ProcessPoolExecutor, briefings: Sequence[Briefing], corrections: list[dict[str, Any]]
) -> list[list[Mention]]:
    tasks = [
        executor.submit(_extract_chunk, list(briefings[start : start + CHUNK]), corrections)
        for start in range(0, len(briefings), CHUNK)
    ]
    return [list(map(Mention._make, rows)) for task in tasks for rows in task.result()]


_overrides: tuple[str, Overrides] | None = None  # the worker's corrections, compiled once per change


def _warm_up() -> None:
    extract(Briefing("Warm-up", "Loads the dictionary before the first correction arrives."))


def _extract_chunk(briefings: list[Briefing], corrections: list[dict[str, Any]]) -> list[list[tuple]]:
    global _overrides
    key = json.dumps(corrections, sort_keys=True)
    if _overrides is None or _overrides[0] != key:
        _overrides = (key, Overrides.from_corrections(corrections))
    active = _overrides[1]
    return [list(map(tuple, extract(briefing, active))) for briefing in briefings]
