"""Provenance: the sentences (with briefing titles and dates) behind an entity or a link. Each title opens
its briefing in the window; the entities are highlighted in their sentence."""

from __future__ import annotations

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QDialog, QTextBrowser, QVBoxLayout, QWidget

from explorer.model import Filter
from explorer.reader.evidence import Evidence, evidence, evidence_html
from explorer.store import Store
from explorer.ui.filter_state import FilterState


class EvidenceDialog(QDialog):
    briefing_requested = Signal(int)

    def __init__(self, groups: list[tuple[str, list[Evidence]]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Evidence")
        self.resize(720, 560)
        self.text = QTextBrowser(self)
        self.text.setAccessibleName("Evidence sentences")
        self.text.setOpenLinks(False)
        self.text.anchorClicked.connect(self._on_anchor)
        dark = self.palette().color(QPalette.ColorRole.Base).lightness() < 128
        self.text.setHtml(evidence_html(groups, dark))
        QVBoxLayout(self).addWidget(self.text)

    def open_for(self, state: FilterState) -> EvidenceDialog:
        """Show the dialog; a title clicked opens its briefing in the window's views."""
        self.briefing_requested.connect(state.select_briefing)
        self.show()
        return self

    def _on_anchor(self, link: QUrl) -> None:
        if link.scheme() == "briefing" and link.path().isdigit():
            self.briefing_requested.emit(int(link.path()))

    @classmethod
    def for_entity(
        cls, store: Store, entity_id: int, flt: Filter, parent: QWidget | None = None
    ) -> EvidenceDialog:
        """The sentences behind one entity within the current filter."""
        entity = store.entity(entity_id)
        return cls([(entity.name if entity else "Entity", evidence(store, entity_id, None, flt))], parent)
