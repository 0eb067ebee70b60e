"""A story built in the window and played in presentation mode with keys sent to the reader and the map."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from explorer.model import Filter
from explorer.store import Store
from explorer.story.files import load_story, save_story
from explorer.story.model import Story
from explorer.ui.stories import append_step, current_step
from tests.ui.conftest import run_js


def map_centre(qtbot, window) -> tuple[float, float]:
    view = run_js(qtbot, window.map_panel.page, "ExplorerMap.view()")
    return view["center"][0], view["center"][1]


def test_a_three_step_story_is_built_played_with_keys_and_kept(app, qtbot):
    window, state, store = app.window, app.state, app.store
    steps = []
    for caption, flt in (
        ("China", Filter(countries=("CN",))),
        ("Gas in Australia", Filter(query="LNG", countries=("AU",))),
        ("Chips", Filter(query="chips")),
    ):
        state.set(flt)
        steps.append(current_step(window, caption))
    save_story(store, Story("Room", tuple(steps)))

    window.presentation.play(load_story(store, "Room"))
    reader = window.reader_panel
    map_view = window.map_panel.view.focusProxy() or window.map_panel.view
    try:
        assert state.filter.countries == ("CN",) and "China    1 / 3" in window.caption.text()
        qtbot.waitUntil(lambda: 20 < map_centre(qtbot, window)[0] < 45, timeout=5000)  # over China
        QTest.keyClick(reader.reader, Qt.Key.Key_Right)
        assert (state.filter.query, state.filter.countries) == ("LNG", ("AU",))
        assert "Gas in Australia    2 / 3" in window.caption.text()
        qtbot.waitUntil(lambda: map_centre(qtbot, window)[0] < -10, timeout=5000)  # south, over Australia
        QTest.keyClick(map_view, Qt.Key.Key_PageDown)
        assert state.filter == replace(Filter(), query="chips") and "3 / 3" in window.caption.text()
        QTest.keyClick(map_view, Qt.Key.Key_Space)  # the last step stays
        assert "3 / 3" in window.caption.text()
        QTest.keyClick(reader.reader, Qt.Key.Key_Left)
        QTest.keyClick(map_view, Qt.Key.Key_PageUp)
        assert state.filter.countries == ("CN",) and "1 / 3" in window.caption.text()
    finally:
        window.presentation.leave()
    assert window.presentation.player.story is None

    reopened = Store.open(store.location)  # the story is kept in the workspace
    try:
        assert [s.caption for s in load_story(reopened, "Room").steps] == [
            "China",
            "Gas in Australia",
            "Chips",
        ]
    finally:
        reopened.close()


def test_adding_a_step_keeps_the_map_view_and_playing_returns_to_it(app, qtbot):
    window, store = app.window, app.store
    run_js(qtbot, window.map_panel.page, "ExplorerMap.setView(-25.0, 134.0, 4); null")
    view = lambda: run_js(qtbot, window.map_panel.page, "ExplorerMap.view()")  # noqa: E731
    qtbot.waitUntil(lambda: view()["zoom"] == 4 and view()["center"][0] < -20, timeout=5000)  # landed
    append_step(window, "Views", "Australia close up")
    qtbot.waitUntil(lambda: "Views" in store.story_names(), timeout=5000)
    (step,) = load_story(store, "Views").steps
    assert step.view is not None and step.view[0] < -20 and step.view[2] >= 3.5
    run_js(qtbot, window.map_panel.page, "ExplorerMap.setView(50.0, 10.0, 3); null")
    window.presentation.play(load_story(store, "Views"))
    try:
        qtbot.waitUntil(lambda: map_centre(qtbot, window)[0] < -20, timeout=5000)
    finally:
        window.presentation.leave()
