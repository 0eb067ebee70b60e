"""Provenance: the sentences (with briefing titles and dates) behind an entity or a link."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QTextBrowser, QVBoxLayout, QWidget

from explorer.model import Filter
from explorer.reader.evidence import Evidence, evidence, evidence_html
from explorer.store import Store


class EvidenceDialog(QDialog):
    def __init__(self, groups: list[tuple[str, list[Evidence]]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Evidence")
        self.resize(720, 560)
        self.text = QTextBrowser(self)
        self.text.setHtml(evidence_html(groups))
        QVBoxLayout(self).addWidget(self.text)

    @classmethod
    def for_entity(
        cls, store: Store, entity_id: int, flt: Filter, parent: QWidget | None = None
    ) -> EvidenceDialog:
        """Open the sentences behind one entity within the current filter."""
        entity = store.entity(entity_id)
        dialog = cls([(entity.name if entity else "Entity", evidence(store, entity_id, None, flt))], parent)
        dialog.show()
        return dialog
