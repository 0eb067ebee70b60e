"""Window themes: light, dark and projector (high contrast, large enough for a room), each at a type scale.

One place says what each theme looks like: the widget palette and style sheet here, and the colours the
network and the reader use (`ThemeColours`); the map page has the same three palettes in assets/map/map.js.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

THEMES = ("light", "dark", "projector")
SCALE_MIN, SCALE_MAX, SCALE_STEP = 1.0, 2.5, 0.25
PRESENTATION_SCALE = 2.0  # at 1920×1080: reader text about 29 px, network names and map legend over 20 px
BASE_POINT_SIZE = 10.0


@dataclass(frozen=True)
class ThemeColours:
    background: str
    text: str
    dim_text: str  # names outside the current emphasis: dimmed, still legible
    ring: str
    outline: str
    link: str
    border_px: int


COLOURS = {
    "light": ThemeColours("#ffffff", "#1d232a", "#5a6570", "#d1242f", "#ffffff", "#9aa5b1", 1),
    "dark": ThemeColours("#161b22", "#e9eef3", "#a9b4c0", "#ffd23f", "#1d232a", "#8894a3", 1),
    "projector": ThemeColours("#ffffff", "#000000", "#303030", "#d40000", "#000000", "#4d4d4d", 2),
}

_PALETTES = {
    "dark": {
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
    },
    # Black on white with saturated accents: what survives a washed-out projector at five metres.
    "projector": {
        QPalette.ColorRole.Window: "#ffffff",
        QPalette.ColorRole.WindowText: "#000000",
        QPalette.ColorRole.Base: "#ffffff",
        QPalette.ColorRole.AlternateBase: "#eeeeee",
        QPalette.ColorRole.Text: "#000000",
        QPalette.ColorRole.Button: "#ffffff",
        QPalette.ColorRole.ButtonText: "#000000",
        QPalette.ColorRole.Highlight: "#0033cc",
        QPalette.ColorRole.HighlightedText: "#ffffff",
        QPalette.ColorRole.ToolTipBase: "#ffffff",
        QPalette.ColorRole.ToolTipText: "#000000",
        QPalette.ColorRole.PlaceholderText: "#333333",
        QPalette.ColorRole.Link: "#0033cc",
        QPalette.ColorRole.Mid: "#000000",
    },
}

_STYLESHEET = """
QToolBar {{ spacing: 8px; padding: 4px 8px; }}
QToolButton#chip {{
    padding: 2px 10px; border-radius: 10px; background: palette(alternate-base);
    border: {border}px solid palette(mid);
}}
QToolButton#chip:hover {{ border-color: palette(highlight); }}
QLabel#breadcrumbEmpty {{ color: palette(placeholder-text); }}
QLabel#searchHint {{ color: #c0392b; }}
QLabel#countLabel, QLabel#networkStatus, QLabel#mapStatus {{
    padding: 4px 6px; color: palette(placeholder-text);
}}
QLabel#caption {{ font-size: {caption}pt; font-weight: 600; padding: 6px 12px; }}
QTableView {{ font-size: {table}pt; }}
QTextBrowser {{ font-size: {reader}pt; padding: 8px; }}
"""


def system_theme() -> str:
    """The desktop's light or dark setting."""
    scheme = QGuiApplication.styleHints().colorScheme()
    return "dark" if scheme == Qt.ColorScheme.Dark else "light"


def resolve(theme: str | None) -> str:
    return theme if theme in THEMES else system_theme()


def clamp_scale(scale: float) -> float:
    return max(SCALE_MIN, min(SCALE_MAX, round(scale / SCALE_STEP) * SCALE_STEP))


def apply_theme(app: QApplication, theme: str, scale: float = 1.0) -> None:
    """Palette, style sheet and type size for every widget; the views restyle themselves on top."""
    app.setStyle("Fusion")
    palette = app.style().standardPalette()
    for role, colour in _PALETTES.get(theme, {}).items():
        palette.setColor(role, QColor(colour))
    if theme == "dark":
        for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text, QPalette.ColorRole.ButtonText):
            palette.setColor(QPalette.ColorGroup.Disabled, role, QColor("#6b7683"))
    app.setPalette(palette)
    font = QFont(app.font())
    font.setPointSizeF(BASE_POINT_SIZE * scale)
    app.setFont(font)
    app.setStyleSheet(
        _STYLESHEET.format(
            border=COLOURS[theme].border_px,
            caption=round(16 * scale, 1),
            table=round(10 * scale, 1),
            reader=round(11 * scale, 1),
        )
    )
