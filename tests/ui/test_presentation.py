"""Presentation mode in a briefing room: full screen, projector theme, large type, keys from anywhere."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFontInfo
from PySide6.QtTest import QTest

from explorer.reader.html import KIND_COLOURS
from tests.ui.conftest import run_js


def contrast(a: str, b: str) -> float:
    def luminance(colour: str) -> float:
        c = QColor(colour)
        channels = []
        for v in (c.redF(), c.greenF(), c.blueF()):
            channels.append(v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4)
        return 0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2]

    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def _css_colour(css: str) -> str:
    """ "rgb(0, 0, 0)" → "#000000"."""
    red, green, blue = (int(v) for v in css[css.index("(") + 1 : css.index(")")].split(",")[:3])
    return f"#{red:02x}{green:02x}{blue:02x}"


def test_f5_presents_with_large_high_contrast_type_and_esc_restores_the_window(app, qtbot):
    window = app.window
    window.resize(1920, 1080)
    reader = window.reader_panel
    qtbot.waitUntil(lambda: reader.model.rowCount() > 0, timeout=10_000)
    before_font = QFontInfo(reader.reader.font()).pixelSize()
    QTest.keyClick(window, Qt.Key.Key_F5)
    presentation = window.presentation
    assert presentation.active and window.isFullScreen()
    assert window.theme == "projector" and window.scale >= 2.0
    assert not window.main_bar.isVisible() and not window.statusBar().isVisible()
    assert not window.timeline.isVisible() and window.caption.isVisible()
    assert not window.network_panel.isVisible() and reader.reader.isVisible() and not reader.tabs.isVisible()
    # Readable from the back of the room: reader body ≥ 28 px, network names and the map legend ≥ 20 px.
    assert QFontInfo(reader.reader.font()).pixelSize() >= 28 > before_font
    assert QFontInfo(window.network_panel.scene._font).pixelSize() >= 20
    legend_px = run_js(
        qtbot,
        window.map_panel.page,
        "parseFloat(getComputedStyle(document.querySelector('.explorer-legend')).fontSize)",
    )
    assert legend_px * window.map_panel.view.zoomFactor() >= 20
    styles = run_js(
        qtbot,
        window.map_panel.page,
        "JSON.stringify(['.explorer-legend', '.explorer-label'].map(function (s) {"
        " var e = document.querySelector(s), c = getComputedStyle(e);"
        " return [parseFloat(c.fontSize), c.color]; }))",
    )
    for font_px, colour in styles:  # legend and map names: large, black on the white page
        assert font_px * window.map_panel.view.zoomFactor() >= 20
        assert contrast(_css_colour(colour), "#ffffff") >= 7
    palette = window.palette()
    text, base = palette.text().color().name(), palette.base().color().name()
    assert contrast(text, base) >= 7
    assert all(contrast(colour, base) >= 7 for colour in KIND_COLOURS["projector"].values())

    QTest.keyClick(window, Qt.Key.Key_3)
    assert window.network_panel.isVisible() and not reader.isVisible()
    QTest.keyClick(window, Qt.Key.Key_Escape)
    assert not presentation.active and not window.isFullScreen()
    assert window.theme == "light" and window.scale == 1.0
    assert window.main_bar.isVisible() and window.timeline.isVisible() and not window.caption.isVisible()
    assert window.network_panel.isVisible() and reader.isVisible() and reader.tabs.isVisible()


def test_keys_step_through_briefings_wherever_the_focus_is(app, qtbot):
    window = app.window
    reader = window.reader_panel
    qtbot.waitUntil(lambda: reader.model.rowCount() > 2, timeout=10_000)
    window.presentation.enter()
    try:
        reader.table.selectRow(0)
        first = app.state.briefing_id
        map_view = window.map_panel.view.focusProxy() or window.map_panel.view
        QTest.keyClick(map_view, Qt.Key.Key_Right)
        second = app.state.briefing_id
        assert second not in (first, -1)
        QTest.keyClick(reader.reader, Qt.Key.Key_PageDown)
        assert app.state.briefing_id not in (first, second)
        QTest.keyClick(reader.reader, Qt.Key.Key_Space)
        QTest.keyClick(map_view, Qt.Key.Key_Left)
        QTest.keyClick(map_view, Qt.Key.Key_PageUp)
        assert app.state.briefing_id == second
        assert "2 / " in window.caption.text()
        QTest.keyClick(reader.reader, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
        assert window.scale == 2.25
    finally:
        window.presentation.leave()
    QTest.keyClick(reader.table, Qt.Key.Key_Space)  # outside presentation the keys are the widgets' own
    assert window.scale == 1.0


def test_themes_switch_the_whole_window(app, qtbot):
    window = app.window
    window.set_theme("dark")
    assert window.palette().base().color().name() == "#161b22"
    assert window.network_panel.scene.background.name() == "#161b22"
    assert run_js(qtbot, window.map_panel.page, "ExplorerMap.snapshot()")["theme"] == "dark"
    window.set_theme("light")
    assert window.palette().base().color().name() == "#ffffff"
