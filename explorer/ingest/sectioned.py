"""The sectioned briefing layout (plain text or hand-cleaned Markdown) → Briefing.

See the project's BRIEFING-FORMAT notes: a title line, body paragraphs, then optional sections
"Geopolitical Implications" (numbered items), "Key Signals" (bullets), "Topics & Keywords", and
trailing site boilerplate that is not content.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from explorer.dates import parse_date
from explorer.ingest.errors import IngestError
from explorer.model import IMPLICATIONS, SIGNALS, TOPICS, Briefing, Section

_KNOWN_SECTIONS = {
    "geopolitical implications": IMPLICATIONS,
    "implications": IMPLICATIONS,
    "key signals": SIGNALS,
    "signals": SIGNALS,
    "topics & keywords": TOPICS,
    "topics and keywords": TOPICS,
    "topics": TOPICS,
    "keywords": TOPICS,
}
_BOILERPLATE = {
    "related intelligence",
    "full access",
    "unlock full intelligence access",
    "subscribe",
    "sign up",
}
_HEADING = re.compile(r"^#{1,6}\s+(.*?)\s*#*$")
_NUMBER_ALONE = re.compile(r"^[-*•]?\s*\(?\d{1,2}[.)]?$")
# "- 01 text" counts as numbered only under Implications; elsewhere "- 10 ships…" is a bullet with a number.
_NUMBERED_LOOSE = re.compile(r"^(?:[-*•]\s*)?\(?\d{1,2}[.)]?\s+(\S.*)$")
_NUMBERED = re.compile(r"^\(?\d{1,2}[.)]\s+(\S.*)$")
_BULLET = re.compile(r"^(?:[-*•–—]\s*)+(?:[-–—]\s*)?(\S.*)$")
_FRONT_KEY = re.compile(r"^([A-Za-z_][\w-]*)\s*:\s*(.*)$")
# A lone line this long, or with a sentence end inside it, is a pasted paragraph (a note), not a title.
NOTE_MIN_CHARS = 100
NOTE_TITLE_CHARS = 120
# ". " before a capital, after a word of two or more letters (not "U.S." or an initial).
_SENTENCE_END = re.compile(r"(?<=[a-z0-9%)\]”\"’']{2})[.!?](?=\s+[\"“‘(]?[A-Z0-9])")


@dataclass
class _Draft:
    title: str = ""
    body_lines: list[str] = field(default_factory=list)
    sections: dict[str, list[str]] = field(default_factory=dict)


def parse_sectioned(text: str, origin: str | None = None, fallback_date: str | None = None) -> Briefing:
    meta, lines = _split_front_matter(text.lstrip("\ufeff").split("\n"))
    draft = _Draft()
    current: str | None = None  # None while in the body
    pending_number = False
    skipping = False
    for raw in lines:
        line = raw.strip()
        if not draft.title:
            if line:
                draft.title = _clean_title(line)
            continue
        heading = _section_heading(line)
        if heading:
            current, pending_number, skipping = heading, False, False
            draft.sections.setdefault(heading, [])
            continue
        if _is_boilerplate(line):
            skipping = True
            continue
        if skipping:
            continue
        if current is None:
            draft.body_lines.append(line)
            continue
        if not line:
            continue
        items = draft.sections[current]
        if _NUMBER_ALONE.match(line):
            pending_number = True
            continue
        numbered = _NUMBERED_LOOSE if current == IMPLICATIONS else _NUMBERED
        match = numbered.match(line) or _BULLET.match(line)
        content = match.group(1).strip() if match else line
        if current == TOPICS:
            items.extend(k for k in (p.strip() for p in re.split(r"[,;·|]", content)) if k)
        elif match or pending_number or not items:
            items.append(content)
        else:
            items[-1] = f"{items[-1]} {content}"  # a wrapped continuation line
        pending_number = False

    body = _join_paragraphs(draft.body_lines)
    if not draft.title:
        raise IngestError("no title: the file has no text")
    if not body and not any(draft.sections.values()):
        if not _is_prose(draft.title):
            raise IngestError("no body text after the title")
        # A pasted news paragraph, the commonest note of all: its first sentence names it.
        draft.title, body = _note_title(draft.title), draft.title
    published = parse_date(meta.get("date", "")) if meta.get("date") else None
    return Briefing(
        title=draft.title,
        body=body,
        sections=tuple(Section(name, tuple(items)) for name, items in draft.sections.items() if items),
        published=published or fallback_date,
        date_source="front-matter" if published else ("mtime" if fallback_date else "none"),
        source=meta.get("source") or None,
        url=meta.get("url") or None,
        origin=origin,
    )


def _is_prose(line: str) -> bool:
    """A line that reads as a paragraph rather than a title: long, or more than one sentence."""
    return len(line) >= NOTE_MIN_CHARS or _SENTENCE_END.search(line) is not None


def _note_title(paragraph: str) -> str:
    """The first sentence, shortened at a word to at most NOTE_TITLE_CHARS (with an ellipsis)."""
    end = _SENTENCE_END.search(paragraph)
    sentence = paragraph[: end.start() + 1] if end else paragraph
    if len(sentence) <= NOTE_TITLE_CHARS:
        return sentence
    cut = sentence[:NOTE_TITLE_CHARS].rsplit(" ", 1)[0].rstrip(" ,;:–—-")
    return cut + "…"


def _split_front_matter(lines: list[str]) -> tuple[dict[str, str], list[str]]:
    start = 0
    while start < len(lines) and not lines[start].strip():
        start += 1
    if start >= len(lines) or lines[start].strip() != "---":
        return {}, lines
    meta: dict[str, str] = {}
    for i in range(start + 1, min(len(lines), start + 50)):
        line = lines[i].strip()
        if line == "---":
            return meta, lines[i + 1 :]
        match = _FRONT_KEY.match(line)
        if match:
            meta[match.group(1).lower()] = match.group(2).strip().strip('"').strip("'")
        elif line:
            break
    return {}, lines  # not front-matter after all: a title that happens to follow a rule


def _section_heading(line: str) -> str | None:
    match = _HEADING.match(line)
    name = (match.group(1) if match else line).strip().rstrip(":").strip().strip("*").strip()
    known = _KNOWN_SECTIONS.get(name.lower())
    if known:
        return known
    if match and name and name.lower() not in _BOILERPLATE:
        return name  # any other Markdown heading is a section of its own
    return None


def _is_boilerplate(line: str) -> bool:
    match = _HEADING.match(line)
    text = match.group(1) if match else line
    return text.lower().strip().rstrip(":").strip("*").strip() in _BOILERPLATE


def _clean_title(line: str) -> str:
    match = _HEADING.match(line)
    title = match.group(1) if match else line
    return re.sub(r"^title\s*:\s*", "", title, flags=re.IGNORECASE).strip()


def _join_paragraphs(lines: list[str]) -> str:
    """One paragraph per line, unless blank lines show that lines were hard-wrapped."""
    while lines and not lines[0]:
        lines = lines[1:]
    while lines and not lines[-1]:
        lines = lines[:-1]
    if "" not in lines:
        return "\n\n".join(lines)
    paragraphs: list[str] = []
    current: list[str] = []
    for line in [*lines, ""]:
        if line:
            current.append(line)
        elif current:
            paragraphs.append(" ".join(current))
            current = []
    return "\n\n".join(paragraphs)
