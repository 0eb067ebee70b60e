"""Qt table models built from plain rows: one base, and the paged briefing list."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from explorer.model import BriefingRow

ModelIndex = QModelIndex | QPersistentModelIndex


class RowTableModel(QAbstractTableModel):
    """Rows of plain data; subclasses name their HEADERS and say how a row reads in `values`."""

    HEADERS: tuple[str, ...] = ()

    def __init__(self) -> None:
        super().__init__()
        self._rows: list[Any] = []

    def set_rows(self, rows: list[Any]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> Any:
        return self._rows[row]

    def values(self, row: Any) -> tuple:
        raise NotImplementedError

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sorted in Python with one key per row: a sort proxy would call data() millions of times."""

        def key(row: Any) -> tuple:
            value = self.values(row)[column]
            return (value is None, value if value is not None else 0)

        self.layoutAboutToBeChanged.emit()
        self._rows.sort(key=key, reverse=order == Qt.SortOrder.DescendingOrder)
        self.layoutChanged.emit()

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
        value = self.values(self._rows[index.row()])[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            if value is None:
                return "—"
            return _number(value) if isinstance(value, float) else value
        if role == Qt.ItemDataRole.ToolTipRole and isinstance(value, str) and len(value) > 40:
            return value
        if role == Qt.ItemDataRole.TextAlignmentRole and isinstance(value, int | float):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class BriefingListModel(RowTableModel):
    """The filtered briefings, loaded a page at a time as the view scrolls (canFetchMore/fetchMore);
    sorting asks the owner to re-query in the new order (`on_sort`)."""

    TITLE, DATE, SOURCE, COUNTRIES, ENTITIES = range(5)
    HEADERS = ("Title", "Date", "Source", "Countries", "Entities")
    ORDER_KEYS: ClassVar[dict[int, str]] = {
        TITLE: "title",
        DATE: "date",
        SOURCE: "source",
        COUNTRIES: "countries",
        ENTITIES: "entities",
    }

    def __init__(self) -> None:
        super().__init__()
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

    def values(self, row: BriefingRow) -> tuple:
        countries = " ".join(row.countries[:4]) + (" …" if len(row.countries) > 4 else "")
        return (row.title, row.published or "", row.source or "", countries, row.entity_count)

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

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if self.on_sort is not None:
            self.on_sort(column, order)  # paged: the store sorts, then the first page reloads
            return
        super().sort(column, order)

    def row_of(self, briefing_id: int) -> int:
        return next((i for i, r in enumerate(self._rows) if r.id == briefing_id), -1)


def _number(value: float) -> str:
    """As many decimals as the size of the number needs: 21,038 · 12.47 · 0.0213."""
    size = abs(value)
    if size >= 100:
        return f"{value:,.0f}"
    if size >= 1:
        return f"{value:.2f}"
    return f"{value:.4f}"
