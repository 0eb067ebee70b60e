"""Facets: the filtered briefings counted by country, organisation, person, topic, place, source and month.
Clicking a value adds it to the shared filter."""

from __future__ import annotations

import calendar
from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHeaderView, QMenu, QTreeWidget, QTreeWidgetItem, QWidget

from explorer.extract.gazetteer import country_name
from explorer.model import Filter
from explorer.ui.filter_state import FilterState
from explorer.ui.workspace_data import WorkspaceData

GROUPS = (
    ("country", "Countries"),
    ("org", "Organisations"),
    ("person", "People"),
    ("topic", "Topics"),
    ("place", "Places"),
    ("source", "Sources"),
    ("month", "Months"),
)
KEY_ROLE = Qt.ItemDataRole.UserRole


class FacetsView(QTreeWidget):
    entity_menu: Callable[[QMenu, int], None] | None = None  # adds the corrections (explorer.ui.entity_edit)

    def __init__(self, data: WorkspaceData, state: FilterState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store = data.store
        self._state = state
        self.setHeaderLabels(["Value", "Briefings"])
        # The names take the room ("United Arab Emirates", "Organisation"); the counts only what they need.
        header = self.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.setRootIsDecorated(True)
        self.setAccessibleName("Facets")
        self.setUniformRowHeights(True)
        self.itemActivated.connect(self._chosen)
        self.itemClicked.connect(self._chosen)
        self._stale = True
        state.changed.connect(lambda _f: self._filter_changed())
        data.changed.connect(lambda _external: self._filter_changed())

    def _filter_changed(self) -> None:
        # Seven counting queries: run them only when someone looks at the facets.
        self._stale = True
        if self.isVisible():
            self.refresh()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def refresh(self) -> None:
        self._stale = False
        expanded = {
            self.topLevelItem(i).data(0, KEY_ROLE)
            for i in range(self.topLevelItemCount())
            if self.topLevelItem(i).isExpanded()
        } or {"country", "org", "person", "topic"}
        self.clear()
        facets = self._store.facets(self._state.filter)
        for key, title in GROUPS:
            values = facets.get(key, [])
            group = QTreeWidgetItem(self, [title, ""])
            group.setData(0, KEY_ROLE, key)
            group.setFlags(group.flags() & ~Qt.ItemFlag.ItemIsSelectable)
            for value, label, count in values:
                shown = country_name(label) if key == "country" else label
                child = QTreeWidgetItem(group, [shown, str(count)])
                child.setData(0, KEY_ROLE, (key, value))
                child.setTextAlignment(1, Qt.AlignmentFlag.AlignRight)
                child.setToolTip(
                    0, f"Add {title[:-1].lower() if title.endswith('s') else title}: {shown} to the filter"
                )
            group.setExpanded(key in expanded)
        self.resizeColumnToContents(1)

    def contextMenuEvent(self, event) -> None:
        item = self.itemAt(event.pos())
        data = item.data(0, KEY_ROLE) if item is not None else None
        if not isinstance(data, tuple):
            return
        menu = QMenu(self)
        menu.addAction("Add to the filter", lambda: self._chosen(item))
        if data[0] in ("org", "person", "topic", "place") and self.entity_menu is not None:
            self.entity_menu(menu, int(data[1]))
        menu.exec(event.globalPos())

    def _chosen(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        data = item.data(0, KEY_ROLE)
        if isinstance(data, tuple):
            self._state.set(add_facet(self._state.filter, *data))


def add_facet(flt: Filter, key: str, value: str) -> Filter:
    """The filter with one facet value added (values already in it are left as they are)."""
    if key == "country":
        return flt if value in flt.countries else replace(flt, countries=(*flt.countries, value))
    if key in ("org", "person", "topic", "place"):
        entity_id = int(value)
        return flt if entity_id in flt.entity_ids else replace(flt, entity_ids=(*flt.entity_ids, entity_id))
    if key == "source":
        return flt if value in flt.sources else replace(flt, sources=(*flt.sources, value))
    if key == "month":
        year, month = (int(p) for p in value.split("-"))
        last = calendar.monthrange(year, month)[1]
        return replace(flt, date_from=f"{value}-01", date_to=f"{value}-{last:02d}")
    return flt
