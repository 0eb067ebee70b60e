"""What to import, asked in a dialog: files (Ctrl+I) or a whole folder (Ctrl+Shift+I). A Qt file dialog
picks either files or a folder, never both, so each has its own command."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QWidget

from explorer.ingest.registry import SUPPORTED_SUFFIXES


def file_filter() -> str:
    """The dialog's filter: every type the importers read, then anything (to be told why not)."""
    patterns = " ".join(f"*{suffix}" for suffix in sorted(SUPPORTED_SUFFIXES))
    return f"Briefings ({patterns});;All files (*)"


def choose_files(parent: QWidget) -> list[Path]:
    names, _ = QFileDialog.getOpenFileNames(parent, "Import briefing files", "", file_filter())
    return [Path(name) for name in names]


def choose_folder(parent: QWidget) -> list[Path]:
    folder = QFileDialog.getExistingDirectory(parent, "Import a folder of briefings")
    return [Path(folder)] if folder else []
