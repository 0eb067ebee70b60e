"""Qt models built from plain rows."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from explorer.model import BriefingRow

ModelIndex = QModelIndex | QPersistentModelIndex


class BriefingListModel(QAbstractTableModel):
    TITLE, DATE, COUNTRIES, ENTITIES = range(4)
    HEADERS = ("Title", "Date", "Countries", "Entities")

    def __init__(self) -> None:
        super().__init__()
        self._rows: list[BriefingRow] = []

    def set_rows(self, rows: list[BriefingRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> BriefingRow:
        return self._rows[row]

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        keys = {
            self.TITLE: lambda r: r.title.lower(),
            self.DATE: lambda r: r.published or "",
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
            if column == self.COUNTRIES:
                return " ".join(row.countries[:4]) + (" …" if len(row.countries) > 4 else "")
            if column == self.ENTITIES:
                return row.entity_count
        if role == Qt.ItemDataRole.ToolTipRole and column == self.TITLE:
            return row.title
        if role == Qt.ItemDataRole.TextAlignmentRole and column == self.ENTITIES:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None
