"""Export map…: size, theme, title and file; PNG renders off-screen, other formats are written directly."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QWidget,
)

from explorer.map.files import FORMATS
from explorer.ui.map.snapshot import MAX_SIDE

SIZE_PRESETS = (
    ("Full HD 1920 × 1080", 1920, 1080),
    ("4K 3840 × 2160", 3840, 2160),
    ("Square 1080 × 1080", 1080, 1080),
)
THEMES = (("Light", "light"), ("Dark", "dark"), ("Projector (high contrast)", "projector"))


@dataclass(frozen=True)
class ExportChoice:
    path: Path
    fmt: str
    width: int
    height: int
    theme: str
    title: str


class ExportDialog(QDialog):
    def __init__(self, default_dir: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Export map")
        self.size_combo = QComboBox(self)
        for label, w, h in SIZE_PRESETS:
            self.size_combo.addItem(label, (w, h))
        self.size_combo.addItem("Custom", None)
        self.width_box = QSpinBox(self)
        self.height_box = QSpinBox(self)
        for box in (self.width_box, self.height_box):
            box.setRange(16, MAX_SIDE)
            box.setSuffix(" px")
        self.width_box.setValue(1920)
        self.height_box.setValue(1080)
        self.size_combo.currentIndexChanged.connect(self._preset_chosen)
        sizes = QHBoxLayout()
        sizes.addWidget(self.width_box)
        sizes.addWidget(self.height_box)
        self.theme_combo = QComboBox(self)
        for label, key in THEMES:
            self.theme_combo.addItem(label, key)
        self.title_edit = QLineEdit("Briefing Explorer — story locations", self)
        self.path_edit = QLineEdit(str(default_dir / "map.png"), self)
        browse = QPushButton("Browse…", self)
        browse.clicked.connect(self._browse)
        path_row = QHBoxLayout()
        path_row.addWidget(self.path_edit, 1)
        path_row.addWidget(browse)
        form = QFormLayout(self)
        form.addRow("Size", self.size_combo)
        form.addRow("", sizes)
        form.addRow("Theme", self.theme_combo)
        form.addRow("Title", self.title_edit)
        form.addRow("File", path_row)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def _preset_chosen(self, index: int) -> None:
        preset = self.size_combo.itemData(index)
        if preset:
            self.width_box.setValue(preset[0])
            self.height_box.setValue(preset[1])

    def _browse(self) -> None:
        path, _selected = QFileDialog.getSaveFileName(
            self,
            "Export map as",
            self.path_edit.text(),
            "PNG image (*.png);;Offline HTML page (*.html);;GeoJSON (*.geojson);;KML (*.kml);;CSV (*.csv)",
        )
        if path:
            self.path_edit.setText(path)

    def choice(self) -> ExportChoice:
        path = Path(self.path_edit.text()).expanduser()
        fmt = path.suffix.lstrip(".").lower()
        if fmt not in FORMATS:
            fmt = "png"
            path = path.with_suffix(".png")
        return ExportChoice(
            path=path,
            fmt=fmt,
            width=self.width_box.value(),
            height=self.height_box.value(),
            theme=self.theme_combo.currentData(),
            title=self.title_edit.text().strip(),
        )
