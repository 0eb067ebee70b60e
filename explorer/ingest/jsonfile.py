"""JSON (one object, an array, or {"briefings": [...]}) and JSON Lines → Briefings."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from explorer.dates import parse_date
from explorer.ingest.errors import IngestError
from explorer.model import Briefing, Section

_BODY_KEYS = ("body", "text", "content")
_DATE_KEYS = ("date", "published", "published_at", "pubDate")


def parse_json(text: str, origin: str) -> list[Briefing]:
    data = _loads(text)
    if isinstance(data, dict) and isinstance(data.get("briefings"), list):
        data = data["briefings"]
    records = data if isinstance(data, list) else [data]
    if not records:
        raise IngestError("JSON holds no briefings (empty list)")
    return [
        briefing_from_record(r, f"{origin}#{i + 1}" if len(records) > 1 else origin)
        for i, r in enumerate(records)
    ]


def parse_jsonl(text: str, origin: str) -> Iterator[tuple[int, Briefing | IngestError]]:
    """Yield (line number, briefing or the error for that line): one bad line does not sink the file."""
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            yield number, briefing_from_record(_loads(line), f"{origin}:{number}")
        except IngestError as exc:
            yield number, exc


def _loads(text: str) -> Any:
    try:
        return json.loads(text)
    except RecursionError as exc:
        raise IngestError("JSON is nested too deeply") from exc
    except json.JSONDecodeError as exc:
        raise IngestError(f"malformed JSON at line {exc.lineno} column {exc.colno}: {exc.msg}") from exc


def briefing_from_record(record: Any, origin: str) -> Briefing:
    if not isinstance(record, dict):
        raise IngestError(f"expected a JSON object for a briefing, got {type(record).__name__}")
    title = _text_field(record, ("title", "headline"), required=True)
    body = _text_field(record, _BODY_KEYS, required=True)
    raw_date = _text_field(record, _DATE_KEYS, required=False)
    published = parse_date(raw_date) if raw_date else None
    return Briefing(
        title=title,
        body=body,
        sections=_sections(record.get("sections")),
        published=published,
        date_source="field" if published else "none",
        source=_text_field(record, ("source",), required=False) or None,
        url=_text_field(record, ("url", "link"), required=False) or None,
        origin=origin,
    )


def _text_field(record: dict[str, Any], keys: tuple[str, ...], required: bool) -> str:
    for key in keys:
        value = record.get(key)
        if value is None:
            continue
        if not isinstance(value, str):
            raise IngestError(f'field "{key}" must be text, got {type(value).__name__}')
        if value.strip():
            return value.strip()
    if required:
        raise IngestError(f'missing field "{keys[0]}"')
    return ""


def _sections(value: Any) -> tuple[Section, ...]:
    if value is None:
        return ()
    pairs: list[tuple[Any, Any]]
    if isinstance(value, dict):
        pairs = list(value.items())
    elif isinstance(value, list) and all(isinstance(v, dict) for v in value):
        pairs = [(v.get("name"), v.get("items")) for v in value]
    else:
        raise IngestError('"sections" must be an object of lists or a list of {name, items}')
    sections = []
    for name, items in pairs:
        if not isinstance(name, str) or not name.strip():
            raise IngestError("a section has no name")
        if isinstance(items, str):
            items = [items]
        if not isinstance(items, list) or not all(isinstance(i, str) for i in items):
            raise IngestError(f'section "{name}" must be a list of text items')
        cleaned = tuple(i.strip() for i in items if i.strip())
        if cleaned:
            sections.append(Section(name.strip(), cleaned))
    return tuple(sections)
