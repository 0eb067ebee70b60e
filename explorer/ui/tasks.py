"""The one way to run background work: TaskRunner.run(fn, on_done, on_error, on_progress).

`fn` receives a TaskContext and runs on a worker thread; it must never touch a widget. Callbacks run on
the GUI thread. Writes go through a single-thread pool, so only one task writes to the database at a time.
"""

from __future__ import annotations

import contextlib
import threading
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot


class TaskContext:
    def __init__(self, relay: _Relay, cancel_event: threading.Event) -> None:
        self._relay = relay
        self._cancel = cancel_event

    def progress(self, done: int, total: int, message: str = "") -> None:
        try:
            self._relay.progress.emit(done, total, message)
        except RuntimeError:
            self._cancel.set()  # nobody is listening any more: stop

    def cancelled(self) -> bool:
        return self._cancel.is_set()


class _Relay(QObject):
    """Lives on the GUI thread; the worker emits its signals, so the callbacks run on the GUI thread."""

    done = Signal(object)
    failed = Signal(str, str)
    progress = Signal(int, int, str)

    def __init__(
        self,
        on_done: Callable[[Any], None] | None,
        on_error: Callable[[str], None] | None,
        on_progress: Callable[[int, int, str], None] | None,
        release: Callable[[_Relay], None],
        owner: QObject | None,
    ) -> None:
        # As the owner's child, the relay dies with it, and Qt drops results still queued for it.
        super().__init__(owner)
        self._on_done = on_done
        self._on_error = on_error
        self._on_progress = on_progress
        self._release = release
        self.done.connect(self._finish)
        self.failed.connect(self._fail)
        self.progress.connect(self._report)

    @Slot(object)
    def _finish(self, result: object) -> None:
        self._release(self)
        if self._on_done:
            self._on_done(result)

    @Slot(str, str)
    def _fail(self, message: str, detail: str) -> None:
        self._release(self)
        if self._on_error:
            self._on_error(message)

    @Slot(int, int, str)
    def _report(self, done: int, total: int, message: str) -> None:
        if self._on_progress:
            self._on_progress(done, total, message)


class TaskHandle:
    def __init__(self, cancel_event: threading.Event) -> None:
        self._cancel = cancel_event

    def cancel(self) -> None:
        self._cancel.set()


class _Job(QRunnable):
    def __init__(
        self, fn: Callable[[TaskContext], Any], relay: _Relay, cancel_event: threading.Event
    ) -> None:
        super().__init__()
        self._fn = fn
        self._relay = relay
        self._cancel = cancel_event

    def run(self) -> None:
        try:
            result = self._fn(TaskContext(self._relay, self._cancel))
        except Exception as exc:  # reported to the user through on_error, never lost
            self._emit(self._relay.failed, f"{type(exc).__name__}: {exc}", traceback.format_exc())
        else:
            self._emit(self._relay.done, result)

    @staticmethod
    def _emit(signal, *args: object) -> None:
        with contextlib.suppress(RuntimeError):  # the widget that asked for this work has been closed
            signal.emit(*args)


class TaskRunner(QObject):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._readers = QThreadPool(self)
        self._readers.setMaxThreadCount(2)
        self._writer = QThreadPool(self)
        self._writer.setMaxThreadCount(1)
        self._live: set[_Relay] = set()

    def run(
        self,
        fn: Callable[[TaskContext], Any],
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[str], None] | None = None,
        on_progress: Callable[[int, int, str], None] | None = None,
        writes: bool = False,
        owner: QObject | None = None,
    ) -> TaskHandle:
        """Run `fn` off the GUI thread. With an `owner`, callbacks stop when the owner is destroyed."""
        relay = _Relay(on_done, on_error, on_progress, self._live.discard, owner)
        self._live.add(relay)
        cancel_event = threading.Event()
        (self._writer if writes else self._readers).start(_Job(fn, relay, cancel_event))
        return TaskHandle(cancel_event)

    def active(self) -> int:
        return len(self._live)

    def wait(self, msecs: int = 30_000) -> bool:
        """Block until every task finished (shutdown and tests)."""
        return self._readers.waitForDone(msecs) and self._writer.waitForDone(msecs)
