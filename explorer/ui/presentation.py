"""Presentation mode for a briefing room: F5 goes full screen with the chrome hidden, the projector theme
and large type; arrows, Page Up/Down and Space (what presenter clickers send) step through the briefings
wherever the focus is; 1, 2 and 3 choose the layout; Ctrl+= and Ctrl+- size the type; Esc comes back to
the window exactly as it was."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QObject, Qt, Signal
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMenu, QToolBar, QToolButton, QWidget

from explorer.story.model import LAYOUTS, Story
from explorer.ui.stories import StoryPlayer
from explorer.ui.themes import PRESENTATION_SCALE, SCALE_STEP, THEMES

if TYPE_CHECKING:
    from explorer.ui.main_window import MainWindow


@dataclass(frozen=True)
class _Before:
    """What presenting changes, to put back on leaving."""

    theme: str
    scale: float
    state: Qt.WindowState
    hidden: tuple[QWidget, ...]  # widgets that were visible and are hidden while presenting
    panels: tuple[bool, bool, bool]  # map, network, reader shown
    geometry: QByteArray  # the window's size and place before full screen
    splitter: QByteArray


class Presentation(QObject):
    changed = Signal(bool)  # presenting or not

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        self._before: _Before | None = None
        self.layout = "map + reader"
        self._keys = self._make_keys()
        self.player = StoryPlayer(window)
        self.player.stepped.connect(lambda _index: self._update_caption())

    def play(self, story: Story) -> None:
        """Present a story from its first step; the keys go from step to step."""
        self.enter()
        self.player.start(story)

    @property
    def active(self) -> bool:
        return self._before is not None

    def normal_layout(self) -> tuple[QByteArray, QByteArray] | None:
        """The window's geometry and panel sizes from before presenting (None when not presenting)."""
        return (self._before.geometry, self._before.splitter) if self._before else None

    def toggle(self) -> None:
        self.leave() if self.active else self.enter()

    def enter(self) -> None:
        if self.active:
            return
        window = self._window
        chrome = [w for w in window.presentation_chrome() if w.isVisible()]
        panels = tuple(p.isVisible() for p in window.panels())
        self._before = _Before(
            window.theme,
            window.scale,
            window.windowState(),
            tuple(chrome),
            panels,
            window.saveGeometry(),
            window.splitter.saveState(),
        )
        for widget in chrome:
            widget.hide()
        for panel in window.panels():
            panel.set_presenting(True)
        window.set_theme("projector", remember=False)
        window.set_scale(max(window.scale, PRESENTATION_SCALE))
        window.caption.show()
        self.set_layout(self.layout)
        window.showFullScreen()
        self._keys_enabled(True)
        self._update_caption()
        self.changed.emit(True)

    def leave(self) -> None:
        before, self._before = self._before, None
        if before is None:
            return
        self.player.stop()
        self._keys_enabled(False)
        window = self._window
        window.caption.hide()
        for panel in window.panels():
            panel.set_presenting(False)
        for panel, shown in zip(window.panels(), before.panels, strict=True):
            panel.setVisible(shown)
        for widget in before.hidden:
            widget.show()
        window.set_scale(before.scale)
        window.set_theme(before.theme, remember=False)
        window.setWindowState(before.state)
        self.changed.emit(False)

    def set_layout(self, layout: str) -> None:
        """ "map", "map + reader" or "map + network"."""
        self.layout = layout
        if not self.active:
            return
        map_panel, network, reader = self._window.panels()
        map_panel.show()
        network.setVisible(layout == "map + network")
        reader.setVisible(layout == "map + reader")

    def step(self, offset: int) -> None:
        """The next or previous step of the story playing, else briefing (the map flies to its countries)."""
        if self.player.story is not None:
            self.player.step(offset)
            return
        self._window.reader_panel.step(offset)
        self._window.map_panel.fly_to_selection()
        self._update_caption()

    def _update_caption(self) -> None:
        window = self._window
        if self.player.story is not None:
            window.caption.setText(self.player.caption())
            return
        reader = window.reader_panel
        row, total = reader.table.currentIndex().row(), reader.model.rowCount()
        title = reader.current_title() or window.breadcrumb.text()
        window.caption.setText(f"{title}    {row + 1} / {total}" if row >= 0 else title)

    def _make_keys(self) -> list[QAction]:
        """Shortcuts of the whole window, live only while presenting: a clicker's keys work wherever the
        focus is, the map's web page included (it claims no arrow keys: it has nothing to edit)."""
        window = self._window
        bindings = [
            (("Right", "PgDown", "Space", "Down"), lambda: self.step(1)),
            (("Left", "PgUp", "Up", "Backspace"), lambda: self.step(-1)),
            (("Esc",), self.leave),
        ]
        for n, name in enumerate(LAYOUTS):  # QAction passes `checked` first: the name goes after it
            bindings.append(((str(n + 1),), lambda _on=False, name=name: self.set_layout(name)))
        actions = []
        for keys, slot in bindings:
            action = QAction(window)
            action.setShortcuts([QKeySequence(k) for k in keys])
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            action.setEnabled(False)
            action.triggered.connect(slot)
            window.addAction(action)
            actions.append(action)
        return actions

    def _keys_enabled(self, on: bool) -> None:
        for action in self._keys:
            action.setEnabled(on)


def add_view_actions(window: MainWindow, bar: QToolBar) -> None:
    """The toolbar's Theme menu and Present button, and the type-size keys (Ctrl+=, Ctrl+-, Ctrl+0)."""
    theme_button = QToolButton(bar)
    theme_button.setText("Theme")
    theme_button.setToolTip("Light, dark or projector (high contrast) for the whole window")
    theme_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
    menu = QMenu(theme_button)
    group = QActionGroup(menu)
    window.theme_actions = {}
    for theme in THEMES:
        action = QAction(theme.capitalize(), menu, checkable=True, checked=theme == window.theme)
        action.triggered.connect(lambda _on=False, t=theme: window.set_theme(t))
        group.addAction(action)
        menu.addAction(action)
        window.theme_actions[theme] = action
    theme_button.setMenu(menu)
    bar.addWidget(theme_button)
    present = QAction("Present", window)
    present.setShortcut(QKeySequence("F5"))
    present.setToolTip("Full screen for a briefing room: large type, arrows step through briefings (F5, Esc)")
    present.triggered.connect(window.presentation.toggle)
    bar.addAction(present)
    for keys, change in (("Ctrl+=", SCALE_STEP), ("Ctrl++", SCALE_STEP), ("Ctrl+-", -SCALE_STEP)):
        action = QAction(window)
        action.setShortcut(QKeySequence(keys))
        action.triggered.connect(lambda _on=False, d=change: window.set_scale(window.scale + d))
        window.addAction(action)
    reset = QAction(window)
    reset.setShortcut(QKeySequence("Ctrl+0"))
    reset.triggered.connect(lambda: window.set_scale(1.0))
    window.addAction(reset)
