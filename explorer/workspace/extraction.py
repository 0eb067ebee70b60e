"""Extraction for an import: in this process, or in a pool of worker processes while this one writes.

Either way, briefings go in with `submit` and come back with their mentions and near-duplicate
fingerprint, in the order they went in (so batches, reports and ids do not depend on timing). Workers
are spawned, never forked: the window imports from a thread, and forking a process that runs threads
(Qt's among them) is unsafe. Each worker loads the extraction dictionary once, when it starts.
A spawned worker imports the program's main module again: a script that imports files through this
module must keep its work under `if __name__ == "__main__":` (the app's entry points do).
"""

from __future__ import annotations

import contextlib
import gc
import multiprocessing
import os
import threading
from collections import deque
from collections.abc import Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any

from explorer.extract import extract
from explorer.extract.overrides import Overrides
from explorer.model import Briefing, Mention
from explorer.store.fingerprint import Fingerprint, fingerprint

Extracted = tuple[Briefing, list[Mention], Fingerprint | None]
# What a worker sends back: the mentions as plain tuples. Pickling a named tuple goes through its
# class's Python-level constructor; plain tuples cross at C speed, a third of the time each way, and
# the writer is the busiest process of a pooled import.
_Sent = tuple[Briefing, list[tuple], Fingerprint | None]

# Briefings sent to a worker at a time: large enough that pickling and hand-over cost little, small
# enough that every worker stays busy to the end.
CHUNK = 64
# Below this much input a pool costs more (each worker starts Python and loads its dictionary, about
# a second) than it saves.
POOL_MIN_BYTES = 2 * 1024 * 1024
MAX_DEFAULT_JOBS = 4
# Workers run at a lower priority than the process that starts them. Its writer is the import's
# bottleneck (one writer, any number of workers), and in the window its GUI thread must never wait for
# a worker: with even priorities, two workers and the writer share two cores three ways.
WORKER_NICENESS = 10
# An import allocates millions of short-lived objects and makes almost no reference cycles. At the
# collector's default pace (a pass every 700 allocations, a full one after every hundred) about 6% of
# a one-process import went on walking the dictionary and the batch in hand, looking for cycles.
IMPORT_GC_THRESHOLDS = (10_000, 50, 50)
_collections_lock = threading.Lock()
_imports_running = 0
_default_thresholds = gc.get_threshold()


def default_jobs() -> int:
    """One worker per core the process may use, at most MAX_DEFAULT_JOBS."""
    try:
        cores = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        cores = os.cpu_count() or 1
    return max(1, min(cores, MAX_DEFAULT_JOBS))


@contextlib.contextmanager
def fewer_collections() -> Iterator[None]:
    """The cycle collector at the import's pace for the duration; the process's own pace after the last
    import running in it (the window may run one while another finishes)."""
    global _imports_running, _default_thresholds
    with _collections_lock:
        if _imports_running == 0:
            _default_thresholds = gc.get_threshold()
            gc.set_threshold(*IMPORT_GC_THRESHOLDS)
        _imports_running += 1
    try:
        yield
    finally:
        with _collections_lock:
            _imports_running -= 1
            if _imports_running == 0:
                gc.set_threshold(*_default_thresholds)


def extract_one(briefing: Briefing, overrides: Overrides | None) -> Extracted:
    mentions = extract(briefing, overrides)
    briefing.content_hash  # noqa: B018 - made here, in the worker; the pickle carries it to the writer
    return briefing, mentions, fingerprint(text for _section, _item, text in briefing.texts())


class InlineExtraction:
    """Extraction in this process, as each briefing arrives."""

    def __init__(self, overrides: Overrides | None) -> None:
        self._overrides = overrides
        self._done: list[Extracted] = []

    def submit(self, briefings: Sequence[Briefing]) -> None:
        self._done.extend(extract_one(b, self._overrides) for b in briefings)

    def ready(self) -> list[Extracted]:
        done, self._done = self._done, []
        return done

    def finish(self) -> list[Extracted]:
        return self.ready()

    def close(self) -> None:
        self._done = []


