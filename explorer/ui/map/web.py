"""QtWebEngine plumbing: the app:// scheme, a request guard that keeps the page offline, and the profile."""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QCoreApplication, QEvent, QIODevice, QObject, QUrl
from PySide6.QtWebEngineCore import (
    QWebEngineProfile,
    QWebEngineUrlRequestInfo,
    QWebEngineUrlRequestInterceptor,
    QWebEngineUrlRequestJob,
    QWebEngineUrlScheme,
    QWebEngineUrlSchemeHandler,
)

from explorer.map.assets import HOST, SCHEME, AssetRoutes, mime_type

LOCAL_SCHEMES = {SCHEME, "qrc", "data", "blob", "about"}


def register_schemes() -> None:
    """Must run before the QApplication exists."""
    if QWebEngineUrlScheme.schemeByName(SCHEME.encode()).name():
        return
    scheme = QWebEngineUrlScheme(SCHEME.encode())
    scheme.setSyntax(QWebEngineUrlScheme.Syntax.Host)
    scheme.setFlags(
        QWebEngineUrlScheme.Flag.SecureScheme
        | QWebEngineUrlScheme.Flag.LocalScheme
        | QWebEngineUrlScheme.Flag.LocalAccessAllowed
        | QWebEngineUrlScheme.Flag.CorsEnabled
        | QWebEngineUrlScheme.Flag.FetchApiAllowed
    )
    QWebEngineUrlScheme.registerScheme(scheme)


class AssetSchemeHandler(QWebEngineUrlSchemeHandler):
    def __init__(self, routes: AssetRoutes, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._routes = routes

    def requestStarted(self, job: QWebEngineUrlRequestJob) -> None:
        url = job.requestUrl()
        path = self._routes.resolve(url.path()) if url.host() == HOST else None
        if path is None:
            job.fail(QWebEngineUrlRequestJob.Error.UrlNotFound)
            return
        try:
            data = path.read_bytes()
        except OSError:
            job.fail(QWebEngineUrlRequestJob.Error.RequestFailed)
            return
        buffer = QBuffer(job)
        buffer.setData(QByteArray(data))
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        job.reply(mime_type(path).encode(), buffer)


class OfflineGuard(QWebEngineUrlRequestInterceptor):
    """Blocks every request that is not local, and remembers every URL asked for (tests read it)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.requested: list[str] = []
        self.blocked: list[str] = []

    def interceptRequest(self, info: QWebEngineUrlRequestInfo) -> None:
        url = info.requestUrl()
        self.requested.append(url.toString())
        if not is_local(url):
            self.blocked.append(url.toString())
            info.block(True)


def is_local(url: QUrl) -> bool:
    return url.scheme() in LOCAL_SCHEMES


def make_profile(routes: AssetRoutes) -> tuple[QWebEngineProfile, OfflineGuard]:
    """An off-the-record profile (no disk cache, no cookies) with the app:// scheme installed.

    It has no parent: it must outlive every page using it, so its owner deletes it after the pages.
    """
    profile = QWebEngineProfile()
    profile.installUrlSchemeHandler(SCHEME.encode(), AssetSchemeHandler(routes, profile))
    guard = OfflineGuard(profile)
    profile.setUrlRequestInterceptor(guard)
    return profile, guard


def release_profile(profile: QWebEngineProfile) -> None:
    """Delete a profile after the pages that used it (their deleteLater() already called): the pending
    deletions run now, pages first. A profile released while a page still holds it ends the process
    ("Release of profile requested but WebEnginePage still not deleted"), which is what happened when
    the objects were left to Python's collector at exit."""
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    profile.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
