"""Stories in the window: add the current view as a step, edit the steps, and play a story in presentation
mode, where the clicker's keys go from step to step."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QInputDialog,
    QListWidget,
    QMenu,
    QPushButton,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from explorer.story.files import load_story, save_story
from explorer.story.model import Story, StoryError, StoryStep

if TYPE_CHECKING:
    from explorer.ui.main_window import MainWindow

DEFAULT_STORY = "My story"


class StoryPlayer(QObject):
    """Applies a story's steps to the window: filter, briefing, network focus, map view, layout, caption."""

    stepped = Signal(int)  # the step shown, from 0

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        self.story: Story | None = None
        self.index = -1

    def start(self, story: Story) -> None:
        self.story, self.index = story, -1
        self.step(1)

    def stop(self) -> None:
        self.story, self.index = None, -1

    def step(self, offset: int) -> None:
        if self.story is None or not self.story.steps:
            return
        index = max(0, min(len(self.story.steps) - 1, self.index + offset))
        if index != self.index:
            self.index = index
            self.show(self.story.steps[index])
            self.stepped.emit(index)

    def caption(self) -> str:
        if self.story is None or self.index < 0:
            return ""
        step = self.story.steps[self.index]
        return f"{step.caption or self.story.name}    {self.index + 1} / {len(self.story.steps)}"

    def show(self, step: StoryStep) -> None:
        window = self._window
        store = window.store
        flt = step.filter(store.entity_ids_named)
        window.state.set(flt)
        briefing = store.briefing_titled(step.briefing) if step.briefing else None
        window.state.select_briefing(briefing if briefing is not None else -1)
        window.presentation.set_layout(step.layout)
        if flt.entity_ids:
            window.network_panel.focus_on(flt.entity_ids[0])
        if step.view is not None:
            window.map_panel.show_view(*step.view)
        else:
            window.map_panel.fly_to(list(flt.countries) or _briefing_countries(window, briefing))


def _briefing_countries(window: MainWindow, briefing: int | None) -> list[str]:
    return [code for code, _w in window.store.briefing_countries(briefing)] if briefing is not None else []


def current_step(window: MainWindow, caption: str) -> StoryStep:
    """The window's view as a story step: its filter, entities by name, briefing by title, layout."""
    store, flt = window.store, window.state.filter
    entities = []
    for entity_id in flt.entity_ids:
        entity = store.entity(entity_id)
        if entity is not None:
            entities.append((entity.name, entity.kind))
    briefing = window.reader_panel.current_title()
    return StoryStep(
        caption=caption,
        query=flt.query,
        countries=flt.countries,
        entities=tuple(entities),
        briefing=briefing,
        layout=window.presentation.layout,
        date_from=flt.date_from,
        date_to=flt.date_to,
    )


def add_story_menu(window: MainWindow, bar: QToolBar) -> None:
    button = QToolButton(bar)
    button.setText("Story")
    button.setToolTip("Stories for a briefing room: add this view as a step, edit, play (F6)")
    button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
    menu = QMenu(button)
    menu.addAction("Add this view as a step…", lambda: add_step(window))
    menu.addAction("Edit stories…", lambda: StoriesDialog(window).exec())
    play = QAction("Play story…", window)
    play.setShortcut("F6")
    play.triggered.connect(lambda: play_story(window))
    menu.addAction(play)
    window.addAction(play)
    button.setMenu(menu)
    bar.addWidget(button)


def _story_or_new(window: MainWindow, name: str) -> Story:
    try:
        return load_story(window.store, name)
    except StoryError:
        return Story(name)


def _choose_story(window: QWidget, store, title: str, allow_new: bool) -> str | None:
    names = store.story_names()
    if not names and not allow_new:
        return None
    if allow_new:
        names = [*names, DEFAULT_STORY] if DEFAULT_STORY not in names else names
    name, ok = QInputDialog.getItem(window, title, "Story:", names, 0, allow_new)
    return name.strip() if ok and name.strip() else None


def add_step(window: MainWindow) -> None:
    name = _choose_story(window, window.store, "Add this view as a step", allow_new=True)
    if not name:
        return
    caption, ok = QInputDialog.getText(window, "Step caption", "Caption (what the room reads):")
    if not ok:
        return
    append_step(window, name, caption.strip() or window.breadcrumb.text())


def append_step(window: MainWindow, name: str, caption: str) -> None:
    """Add the window's view to the end of a story (made if new), with the map's centre and zoom."""
    step = current_step(window, caption)

    def save(view: tuple[float, float, float] | None) -> None:
        story = _story_or_new(window, name)
        save_story(window.store, replace(story, steps=(*story.steps, replace(step, view=view))))
        window.statusBar().showMessage(f"Step {len(story.steps) + 1} added to {name!r}", 5000)

    window.map_panel.current_view(save)


def play_story(window: MainWindow, name: str | None = None) -> None:
    name = name or _choose_story(window, window.store, "Play a story", allow_new=False)
    if not name:
        window.statusBar().showMessage("No story yet: Story ▸ Add this view as a step", 5000)
        return
    try:
        story = load_story(window.store, name)
    except StoryError as exc:
        window.statusBar().showMessage(str(exc), 8000)
        return
    window.presentation.play(story)


class StoriesDialog(QDialog):
    """One story's steps: reorder, rename the caption, delete; saved on OK."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.setWindowTitle("Stories")
        self.resize(560, 420)
        self._window = window
        self._name = _choose_story(window, window.store, "Edit a story", allow_new=False) or ""
        self.steps = list(_story_or_new(window, self._name).steps) if self._name else []
        self.list = QListWidget(self)
        self._fill()
        buttons = QHBoxLayout()
        for text, slot in (
            ("Up", lambda: self._move(-1)),
            ("Down", lambda: self._move(1)),
            ("Caption…", self._rename),
            ("Delete", self._delete),
        ):
            button = QPushButton(text, self)
            button.clicked.connect(slot)
            buttons.addWidget(button)
        done = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        done.accepted.connect(self.save)
        done.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.list)
        layout.addLayout(buttons)
        layout.addWidget(done)

    def _fill(self) -> None:
        self.list.clear()
        for number, step in enumerate(self.steps, start=1):
            self.list.addItem(f"{number}. {step.caption or '(no caption)'}")

    def _move(self, offset: int) -> None:
        row = self.list.currentRow()
        target = row + offset
        if 0 <= row < len(self.steps) and 0 <= target < len(self.steps):
            self.steps[row], self.steps[target] = self.steps[target], self.steps[row]
            self._fill()
            self.list.setCurrentRow(target)

    def _rename(self) -> None:
        row = self.list.currentRow()
        if 0 <= row < len(self.steps):
            text, ok = QInputDialog.getText(self, "Step caption", "Caption:", text=self.steps[row].caption)
            if ok:
                self.steps[row] = replace(self.steps[row], caption=text.strip())
                self._fill()
                self.list.setCurrentRow(row)

    def _delete(self) -> None:
        row = self.list.currentRow()
        if 0 <= row < len(self.steps):
            del self.steps[row]
            self._fill()

    def save(self) -> None:
        if self._name:
            save_story(self._window.store, Story(self._name, tuple(self.steps)))
        self.accept()
