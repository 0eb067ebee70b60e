"""Saved web pages → briefings, and HTML fragments (feed entries) → text.

A saved page goes through trafilatura's main-text extraction: navigation, related-links boxes, cookie
banners and footers are left behind, and the title, date, canonical URL and site name come from the
page's metadata. Blocks marked as advertising are removed before it looks. Headings come out as
Markdown headings, so a saved briefing keeps its sections. Only text leaves this module: nothing from
the page is ever kept as markup.
"""

from __future__ import annotations

import re
from dataclasses import replace
from html.parser import HTMLParser

import lxml.html
import trafilatura
from lxml import etree
from trafilatura.settings import use_config

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


# class or id words that mark a block as advertising or page furniture rather than the article
_NOT_ARTICLE = re.compile(
    r"(?:^|[\s_-])(?:ad|ads|advert|adverts|advertisement|advertising|sponsored|promo|promoted|"
    r"newsletter|cookie|cookies|consent|paywall|related|recommended|outbrain|taboola)(?:$|[\s_-])",
    re.IGNORECASE,
)
# A short briefing page is still an article: below this many characters trafilatura would fall back
# to a flat copy of all the page's text.
_EXTRACTION = use_config()
_EXTRACTION.set("DEFAULT", "MIN_EXTRACTED_SIZE", "25")
_AD_LABEL = re.compile(r"^\s*(?:advertisement|sponsored|ad)\b\s*[:·|—–-]?", re.IGNORECASE)


def parse_webpage(html: str, origin: str, fallback_date: str | None = None) -> Briefing:
    tree = _without_furniture(html)
    document = None
    if tree is not None:
        document = trafilatura.bare_extraction(
            tree,
            with_metadata=True,
            include_formatting=True,
            include_comments=False,
            include_links=False,
            include_images=False,
            include_tables=True,
            deduplicate=False,
            config=_EXTRACTION,
        )
    if document is None or not (document.text or "").strip():
        return _parse_plainly(html, origin, fallback_date)
    title = " ".join((document.title or "").split())
    text = document.text.strip()
    first_line = text.split("\n", 1)[0].lstrip("#").strip()
    if title and first_line != title:
        text = f"# {title}\n\n{text}"
    briefing = parse_sectioned(text, origin, fallback_date)
    published = document.date or None
    return replace(
        briefing,
        published=published or briefing.published,
        date_source="field" if published else briefing.date_source,
        source=" ".join((document.sitename or "").split()) or briefing.source,
        url=document.url or briefing.url,
    )


def _without_furniture(html: str) -> etree._Element | None:
    """The page as a tree, minus the blocks its own markup labels as ads, promotions or furniture."""
    try:
        tree = lxml.html.fromstring(html)
    except (etree.ParserError, ValueError):
        return None
    doomed = []
    for element in tree.iter():
        if not isinstance(element.tag, str) or element.tag in ("html", "body", "main", "article"):
            continue
        if element.tag == "noscript":
            doomed.append(element)
            continue
        marks = f"{element.get('class', '')} {element.get('id', '')}"
        labelled_ad = element.tag in ("div", "aside", "section", "p") and _AD_LABEL.match(
            element.text_content()
        )
        if _NOT_ARTICLE.search(marks) or labelled_ad:
            doomed.append(element)
    for element in doomed:
        parent = element.getparent()
        if parent is not None:
            parent.remove(element)
    return tree


def _parse_plainly(html: str, origin: str, fallback_date: str | None) -> Briefing:
    """A page too short or too odd for main-text extraction: its visible text, block by block."""
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
