"""Briefings per day or week as a histogram under the views: drag to select a range, play to step."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from PySide6.QtCore import QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSizePolicy, QStyle, QWidget

from explorer.ui.filter_state import FilterState
from explorer.ui.workspace_data import WorkspaceData

PLAY_INTERVAL_MS = 1500
PLAY_WINDOW_DAYS = 30


def bucket_counts(days: list[tuple[str, int]]) -> tuple[list[tuple[date, int]], int]:
    """Daily counts into daily or weekly buckets (weekly when the span is over ~4 months)."""
    if not days:
        return [], 1
    first, last = date.fromisoformat(days[0][0]), date.fromisoformat(days[-1][0])
    width = 1 if (last - first).days <= 120 else 7
    start = first - timedelta(days=first.weekday()) if width == 7 else first
    buckets: dict[date, int] = {}
    for day, count in days:
        d = date.fromisoformat(day)
        key = start + timedelta(days=((d - start).days // width) * width)
        buckets[key] = buckets.get(key, 0) + count
    span = (last - start).days // width + 1
    return [
        (start + timedelta(days=i * width), buckets.get(start + timedelta(days=i * width), 0))
        for i in range(span)
    ], width


class HistogramView(QWidget):
    range_selected = Signal(str, str)  # inclusive ISO dates

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMinimumHeight(54)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMouseTracking(True)
        self.setToolTip("Briefings over time: drag to filter to a date range")
        self.bars: list[tuple[date, int]] = []
        self.width_days = 1
        self.selection: tuple[date, date] | None = None
        self._drag_from: int | None = None
        self._drag_to: int | None = None

    def set_data(
        self, bars: list[tuple[date, int]], width_days: int, selection: tuple[date, date] | None
    ) -> None:
        self.bars, self.width_days, self.selection = bars, width_days, selection
        self.update()

    def index_at(self, x: float) -> int:
        if not self.bars:
            return -1
        return max(0, min(len(self.bars) - 1, int(x / max(1, self.width()) * len(self.bars))))

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._drag_from = self._drag_to = self.index_at(event.position().x())
        self.update()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._drag_from is not None:
            self._drag_to = self.index_at(event.position().x())
            self.update()
        elif self.bars:
            day, count = self.bars[self.index_at(event.position().x())]
            self.setToolTip(f"{day.isoformat()}{' week' if self.width_days == 7 else ''}: {count} briefings")

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._drag_from is None or not self.bars:
            return
        lo, hi = sorted((self._drag_from, self.index_at(event.position().x())))
        self._drag_from = self._drag_to = None
        start = self.bars[lo][0]
        end = self.bars[hi][0] + timedelta(days=self.width_days - 1)
        self.range_selected.emit(start.isoformat(), end.isoformat())

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        palette = self.palette()
        painter.fillRect(self.rect(), palette.base())
        if not self.bars:
            painter.setPen(palette.placeholderText().color())
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, "No dated briefings")
            return
        top = max(c for _d, c in self.bars) or 1
        w = self.width() / len(self.bars)
        h = self.height() - 14
        accent = palette.highlight().color()
        muted = QColor(accent)
        muted.setAlphaF(0.35)
        for i, (day, count) in enumerate(self.bars):
            chosen = self.selection is None or self.selection[0] <= day <= self.selection[1]
            if self._drag_from is not None:
                lo, hi = sorted((self._drag_from, self._drag_to or self._drag_from))
                chosen = lo <= i <= hi
            bar_h = h * count / top
            painter.fillRect(
                QRectF(i * w + 0.5, h - bar_h, max(1.0, w - 1), bar_h), accent if chosen else muted
            )
        painter.setPen(QPen(palette.placeholderText().color()))
        first, last = self.bars[0][0].isoformat(), self.bars[-1][0].isoformat()
        painter.drawText(QRectF(2, h, self.width() / 2, 14), Qt.AlignmentFlag.AlignLeft, first)
        painter.drawText(
            QRectF(self.width() / 2, h, self.width() / 2 - 2, 14), Qt.AlignmentFlag.AlignRight, last
        )


class Timeline(QWidget):
    """The histogram plus Play (steps a 30-day window through time; the views follow) and Clear."""

    def __init__(self, data: WorkspaceData, state: FilterState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store = data.store
        self._state = state
        self.view = HistogramView(self)
        self.view.setAccessibleName("Timeline of briefings")
        # Icons from the style, not glyphs: "⏸" is a box with the fonts of a plain Debian machine.
        self.play_button = QPushButton(
            self.style().standardIcon(QStyle.StandardPixmap.SP_MediaPlay), "Play", self
        )
        self.play_button.setCheckable(True)
        self.play_button.setToolTip("Step a 30-day window through time; map, network and list follow")
        self.play_button.toggled.connect(self._toggle_play)
        self.clear_button = QPushButton("All dates", self)
        self.clear_button.clicked.connect(self.clear_range)
        self.label = QLabel(self)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 2, 6, 4)
        layout.addWidget(self.play_button)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.label)
        layout.addWidget(self.clear_button)
        self._timer = QTimer(self)
        self._timer.setInterval(PLAY_INTERVAL_MS)
        self._timer.timeout.connect(self.step)
        self.view.range_selected.connect(self.select_range)
        state.changed.connect(lambda _f: self.refresh())
        data.changed.connect(lambda _external: self.refresh())
        self.refresh()

    def refresh(self) -> None:
        flt = self._state.filter
        # The histogram shows the filter without its own date range, so the selection has context.
        bars, width = bucket_counts(self._store.histogram(replace(flt, date_from=None, date_to=None)))
        selection = None
        if flt.date_from or flt.date_to:
            lo = date.fromisoformat(flt.date_from) if flt.date_from else date.min
            hi = date.fromisoformat(flt.date_to) if flt.date_to else date.max
            selection = (lo, hi)
        self.view.set_data(bars, width, selection)
        self.label.setText(f"{flt.date_from or ''} – {flt.date_to or ''}" if selection else "")
        self.clear_button.setEnabled(selection is not None)

    def select_range(self, start: str, end: str) -> None:
        self._state.set(replace(self._state.filter, date_from=start, date_to=end))

    def clear_range(self) -> None:
        self._state.set(replace(self._state.filter, date_from=None, date_to=None))

    def _toggle_play(self, on: bool) -> None:
        pixmap = QStyle.StandardPixmap.SP_MediaPause if on else QStyle.StandardPixmap.SP_MediaPlay
        self.play_button.setIcon(self.style().standardIcon(pixmap))
        self.play_button.setText("Pause" if on else "Play")
        if on:
            if not self._state.filter.date_from and self.view.bars:
                start = self.view.bars[0][0]
                self.select_range(
                    start.isoformat(), (start + timedelta(days=PLAY_WINDOW_DAYS - 1)).isoformat()
                )
            self._timer.start()
        else:
            self._timer.stop()

    def step(self) -> None:
        flt = self._state.filter
        if not self.view.bars or not flt.date_from:
            self.play_button.setChecked(False)
            return
        start = date.fromisoformat(flt.date_from) + timedelta(days=PLAY_WINDOW_DAYS)
        if start > self.view.bars[-1][0] + timedelta(days=self.view.width_days - 1):
            self.play_button.setChecked(False)
            return
        self.select_range(start.isoformat(), (start + timedelta(days=PLAY_WINDOW_DAYS - 1)).isoformat())
