"""The About box (F1): version, extraction backend and data credits, under the app's icon."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from explorer.credits import about_lines
from explorer.extract import backend_name


def show_about(parent: QWidget) -> QMessageBox:
    box = QMessageBox(parent)
    box.setWindowTitle("About Briefing Explorer")
    box.setText("<br>".join(html.escape(line) for line in about_lines(backend_name())))
    box.setIconPixmap(parent.windowIcon().pixmap(96, 96))
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box
