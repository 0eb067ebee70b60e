"""Render the map for a filter to an image of an exact size, without showing a window.

The page lays out as if it were `REFERENCE_WIDTH` CSS pixels wide and is drawn at the requested size
through the zoom factor, so a 3840-pixel export is as crisp as it is large, with the same layout as a
1920-pixel one rather than the same layout with tiny type.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QImage
from PySide6.QtWebChannel import QWebChannel
from PySide6.QtWebEngineCore import QWebEnginePage, QWebEngineProfile
from PySide6.QtWebEngineWidgets import QWebEngineView

from explorer.geo.basemap import ensure_basemap
from explorer.map import page as map_page
from explorer.map.assets import url
from explorer.map.payload import map_data, snapshot_caption
from explorer.model import Filter
from explorer.query import named_countries
from explorer.store import Store
from explorer.ui.map.panel import MapBridge

REFERENCE_WIDTH = 1920
MAX_SIDE = 8192
TIMEOUT_MS = 60_000
POLL_MS = 60
FIT_DELAY_MS = 150
SETTLE_GRABS = 25  # a filter that changes nothing on screen still finishes, after about 1.5 s


@dataclass(frozen=True)
class SnapshotRequest:
    width: int
    height: int
    flt: Filter = Filter()
    theme: str = "light"
    title: str = "Briefing Explorer — story locations"

    def problem(self) -> str | None:
        if not (16 <= self.width <= MAX_SIDE and 16 <= self.height <= MAX_SIDE):
            return (
                f"image size must be between 16 and {MAX_SIDE} pixels a side, got {self.width}x{self.height}"
            )
        if self.theme not in map_page.THEMES:
            return f"unknown theme {self.theme!r}; choose one of {', '.join(map_page.THEMES)}"
        return None


class _ReportingPage(QWebEnginePage):
    script_error = Signal(str)

    def javaScriptConsoleMessage(self, level, message, line, source):
        if level == QWebEnginePage.JavaScriptConsoleMessageLevel.ErrorMessageLevel:
            self.script_error.emit(message)


class MapSnapshot(QObject):
    """One export. Emits `finished(QImage)` or `failed(str)`; all work happens on the GUI event loop."""

    finished = Signal(QImage)
    failed = Signal(str)
    progress = Signal(str)

    def __init__(
        self, store: Store, profile: QWebEngineProfile, cache_dir: Path, request: SnapshotRequest
    ) -> None:
        super().__init__()
        self._store = store
        self._request = request
        self._cache_dir = cache_dir
        self._done = False
        self._before = QImage()
        self._last = QImage()
        self._grabs = 0
        self.view = QWebEngineView()
        self.view.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen)
        self.page = _ReportingPage(profile, self.view)
        self.page.script_error.connect(lambda message: self._fail(f"the map page failed: {message}"))
        self.view.setPage(self.page)
        self.bridge = MapBridge(self)
        self._channel = QWebChannel(self.page)
        self._channel.registerObject("bridge", self.bridge)
        self.page.setWebChannel(self._channel)
        self.bridge.ready.connect(self._on_ready)
        self._timeout = QTimer(self)
        self._timeout.setSingleShot(True)
        self._timeout.timeout.connect(lambda: self._fail("the map did not finish rendering in time"))
        self._poll = QTimer(self)
        self._poll.setInterval(POLL_MS)
        self._poll.timeout.connect(self._check_painted)

    def start(self) -> None:
        problem = self._request.problem()
        if problem:
            QTimer.singleShot(0, self, lambda: self._fail(problem))
            return
        self._timeout.start(TIMEOUT_MS)
        self.progress.emit("Preparing the basemap…")
        basemap = ensure_basemap(self._cache_dir)
        html = map_page.build(
            theme=self._request.theme, basemap_url=url(f"generated/{basemap.name}"), snapshot=True
        )
        page_file = self._cache_dir / f"snapshot-{self._request.theme}.html"
        page_file.write_text(html, encoding="utf-8")
        width, height = self._request.width, self._request.height
        zoom = max(0.25, min(5.0, width / REFERENCE_WIDTH))
        self.view.resize(width, height)
        self.page.setZoomFactor(zoom)
        self.view.show()
        self.progress.emit("Rendering the map…")
        self.view.load(QUrl(url(f"generated/{page_file.name}")))

    def _on_ready(self) -> None:
        # The frame before the data arrives: the export waits until the picture has moved on from it.
        self._before = self.view.grab().toImage()
        data = map_data(self._store, self._request.flt)
        caption = snapshot_caption(self._store, self._request.flt, self._request.title)
        payload = data.to_json_text().replace("<", "\\u003c")
        self.page.runJavaScript(
            f"ExplorerMap.update({payload}); ExplorerMap.setCaption({_json(caption)}); null"
        )
        # Chromium applies the zoom factor's new viewport a moment after load; framing before that
        # would be undone by Leaflet's resize handling, so fit once the size has settled.
        QTimer.singleShot(FIT_DELAY_MS, self, self._fit)

    def _fit(self) -> None:
        if self._done:
            return
        fit = list(named_countries(self._request.flt))
        self.page.runJavaScript(f"ExplorerMap.resized({_json(fit)}); ExplorerMap.markPainted(); null")
        self._poll.start()

    def _check_painted(self) -> None:
        self.page.runJavaScript("window.explorerPainted || 0", 0, self._painted)

    def _painted(self, value: object) -> None:
        if self._done or not value:
            return
        # The page has painted, but the compositor may still hand back an older frame: grab until the
        # frame differs from the one before the data, and two grabs in a row agree.
        image = self.view.grab().toImage()
        self._grabs += 1
        settled = image == self._last and (image != self._before or self._grabs > SETTLE_GRABS)
        self._last = image
        if not settled:
            return
        self._poll.stop()
        if image.width() != self._request.width or image.height() != self._request.height:
            image = image.scaled(self._request.width, self._request.height)
        self._done = True
        self._timeout.stop()
        self.finished.emit(image)

    def _fail(self, message: str) -> None:
        if self._done:
            return
        self._done = True
        self._poll.stop()
        self._timeout.stop()
        self.failed.emit(message)

    def cancel(self) -> None:
        self._fail("cancelled")

    def dispose(self) -> None:
        self._poll.stop()
        self._timeout.stop()
        self.view.hide()
        self.page.deleteLater()
        self.view.deleteLater()


def _json(value: object) -> str:
    return json.dumps(value).replace("<", "\\u003c")


def export_png(store: Store, request: SnapshotRequest, out: Path, cache_dir: Path) -> None:
    """Headless export for the command line: render, save, and raise ExportError with one line on failure."""
    (image,) = render_images(store, [request], cache_dir)
    if not image.save(str(out), "PNG"):
        raise ExportError(f"cannot write {out}")


def render_images(store: Store, requests: list[SnapshotRequest], cache_dir: Path) -> list[QImage]:
    """Render several maps headless, one after the other, with one web profile; ExportError on failure."""
    from PySide6.QtCore import QCoreApplication, QEvent, QEventLoop
    from PySide6.QtWidgets import QApplication

    from explorer.map.assets import asset_routes
    from explorer.ui.map.web import make_profile, release_profile

    _app = QApplication.instance() or QApplication(["explorer"])  # kept alive while rendering
    cache_dir.mkdir(parents=True, exist_ok=True)
    profile, _guard = make_profile(asset_routes(cache_dir))
    images: list[QImage] = []
    try:
        for request in requests:
            snapshot = MapSnapshot(store, profile, cache_dir, request)
            outcome: dict[str, object] = {}
            loop = QEventLoop()
            snapshot.finished.connect(
                lambda image, o=outcome, lp=loop: (o.setdefault("image", image), lp.quit())
            )
            snapshot.failed.connect(
                lambda message, o=outcome, lp=loop: (o.setdefault("error", message), lp.quit())
            )
            snapshot.start()
            if not outcome:
                loop.exec()
            snapshot.dispose()
            QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
            if "error" in outcome:
                raise ExportError(str(outcome["error"]))
            image = outcome["image"]
            assert isinstance(image, QImage)
            images.append(image)
    finally:
        release_profile(profile)  # the pages must be gone before their profile
    return images


class ExportError(Exception):
    """An export failed; the message is one line for the user."""
