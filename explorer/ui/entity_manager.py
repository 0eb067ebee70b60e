"""The entity manager: every entity in a searchable, sortable table (name, kind, country, briefings,
aliases), merging a selection into its best-known member, and suggested merges of likely variants, each
accepted or dismissed."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from explorer.model import ENTITY_KINDS, Entity
from explorer.workspace.merge_suggestions import Suggestion, suggest_merges

ID_ROLE = Qt.ItemDataRole.UserRole
MAX_ROWS = 20_000


class _Count(QTableWidgetItem):
    """Sorts by number, not by text."""

    def __lt__(self, other: QTableWidgetItem) -> bool:
        return int(self.text() or 0) < int(other.text() or 0)


class EntityManager(QDialog):
    def __init__(self, editor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Entities")
        self.resize(980, 640)
        self._editor = editor
        self._store = editor.store
        self._entities: dict[int, Entity] = {}
        self._sorted_once = False
        self.search = QLineEdit(self)
        self.search.setPlaceholderText("Find an entity by name")
        self.search.textChanged.connect(self._apply_search)
        self.kind = QComboBox(self)
        self.kind.addItems(["All kinds", *ENTITY_KINDS])
        self.kind.currentIndexChanged.connect(self._apply_search)
        self.table = QTableWidget(0, 5, self)
        self.table.setHorizontalHeaderLabels(["Name", "Kind", "Country", "Briefings", "Aliases"])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.setAccessibleName("Entities")
        self.merge_button = QPushButton("Merge selected into the best-known one", self)
        self.merge_button.clicked.connect(lambda: self.merge_selected())
        self.suggestions = QTreeWidget(self)
        self.suggestions.setHeaderLabels(["Merge", "into", "Why", "Score"])
        self.suggestions.setRootIsDecorated(False)
        self.suggestions.setAccessibleName("Suggested merges")
        accept = QPushButton("Accept", self)
        accept.clicked.connect(lambda: self.accept_suggestion(self.suggestions.currentItem()))
        dismiss = QPushButton("Dismiss", self)
        dismiss.clicked.connect(lambda: self.dismiss_suggestion(self.suggestions.currentItem()))
        self.status = QLabel(self)

        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.kind)
        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addLayout(top)
        left_layout.addWidget(self.table, 1)
        left_layout.addWidget(self.merge_button)
        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(QLabel("Suggested merges (likely variants of one name)", right))
        right_layout.addWidget(self.suggestions, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(accept)
        buttons.addWidget(dismiss)
        buttons.addStretch(1)
        right_layout.addLayout(buttons)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setSizes([560, 420])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.status)
        editor.data.changed.connect(lambda _external: self.refresh())
        editor.attach_to_table(self.table, lambda row: self.table.item(row, 0).data(ID_ROLE))
        self.refresh()

    def refresh(self) -> None:
        entities = self._store.entities(limit=MAX_ROWS)
        self._entities = {e.id: e for e in entities}
        aliases: dict[tuple[str, str], list[str]] = defaultdict(list)
        for correction in self._store.active_corrections():
            if correction.get("op") == "alias":
                target = correction["target"]
                aliases[(target["name"], target["kind"])].append(correction["alias"])
        self.table.setSortingEnabled(False)
        self.table.setRowCount(len(entities))
        for row, e in enumerate(entities):
            name = QTableWidgetItem(e.name)
            name.setData(ID_ROLE, e.id)
            cells = [
                name,
                QTableWidgetItem(e.kind),
                QTableWidgetItem(e.country or ""),
                _Count(str(e.mentions)),
            ]
            cells.append(QTableWidgetItem(", ".join(aliases.get((e.name, e.kind), []))))
            for column, cell in enumerate(cells):
                self.table.setItem(row, column, cell)
        self.table.setSortingEnabled(True)
        header = self.table.horizontalHeader()
        if not self._sorted_once:  # the most-named first, until the analyst sorts otherwise
            self._sorted_once = True
            self.table.sortItems(3, Qt.SortOrder.DescendingOrder)
        else:
            self.table.sortItems(header.sortIndicatorSection(), header.sortIndicatorOrder())
        self._apply_search()
        self.suggestions.clear()
        for suggestion in suggest_merges(entities, self._store.dismissed_merges()):
            item = QTreeWidgetItem(
                [suggestion.source.name, suggestion.target.name, suggestion.reason, str(suggestion.score)]
            )
            item.setData(0, ID_ROLE, suggestion)
            self.suggestions.addTopLevelItem(item)
        self.status.setText(
            f"{len(entities)} entities · {self.suggestions.topLevelItemCount()} suggested merges"
        )

    def _apply_search(self) -> None:
        text = self.search.text().casefold()
        kind = self.kind.currentText() if self.kind.currentIndex() > 0 else None
        for row in range(self.table.rowCount()):
            name, row_kind = self.table.item(row, 0).text(), self.table.item(row, 1).text()
            self.table.setRowHidden(
                row, (text not in name.casefold()) or (kind is not None and row_kind != kind)
            )

    def selected(self) -> list[Entity]:
        rows = {index.row() for index in self.table.selectionModel().selectedRows()}
        return [self._entities[self.table.item(r, 0).data(ID_ROLE)] for r in sorted(rows)]

    def merge_selected(self, confirm: bool = True, on_done: Callable[[], None] | None = None) -> None:
        chosen = self.selected()
        kinds = {e.kind for e in chosen}
        if len(chosen) < 2 or len(kinds) != 1:
            self.status.setText("Select two or more entities of one kind to merge them")
            return
        target = max(chosen, key=lambda e: (e.mentions, -e.id))
        self._editor.merge_all([e for e in chosen if e.id != target.id], target, confirm, on_done)

    def accept_suggestion(
        self, item: QTreeWidgetItem | None, on_done: Callable[[], None] | None = None
    ) -> None:
        if item is None:
            return
        suggestion: Suggestion = item.data(0, ID_ROLE)
        self._editor.merge_all([suggestion.source], suggestion.target, confirm=False, on_done=on_done)

    def dismiss_suggestion(self, item: QTreeWidgetItem | None) -> None:
        if item is None:
            return
        suggestion: Suggestion = item.data(0, ID_ROLE)
        source, target = suggestion.source, suggestion.target
        self._store.dismiss_merge((source.name, source.kind), (target.name, target.kind))
        self.suggestions.takeTopLevelItem(self.suggestions.indexOfTopLevelItem(item))
