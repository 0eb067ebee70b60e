"""The map view: the folium page in a QWebEngineView, fed with JSON, answering through one bridge object."""

from __future__ import annotations

import json
import logging
import re
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, QUrl, Signal, Slot
from PySide6.QtGui import QCursor
from PySide6.QtWebChannel import QWebChannel
from PySide6.QtWebEngineCore import QWebEnginePage, QWebEngineProfile
from PySide6.QtWebEngineWidgets import QWebEngineView
from PySide6.QtWidgets import QLabel, QMenu, QVBoxLayout, QWidget

from explorer.extract.gazetteer import countries, country_name
from explorer.map import first_build
from explorer.map.assets import url
from explorer.map.payload import MapData, map_data
from explorer.reader.evidence import country_evidence
from explorer.ui.evidence_dialog import EvidenceDialog
from explorer.ui.filter_state import FilterState
from explorer.ui.tasks import TaskRunner
from explorer.ui.themes import PRESENTATION_SCALE
from explorer.ui.workspace_data import WorkspaceData

log = logging.getLogger(__name__)
_ISO2 = re.compile(r"^[A-Z]{2}$")
_ENTITY_ID = re.compile(r"^[0-9]{1,12}$")


class MapBridge(QObject):
    """The only object the page can call: seven commands, every argument checked, anything else ignored."""

    country_clicked = Signal(str)
    country_menu = Signal(str)
    place_clicked = Signal(int)
    place_evidence = Signal(int)
    popup_requested = Signal(int)
    place_menu = Signal(int)
    ready = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.rejected: list[str] = []
        self.known_places: set[int] = set()

    @Slot(str)
    def countryClicked(self, code: str) -> None:
        if isinstance(code, str) and _ISO2.match(code) and code in countries():
            self.country_clicked.emit(code)
        else:
            self._reject("countryClicked", code)

    @Slot(str)
    def countryMenu(self, code: str) -> None:
        if isinstance(code, str) and _ISO2.match(code) and code in countries():
            self.country_menu.emit(code)
        else:
            self._reject("countryMenu", code)

    @Slot(str)
    def placeEvidence(self, place_id: str) -> None:
        checked = self._place(place_id)
        if checked is not None:
            self.place_evidence.emit(checked)
        else:
            self._reject("placeEvidence", place_id)

    @Slot(str)
    def placeClicked(self, place_id: str) -> None:
        checked = self._place(place_id)
        if checked is not None:
            self.place_clicked.emit(checked)
        else:
            self._reject("placeClicked", place_id)

    @Slot(str)
    def popupRequested(self, place_id: str) -> None:
        checked = self._place(place_id)
        if checked is not None:
            self.popup_requested.emit(checked)
        else:
            self._reject("popupRequested", place_id)

    @Slot(str)
    def placeMenu(self, place_id: str) -> None:
        checked = self._place(place_id)
        if checked is not None:
            self.place_menu.emit(checked)
        else:
            self._reject("placeMenu", place_id)

    def event(self, event: QEvent) -> bool:
        """QWebChannel offers every QObject's deleteLater() to the page. A page may not delete the
        bridge: its deferred-delete event is dropped here. (The parent panel deletes it directly.)"""
        if event.type() == QEvent.Type.DeferredDelete:
            self._reject("deleteLater", None)
            return True
        return super().event(event)

    def _place(self, value: object) -> int | None:
        if isinstance(value, str) and _ENTITY_ID.match(value) and int(value) in self.known_places:
            return int(value)
        return None

    def _reject(self, command: str, value: object) -> None:
        self.rejected.append(f"{command}({repr(value)[:80]})")
        log.warning("map bridge ignored %s with a bad argument", command)

    @Slot(str)
    def pageReady(self, _unused: str) -> None:
        self.ready.emit()


class _Page(QWebEnginePage):
    def __init__(self, profile: QWebEngineProfile, parent: QObject) -> None:
        super().__init__(profile, parent)
        self.console: list[tuple[int, str]] = []

    def javaScriptConsoleMessage(self, level, message, line, source):
        self.console.append((int(level.value), message))


