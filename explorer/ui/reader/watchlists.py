"""Watchlists in the window: each watch with its unread matches, a notice when an import brings new ones,
"Show unread" to filter every view to them, "Mark read", and adding or removing a watch."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from explorer.model import Filter
from explorer.store.watches import WatchError
from explorer.ui.filter_state import FilterState
from explorer.ui.workspace_data import WorkspaceData

NAME_ROLE = Qt.ItemDataRole.UserRole


class WatchlistsView(QWidget):
    unread_changed = Signal(int)  # the total of unread matches
    news = Signal(str)  # a line for the status bar when an import brought new matches
    shown = Signal(str)  # the watch whose unread matches every view now shows

    def __init__(self, data: WorkspaceData, state: FilterState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store = data.store
        self._state = state
        self._unread: dict[str, int] = {}
        self.tree = QTreeWidget(self)
        self.tree.setHeaderLabels(["Watch", "Unread", "Query"])
        self.tree.setRootIsDecorated(False)
        self.tree.setAccessibleName("Watchlists")
        header = self.tree.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.tree.itemActivated.connect(lambda item, _column: self.show_unread(item.data(0, NAME_ROLE)))
        self.name_edit = QLineEdit(self)
        self.name_edit.setPlaceholderText("Name")
        self.query_edit = QLineEdit(self)
        self.query_edit.setPlaceholderText('Query, e.g. lithium AND country:CL or org:"Rio Tinto"')
        self.query_edit.returnPressed.connect(self.add_from_fields)
        self.error = QLabel(self)
        self.error.setObjectName("watchError")
        self.error.setWordWrap(True)
        self.error.hide()
        add = QPushButton("Add watch", self)
        add.clicked.connect(self.add_from_fields)
        show = QPushButton("Show unread", self)
        show.clicked.connect(lambda: self.show_unread(self._current()))
        read = QPushButton("Mark read", self)
        read.clicked.connect(lambda: self.mark_read(self._current()))
        remove = QPushButton("Remove", self)
        remove.clicked.connect(lambda: self.remove(self._current()))
        adding = QHBoxLayout()
        adding.addWidget(self.name_edit, 1)
        adding.addWidget(self.query_edit, 3)
        adding.addWidget(add)
        actions = QHBoxLayout()
        for button in (show, read, remove):
            actions.addWidget(button)
        actions.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(adding)
        layout.addWidget(self.error)
        layout.addWidget(self.tree, 1)
        layout.addLayout(actions)
        data.changed.connect(lambda _external: self.refresh(announce=True))
        # The owner fills the list once it has connected unread_changed: one query at start, not two.

    def refresh(self, announce: bool = False) -> None:
        watches = self._store.watches()
        grown = {w.name: w.unread - self._unread.get(w.name, 0) for w in watches}
        self._unread = {w.name: w.unread for w in watches}
        current = self._current()
        self.tree.clear()
        for watch in watches:
            countries = f"  (countries: {' '.join(watch.countries)})" if watch.countries else ""
            item = QTreeWidgetItem([watch.name, str(watch.unread), watch.query + countries])
            item.setData(0, NAME_ROLE, watch.name)
            item.setTextAlignment(1, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            font = item.font(0)
            font.setBold(watch.unread > 0)
            item.setFont(0, font)
            self.tree.addTopLevelItem(item)
            if watch.name == current:
                self.tree.setCurrentItem(item)
        self.unread_changed.emit(sum(self._unread.values()))
        fresh = [f"{name} {count} new" for name, count in grown.items() if count > 0]
        if announce and fresh:
            self.news.emit("Watchlists: " + ", ".join(fresh))

    def add_from_fields(self) -> bool:
        try:
            self._store.add_watch(self.name_edit.text(), self.query_edit.text())
        except WatchError as exc:
            self.error.setText(str(exc))
            self.error.show()
            return False
        self.error.hide()
        self.name_edit.clear()
        self.query_edit.clear()
        self.refresh()
        return True

    def prefill(self, name: str, query: str) -> None:
        """The form filled for a new watch ("Watch “SQM”…" from an entity's menu), left to the analyst to
        narrow ("AND country:AU") and add."""
        self.name_edit.setText(name)
        self.query_edit.setText(query)
        self.error.hide()
        self.query_edit.setFocus()
        self.query_edit.end(False)

    def show_unread(self, name: str | None) -> None:
        """Every view shows the watch's unread matches (the filter says so in the breadcrumb)."""
        if name:
            self._state.set(replace(Filter(), watch=name))
            self.shown.emit(name)

    def mark_read(self, name: str | None) -> None:
        if not name:
            return
        self._store.mark_watch_read(name)
        self.refresh()
        if self._state.filter.watch == name:
            self._state.set(replace(self._state.filter, watch=None))

    def remove(self, name: str | None, confirm: bool = True) -> None:
        if not name:
            return
        if confirm:
            answer = QMessageBox.question(self, "Remove watch", f"Remove the watch “{name}” and its matches?")
            if answer != QMessageBox.StandardButton.Yes:
                return
        self._store.remove_watch(name)
        if self._state.filter.watch == name:
            self._state.set(replace(self._state.filter, watch=None))
        self.refresh()

    def _current(self) -> str | None:
        item = self.tree.currentItem()
        return item.data(0, NAME_ROLE) if item is not None else None
