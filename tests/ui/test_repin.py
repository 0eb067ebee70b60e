"""Re-pinning a place name the extraction read the other way ("Georgia": the country or the US state)."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMenu

from explorer.model import Briefing
from tests.ui.test_entity_edit import apply


@pytest.fixture
def extra_briefings() -> list:
    return [
        Briefing("Peach harvest in Georgia", "Farmers in Georgia expect a record peach harvest this summer.")
    ]


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
