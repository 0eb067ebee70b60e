"""Briefing list and reader."""

from __future__ import annotations

import time
from dataclasses import replace

from PySide6.QtCore import QItemSelectionModel, Qt, QUrl, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QSplitter,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from explorer import reader_html
from explorer.store import Store
from explorer.ui.filter_state import FilterState
from explorer.ui.models import BriefingListModel


class ReaderPanel(QWidget):
    entity_clicked = Signal(int)

    def __init__(
        self, store: Store, state: FilterState, theme: str = "light", parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._store = store
        self._state = state
        self._theme = theme
        self.model = BriefingListModel()
        self.count_label = QLabel(self)
        self.count_label.setObjectName("countLabel")
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(BriefingListModel.TITLE, QHeaderView.ResizeMode.Stretch)
        for column in (BriefingListModel.DATE, BriefingListModel.COUNTRIES, BriefingListModel.ENTITIES):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.table.setAccessibleName("Briefings")
        self.reader = QTextBrowser(self)
        self.reader.setOpenLinks(False)
        self.reader.setAccessibleName("Briefing text")
        self.reader.anchorClicked.connect(self._on_anchor)
        self.reader.setPlaceholderText("Select a briefing to read it.")

        top = QWidget(self)
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(self.count_label)
        top_layout.addWidget(self.table)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(top)
        splitter.addWidget(self.reader)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)

        self.table.selectionModel().currentRowChanged.connect(self._on_row_changed)
        state.changed.connect(lambda _flt: self.refresh())
        state.briefing_selected.connect(self._show)
        self.refresh()

    def refresh(self) -> None:
        started = time.perf_counter()
        rows = self._store.list_briefings(self._state.filter)
        total = self._store.briefing_count()
        elapsed_ms = (time.perf_counter() - started) * 1000
        self.model.set_rows(rows)
        self.count_label.setText(f"{len(rows)} of {total} briefings · {elapsed_ms:.0f} ms")
        row = self.model.row_of(self._state.briefing_id)
        if row >= 0:
            self.table.selectionModel().setCurrentIndex(
                self.model.index(row, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
            )

    def _on_row_changed(self, current, _previous) -> None:
        if current.isValid():
            self._state.select_briefing(self.model.row_at(current.row()).id)

    def _show(self, briefing_id: int) -> None:
        if briefing_id < 0:
            self.reader.clear()
            return
        stored = self._store.get_briefing(briefing_id)
        mentions = self._store.briefing_mentions(briefing_id)
        self.reader.setHtml(reader_html.render(stored, mentions, self._theme))

    def _on_anchor(self, link: QUrl) -> None:
        if link.scheme() == "entity" and link.path().isdigit():
            entity_id = int(link.path())
            self.entity_clicked.emit(entity_id)
            flt = self._state.filter
            self._state.set(replace(flt, entity_ids=(entity_id,)))
