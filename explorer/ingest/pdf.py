"""PDF reports → briefings, through pdfminer.six's layout analysis.

The text is rebuilt as the sectioned layout reads it: the title, then one line per paragraph. Running
headers and footers (a line in the top or bottom band that repeats on other pages, digits aside) and
page numbers are dropped; a word hyphenated at a line end is joined again; headings ("Key Signals")
stay lines of their own, so the known sections are recognised.
"""

from __future__ import annotations

import io
import re
import statistics
from collections import Counter
from dataclasses import dataclass, replace

from pdfminer.converter import PDFPageAggregator
from pdfminer.layout import LAParams, LTChar, LTPage, LTTextContainer, LTTextLine
from pdfminer.pdfdocument import PDFDocument, PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
from pdfminer.pdfpage import PDFPage
from pdfminer.pdfparser import PDFParser
from pdfminer.pdftypes import resolve1
from pdfminer.utils import decode_text

from explorer.ingest.errors import IngestError
from explorer.ingest.sectioned import parse_sectioned
from explorer.model import Briefing

MAX_PAGES = 500
# A header or footer sits in this fraction of the page height at the top or the bottom.
_MARGIN_BAND = 0.1
_PAGE_NUMBER = re.compile(r"^(?:page\s*)?[-–(\[]?\s*\d{1,4}\s*[-–)\]]?(?:\s*(?:of|/)\s*\d{1,4})?$", re.I)
_LIST_ITEM = re.compile(r"^(?:[-*•–▪●◦]\s|\(?\d{1,2}[.)]\s)")
_SENTENCE_END = re.compile(r"[.!?:;\"”’)]$")
_USELESS_TITLE = re.compile(
    r"^(?:untitled|microsoft word\b|document\d*$)|\.(?:docx?|odt|rtf|pages|indd)$", re.IGNORECASE
)


@dataclass(frozen=True)
class _Line:
    text: str
    size: float  # the commonest font size on the line
    top: float  # distance from the top of the page to the line's top
    bottom: float  # distance from the top of the page to the line's bottom
    page: int
    in_margin: bool


def parse_pdf(data: bytes, origin: str, fallback_date: str | None = None) -> Briefing:
    document, pages = _layout(data)
    lines = _drop_running_lines([line for page in pages for line in _lines(page)])
    if sum(len(line.text) for line in lines) < 10:
        raise IngestError("no text layer (scanned?): the PDF has only images")
    info = _info(document)
    title_lines, rest = _split_title(lines, info.get("Title", ""))
    text = "\n".join([" ".join(line.text for line in title_lines), *_paragraphs(rest)])
    briefing = parse_sectioned(text, origin, fallback_date)
    created = _pdf_date(info.get("CreationDate", ""))
    if created and briefing.date_source != "front-matter":
        briefing = _with_date(briefing, created)
    return briefing


def _layout(data: bytes) -> tuple[PDFDocument, list[LTPage]]:
    if not data.lstrip()[:5] == b"%PDF-":
        raise IngestError("not a PDF file (no %PDF header)")
    try:
        document = PDFDocument(PDFParser(io.BytesIO(data)), password="")
        manager = PDFResourceManager()
        device = PDFPageAggregator(manager, laparams=LAParams())
        interpreter = PDFPageInterpreter(manager, device)
        pages = []
        for number, page in enumerate(PDFPage.create_pages(document)):
            if number >= MAX_PAGES:
                break
            interpreter.process_page(page)
            pages.append(device.get_result())
    except PDFPasswordIncorrect as exc:
        raise IngestError("encrypted PDF: it needs a password to open") from exc
    except PDFEncryptionError as exc:
        raise IngestError(f"encrypted PDF the reader cannot open ({_one_line(exc)})") from exc
    except IngestError:
        raise
    except Exception as exc:  # pdfminer raises many kinds of error on damaged files
        raise IngestError(f"broken PDF: {_one_line(exc) or type(exc).__name__}") from exc
    if not pages:
        raise IngestError("the PDF has no pages")
    return document, pages


