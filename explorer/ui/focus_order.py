"""The window's keyboard path: Tab goes search → briefing list → reader → map → network → timeline →
toolbar, every stop has a name for screen readers, and no view keeps Tab for itself."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QToolButton, QWidget

if TYPE_CHECKING:
    from explorer.ui.main_window import MainWindow


def keyboard_path(window: MainWindow) -> list[QWidget]:
    """The Tab stops in order; `next_stop` passes over the hidden and disabled ones."""
    reader, network, timeline = window.reader_panel, window.network_panel, window.timeline
    toolbar = [
        button
        for button in window.main_bar.findChildren(QToolButton)
        if button.focusPolicy() & Qt.FocusPolicy.TabFocus
    ]
    return [
        window.search,
        reader.table,
        reader.facets,
        reader.tabs.tabBar(),
        reader.reader,
        reader.copy_button,
        reader.source_button,
        reader.tags_edit,
        reader.save_button,
        reader.note_edit,
        window.map_panel.view,
        network.view,
        network.node_table,
        network.edge_table,
        *network.control_widgets,
        timeline.play_button,
        timeline.clear_button,
        window.clear_button,
        *window.breadcrumb.chips,
        *toolbar,
    ]


def set_keyboard_path(window: MainWindow) -> None:
    """Names for the stops that have none, and Tab out of the text views. The window's
    `focusNextPrevChild` follows `next_stop`."""
    reader = window.reader_panel
    reader.tabs.tabBar().setAccessibleName("Briefing list or facets")
    reader.tags_edit.setAccessibleName("Tags")
    reader.note_edit.setAccessibleName("Note")
    reader.note_edit.setTabChangesFocus(True)
    # The reader's entity links would take one Tab each (fifty in a long briefing); the Facets tab lists
    # the same entities for the keyboard.
    reader.reader.setTabChangesFocus(True)
    reader.reader.setTextInteractionFlags(
        Qt.TextInteractionFlag.TextSelectableByMouse
        | Qt.TextInteractionFlag.TextSelectableByKeyboard
        | Qt.TextInteractionFlag.LinksAccessibleByMouse
    )


def next_stop(window: MainWindow, current: QWidget | None, forward: bool = True) -> QWidget | None:
    """The stop Tab (or Shift+Tab) goes to from `current`; None when `current` is not on the path.
    Qt's own chain is not used: it follows creation order and wanders through composite widgets."""
    path = keyboard_path(window)
    at = next((i for i, stop in enumerate(path) if _holds(stop, current)), None)
    if at is None:
        return None
    step = 1 if forward else -1
    for offset in range(1, len(path)):
        stop = path[(at + step * offset) % len(path)]
        if stop.isVisible() and stop.isEnabled():
            return stop
    return None


def _holds(stop: QWidget, widget: QWidget | None) -> bool:
    return widget is not None and (stop is widget or stop.isAncestorOf(widget))


def stop_name(widget: QWidget) -> str:
    """What a screen reader announces for a Tab stop: its accessible name, else a button's text."""
    if widget.accessibleName():
        return widget.accessibleName()
    if isinstance(widget, QAbstractButton):
        return widget.text().replace("&", "")
    return ""
