"""Briefing list (with facets) and the reader: highlights, entity cards, Markdown, source link, notes."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import QItemSelectionModel, QSignalBlocker, Qt, QUrl, Signal
from PySide6.QtGui import QAction, QDesktopServices, QGuiApplication, QKeySequence, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from explorer.model import Entity
from explorer.query import entity_term, search_terms
from explorer.reader import html as reader_html
from explorer.ui.evidence_dialog import EvidenceDialog
from explorer.ui.filter_state import FilterState
from explorer.ui.reader.facets import FacetsView
from explorer.ui.reader.watchlists import WatchlistsView
from explorer.ui.table_model import BriefingListModel
from explorer.ui.workspace_data import WorkspaceData

PAGE_SIZE = 500


# What a narrow list lets go so titles stay readable: the column, and the list width below which it hides.
NARROW_HIDES = (
    (BriefingListModel.SOURCE, 560),
    (BriefingListModel.ENTITIES, 460),
    (BriefingListModel.COUNTRIES, 380),
)


class _BriefingTable(QTableView):
    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        for column, below in NARROW_HIDES:
            self.setColumnHidden(column, event.size().width() < below)


class _ReaderView(QTextBrowser):
    """The text; right-clicking an entity offers its evidence across the filtered briefings."""

    evidence_requested = Signal(int)
    entity_menu: Callable[..., None] | None = None  # (menu, entity id, spelling, briefing id): entity_edit
    briefing_id = -1  # the briefing shown

    def contextMenuEvent(self, event) -> None:
        menu = self.createStandardContextMenu(event.pos())
        link = QUrl(self.anchorAt(event.pos()))
        if link.scheme() == "entity" and link.path().isdigit():
            entity_id = int(link.path())
            menu.insertAction(
                menu.actions()[0] if menu.actions() else None,
                QAction("Show evidence…", menu, triggered=lambda: self.evidence_requested.emit(entity_id)),
            )
            if self.entity_menu is not None:
                self.entity_menu(menu, entity_id, self._anchor_text(event.pos()), self.briefing_id)
        menu.exec(event.globalPos())

    def _anchor_text(self, pos) -> str | None:
        """The words of the link under the mouse, as the text writes them ("Georgia", "the Fed")."""
        cursor = self.cursorForPosition(pos)
        href = self.anchorAt(pos)
        fragments = []
        it = cursor.block().begin()
        while not it.atEnd():
            fragments.append(it.fragment())
            it += 1
        position = cursor.position()
        inside = [i for i, f in enumerate(fragments) if f.position() <= position <= f.position() + f.length()]
        at = next((i for i in inside if fragments[i].charFormat().anchorHref() == href), None)
        if at is None:
            return None
        first = last = at
        while first > 0 and fragments[first - 1].charFormat().anchorHref() == href:
            first -= 1
        while last + 1 < len(fragments) and fragments[last + 1].charFormat().anchorHref() == href:
            last += 1
        return "".join(f.text() for f in fragments[first : last + 1]).strip() or None


class ReaderPanel(QWidget):
    entity_clicked = Signal(int)

    def __init__(
        self, data: WorkspaceData, state: FilterState, theme: str = "light", parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._store = data.store
        self._state = state
        self._theme = theme
        self.model = BriefingListModel()
        self.count_label = QLabel(self)
        self.count_label.setObjectName("countLabel")
        self.hide_copies = QCheckBox("Hide near-duplicates", self)
        self.hide_copies.setToolTip("Show each story once: later copies from other sources are hidden")
        self.hide_copies.toggled.connect(self._set_hide_copies)
        self.table = _BriefingTable(self)
        self.table.setTabKeyNavigation(False)  # Tab leaves the list; the arrows move in it
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setSortingEnabled(True)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(BriefingListModel.TITLE, QHeaderView.ResizeMode.Stretch)
        for column in (BriefingListModel.DATE, BriefingListModel.ENTITIES):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        # Sources and country lists can be long; the title matters more. The user can widen them.
        for column in (BriefingListModel.SOURCE, BriefingListModel.COUNTRIES):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, 90)
        header.setSortIndicator(BriefingListModel.DATE, Qt.SortOrder.DescendingOrder)
        self.table.setAccessibleName("Briefings")
        self._add_list_keys()
        self.facets = FacetsView(data, state, self)

        list_page = QWidget(self)
        list_layout = QVBoxLayout(list_page)
        list_layout.setContentsMargins(0, 0, 0, 0)
        count_row = QHBoxLayout()
        count_row.addWidget(self.count_label, 1)
        count_row.addWidget(self.hide_copies)
        list_layout.addLayout(count_row)
        list_layout.addWidget(self.table)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(list_page, "Briefings")
        self.tabs.addTab(self.facets, "Facets")
        self.watchlists = WatchlistsView(data, state, self)
        self.tabs.addTab(self.watchlists, "Watchlists")
        self.watchlists.unread_changed.connect(
            lambda unread: self.tabs.setTabText(2, f"Watchlists ({unread})" if unread else "Watchlists")
        )
        self.watchlists.shown.connect(lambda _name: self.tabs.setCurrentIndex(0))  # the matches, listed
        self.watchlists.refresh()

        self.reader = _ReaderView(self)
        self.reader.evidence_requested.connect(self.show_evidence)
        self.reader.setOpenLinks(False)
        self.reader.setAccessibleName("Briefing text")
        self.reader.anchorClicked.connect(self._on_anchor)
        self.reader.setPlaceholderText("Select a briefing to read it.")
        self.copy_button = QPushButton("Copy as Markdown", self)
        self.copy_button.clicked.connect(self.copy_markdown)
        self.source_button = QPushButton("Open source…", self)
        self.source_button.setToolTip("Open the briefing's source address in your browser (asks first)")
        self.source_button.clicked.connect(self.open_source)
        actions = QHBoxLayout()
        actions.addWidget(self.copy_button)
        actions.addWidget(self.source_button)
        actions.addStretch(1)
        self.tags_edit = QLineEdit(self)
        self.tags_edit.setPlaceholderText("Tags, separated by commas (search with tag:name)")
        self.note_edit = QPlainTextEdit(self)
        self.note_edit.setPlaceholderText("Your note on this briefing (searchable)")
        self.note_edit.setMaximumHeight(64)
        self.save_button = QPushButton("Save tags and note", self)
        self.save_button.clicked.connect(self.save_annotation)
        notes_row = QHBoxLayout()
        notes_row.addWidget(self.tags_edit, 1)
        notes_row.addWidget(self.save_button)
        reader_page = QWidget(self)
        reader_layout = QVBoxLayout(reader_page)
        reader_layout.setContentsMargins(0, 0, 0, 0)
        reader_layout.addLayout(actions)
        reader_layout.addWidget(self.reader, 1)
        reader_layout.addLayout(notes_row)
        reader_layout.addWidget(self.note_edit)

        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.tabs)
        splitter.addWidget(reader_page)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)

        self.table.selectionModel().currentRowChanged.connect(self._on_row_changed)
        self.model.on_sort = lambda _column, _order: self.refresh()
        state.changed.connect(lambda _flt: self.refresh())
        data.changed.connect(lambda _external: self.refresh())
        state.briefing_selected.connect(self._show)
        self._set_briefing_actions(False)
        self.refresh()

    def set_presenting(self, on: bool) -> None:
        """Presentation mode shows the briefing's text alone; the list stays behind it for stepping."""
        for widget in (self.tabs, self.copy_button, self.source_button, self.tags_edit, self.save_button,
                       self.note_edit):  # fmt: skip
            widget.setVisible(not on)

    def current_title(self) -> str:
        briefing_id = self._state.briefing_id
        return self._store.get_briefing(briefing_id).briefing.title if briefing_id >= 0 else ""

    def set_theme(self, theme: str) -> None:
        self._theme = theme
        if self._state.briefing_id >= 0:
            self._show(self._state.briefing_id)

    def _add_list_keys(self) -> None:
        """Home and End go to the first and the last briefing of the list (as far as it is loaded)."""
        for key, offset in ((Qt.Key.Key_Home, -(10**9)), (Qt.Key.Key_End, 10**9)):
            action = QAction(self.table)
            action.setShortcut(QKeySequence(key))
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            action.triggered.connect(lambda _on=False, o=offset: self.step(o))
            self.table.addAction(action)

    def step(self, offset: int) -> None:
        """Select the briefing `offset` rows after (or before) the current one in the list."""
        current = self.table.currentIndex().row()
        row = max(0, min(self.model.rowCount() - 1, (current if current >= 0 else -1) + offset))
        if self.model.rowCount():
            self.table.selectRow(row)
            self.table.scrollTo(self.model.index(row, 0))

    def refresh(self) -> None:
        started = time.perf_counter()
        flt = self._state.filter
        header = self.table.horizontalHeader()
        order = BriefingListModel.ORDER_KEYS[header.sortIndicatorSection()]
        descending = header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder

        def page(offset: int) -> list:
            return self._store.list_briefings(flt, PAGE_SIZE, offset, order, descending)

        matching = self._store.briefing_total(flt)
        self.model.set_rows(page(0), matching, page)
        elapsed_ms = (time.perf_counter() - started) * 1000
        total = self._store.briefing_count()
        self.count_label.setText(f"{matching} of {total} briefings · {elapsed_ms:.0f} ms")
        copies = self._store.near_duplicate_count()
        self.hide_copies.setText(f"Hide near-duplicates ({copies})")
        self.hide_copies.setEnabled(bool(copies) or flt.hide_copies)
        with QSignalBlocker(self.hide_copies):
            self.hide_copies.setChecked(flt.hide_copies)
        row = self.model.row_of(self._state.briefing_id)
        if row >= 0:
            self.table.selectionModel().setCurrentIndex(
                self.model.index(row, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
            )
        elif self._state.briefing_id >= 0:
            self._show(self._state.briefing_id)  # re-render: the highlighted terms may have changed

    def _set_hide_copies(self, on: bool) -> None:
        if on != self._state.filter.hide_copies:
            self._state.set(replace(self._state.filter, hide_copies=on))

    def _on_row_changed(self, current, _previous) -> None:
        if current.isValid():
            self._state.select_briefing(self.model.row_at(current.row()).id)

    def _show(self, briefing_id: int) -> None:
        self._set_briefing_actions(briefing_id >= 0)
        self.reader.briefing_id = briefing_id
        if briefing_id < 0:
            self.reader.clear()
            return
        stored = self._store.get_briefing(briefing_id)
        mentions = self._store.briefing_mentions(briefing_id)
        counts = self._store.briefings_per_entity(e.id for e, *_ in mentions)
        terms = search_terms(self._state.filter.query)
        copies = self._store.copies(briefing_id)
        self.reader.setHtml(reader_html.briefing_html(stored, mentions, self._theme, terms, counts, copies))
        self.source_button.setEnabled(bool(stored.briefing.url))
        tags, note = self._store.annotation(briefing_id)
        self.tags_edit.setText(", ".join(tags))
        self.note_edit.setPlainText(note)

    def _set_briefing_actions(self, enabled: bool) -> None:
        for widget in (
            self.copy_button,
            self.source_button,
            self.tags_edit,
            self.note_edit,
            self.save_button,
        ):
            widget.setEnabled(enabled)

    def _on_anchor(self, link: QUrl) -> None:
        if link.scheme() == "briefing" and link.path().isdigit():  # "Also from": another copy
            self._state.select_briefing(int(link.path()))
        elif link.scheme() == "entity" and link.path().isdigit():
            adding = bool(QGuiApplication.keyboardModifiers() & Qt.KeyboardModifier.ControlModifier)
            self.filter_to_entity(int(link.path()), adding)

    def filter_to_entity(self, entity_id: int, adding: bool = False) -> None:
        """Filter to an entity named in the text; `adding` (Ctrl+click) keeps the entities already chosen,
        so the briefings must name them all."""
        self.entity_clicked.emit(entity_id)
        chosen = self._state.filter.entity_ids
        if adding and entity_id in chosen:
            return
        ids = (*chosen, entity_id) if adding else (entity_id,)
        self._state.set(replace(self._state.filter, entity_ids=ids))

    def watch_entity(self, entity: Entity) -> None:
        """The Watchlists tab, its form filled to watch for new briefings naming the entity."""
        self.tabs.setCurrentWidget(self.watchlists)
        self.watchlists.prefill(entity.name, entity_term(entity.kind, entity.name))

    def show_evidence(self, entity_id: int) -> EvidenceDialog:
        return EvidenceDialog.for_entity(self._store, entity_id, self._state.filter, self).open_for(
            self._state
        )

    def copy_markdown(self) -> str:
        if self._state.briefing_id < 0:
            return ""
        text = reader_html.to_markdown(self._store.get_briefing(self._state.briefing_id))
        QGuiApplication.clipboard().setText(text)
        return text

    def open_source(self) -> None:
        """The app never goes online by itself: the system browser opens the address, after a yes."""
        url = (
            self._store.get_briefing(self._state.briefing_id).briefing.url
            if self._state.briefing_id >= 0
            else None
        )
        if not url or not url.lower().startswith(("http://", "https://")):
            return
        answer = QMessageBox.question(
            self, "Open source in your browser?", f"This opens {url} in your web browser, outside the app."
        )
        if answer == QMessageBox.StandardButton.Yes:
            QDesktopServices.openUrl(QUrl(url))

    def save_annotation(self) -> None:
        if self._state.briefing_id < 0:
            return
        tags = [t for t in self.tags_edit.text().split(",") if t.strip()]
        self._store.set_annotation(self._state.briefing_id, tags, self.note_edit.toPlainText())
        tags_saved, _note = self._store.annotation(self._state.briefing_id)
        self.tags_edit.setText(", ".join(tags_saved))
