"""A stored briefing → HTML for the reader, with entity mentions marked. All briefing text is escaped."""

from __future__ import annotations

from collections import defaultdict
from html import escape

from explorer.extract.gazetteer import country_name
from explorer.model import BODY, TITLE, Entity, StoredBriefing

KIND_COLOURS = {
    "light": {"place": "#0b6e4f", "org": "#1450b4", "person": "#8a2be2", "topic": "#8a5a00"},
    "dark": {"place": "#5fd3a4", "org": "#7fb2ff", "person": "#d7a6ff", "topic": "#f2c46b"},
}

MentionRow = tuple[Entity, str, int, int, int]  # (entity, section, item, start, end)


def render(stored: StoredBriefing, mentions: list[MentionRow], theme: str = "light") -> str:
    colours = KIND_COLOURS.get(theme, KIND_COLOURS["light"])
    by_piece: dict[tuple[str, int], list[tuple[int, int, Entity]]] = defaultdict(list)
    for entity, section, item, start, end in mentions:
        by_piece[(section, item)].append((start, end, entity))

    def marked(section: str, item: int, text: str) -> str:
        return _mark(text, by_piece.get((section, item), []), colours)

    b = stored.briefing
    meta = " · ".join(
        escape(part) for part in (b.published or "undated", b.source or "", _date_note(b.date_source)) if part
    )
    html = [f"<h2>{marked(TITLE, 0, b.title)}</h2>", f'<p class="meta">{meta}</p>']
    html += [f"<p>{para}</p>" for para in _paragraph_offsets(b.body, by_piece, colours)]
    for sec in b.sections:
        html.append(f"<h3>{escape(sec.name)}</h3>")
        if sec.name.startswith("Topics"):
            html.append("<p>" + " · ".join(escape(t) for t in sec.items) + "</p>")
            continue
        tag = "ol" if "Implications" in sec.name else "ul"
        items = "".join(f"<li>{marked(sec.name, i, text)}</li>" for i, text in enumerate(sec.items))
        html.append(f"<{tag}>{items}</{tag}>")
    return "\n".join(html)


def _paragraph_offsets(body: str, by_piece, colours) -> list[str]:
    """Split the body into paragraphs, marking mentions whose offsets are relative to the whole body."""
    spans = sorted(by_piece.get((BODY, 0), []), key=lambda s: s[0])
    out: list[str] = []
    position = 0
    for paragraph in body.split("\n\n"):
        start = body.index(paragraph, position)
        end = start + len(paragraph)
        local = [(s - start, e - start, ent) for s, e, ent in spans if s >= start and e <= end]
        out.append(_mark(paragraph, local, colours))
        position = end
    return out


def _mark(text: str, spans: list[tuple[int, int, Entity]], colours: dict[str, str]) -> str:
    parts: list[str] = []
    cursor = 0
    for start, end, entity in sorted(spans, key=lambda s: s[0]):
        if start < cursor or end > len(text):
            continue
        parts.append(escape(text[cursor:start]))
        title = f"{entity.kind}: {entity.name}"
        if entity.country:
            title += f" ({country_name(entity.country)})"
        parts.append(
            f'<a href="entity:{entity.id}" title="{escape(title)}" '
            f'style="color:{colours[entity.kind]};text-decoration:underline;">{escape(text[start:end])}</a>'
        )
        cursor = end
    parts.append(escape(text[cursor:]))
    return "".join(parts)


def _date_note(date_source: str) -> str:
    return {"mtime": "date from file time", "none": "no date"}.get(date_source, "")
