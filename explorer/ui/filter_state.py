"""The one shared Filter and the current briefing. Views read it and redraw; user actions replace it."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from explorer.model import Filter


class FilterState(QObject):
    changed = Signal(object)  # Filter
    briefing_selected = Signal(int)  # briefing id, -1 for none

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._filter = Filter()
        self._briefing_id = -1

    @property
    def filter(self) -> Filter:
        return self._filter

    @property
    def briefing_id(self) -> int:
        return self._briefing_id

    def set(self, flt: Filter) -> None:
        if flt != self._filter:
            self._filter = flt
            self.changed.emit(flt)

    def select_briefing(self, briefing_id: int) -> None:
        if briefing_id != self._briefing_id:
            self._briefing_id = briefing_id
            self.briefing_selected.emit(briefing_id)