class PoolExtraction:
    """Extraction in `jobs` worker processes; at most a few chunks per worker are in flight, so memory
    stays flat however large the import."""

    def __init__(self, jobs: int, corrections: list[dict[str, Any]]) -> None:
        self._executor = ProcessPoolExecutor(
            max_workers=jobs,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_start_worker,
            initargs=(corrections,),
        )
        self._max_in_flight = 3 * jobs
        self._finished = False
        self._waiting: list[Briefing] = []
        self._in_flight: deque[Future] = deque()
        # Workers start on demand, one per task: start them all now, while the first file is read.
        for _ in range(jobs):
            self._executor.submit(int)

    def submit(self, briefings: Sequence[Briefing]) -> None:
        self._waiting.extend(briefings)
        while len(self._waiting) >= CHUNK:
            self._send(self._waiting[:CHUNK])
            del self._waiting[:CHUNK]

    def ready(self) -> list[Extracted]:
        """Whatever has come back, in order, without waiting; waits only when too much is in flight."""
        done: list[Extracted] = []
        while self._in_flight and (self._in_flight[0].done() or len(self._in_flight) > self._max_in_flight):
            done.extend(_received(self._in_flight.popleft().result()))
        return done

    def finish(self) -> list[Extracted]:
        """Everything still out, waiting for it. Then a worker writes the dictionary's file (about 2 s,
        once per dictionary), which nothing waits for but the program's exit (see
        explorer.extract.readings_file)."""
        if self._waiting:
            self._send(self._waiting)
            self._waiting = []
        done: list[Extracted] = []
        while self._in_flight:
            done.extend(_received(self._in_flight.popleft().result()))
        self._finished = True
        self._executor.submit(_write_readings)
        return done

    def close(self) -> None:
        """Stop the workers. After `finish` they end their last task on their own; otherwise what they
        were still doing is dropped (a cancelled import)."""
        self._executor.shutdown(wait=not self._finished, cancel_futures=not self._finished)
        self._in_flight.clear()
        self._waiting = []

    def _send(self, chunk: list[Briefing]) -> None:
        self._in_flight.append(self._executor.submit(_extract_chunk, chunk))


def extraction_for(
    jobs: int, input_bytes: int, corrections: list[dict[str, Any]], workers_only: bool = False
) -> InlineExtraction | PoolExtraction:
    """A pool when it pays (more than one job and enough input), else extraction in this process.
    `workers_only`: never in this process (the window, which would keep the extraction dictionary, 50 to
    80 MB, for as long as it runs); a small import then gets one worker."""
    pays = jobs > 1 and input_bytes >= POOL_MIN_BYTES
    if pays or workers_only:
        return PoolExtraction(jobs if pays else 1, corrections)
    return InlineExtraction(Overrides.from_corrections(corrections))


_worker_overrides: Overrides | None = None


def _start_worker(corrections: list[dict[str, Any]]) -> None:
    global _worker_overrides
    _yield_to_the_writer()
    gc.set_threshold(*IMPORT_GC_THRESHOLDS)  # a worker lives for one import
    _worker_overrides = Overrides.from_corrections(corrections)
    extract(Briefing("Warm-up", "Builds the dictionary before the first chunk arrives."), _worker_overrides)


def _write_readings() -> None:
    from explorer.extract import readings_file

    readings_file.write()


def _yield_to_the_writer() -> None:
    if hasattr(os, "nice"):  # not on Windows
        with contextlib.suppress(OSError):
            os.nice(WORKER_NICENESS)


def _extract_chunk(briefings: list[Briefing]) -> list[_Sent]:
    sent = []
    for briefing in briefings:
        briefing, mentions, made = extract_one(briefing, _worker_overrides)
        sent.append((briefing, list(map(tuple, mentions)), made))
    return sent


def _received(sent: list[_Sent]) -> list[Extracted]:
    return [(briefing, list(map(Mention._make, rows)), made) for briefing, rows, made in sent]
