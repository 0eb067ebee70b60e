"""The views' one way to the workspace, and the one signal that says its data changed."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator

from PySide6.QtCore import QElapsedTimer, QObject, QSocketNotifier, QTimer, Signal

from explorer.store import Store
from explorer.store.postgres import ChangeListener

WATCH_INTERVAL_MS = 2000
FIRST_NOTICE_MS = 100  # a team workspace's commit reaches the views this soon, then at most every 2 s


class WorkspaceData(QObject):
    """Built once by the composition root and handed to every view.

    - `store`: the GUI thread's connection, for quick reads (a briefing, a page of the list, facets).
    - `reading(view)`: a read connection kept for one view's worker tasks (WAL lets it read while an
      import writes); the view's tasks take turns on it, and caches the store keeps per connection (the
      map's location index) live as long as the view.
    - `changed(external)`: the data changed, by this window's import or correction (external False) or by
      another process writing to the same file (noticed within WATCH_INTERVAL_MS; external True). Views
      re-query on it just as on a filter change. A team workspace on PostgreSQL tells the window of
      others' commits itself (LISTEN/NOTIFY): nothing polls, and a lone commit shows within a moment.
    """

    changed = Signal(bool)

    def __init__(self, store: Store, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self._readers: dict[str, tuple[threading.Lock, list[Store]]] = {}
        self._readers_lock = threading.Lock()
        self._held = 0
        self._version = store.data_version()
        self._watch = QTimer(self)
        self._watch.timeout.connect(self.check_for_changes)
        self._listener: ChangeListener | None = None
        self._since_announced = QElapsedTimer()  # invalid until the first announcement
        if store.url:
            self._listener = ChangeListener(store.url)
            self._notifier = QSocketNotifier(self._listener.fileno(), QSocketNotifier.Type.Read, self)
            self._notifier.activated.connect(self._notified)
            self._watch.setSingleShot(True)  # a notification arms it; it fires once, coalescing a burst
        else:
            self._watch.setInterval(WATCH_INTERVAL_MS)
            self._watch.start()

    @property
    def polling(self) -> bool:
        return self._listener is None

    def _notified(self) -> None:
        if self._listener is None or not self._listener.drain() or self._watch.isActive():
            return
        since = self._since_announced.elapsed() if self._since_announced.isValid() else WATCH_INTERVAL_MS
        self._watch.start(max(FIRST_NOTICE_MS, WATCH_INTERVAL_MS - since))

    @contextlib.contextmanager
    def reading(self, view: str) -> Iterator[Store]:
        """The read connection of `view`, for use on a worker thread while the block runs."""
        with self._readers_lock:
            lock, box = self._readers.setdefault(view, (threading.Lock(), []))
        with lock:
            if not box:
                box.append(self.store.reader())
            yield box[0]

    @contextlib.contextmanager
    def writing(self) -> Iterator[Store]:
        """A write connection of its own, for the writer thread (hold/release around it on the GUI thread)."""
        if self.store.location is None:
            raise ValueError("an in-memory workspace has no file for a second connection")
        writer = Store.open(self.store.location)
        try:
            yield writer
        finally:
            writer.close()

    def hold(self) -> None:
        """This window is writing (an import): announce nothing until `release`."""
        self._held += 1

    def release(self) -> None:
        """The write is over: every view re-queries once."""
        self._held = max(0, self._held - 1)
        self._announce(external=False)

    def check_for_changes(self) -> bool:
        """Announce a commit by someone else (another process, a second window), unless we are writing."""
        if self._held or self.store.data_version() == self._version:
            return False
        self._announce(external=True)
        return True

    def _announce(self, external: bool) -> None:
        self._version = self.store.data_version()
        self._since_announced.restart()
        self.changed.emit(external)

    def close(self) -> None:
        """Stop watching and close the views' read connections (the GUI thread's store is the caller's)."""
        self._watch.stop()
        if self._listener is not None:
            self._notifier.setEnabled(False)
            self._listener.close()
            self._listener = None
        with self._readers_lock:
            readers = list(self._readers.values())
            self._readers.clear()
        for lock, box in readers:
            with lock:
                for reader in box:
                    if reader is not self.store:
                        reader.close()
                box.clear()