def _lines(page: LTPage) -> list[_Line]:
    height = page.height or 1.0
    lines = []
    for box in page:
        if not isinstance(box, LTTextContainer):
            continue
        for line in box:
            if not isinstance(line, LTTextLine):
                continue
            text = " ".join(line.get_text().split())
            if not text:
                continue
            sizes = Counter(round(c.size, 1) for c in line if isinstance(c, LTChar))
            top, bottom = height - line.y1, height - line.y0
            in_margin = bottom < height * _MARGIN_BAND or top > height * (1 - _MARGIN_BAND)
            size = sizes.most_common(1)[0][0] if sizes else 0.0
            lines.append(_Line(text, size, top, bottom, page.pageid, in_margin))
    return lines


def _drop_running_lines(lines: list[_Line]) -> list[_Line]:
    """Page numbers, and margin lines that repeat on other pages (running headers and footers)."""
    pages = {line.page for line in lines}
    pages_of: dict[str, set[int]] = {}
    for line in lines:
        if line.in_margin:
            pages_of.setdefault(_shape(line.text), set()).add(line.page)
    running = {key for key, on in pages_of.items() if len(on) >= 2 and len(on) * 2 >= len(pages)}
    return [
        line
        for line in lines
        if not (line.in_margin and (_PAGE_NUMBER.match(line.text) or _shape(line.text) in running))
    ]


def _shape(text: str) -> str:
    return re.sub(r"\d+", "#", text.lower())


def _split_title(lines: list[_Line], meta_title: str) -> tuple[list[_Line], list[_Line]]:
    """The metadata title when it names the document, else the largest type on the first page."""
    if not lines:
        return [], []
    first_page = [line for line in lines if line.page == lines[0].page]
    largest = max(line.size for line in first_page)
    start = next(i for i, line in enumerate(lines) if line.size == largest)
    end = start
    while end + 1 < len(lines) and lines[end + 1].size == largest and lines[end + 1].page == lines[0].page:
        end += 1
    if end - start > 2:  # a page set in one size: the first line is the title
        end = start
    meta_title = " ".join(meta_title.split())
    if meta_title and not _USELESS_TITLE.search(meta_title):
        heading = " ".join(line.text for line in lines[start : end + 1])
        if heading.casefold() == meta_title.casefold():
            return lines[start : end + 1], lines[:start] + lines[end + 1 :]
        return [_Line(meta_title, largest, 0, 0, lines[0].page, False)], lines
    return lines[start : end + 1], lines[:start] + lines[end + 1 :]


def _paragraphs(lines: list[_Line]) -> list[str]:
    """Lines joined into paragraphs: a new one after a wider gap, a change of type size, or a list mark."""
    if not lines:
        return []
    body_size = statistics.median(line.size for line in lines)
    paragraphs: list[str] = []
    previous: _Line | None = None
    for line in lines:
        if previous is None or _starts_paragraph(previous, line, body_size):
            paragraphs.append(line.text)
        else:
            paragraphs[-1] = _join(paragraphs[-1], line.text)
        previous = line
    return paragraphs


def _starts_paragraph(previous: _Line, line: _Line, body_size: float) -> bool:
    if _LIST_ITEM.match(line.text) or abs(line.size - previous.size) > 0.5 or line.size > body_size + 0.5:
        return True
    if line.page != previous.page:
        return bool(_SENTENCE_END.search(previous.text))  # a paragraph runs on over a page break
    gap = line.top - previous.bottom
    return gap > 0.7 * max(line.size, 1.0) or gap < -line.size  # a wide gap, or a new column


def _join(paragraph: str, line: str) -> str:
    if re.search(r"[^\W\d_]-$", paragraph) and line[:1].islower():
        return paragraph[:-1] + line
    return f"{paragraph} {line}"


def _info(document: PDFDocument) -> dict[str, str]:
    info: dict[str, str] = {}
    for entry in document.info:
        for key, value in entry.items():
            value = resolve1(value)
            if isinstance(value, bytes):
                info[key] = decode_text(value)
            elif isinstance(value, str):
                info[key] = value
    return info


def _pdf_date(value: str) -> str | None:
    """D:YYYYMMDD… → YYYY-MM-DD."""
    match = re.match(r"^(?:D:)?(\d{4})(\d{2})(\d{2})", value.strip())
    if not match:
        return None
    year, month, day = (int(g) for g in match.groups())
    if not (1900 <= year <= 2200 and 1 <= month <= 12 and 1 <= day <= 31):
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


def _with_date(briefing: Briefing, published: str) -> Briefing:
    return replace(briefing, published=published, date_source="field")


def _one_line(exc: object) -> str:
    return " ".join(str(exc).split())[:160]
