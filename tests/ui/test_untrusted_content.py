"""Hostile briefing text reaches the popup and the reader as literal text; nothing in it runs."""

from __future__ import annotations

import pytest

from explorer.model import TOPICS, Briefing, Filter, Section
from tests.ui.conftest import run_js

PAYLOADS = [
    "<script>window.pwned = 1; bridge.countryClicked('FR')</script>",
    '<img src=x onerror="window.pwned = 2">',
    '<a href="javascript:window.pwned=3">click</a>',
    '<svg onload="window.pwned = 4"></svg>',
]
TITLE = "Canberra warning " + PAYLOADS[0] + PAYLOADS[1]


@pytest.fixture
def extra_briefings() -> list:
    body = "Officials in Canberra said " + " ".join(PAYLOADS) + " was found in a report."
    return [
        Briefing(
            title=TITLE,
            body=body,
            sections=(Section("Key Signals", (PAYLOADS[2],)), Section(TOPICS, (PAYLOADS[3],))),
            published="2025-07-01",
            date_source="field",
        )
    ]


def test_popup_shows_hostile_titles_as_text_and_nothing_runs(app, qtbot):
    panel = app.window.map_panel
    canberra = next(p for p in app.store.place_counts() if p.name == "Canberra")
    # Only the hostile briefing, so its title is certainly in the popup.
    app.state.set(Filter(query="Canberra warning"))
    qtbot.waitUntil(lambda: run_js(qtbot, panel.page, "ExplorerMap.snapshot()")["places"] > 0, timeout=5_000)
    panel.page.runJavaScript(f"ExplorerMap.openPopup({canberra.id}); null")

    def popup_text() -> str:
        return run_js(qtbot, panel.page, "ExplorerMap.snapshot()")["popupText"] or ""

    qtbot.waitUntil(lambda: "window.pwned" in popup_text(), timeout=10_000)
    shown = run_js(qtbot, panel.page, "ExplorerMap.snapshot()")
    assert "<script>window.pwned = 1;" in shown["popupText"]
    assert '<img src=x onerror="window.pwned = 2">' in shown["popupText"]
    assert shown["popupImages"] == 0
    assert run_js(qtbot, panel.page, "String(window.pwned)") == "undefined"
    assert app.state.filter == Filter(query="Canberra warning")  # the payload's bridge call never came
    assert panel.bridge.rejected == []
    assert [m for level, m in panel.page.console if level >= 2] == []


def test_reader_and_network_show_hostile_text_literally(app, qtbot):
    reader = app.window.reader_panel
    row = next(i for i in range(reader.model.rowCount()) if reader.model.row_at(i).title == TITLE)
    reader.table.selectRow(row)
    text = reader.reader.toPlainText()
    for payload in PAYLOADS:
        assert payload in text
    html = reader.reader.toHtml()
    assert "<script" not in html and "onerror=" not in html.replace("onerror=&quot;", "")
    assert "<img" not in html and "<svg" not in html
