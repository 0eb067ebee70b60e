"""A stored briefing → HTML for the reader, with entity mentions marked. All briefing text is escaped."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Sequence
from html import escape

from explorer.extract.gazetteer import country_name
from explorer.model import BODY, TITLE, Entity, StoredBriefing
from explorer.store.near_duplicates import Copy

KIND_COLOURS = {
    "light": {"place": "#0b6e4f", "org": "#1450b4", "person": "#8a2be2", "topic": "#8a5a00"},
    "dark": {"place": "#5fd3a4", "org": "#7fb2ff", "person": "#d7a6ff", "topic": "#f2c46b"},
    # Saturated and dark enough for 7:1 against white: a projector washes colours out.
    "projector": {"place": "#006400", "org": "#0033cc", "person": "#7b00b3", "topic": "#6b3a00"},
}

MentionRow = tuple[Entity, str, int, int, int]  # (entity, section, item, start, end)


def highlighter(terms: list[str], theme: str = "light") -> Callable[[str], str]:
    """Escape text and mark the searched terms (whole words and prefixes, any case)."""
    words = sorted({t.lower() for t in terms if t}, key=len, reverse=True)
    if not words:
        return escape
    pattern = re.compile(r"\b(" + "|".join(re.escape(w) for w in words) + r")\w*", re.IGNORECASE)
    background = "#5c4f00" if theme == "dark" else "#fff1a8"

    def mark(text: str) -> str:
        out, cursor = [], 0
        for match in pattern.finditer(text):
            out.append(escape(text[cursor : match.start()]))
            out.append(f'<span style="background:{background}">{escape(match.group(0))}</span>')
            cursor = match.end()
        out.append(escape(text[cursor:]))
        return "".join(out)

    return mark


def legend(theme: str = "light") -> str:
    colours = KIND_COLOURS.get(theme, KIND_COLOURS["light"])
    names = {"place": "place", "org": "organisation", "person": "person", "topic": "topic"}
    items = " ".join(
        f'<span style="color:{colours[k]};text-decoration:underline">{names[k]}</span>' for k in names
    )
    return (
        f'<p class="legend" style="font-size:small">Mentions: {items} · click to filter, Ctrl+click to add'
        " · right-click for evidence</p>"
    )


def briefing_html(
    stored: StoredBriefing,
    mentions: list[MentionRow],
    theme: str = "light",
    terms: list[str] | None = None,
    corpus_counts: dict[int, int] | None = None,
    copies: Sequence[Copy] = (),
) -> str:
    """The briefing as HTML. `terms` are highlighted; `corpus_counts` (entity id → briefings naming
    it across the workspace) go into each mention's hover card; `copies` (the same story from other
    sources) become links under the title."""
    colours = KIND_COLOURS.get(theme, KIND_COLOURS["light"])
    plain = highlighter(terms or [], theme)
    counts = corpus_counts or {}
    by_piece: dict[tuple[str, int], list[tuple[int, int, Entity]]] = defaultdict(list)
    for entity, section, item, start, end in mentions:
        by_piece[(section, item)].append((start, end, entity))

    def marked(section: str, item: int, text: str) -> str:
        return _mark(text, by_piece.get((section, item), []), colours, plain, counts)

    b = stored.briefing
    meta = " · ".join(
        escape(part) for part in (b.published or "undated", b.source or "", _date_note(b.date_source)) if part
    )
    html = [f"<h2>{marked(TITLE, 0, b.title)}</h2>", f'<p class="meta">{meta}</p>']
    if copies:
        html.append(also_from(copies))
    html.append(legend(theme))
    html += [f"<p>{para}</p>" for para in _paragraph_offsets(b.body, by_piece, colours, plain, counts)]
    for sec in b.sections:
        html.append(f"<h3>{escape(sec.name)}</h3>")
        if sec.name.startswith("Topics"):
            html.append("<p>" + " · ".join(marked(sec.name, i, t) for i, t in enumerate(sec.items)) + "</p>")
            continue
        tag = "ol" if "Implications" in sec.name else "ul"
        items = "".join(f"<li>{marked(sec.name, i, text)}</li>" for i, text in enumerate(sec.items))
        html.append(f"<{tag}>{items}</{tag}>")
    return "\n".join(html)


def also_from(copies: Sequence[Copy]) -> str:
    """ "Also from: …": each other copy of the story by its source (or file) and date, a link to it."""
    links = []
    for copy in copies:
        where = copy.source or copy.origin or copy.title
        label = f"{where}, {copy.published}" if copy.published else where
        links.append(f'<a href="briefing:{copy.id}" title="{escape(copy.title)}">{escape(label)}</a>')
    return f'<p class="copies">Also from: {" · ".join(links)}</p>'


def _paragraph_offsets(body: str, by_piece, colours, plain, counts) -> list[str]:
    """Split the body into paragraphs, marking mentions whose offsets are relative to the whole body."""
    spans = sorted(by_piece.get((BODY, 0), []), key=lambda s: s[0])
    out: list[str] = []
    position = 0
    for paragraph in body.split("\n\n"):
        start = body.index(paragraph, position)
        end = start + len(paragraph)
        local = [(s - start, e - start, ent) for s, e, ent in spans if s >= start and e <= end]
        out.append(_mark(paragraph, local, colours, plain, counts))
        position = end
    return out


def _mark(
    text: str,
    spans: list[tuple[int, int, Entity]],
    colours: dict[str, str],
    plain: Callable[[str], str] = escape,
    counts: dict[int, int] | None = None,
) -> str:
    parts: list[str] = []
    cursor = 0
    for start, end, entity in sorted(spans, key=lambda s: s[0]):
        if start < cursor or end > len(text):
            continue
        parts.append(plain(text[cursor:start]))
        title = f"{entity.kind}: {entity.name}"
        if entity.country:
            title += f" ({country_name(entity.country)})"
        if counts and entity.id in counts:
            title += f" — in {counts[entity.id]} briefings · click to filter"
        parts.append(
            f'<a href="entity:{entity.id}" title="{escape(title)}" '
            f'style="color:{colours[entity.kind]};text-decoration:underline;">{escape(text[start:end])}</a>'
        )
        cursor = end
    parts.append(plain(text[cursor:]))
    return "".join(parts)


def _date_note(date_source: str) -> str:
    # "undated" already says when there is no date: a date with "no date" beside it contradicted itself.
    return "date from file time" if date_source == "mtime" else ""


def to_markdown(stored: StoredBriefing) -> str:
    """The briefing as Markdown, for pasting into notes and reports."""
    b = stored.briefing
    lines = [f"# {b.title}", ""]
    meta = [part for part in (b.published, b.source, b.url) if part]
    if meta:
        lines += ["_" + " · ".join(meta) + "_", ""]
    lines += [*(p for para in b.body.split("\n\n") for p in (para, "")), ""]
    for sec in b.sections:
        lines += [f"## {sec.name}", ""]
        if sec.name.startswith("Topics"):
            lines += [", ".join(sec.items), ""]
            continue
        numbered = "Implications" in sec.name
        lines += [f"{i + 1}. {item}" if numbered else f"- {item}" for i, item in enumerate(sec.items)]
        lines.append("")
    return "\n".join(lines).strip() + "\n"
