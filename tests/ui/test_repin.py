"""Re-pinning a place name the extraction read the other way ("Georgia": the country or the US state)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMenu, QMessageBox

from explorer.model import Briefing
from tests.ui.test_entity_edit import apply

PEACHES = Briefing("Peach harvest in Georgia", "Farmers in Georgia expect a record peach harvest in summer.")
PIPELINE = Briefing("Black Sea pipeline", "Georgia and Turkey signed a pipeline deal in Tbilisi.")


@pytest.fixture
def extra_briefings() -> list:
    return [PEACHES, PIPELINE]


def submenu(menu: QMenu, starts: str) -> QMenu:
    (found,) = [a.menu() for a in menu.actions() if a.menu() is not None and a.text().startswith(starts)]
    return found


def answer_yes() -> None:
    """Accept the confirmation the window asks before a correction, as the analyst would (polled: the
    question opens its own event loop)."""
    widget = QApplication.activeModalWidget()
    if isinstance(widget, QMessageBox):
        widget.button(QMessageBox.StandardButton.Yes).click()
    else:
        QTimer.singleShot(20, answer_yes)


def test_a_place_read_the_wrong_way_is_re_pinned_to_another_reading(app, qtbot):
    store, window = app.store, app.window
    georgia = next(e for e in store.entities(limit=2000) if e.kind == "place" and e.name == "Georgia")
    menu = QMenu()
    window.entity_editor.add_to_menu(menu, georgia.id, "Georgia")
    (edit,) = [a.menu() for a in menu.actions() if a.menu() is not None]
    (repin,) = [a.menu() for a in edit.actions() if a.menu() is not None and a.text().startswith("Re-pin")]
    labels = [a.text() for a in repin.actions()]
    assert "Georgia, United States (region, US)" in labels
    split = {
        "op": "split",
        "source": {"name": "Georgia", "kind": "place"},
        "surface": "Georgia",
        "into": {
            "name": "Georgia, United States",
            "kind": "place",
            "country": "US",
            "lat": 33.38,
            "lon": -83.98,
        },
    }
    apply(qtbot, app, lambda done: window.entity_editor.propose(split, confirm=False, on_done=done))
    (state,) = store.entity_ids_named("place", "Georgia, United States")
    assert store.entity(state).country == "US" and not store.entity_ids_named("place", "Georgia")


def test_a_place_is_re_pinned_from_the_map_in_the_selected_briefing_only(app, qtbot):
    store, window, panel = app.store, app.window, app.window.map_panel
    peaches = store.briefing_id_by_hash(PEACHES.content_hash)
    pipeline = store.briefing_id_by_hash(PIPELINE.content_hash)
    app.state.select_briefing(peaches)
    panel.bridge.countryMenu("GE")  # what the page sends on a right-click on Georgia
    qtbot.waitUntil(lambda: panel.findChild(QMenu) is not None and panel.findChild(QMenu).isVisible())
    menu = panel.findChild(QMenu)
    assert [a.text() for a in menu.actions()][:2] == ["Show briefings in Georgia", "Show evidence…"]
    edit = submenu(menu, "Edit “Georgia”")
    assert submenu(edit, "Re-pin “Georgia” everywhere as") is not None
    here = submenu(edit, "Re-pin “Georgia” in this briefing as")
    (state,) = [a for a in here.actions() if a.text() == "Georgia, United States (region, US)"]
    QTimer.singleShot(0, answer_yes)
    state.trigger()  # the menu closes (and is deleted) as the question opens
    qtbot.waitUntil(lambda: bool(store.entity_ids_named("place", "Georgia, United States")), timeout=30_000)
    qtbot.waitUntil(lambda: not window.entity_editor.busy, timeout=30_000)
    assert window.entity_editor.last_result.endswith("in one briefing (1 briefing read again)")
    assert {c for c, _w in store.briefing_countries(peaches)} == {"US"}
    assert "GE" in {c for c, _w in store.briefing_countries(pipeline)}
    assert store.entity_ids_named("place", "Georgia")  # the country stays for the pipeline story
    assert panel.findChild(QMenu) is None

    # The state is now a marker; its menu offers the way back.
    (us_state,) = store.entity_ids_named("place", "Georgia, United States")
    qtbot.waitUntil(lambda: us_state in panel.bridge.known_places, timeout=10_000)
    panel.bridge.placeMenu(str(us_state))
    qtbot.waitUntil(lambda: panel.findChild(QMenu) is not None and panel.findChild(QMenu).isVisible())
    menu = panel.findChild(QMenu)
    assert [a.text() for a in menu.actions()][:2] == ["Show these briefings", "Show evidence…"]
    back = submenu(submenu(menu, "Edit “Georgia, United States”"), "Re-pin “Georgia” in this briefing as")
    assert any(a.text().startswith("Georgia (country") for a in back.actions())
    menu.close()
