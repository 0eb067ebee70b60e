"""The report at the end of an import from the window: what failed and why, which stories arrived
twice, what landed. The text can be selected and copied whole, to paste into a ticket or a note."""

from __future__ import annotations

from PySide6.QtGui import QFontDatabase, QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from explorer.workspace.importer import ImportReport


class ImportReportDialog(QDialog):
    def __init__(self, report: ImportReport, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Import finished with problems" if report.failed else "Import finished")
        self.resize(760, 440)
        self.summary = QLabel(report.summary(), self)
        self.summary.setWordWrap(True)
        self.text = QPlainTextEdit(report.as_text(), self)
        self.text.setReadOnly(True)
        self.text.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.text.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.text.setAccessibleName("Import report")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.copy_button = QPushButton("Copy report", self)
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_button.clicked.connect(self.copy)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.text, 1)
        layout.addWidget(buttons)

    def copy(self) -> str:
        text = self.text.toPlainText()
        QGuiApplication.clipboard().setText(text)
        self.copy_button.setText("Copied")
        return text
