"""56 hostile strings through the map page (popups, caption), its CSP, and the offline HTML export."""

from __future__ import annotations

import json
import re

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtWebEngineCore import QWebEnginePage
from PySide6.QtWebEngineWidgets import QWebEngineView

from explorer.map.files import export_text
from explorer.model import Filter
from tests.hostile import PAYLOADS
from tests.reader.test_html import hostile_briefing
from tests.ui.conftest import run_js


@pytest.fixture
def extra_briefings() -> list:
    return [hostile_briefing(p) for p in PAYLOADS]


def page_state(qtbot, page) -> dict:
    return run_js(qtbot, page, "ExplorerMap.snapshot()")


def test_popup_and_caption_show_every_payload_as_text(app, qtbot):
    panel = app.window.map_panel
    canberra = next(p for p in app.store.place_counts() if p.name == "Canberra")
    app.state.set(Filter(query="Canberra alert"))
    qtbot.waitUntil(lambda: page_state(qtbot, panel.page)["places"] > 0, timeout=5_000)
    panel.page.runJavaScript(f"ExplorerMap.openPopup({canberra.id}); null")
    qtbot.waitUntil(lambda: page_state(qtbot, panel.page)["popupText"] is not None, timeout=10_000)
    # Every payload as a popup row at once (the app sends five titles; the page must cope with any).
    panel.page.runJavaScript(f"ExplorerMap.showPopup({canberra.id}, {json.dumps(PAYLOADS)}); null")
    panel.page.runJavaScript(
        f"ExplorerMap.setCaption({json.dumps({'title': PAYLOADS[0], 'lines': PAYLOADS[1:]})}); null"
    )
    qtbot.waitUntil(
        lambda: PAYLOADS[-1].strip() in (page_state(qtbot, panel.page)["popupText"] or ""), timeout=10_000
    )
    shown = page_state(qtbot, panel.page)
    for payload in PAYLOADS:
        assert (
            payload.replace("\x00", "\ufffd").strip() in shown["popupText"]
            or payload.strip() in shown["popupText"]
        )
    assert shown["popupImages"] == 0
    caption = run_js(
        qtbot,
        panel.page,
        "JSON.stringify([document.querySelector('.explorer-caption').textContent,"
        " document.querySelectorAll('.explorer-caption *').length])",
    )
    assert PAYLOADS[3] in caption[0]
    assert caption[1] == len(PAYLOADS)  # one title div and one div per line: nothing else was created
    assert run_js(qtbot, panel.page, "String(window.pwned)") == "undefined"
    assert app.state.filter == Filter(query="Canberra alert")
    assert panel.bridge.rejected == []
    assert [m for level, m in panel.page.console if level >= 2] == []


def test_the_content_security_policy_blocks_injected_markup(app, qtbot):
    page = app.window.map_panel.page
    page.runJavaScript(
        "document.body.insertAdjacentHTML('beforeend', '<img src=x onerror=\"window.pwned=1\">');"
        "var s = document.createElement('script'); s.textContent = 'window.pwned = 2';"
        "document.body.appendChild(s); null"
    )
    qtbot.waitUntil(lambda: any("Content Security Policy" in m for _l, m in page.console), timeout=5_000)
    qtbot.wait(200)
    assert run_js(qtbot, page, "String(window.pwned)") == "undefined"


def test_offline_html_export_keeps_payloads_inert(app, qtbot, tmp_path, web_cache):
    clean = export_text(app.store, Filter(query="lithium"), "html", web_cache)
    dirty = export_text(app.store, Filter(query="Canberra alert"), "html", web_cache)
    assert len(re.findall(r"<script\b", dirty, re.IGNORECASE)) == len(
        re.findall(r"<script\b", clean, re.IGNORECASE)
    )
    assert "</script><script>window.pwned" not in dirty
    target = tmp_path / "hostile.html"
    target.write_text(dirty, encoding="utf-8")

    class Page(QWebEnginePage):
        def __init__(self, parent) -> None:
            super().__init__(parent)
            self.console: list[str] = []

        def javaScriptConsoleMessage(self, level, message, line, source):
            self.console.append(message)

    view = QWebEngineView()
    qtbot.addWidget(view)
    page = Page(view)
    view.setPage(page)
    view.resize(1200, 800)
    view.show()  # animation frames, and so the page's ready signal, need a visible view
    with qtbot.waitSignal(view.loadFinished, timeout=30_000):
        view.load(QUrl.fromLocalFile(str(target)))
    qtbot.waitUntil(lambda: run_js(qtbot, page, "String(window.explorerReady)") == "true", timeout=20_000)
    canberra = next(p for p in app.store.place_counts() if p.name == "Canberra")
    page.runJavaScript(f"ExplorerMap.openPopup({canberra.id}); null")
    qtbot.waitUntil(
        lambda: "Canberra alert" in (run_js(qtbot, page, "ExplorerMap.snapshot()")["popupText"] or ""),
        timeout=10_000,
    )
    assert run_js(qtbot, page, "String(window.pwned)") == "undefined"
    assert run_js(qtbot, page, "ExplorerMap.snapshot()")["popupImages"] == 0
    assert not [m for m in page.console if "pwned" in m]
    view.setPage(None)
