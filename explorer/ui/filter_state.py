"""The one shared Filter and the current briefing. Views read it and redraw; user actions replace it."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from explorer.model import Filter

HISTORY_LIMIT = 100


class FilterState(QObject):
    """The shared filter, with browser-style history (Alt+Left / Alt+Right walk it)."""

    changed = Signal(object)  # Filter
    briefing_selected = Signal(int)  # briefing id, -1 for none
    history_changed = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._filter = Filter()
        self._briefing_id = -1
        self._back: list[Filter] = []
        self._forward: list[Filter] = []

    @property
    def filter(self) -> Filter:
        return self._filter

    @property
    def briefing_id(self) -> int:
        return self._briefing_id

    def set(self, flt: Filter) -> None:
        if flt != self._filter:
            self._back = [*self._back, self._filter][-HISTORY_LIMIT:]
            self._forward = []
            self._apply(flt)

    def can_go_back(self) -> bool:
        return bool(self._back)

    def can_go_forward(self) -> bool:
        return bool(self._forward)

    def back(self) -> None:
        if self._back:
            self._forward.append(self._filter)
            self._apply(self._back.pop())

    def forward(self) -> None:
        if self._forward:
            self._back.append(self._filter)
            self._apply(self._forward.pop())

    def _apply(self, flt: Filter) -> None:
        self._filter = flt
        self.history_changed.emit()
        self.changed.emit(flt)

    def select_briefing(self, briefing_id: int) -> None:
        if briefing_id != self._briefing_id:
            self._briefing_id = briefing_id
            self.briefing_selected.emit(briefing_id)
