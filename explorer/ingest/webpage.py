"""Saved web pages → text. Scripts, styles and other non-content never become text; headings and
paragraphs become lines, so a saved briefing page reads like the sectioned layout."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from explorer.ingest.errors import IngestError
from explorer.ingest.sectioned import parse_sectioned
from explorer.model import Briefing

_SKIP = {
    "script",
    "style",
    "noscript",
    "template",
    "svg",
    "math",
    "iframe",
    "object",
    "head",
    "nav",
    "footer",
}
_BLOCKS = {
    "p",
    "div",
    "section",
    "article",
    "main",
    "li",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "br",
    "tr",
    "blockquote",
}
_VOID = {"br", "img", "hr", "meta", "link", "input", "source", "area", "base", "col", "embed", "wbr", "track"}


class _TextParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self.current: list[str] = []
        self.skip_depth = 0
        self.title: list[str] = []
        self.in_title = False
        self.h1: list[str] = []
        self.in_h1 = False

    def handle_starttag(self, tag, attrs):
        if tag in _SKIP:
            self.skip_depth += 1
        elif tag == "title":
            self.in_title = True
        if tag in _BLOCKS:
            self._break()
        if tag == "h1":
            self.in_h1 = True
        if tag == "li" and not self.skip_depth:
            self.current.append("- ")

    def handle_startendtag(self, tag, attrs):
        if tag in _BLOCKS:
            self._break()

    def handle_endtag(self, tag):
        if tag in _SKIP and self.skip_depth:
            self.skip_depth -= 1
        elif tag == "title":
            self.in_title = False
        if tag == "h1":
            self.in_h1 = False
        if tag in _BLOCKS:
            self._break()

    def handle_data(self, data):
        if self.in_title:
            self.title.append(data)
            return
        if self.skip_depth:
            return
        if self.in_h1:
            self.h1.append(data)
        self.current.append(data)

    def _break(self):
        line = re.sub(r"\s+", " ", "".join(self.current)).strip()
        if line and line != "-":
            self.lines.append(line)
        self.current = []

    def close(self):
        super().close()
        self._break()


def html_to_text(html: str) -> str:
    """Visible text, one block per line."""
    parser = _TextParser()
    parser.feed(html)
    parser.close()
    return "\n".join(parser.lines)


def parse_webpage(html: str, origin: str, fallback_date: str | None = None) -> Briefing:
    parser = _TextParser()
    parser.feed(html)
    parser.close()
    lines = parser.lines
    title = re.sub(r"\s+", " ", "".join(parser.h1) or "".join(parser.title)).strip()
    if not lines:
        raise IngestError("the page has no visible text")
    if title and lines[0] != title:
        lines = [title, *lines]
    return parse_sectioned("\n".join(lines), origin, fallback_date)
