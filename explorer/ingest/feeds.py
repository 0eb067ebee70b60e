"""RSS 2.0 and Atom feeds → briefings, one per item. Parsed with defusedxml: no entity expansion
bombs, no external entities, no network."""

from __future__ import annotations

from collections.abc import Iterator
from email.utils import parsedate_to_datetime

from defusedxml import ElementTree
from defusedxml.common import DefusedXmlException

from explorer.dates import parse_date
from explorer.ingest.errors import IngestError
from explorer.ingest.webpage import html_to_text
from explorer.model import Briefing

ATOM = "{http://www.w3.org/2005/Atom}"


def parse_feed(text: str, origin: str) -> Iterator[tuple[int, Briefing | IngestError]]:
    """Yield (item number, briefing or the error for that item)."""
    try:
        root = ElementTree.fromstring(text.encode("utf-8"))
    except DefusedXmlException as exc:
        raise IngestError(f"feed refused: {type(exc).__name__} (entity tricks are not expanded)") from exc
    except ElementTree.ParseError as exc:
        raise IngestError(f"malformed feed XML: {exc}") from exc
    items = root.findall(".//item") or root.findall(f".//{ATOM}entry")
    if not items:
        raise IngestError("no <item> or <entry> elements: not an RSS or Atom feed")
    for number, item in enumerate(items, start=1):
        try:
            yield number, _briefing(item, f"{origin}#{number}")
        except IngestError as exc:
            yield number, exc


def _briefing(item, origin: str) -> Briefing:
    title = _text(item, "title") or _text(item, f"{ATOM}title")
    body_html = (
        _text(item, "{http://purl.org/rss/1.0/modules/content/}encoded")
        or _text(item, "description")
        or _text(item, f"{ATOM}content")
        or _text(item, f"{ATOM}summary")
    )
    body = html_to_text(body_html) if body_html else ""
    title = html_to_text(title) if title else ""
    if not title:
        raise IngestError("item has no title")
    if not body:
        raise IngestError(f'item "{title[:40]}" has no text')
    raw_date = _text(item, "pubDate") or _text(item, f"{ATOM}published") or _text(item, f"{ATOM}updated")
    published = _date(raw_date) if raw_date else None
    link = _text(item, "link")
    atom_link = item.find(f"{ATOM}link")
    if not link and atom_link is not None:
        link = atom_link.get("href", "")
    return Briefing(
        title=title,
        body=body,
        published=published,
        date_source="field" if published else "none",
        source=_text(item, "source") or None,
        url=link or None,
        origin=origin,
    )


def _text(item, tag: str) -> str:
    element = item.find(tag)
    return "".join(element.itertext()).strip() if element is not None else ""


def _date(value: str) -> str | None:
    try:
        return parsedate_to_datetime(value).date().isoformat()  # RFC 822, as RSS writes dates
    except (TypeError, ValueError, IndexError):
        return parse_date(value)
