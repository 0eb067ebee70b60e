"""Entity clean-up from the window: the `explorer kb` corrections on a right-click (reader, network,
facets), each previewed ("12 briefings will be read again"), applied on the writer thread, undone
with Ctrl+Z, and listed in the corrections log."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QInputDialog,
    QMainWindow,
    QMenu,
    QMessageBox,
    QPlainTextEdit,
    QVBoxLayout,
)

from explorer.extract import readings_file
from explorer.model import ENTITY_KINDS, Entity, briefings_text
from explorer.ui.tasks import TaskRunner
from explorer.ui.workspace_data import WorkspaceData
from explorer.workspace.corrections import correct, undo_correction
from explorer.workspace.reextraction import ReextractionWorker

# An install that has not imported yet (a team workspace opened on a new machine) has no dictionary file:
# the worker writes it a while after the start (an import's worker writes it otherwise), so that the
# first alias search or re-pin menu does not build the dictionary on the window's GUI thread.
NAMES_FILE_AFTER_MS = 20_000


def _ref(entity: Entity) -> dict[str, str]:
    return {"name": entity.name, "kind": entity.kind}


class EntityEditor:
    """Owns the corrections made from one window: menus, preview, background apply, undo, log."""

    def __init__(self, window: QMainWindow, data: WorkspaceData, runner: TaskRunner) -> None:
        self._window = window
        self._data = data
        self._runner = runner
        self.manager = None
        self.busy = False
        self.last_result = ""  # what the last correction or undo did, as the status bar said it
        # Corrections read their briefings again there: the window never holds the extraction dictionary.
        self.reextraction = ReextractionWorker()
        QTimer.singleShot(NAMES_FILE_AFTER_MS, window, self.prepare_names_file)
        undo = QAction("Undo last correction", window)
        undo.setShortcut(QKeySequence.StandardKey.Undo)
        undo.triggered.connect(self.undo)
        window.addAction(undo)
        log = QAction("Corrections log…", window)
        log.setShortcut(QKeySequence("Ctrl+Shift+L"))
        log.triggered.connect(self.show_log)
        window.addAction(log)
        # Every place an entity is shown offers the same corrections on a right-click.
        reader = window.reader_panel
        for view in (reader.reader, reader.facets, window.network_panel, window.map_panel):
            view.entity_menu = self.add_to_menu
        network = window.network_panel
        self.attach_to_table(network.node_table, lambda row: network.node_model.row_at(row).id)

    @property
    def data(self) -> WorkspaceData:
        return self._data

    @property
    def store(self):
        return self._data.store

    def open_manager(self):
        from explorer.ui.entity_manager import EntityManager

        if self.manager is None:
            self.manager = EntityManager(self, self._window)
        self.manager.refresh()
        self.manager.show()
        self.manager.raise_()
        return self.manager

    def merge_all(
        self,
        sources: list[Entity],
        target: Entity,
        confirm: bool = True,
        on_done: Callable[[], None] | None = None,
    ) -> None:
        """Merge several entities into one, one correction each (each can be undone), one after another."""
        if not sources:
            if on_done:
                on_done()
            return
        into = {"name": target.name, "kind": target.kind, "country": target.country}
        first, rest = sources[0], sources[1:]
        correction = {"op": "merge", "source": _ref(first), "target": into}
        if confirm:
            count = len(
                set().union(*(self.store.touched_by({**correction, "source": _ref(s)}) for s in sources))
            )
            answer = QMessageBox.question(
                self._window,
                "Merge entities",
                f"Merge {len(sources)} entities into “{target.name}”? "
                f"{briefings_text(count)} will be read again.",
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        self.propose(correction, confirm=False, on_done=lambda: self.merge_all(rest, target, False, on_done))

    def attach_to_table(self, table: QAbstractItemView, entity_at: Callable[[int], int]) -> None:
        """A right-click on a table's row offers the corrections of the entity in it."""

        def open_menu(position: QPoint) -> None:
            index = table.indexAt(position)
            if not index.isValid():
                return
            menu = QMenu(table)
            menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            self.add_to_menu(menu, entity_at(index.row()))
            menu.popup(table.viewport().mapToGlobal(position))

        table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        table.customContextMenuRequested.connect(open_menu)

    # -- the menu ------------------------------------------------------------------------------------
    def add_to_menu(
        self, menu: QMenu, entity_id: int, spelling: str | None = None, briefing_id: int = -1
    ) -> None:
        """The corrections of an entity; with the `spelling` clicked in the text, those of that spelling
        alone too (split it off as another entity, or reject it there only). `briefing_id`: the briefing
        the menu was opened on, whose spellings may be corrected in it alone."""
        store = self._data.store
        entity = store.entity(entity_id)
        if entity is None:
            return
        in_briefing = store.spellings(entity_id, briefing_id) if briefing_id >= 0 else []
        scope = store.content_hash_of(briefing_id) if in_briefing else None
        menu.addSeparator()
        if not store.writable:  # a role that may only read a team workspace: no watch, no correction
            menu.addAction("Read-only workspace: no corrections or watches").setEnabled(False)
            return
        menu.addAction(f"Watch “{entity.name}”…", lambda: self._window.reader_panel.watch_entity(entity))
        edit = menu.addMenu(f"Edit “{entity.name}”")
        edit.addAction("Rename…", lambda: self._ask_rename(entity))
        edit.addAction("Merge into…", lambda: self._ask_merge(entity))
        edit.addAction("Add alias…", lambda: self._ask_alias(entity))
        kinds = edit.addMenu("Change kind")
        for kind in ENTITY_KINDS:
            if kind != entity.kind:
                kinds.addAction(
                    kind, lambda k=kind: self.propose({"op": "set", "target": _ref(entity), "kind": k})
                )
        edit.addAction("Change home country…", lambda: self._ask_country(entity))
        edit.addSeparator()
        edit.addAction(
            "Reject (not an entity)", lambda: self.propose({"op": "reject", "target": _ref(entity)})
        )
        if entity.kind == "place":
            # From the map no spelling was clicked: those of the briefing shown, else the commonest.
            for written in [spelling] if spelling else in_briefing or store.spellings(entity_id):
                self._add_repin(edit, entity, written, scope if written in in_briefing else None)
        if spelling:
            edit.addSeparator()
            edit.addAction(
                f"Split “{spelling}” off as another entity…", lambda: self._ask_split(entity, spelling)
            )
            reject = {"op": "reject", "target": _ref(entity), "surface": spelling}
            if scope and spelling in in_briefing:
                edit.addAction(
                    f"Reject “{spelling}” in this briefing only",
                    lambda: self.propose(reject | {"briefing": scope}),
                )
            edit.addAction(f"Reject “{spelling}” everywhere", lambda: self.propose(reject))

    def _ask_rename(self, entity: Entity) -> None:
        name, ok = QInputDialog.getText(self._window, "Rename entity", "New name:", text=entity.name)
        if ok and name.strip() and name.strip() != entity.name:
            target = {"name": name.strip(), "kind": entity.kind, "country": entity.country}
            self.propose({"op": "merge", "source": _ref(entity), "target": target})

    def _ask_merge(self, entity: Entity) -> None:
        names = [
            e.name
            for e in self._data.store.entities(limit=5000)
            if e.kind == entity.kind and e.id != entity.id
        ]
        name, ok = QInputDialog.getItem(
            self._window, "Merge into", f"Merge “{entity.name}” into:", names, 0, True
        )
        if ok and name:
            target = self._data.store.entity_ids_named(entity.kind, name)
            found = self._data.store.entity(target[0]) if target else None
            country = found.country if found else entity.country
            self.propose(
                {
                    "op": "merge",
                    "source": _ref(entity),
                    "target": {"name": name, "kind": entity.kind, "country": country},
                }
            )

    def _add_repin(self, edit: QMenu, entity: Entity, spelling: str, briefing: str | None) -> None:
        """ "Re-pin “Georgia” as ▸ Georgia, United States (US)": every mention written so becomes the
        other reading (a split into that place); with the content hash of a `briefing`, in that briefing
        alone or everywhere."""
        from explorer.extract.readings import readings

        others = [r for r in readings(spelling) if (r.name, r.country) != (entity.name, entity.country)]
        if not others:
            return
        scopes = [("", {})]
        if briefing:
            scopes = [(" in this briefing", {"briefing": briefing}), (" everywhere", {})]
        for words, scope in scopes:
            repin = edit.addMenu(f"Re-pin “{spelling}”{words} as")
            for reading in others:
                into = {"name": reading.name, "kind": "place", "country": reading.country}
                into |= {"lat": reading.lat, "lon": reading.lon}
                split = {"op": "split", "source": _ref(entity), "surface": spelling, "into": into} | scope
                label = f"{reading.name} ({reading.kind}{', ' + reading.country if reading.country else ''})"
                repin.addAction(label, lambda c=split: self.propose(c))

    def _ask_split(self, entity: Entity, spelling: str) -> None:
        name, ok = QInputDialog.getText(
            self._window, "Split off", f"Mentions written “{spelling}” become the entity:", text=spelling
        )
        if ok and name.strip():
            into = {"name": name.strip(), "kind": entity.kind, "country": entity.country}
            self.propose({"op": "split", "source": _ref(entity), "surface": spelling, "into": into})

    def _ask_alias(self, entity: Entity) -> None:
        alias, ok = QInputDialog.getText(self._window, "Add alias", f"Text that also names “{entity.name}”:")
        if ok and alias.strip():
            self.propose(
                {"op": "alias", "target": _ref(entity) | {"country": entity.country}, "alias": alias.strip()}
            )

    def _ask_country(self, entity: Entity) -> None:
        code, ok = QInputDialog.getText(
            self._window, "Home country", "ISO code (e.g. AU), empty for none:", text=entity.country or ""
        )
        if ok:
            self.propose({"op": "set", "target": _ref(entity), "country": code.strip().upper()})

    # -- preview and apply ---------------------------------------------------------------------------
    def preview(self, correction: dict[str, Any]) -> int:
        """How many briefings the correction makes the app read again."""
        return len(self._data.store.touched_by(correction))

    def propose(
        self, correction: dict[str, Any], confirm: bool = True, on_done: Callable[[], None] | None = None
    ) -> None:
        count = self.preview(correction)
        self.reextraction.warm()  # it loads while the analyst reads the question
        if confirm:
            answer = QMessageBox.question(
                self._window,
                "Correct extraction",
                f"{briefings_text(count)} will be read again. Apply the correction?",
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        self._run(lambda store: correct(store, correction, self.reextraction), on_done)

    def undo(self, on_done: Callable[[], None] | None = None) -> None:
        if not any(r.undone_at is None for r in self._data.store.corrections()):
            self._status("Nothing to undo")
            return
        self.reextraction.warm()
        self._run(lambda store: undo_correction(store, extracting=self.reextraction), on_done, undoing=True)

    def prepare_names_file(self) -> None:
        if not readings_file.path().exists():
            self.reextraction.write_names_file()

    def stop(self) -> None:
        """End the re-extraction worker once a correction being applied is done (the window closes)."""
        self.reextraction.close()

    def _run(self, change: Callable, on_done: Callable[[], None] | None, undoing: bool = False) -> None:
        if self.busy:
            self._status("A correction is still being applied")
            return
        self.busy = True
        data = self._data

        def work(_ctx):
            with data.writing() as writer:
                return change(writer)

        def done(record) -> None:
            self.busy = False
            data.release()
            verb = "Undone" if undoing else "Corrected"
            self.last_result = f"{verb}: {record.summary} ({briefings_text(record.briefings)} read again)"
            self._status(self.last_result)
            if on_done:
                on_done()

        def failed(message: str) -> None:
            self.busy = False
            data.release()
            reason = message.split(": ", 1)[-1] if "CorrectionError" in message else message
            self.last_result = f"Not applied: {reason}"
            self._status(self.last_result)
            if on_done:
                on_done()

        self._status("Applying the correction…")
        data.hold()
        self._runner.run(work, on_done=done, on_error=failed, writes=True, owner=self._window)

    def _status(self, text: str) -> None:
        self._window.statusBar().showMessage(text, 15_000)

    # -- the log -------------------------------------------------------------------------------------
    def show_log(self) -> QDialog:
        dialog = QDialog(self._window)
        dialog.setWindowTitle("Corrections")
        dialog.resize(760, 420)
        text = QPlainTextEdit(dialog)
        text.setReadOnly(True)
        lines = [
            f"#{r.id:<4} {r.created_at}  {r.summary}  [{r.briefings} briefings]"
            + (f"  (undone {r.undone_at})" if r.undone_at else "")
            for r in self._data.store.corrections()
        ]
        text.setPlainText("\n".join(lines) or "No corrections yet. Right-click an entity to correct it.")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, dialog)
        buttons.rejected.connect(dialog.reject)
        layout = QVBoxLayout(dialog)
        layout.addWidget(text)
        layout.addWidget(buttons)
        dialog.log_text = text  # type: ignore[attr-defined]
        dialog.open()
        return dialog