class MapPanel(QWidget):
    loaded = Signal()
    updated = Signal()  # the data for the current filter was handed to the page
    entity_menu = None  # (menu, entity id, spelling, briefing id): the corrections (explorer.ui.entity_edit)

    def __init__(
        self,
        data: WorkspaceData,
        state: FilterState,
        runner: TaskRunner,
        profile: QWebEngineProfile,
        generated_dir: Path,
        theme: str = "light",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._data = data
        self._store = data.store
        self._state = state
        self._runner = runner
        self._generation = 0
        self._asked = 0  # the generation of the last query that may still deliver its data
        self._early: tuple[int, MapData, str] | None = None  # data that came before the page was ready
        self._released = False
        self._theme = theme
        self._page_build = first_build.PageBuild()
        self._scale = 1.0
        self.is_ready = False
        self.view = QWebEngineView(self)
        self.page = _Page(profile, self.view)
        self.view.setPage(self.page)
        self.view.setAccessibleName("Map of briefing locations")
        self.bridge = MapBridge(self)
        self._channel = QWebChannel(self.page)
        self._channel.registerObject("bridge", self.bridge)
        self.page.setWebChannel(self._channel)
        self.status = QLabel("Loading the map…", self)
        self.status.setWordWrap(True)  # a long status wraps instead of widening the panel
        self.status.setObjectName("mapStatus")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.status)
        layout.addWidget(self.view, 1)

        self.bridge.ready.connect(self._on_ready)
        self.bridge.country_clicked.connect(self._on_country_clicked)
        self.bridge.place_clicked.connect(self._on_place_clicked)
        self.bridge.popup_requested.connect(self._on_popup_requested)
        self.bridge.place_evidence.connect(self.show_place_evidence)
        self.bridge.place_menu.connect(self.show_place_menu)
        self.bridge.country_menu.connect(self.show_country_menu)
        state.changed.connect(lambda _flt: self.refresh())
        data.changed.connect(lambda _external: self.refresh())
        state.briefing_selected.connect(self._on_briefing_selected)
        # The basemap and the page, built on a first start and read from the cache after: off this thread.
        runner.run(lambda _ctx: self._page_file(generated_dir), on_done=self._load_page, owner=self)
        self.refresh()  # the data is queried while the page loads (half a second at 100,000 briefings)

    def _page_file(self, generated_dir: Path) -> Path:
        return self._page_build.window_page(generated_dir, self._theme)

    def stop_building(self) -> None:
        """The window is closing: a first start's page build stops (the next start builds it)."""
        self._page_build.stop()

    def _load_page(self, page_file: Path) -> None:
        self.view.load(QUrl(url(f"generated/{page_file.name}")))

    def _on_ready(self) -> None:
        self.is_ready = True
        self.updated.connect(self.loaded, Qt.ConnectionType.SingleShotConnection)  # loaded with its data
        self.loaded.connect(self._name_page_widget)
        early, self._early = self._early, None
        if early is not None and early[0] == self._generation:
            self._show(*early)
        elif self._asked != self._generation:  # none asked, or it failed
            self.refresh()
        # else the current query is still running: it shows its data when it ends

    def refresh(self) -> None:
        """Query the map's data for the current filter on a worker (tens of milliseconds on a big
        workspace, half a second at a first paint of 100,000 briefings), then push it to the page; a
        newer filter makes an older answer moot. Before the page is ready the answer waits for it."""
        if self._released:
            return
        self._generation += 1
        self._asked = self._generation
        generation = self._generation
        flt, briefing_id = self._state.filter, self._state.briefing_id

        def work(_ctx) -> tuple[MapData, str]:
            with self._data.reading("map") as reader:
                highlighted = []
                if briefing_id >= 0:
                    highlighted = [code for code, _w in reader.briefing_countries(briefing_id)]
                data = map_data(reader, flt, highlighted)
                # An entity chosen anywhere (network, reader, facets) shows on the map through its country.
                for entity_id in flt.entity_ids:
                    entity = reader.entity(entity_id)
                    if entity and entity.country and entity.country not in data.selected:
                        data.selected.append(entity.country)
            return data, data.to_json_text()

        self._runner.run(
            work,
            on_done=lambda result: self._show(generation, *result),
            on_error=lambda message: self._refresh_failed(generation, message),
            owner=self,
        )

    def _refresh_failed(self, generation: int, message: str) -> None:
        if generation == self._asked:
            self._asked = 0  # asked again when the page is ready
        log.error("map refresh failed: %s", message)
        self.status.setText(f"The map could not be updated: {message}")

    def _show(self, generation: int, data: MapData, payload: str) -> None:
        if generation != self._generation or self._released:
            return
        if not self.is_ready:
            self._early = (generation, data, payload)
            return
        self.bridge.known_places = set(data.located.ids())
        self.status.setText(
            f"Story locations · {len(data.counts)} countries · {len(data.located)} places · click to filter"
        )
        self.page.runJavaScript(f"ExplorerMap.update({payload}); null")
        self.updated.emit()

    def _on_briefing_selected(self, briefing_id: int) -> None:
        if not self.is_ready:
            return
        codes = [code for code, _w in self._store.briefing_countries(briefing_id)] if briefing_id >= 0 else []
        self._push("highlight", codes, False)

    def _on_country_clicked(self, code: str) -> None:
        flt = self._state.filter
        chosen = () if flt.countries == (code,) else (code,)
        self._state.set(replace(flt, countries=chosen))

    def _on_place_clicked(self, place_id: int) -> None:
        flt = self._state.filter
        self._state.set(replace(flt, entity_ids=(place_id,)))

    def _on_popup_requested(self, place_id: int) -> None:
        rows = self._store.briefings_mentioning(place_id, self._state.filter, limit=5)
        self._push("showPopup", place_id, [f"{r.published or 'undated'} — {r.title}" for r in rows])

    def show_place_evidence(self, place_id: int) -> EvidenceDialog:
        dialog = EvidenceDialog.for_entity(self._store, place_id, self._state.filter, self)
        return dialog.open_for(self._state)

    def show_place_menu(self, place_id: int, at: QPoint | None = None) -> QMenu:
        """A right-click on a place (or its popup's Correct…): its briefings, its evidence, and the
        corrections: re-pin it, in the selected briefing or everywhere; rename; reject."""
        menu = self._menu()
        menu.addAction("Show these briefings", lambda: self._on_place_clicked(place_id))
        menu.addAction("Show evidence…", lambda: self.show_place_evidence(place_id))
        self._add_corrections(menu, [place_id])
        menu.popup(at or QCursor.pos())
        return menu

    def show_country_menu(self, code: str, at: QPoint | None = None) -> QMenu:
        """A right-click on a country: its briefings, the evidence that put them there, and the
        corrections of the place names read as this country: "Georgia" in a note about peaches is
        re-pinned to the US state from here. With a briefing selected, its places in the country too."""
        menu = self._menu()
        menu.addAction(
            f"Show briefings in {country_name(code)}",
            lambda: self._state.set(replace(self._state.filter, countries=(code,))),
        )
        menu.addAction("Show evidence…", lambda: self.show_country_evidence(code))
        named = self._store.entity_ids_named("place", country_name(code))
        if self._state.briefing_id >= 0:
            within = [e.id for e, *_ in self._store.briefing_mentions(self._state.briefing_id)
                      if e.kind == "place" and e.country == code]  # fmt: skip
            named += [i for i in dict.fromkeys(within) if i not in named]
        self._add_corrections(menu, named[:6])
        menu.popup(at or QCursor.pos())
        return menu

    def _menu(self) -> QMenu:
        menu = QMenu(self)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        return menu

    def _add_corrections(self, menu: QMenu, entity_ids: list[int]) -> None:
        if self.entity_menu is not None:
            for entity_id in entity_ids:
                self.entity_menu(menu, entity_id, None, self._state.briefing_id)

    def show_country_evidence(self, code: str) -> EvidenceDialog:
        """The sentences that put each briefing in a country (a place or an organisation named there)."""
        items = country_evidence(self._store, code, self._state.filter)
        return EvidenceDialog([(country_name(code), items)], self).open_for(self._state)

    def _name_page_widget(self) -> None:
        # Keyboard focus sits on the page's render widget, not on the view: name it too.
        if self.view.focusProxy() is not None:
            self.view.focusProxy().setAccessibleName(self.view.accessibleName())

    def fly_to_selection(self) -> None:
        """Fly to the selected briefing's countries, else the filtered countries, else the world."""
        codes = list(self._state.filter.countries)
        if self._state.briefing_id >= 0:
            codes = [code for code, _w in self._store.briefing_countries(self._state.briefing_id)]
        self._push("flyTo", codes)

    def current_view(self, done) -> None:
        """Calls `done((lat, lon, zoom))` with what the map shows now, or `done(None)` before it is ready."""
        if not self.is_ready:
            done(None)
            return

        def received(value: object) -> None:
            try:
                view = json.loads(str(value))
                done((float(view["center"][0]), float(view["center"][1]), float(view["zoom"])))
            except (TypeError, ValueError, KeyError):
                done(None)

        self.page.runJavaScript("ExplorerMap.view()", 0, received)

    def show_view(self, lat: float, lon: float, zoom: float) -> None:
        self._push("setView", lat, lon, zoom)

    def fly_to(self, codes: list[str]) -> None:
        self._push("flyTo", codes)

    def release_page(self) -> None:
        self.is_ready = False
        self._released = True
        self.page.deleteLater()

    def set_theme(self, theme: str) -> None:
        self._theme = theme
        if self.is_ready:
            self._push("setTheme", theme)
        self.set_scale(self._scale)

    def set_presenting(self, on: bool) -> None:
        self.status.setVisible(not on)

    def set_scale(self, scale: float) -> None:
        """Type size of the page (legend, popups) with the rest of the window. The projector page is drawn
        for a room already (its legend is 22 px, as in exports): there 2.0 is its natural size."""
        self._scale = scale
        natural = PRESENTATION_SCALE if self._theme == "projector" else 1.0
        self.view.setZoomFactor(max(1.0, scale / natural))

    def _push(self, function: str, *args: object) -> None:
        # JSON is valid JavaScript; "; null" keeps Leaflet objects from being returned to Qt.
        payload = ", ".join(json.dumps(a) for a in args)
        self.page.runJavaScript(f"ExplorerMap.{function}({payload}); null")
