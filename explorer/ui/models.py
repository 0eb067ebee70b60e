"""Qt models built from plain rows."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from explorer.model import BriefingRow

ModelIndex = QModelIndex | QPersistentModelIndex


class BriefingListModel(QAbstractTableModel):
    """The filtered briefings, loaded a page at a time as the view scrolls (canFetchMore/fetchMore)."""

    TITLE, DATE, COUNTRIES, ENTITIES = range(4)
    HEADERS = ("Title", "Date", "Countries", "Entities")
    ORDER_KEYS: ClassVar[dict[int, str]] = {
        TITLE: "title",
        DATE: "date",
        COUNTRIES: "countries",
        ENTITIES: "entities",
    }

    def __init__(self) -> None:
        super().__init__()
        self._rows: list[BriefingRow] = []
        self._total = 0
        self._fetch: Callable[[int], list[BriefingRow]] | None = None
        self.on_sort: Callable[[int, Qt.SortOrder], None] | None = None

    def set_rows(
        self,
        rows: list[BriefingRow],
        total: int | None = None,
        fetch: Callable[[int], list[BriefingRow]] | None = None,
    ) -> None:
        """`fetch(offset)` loads the next page; without it `rows` are all there is."""
        self.beginResetModel()
        self._rows = list(rows)
        self._total = len(self._rows) if total is None else total
        self._fetch = fetch
        self.endResetModel()

    @property
    def total(self) -> int:
        return self._total

    def canFetchMore(self, parent: ModelIndex = QModelIndex()) -> bool:  # noqa: B008 (Qt API)
        return not parent.isValid() and self._fetch is not None and len(self._rows) < self._total

    def fetchMore(self, parent: ModelIndex = QModelIndex()) -> None:  # noqa: B008 (Qt API)
        if not self.canFetchMore(parent) or self._fetch is None:
            return
        more = self._fetch(len(self._rows))[: self._total - len(self._rows)]
        if not more:
            self._total = len(self._rows)
            return
        self.beginInsertRows(QModelIndex(), len(self._rows), len(self._rows) + len(more) - 1)
        self._rows.extend(more)
        self.endInsertRows()

    def row_at(self, row: int) -> BriefingRow:
        return self._rows[row]

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if self.on_sort is not None:
            self.on_sort(column, order)  # paged: the store sorts, then the first page reloads
            return
        keys = {
            self.TITLE: lambda r: r.title.lower(),
            self.DATE: lambda r: r.published or "",
            self.SOURCE: lambda r: r.source or "",
            self.COUNTRIES: lambda r: " ".join(r.countries),
            self.ENTITIES: lambda r: r.entity_count,
        }
        self.layoutAboutToBeChanged.emit()
        self._rows.sort(key=keys[column], reverse=order == Qt.SortOrder.DescendingOrder)
        self.layoutChanged.emit()

    def row_of(self, briefing_id: int) -> int:
        return next((i for i, r in enumerate(self._rows) if r.id == briefing_id), -1)

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008 (Qt API)
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008 (Qt API)
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.HEADERS[section]
        return None

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == self.TITLE:
                return row.title
            if column == self.DATE:
                return row.published or ""
            if column == self.SOURCE:
                return row.source or ""
            if column == self.COUNTRIES:
                return " ".join(row.countries[:4]) + (" …" if len(row.countries) > 4 else "")
            if column == self.ENTITIES:
                return row.entity_count
        if role == Qt.ItemDataRole.ToolTipRole and column == self.TITLE:
            return row.title
        if role == Qt.ItemDataRole.TextAlignmentRole and column == self.ENTITIES:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None
