"""The sentences behind an entity, a link or a country: what the evidence views show."""

from __future__ import annotations

from dataclasses import dataclass, replace
from html import escape

from explorer.extract.sentences import sentence_span
from explorer.model import BriefingRow, Filter
from explorer.store import Store


@dataclass(frozen=True)
class Evidence:
    briefing_id: int
    title: str
    published: str | None
    section: str
    sentence: str
    marks: tuple[tuple[int, int], ...] = ()  # where the entities are named in `sentence`


def evidence(
    store: Store, a: int, b: int | None = None, flt: Filter = Filter(), limit: int = 20
) -> list[Evidence]:
    """The sentences behind an entity (b None) or a link: where both appear together if they ever share a
    sentence in a briefing, else the first sentence naming each."""
    ids = (a,) if b is None else (a, b)
    scoped = replace(flt, entity_ids=(*flt.entity_ids, *ids), entity_mode="all")
    return [e for row in store.list_briefings(scoped, limit=limit) for e in _sentences(store, row, a, b)]


def country_evidence(store: Store, code: str, flt: Filter = Filter(), limit: int = 20) -> list[Evidence]:
    """Why briefings sit in a country: the first sentence naming a place there, or else an organisation
    based there (the "in ASX trading" → Australia case)."""
    scoped = replace(flt, countries=(*flt.countries, code))
    out: list[Evidence] = []
    for row in store.list_briefings(scoped, limit=limit):
        found = store.first_in_country(row.id, code)
        if found is not None:
            out += _sentences(store, row, found, None)[:1]
    return out


def _sentences(store: Store, row: BriefingRow, a: int, b: int | None) -> list[Evidence]:
    """In one briefing: the first sentence naming both, else the first naming each."""
    ids = (a,) if b is None else (a, b)
    pieces = {(s, i): t for s, i, t in store.get_briefing(row.id).briefing.texts()}
    spots: dict[int, list[tuple[str, int, int]]] = {}
    named: dict[tuple[str, int, int], list[tuple[int, int]]] = {}
    for entity_id, section, item, sentence, start, end in store.mention_spots(row.id, ids):
        spots.setdefault(entity_id, []).append((section, item, sentence))
        named.setdefault((section, item, sentence), []).append((start, end))
    shared = [spot for spot in spots.get(a, []) if b is None or spot in spots.get(b, [])]
    chosen = shared[:1] or [spots[e][0] for e in ids if e in spots]
    out = []
    for section, item, n in chosen:
        text = pieces.get((section, item), "")
        first, last = sentence_span(text, n)
        marks = sorted(
            {(max(s, first) - first, min(e, last) - first) for s, e in named[(section, item, n)] if s < last}
        )
        out.append(Evidence(row.id, row.title, row.published, section, text[first:last], tuple(marks)))
    return out


def _marked(sentence: str, marks: tuple[tuple[int, int], ...], background: str) -> str:
    """The sentence escaped, its entity names highlighted."""
    html, at = [], 0
    for start, end in marks:
        if start < at or end <= start:
            continue
        html += [
            escape(sentence[at:start]),
            f"<b style='background:{background}'>{escape(sentence[start:end])}</b>",
        ]
        at = end
    return "".join([*html, escape(sentence[at:])])


def evidence_html(groups: list[tuple[str, list[Evidence]]], dark: bool = False) -> str:
    """Groups of evidence (a heading each) as HTML: each title links to its briefing (`briefing:ID`) and
    the entities are highlighted in their sentence. Every text from a briefing is escaped."""
    background = "#5c4f00" if dark else "#fff1a8"
    html = []
    for heading, items in groups:
        html.append(f"<h3>{escape(heading)}</h3>")
        if not items:
            html.append("<p><i>No sentences found.</i></p>")
        html += [
            f"<p><a href='briefing:{e.briefing_id}'><b>{escape(e.published or 'undated')} — "
            f"{escape(e.title)}</b></a><br>"
            f"<i>{escape(e.section)}</i>: {_marked(e.sentence, e.marks, background)}</p>"
            for e in items
        ]
    return "\n".join(html)
