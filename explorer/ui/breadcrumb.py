"""The filter in words, one chip per part; clicking a chip's ✕ removes just that part."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QToolButton, QWidget

from explorer.model import Filter
from explorer.query.words import filter_parts
from explorer.ui.filter_state import FilterState
from explorer.ui.workspace_data import WorkspaceData


class Breadcrumb(QWidget):
    def __init__(self, data: WorkspaceData, state: FilterState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store = data.store
        self._state = state
        self._layout = QHBoxLayout(self)
        self._layout.setContentsMargins(8, 2, 8, 2)
        self._layout.setSpacing(6)
        self.chips: list[QToolButton] = []
        self.setAccessibleName("Current filter")
        state.changed.connect(self.show_filter)
        data.changed.connect(lambda _external: self.show_filter(state.filter))  # names may change
        self.show_filter(state.filter)

    def show_filter(self, flt: Filter) -> None:
        while self._layout.count():
            item = self._layout.takeAt(0)
            if item.widget():
                item.widget().deleteLater()
        self.chips = []
        parts = filter_parts(flt, self._store.entity)
        if not parts:
            label = QLabel("All briefings", self)
            label.setObjectName("breadcrumbEmpty")
            self._layout.addWidget(label)
        for text, remaining in parts:
            chip = QToolButton(self)
            chip.setObjectName("chip")
            chip.setText(f"{text}  ✕")
            chip.setToolTip(f"Remove “{text}” from the filter")
            chip.setAccessibleName(f"Remove {text}")
            chip.setCursor(Qt.CursorShape.PointingHandCursor)
            chip.clicked.connect(lambda _checked=False, rest=remaining: self._state.set(rest))
            self._layout.addWidget(chip)
            self.chips.append(chip)
        self._layout.addStretch(1)

    def text(self) -> str:
        """The filter as the chips read, without the ✕ marks."""
        return " · ".join(c.text().removesuffix("  ✕") for c in self.chips) or "All briefings"
