"""Feeds saved to disk → briefings, one per entry.

feedparser reads every common dialect (RSS 0.9x, 1.0/RDF, 2.0, Atom 0.3 and 1.0), declared and odd
encodings and dozens of date formats. Before it sees the bytes, defusedxml checks them: a feed that
declares entities (expansion bombs, external entities) is refused outright, never expanded. The
bytes are handed over as a stream, so feedparser never treats them as a URL or a file name to open.
"""

from __future__ import annotations

import calendar
import io
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import feedparser
from defusedxml import ElementTree
from defusedxml.common import DefusedXmlException

from explorer.ingest.errors import IngestError
from explorer.ingest.webpage import html_to_text
from explorer.model import Briefing


def parse_feed(data: bytes, origin: str) -> Iterator[tuple[int, Briefing | IngestError]]:
    """Yield (entry number, briefing or the error for that entry)."""
    _refuse_entity_tricks(data)
    parsed = feedparser.parse(io.BytesIO(data), sanitize_html=True, resolve_relative_uris=False)
    entries = parsed.get("entries") or []
    if not entries:
        if parsed.get("bozo") and parsed.get("bozo_exception") is not None:
            raise IngestError(f"malformed feed: {_one_line(parsed['bozo_exception'])}")
        raise IngestError("no entries: not an RSS, RDF or Atom feed")
    feed_title = _plain(parsed.get("feed", {}).get("title", ""))
    for number, entry in enumerate(entries, start=1):
        try:
            yield number, _briefing(entry, f"{origin}#{number}", feed_title)
        except IngestError as exc:
            yield number, exc


def _refuse_entity_tricks(data: bytes) -> None:
    try:
        ElementTree.fromstring(data)
    except DefusedXmlException as exc:
        raise IngestError(f"feed refused: {type(exc).__name__} (entity tricks are not expanded)") from exc
    except ElementTree.ParseError:
        pass  # not well-formed XML: feedparser's lenient parser may still read it


def _briefing(entry: Any, origin: str, feed_title: str) -> Briefing:
    title = _plain(entry.get("title", ""))
    contents = [c.get("value", "") for c in entry.get("content") or []]
    body_html = max(contents, key=len) if contents else ""
    summary = entry.get("summary", "")
    if len(summary) > len(body_html):
        body_html = summary
    body = html_to_text(body_html) if body_html else ""
    if not title:
        raise IngestError("entry has no title")
    if not body:
        raise IngestError(f'item "{title[:40]}" has no text')
    published = _date(entry.get("published_parsed") or entry.get("updated_parsed"))
    source = entry.get("source") or {}
    return Briefing(
        title=title,
        body=body,
        published=published,
        date_source="field" if published else "none",
        source=_plain(source.get("title", "")) or feed_title or None,
        url=entry.get("link") or None,
        origin=origin,
    )


def _plain(value: str) -> str:
    """Titles may carry markup (escaped or in CDATA): only their text is kept."""
    return html_to_text(value).replace("\n", " ").strip() if value else ""


def _date(parsed: Any) -> str | None:
    if not parsed:
        return None
    try:
        return datetime.fromtimestamp(calendar.timegm(parsed), tz=UTC).date().isoformat()
    except (OverflowError, ValueError, TypeError, OSError):
        return None


def _one_line(exc: object) -> str:
    return " ".join(str(exc).split())[:160]
