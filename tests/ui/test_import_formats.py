"""Dropping what analysts save onto the window: a feed, the same story as a page, a PDF, a broken PDF."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent, QGuiApplication

from tests.conftest import write
from tests.ingest.test_pdf import two_page_report
from tests.workspace.test_near_duplicates import FEED, PAGE


def drop(window, paths: list[Path]) -> None:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    event = QDropEvent(
        QPointF(200, 200), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier(0)
    )
    window.dropEvent(event)  # what Qt calls at the end of a drag; no drag runs on a headless screen


def test_dropped_files_import_with_a_copyable_report_and_linked_copies(app, qtbot, tmp_path: Path):
    folder = tmp_path / "saved"
    write(folder / "andes.rss", FEED)
    write(folder / "lithium.html", PAGE)
    (folder / "broken.pdf").write_bytes(b"%PDF-1.7\n")
    report_pdf = two_page_report(tmp_path / "copper-report.pdf")
    before = app.store.briefing_count()
    window = app.window
    drop(window, [folder, report_pdf])
    qtbot.waitUntil(lambda: window.last_import is not None, timeout=30_000)
    assert window.last_import.summary() == "4 imported, 0 duplicate, 1 near-duplicate, 1 failed"
    assert app.store.briefing_count() == before + 4

    dialog = window.import_report
    qtbot.waitUntil(dialog.isVisible, timeout=5_000)
    text = dialog.copy()
    assert QGuiApplication.clipboard().text() == text
    assert "saved/broken.pdf: broken PDF" in text
    assert "saved/lithium.html  ≈  saved/andes.rss#1" in text
    assert "copper-report.pdf" in text
    dialog.close()

    panel = window.reader_panel
    page_id = app.store.briefing_titled("Lithium talks with Chile resume")
    ids = dict(app.store.db.execute("select origin, id from briefings where origin like 'saved/%'"))
    app.state.select_briefing(ids["saved/lithium.html"])
    qtbot.waitUntil(lambda: "Also from" in panel.reader.toPlainText(), timeout=5_000)
    assert "Also from: Andes Wire, 2026-11-20" in panel.reader.toPlainText()
    assert f'href="briefing:{ids["saved/andes.rss#1"]}"' in panel.reader.toHtml()
    panel.reader.anchorClicked.emit(QUrl(f"briefing:{ids['saved/andes.rss#1']}"))
    assert app.state.briefing_id == ids["saved/andes.rss#1"] and page_id is not None
    assert "Also from: Harbour Wire" in panel.reader.toPlainText()

    total = panel.model.rowCount()
    assert panel.hide_copies.isEnabled() and panel.hide_copies.text() == "Hide near-duplicates (1)"
    panel.hide_copies.click()
    assert app.state.filter.hide_copies
    qtbot.waitUntil(lambda: panel.model.rowCount() == total - 1, timeout=5_000)
    assert "Near-duplicates hidden" in window.breadcrumb.text()
