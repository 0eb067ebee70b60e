"""Application themes: Fusion style with a light or dark palette."""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

THEMES = ("light", "dark")

_DARK = {
    QPalette.ColorRole.Window: "#1e242c",
    QPalette.ColorRole.WindowText: "#e9eef3",
    QPalette.ColorRole.Base: "#161b22",
    QPalette.ColorRole.AlternateBase: "#1c2229",
    QPalette.ColorRole.Text: "#e9eef3",
    QPalette.ColorRole.Button: "#262e38",
    QPalette.ColorRole.ButtonText: "#e9eef3",
    QPalette.ColorRole.Highlight: "#2f6fd6",
    QPalette.ColorRole.HighlightedText: "#ffffff",
    QPalette.ColorRole.ToolTipBase: "#262e38",
    QPalette.ColorRole.ToolTipText: "#e9eef3",
    QPalette.ColorRole.PlaceholderText: "#8b96a3",
    QPalette.ColorRole.Link: "#7fb2ff",
}

_STYLESHEET = """
QToolBar { spacing: 8px; padding: 4px 8px; }
QToolButton#chip {
    padding: 2px 10px; border-radius: 10px; background: palette(alternate-base);
    border: 1px solid palette(mid);
}
QToolButton#chip:hover { border-color: palette(highlight); }
QLabel#breadcrumbEmpty { color: palette(placeholder-text); }
QLabel#searchHint { color: #c0392b; }
QLabel#countLabel, QLabel#networkStatus, QLabel#mapStatus {
    padding: 4px 6px; color: palette(placeholder-text);
}
QTableView { font-size: 10pt; }
QTextBrowser { font-size: 11pt; padding: 8px; }
"""


def apply_theme(app: QApplication, theme: str) -> None:
    app.setStyle("Fusion")
    palette = app.style().standardPalette()
    if theme == "dark":
        for role, colour in _DARK.items():
            palette.setColor(role, QColor(colour))
        for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text, QPalette.ColorRole.ButtonText):
            palette.setColor(QPalette.ColorGroup.Disabled, role, QColor("#6b7683"))
    app.setPalette(palette)
    app.setStyleSheet(_STYLESHEET)
