"""Plain data shared by every layer. Immutable records, no behaviour beyond small derived values."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from functools import cached_property
from typing import Literal, NamedTuple

EntityKind = Literal["place", "org", "person", "topic"]
ENTITY_KINDS: tuple[EntityKind, ...] = ("place", "org", "person", "topic")

DateSource = Literal["front-matter", "field", "mtime", "none"]

# Where a mention sits: the title, the body, or an item of a named section.
TITLE = "title"
BODY = "body"
IMPLICATIONS = "Geopolitical Implications"
SIGNALS = "Key Signals"
TOPICS = "Topics & Keywords"


class CorrectionError(ValueError):
    """A correction to extraction that cannot be applied; the message is meant for the user."""


def _without_nul(text: str) -> str:
    return text.replace("\x00", "\ufffd") if "\x00" in text else text


@dataclass(frozen=True)
class Section:
    name: str
    items: tuple[str, ...]

    def __post_init__(self) -> None:
        if any("\x00" in item for item in (self.name, *self.items)):
            object.__setattr__(self, "name", _without_nul(self.name))
            object.__setattr__(self, "items", tuple(_without_nul(item) for item in self.items))


@dataclass(frozen=True)
class Briefing:
    title: str
    body: str
    sections: tuple[Section, ...] = ()
    published: str | None = None  # ISO date, YYYY-MM-DD
    date_source: DateSource = "none"
    source: str | None = None
    url: str | None = None
    origin: str | None = None  # file name (and line for JSONL) it came from

    def __post_init__(self) -> None:
        # NUL is no character of any text (PostgreSQL text cannot even hold it); U+FFFD takes its
        # place, one character for one, on both engines and in the content hash alike.
        if "\x00" in self.title or "\x00" in self.body:
            object.__setattr__(self, "title", _without_nul(self.title))
            object.__setattr__(self, "body", _without_nul(self.body))

    @cached_property
    def content_hash(self) -> str:
        """Identity of the content: the same text imported twice is the same briefing. Made once (an
        extraction worker's pickle carries it to the writer)."""
        payload = json.dumps(
            [self.title, self.body, [[s.name, list(s.items)] for s in self.sections]],
            ensure_ascii=False,
        )
        return hashlib.sha256(payload.encode("utf-8")).hexdigest()

    def section(self, name: str) -> Section | None:
        return next((s for s in self.sections if s.name == name), None)

    def texts(self) -> list[tuple[str, int, str]]:
        """Every piece of text with its (section, item index, text); title and body have item 0."""
        pieces = [(TITLE, 0, self.title), (BODY, 0, self.body)]
        for sec in self.sections:
            pieces.extend((sec.name, i, item) for i, item in enumerate(sec.items))
        return pieces


class Mention(NamedTuple):
    """One occurrence of an entity in one piece of a briefing (a named tuple: extraction makes many)."""

    name: str
    kind: EntityKind
    section: str
    item: int
    start: int
    end: int
    surface: str
    country: str | None = None
    lat: float | None = None
    lon: float | None = None
    confidence: float = 1.0
    rule: str = ""
    sentence: int = 0  # index of the sentence within its piece of text


@dataclass(frozen=True)
class Entity:
    id: int
    name: str
    kind: EntityKind
    country: str | None
    lat: float | None
    lon: float | None
    mentions: int = 0


@dataclass(frozen=True)
class BriefingRow:
    """A briefing as listed: enough for a list view, without the full text."""

    id: int
    title: str
    published: str | None
    source: str | None
    countries: tuple[str, ...] = ()
    entity_count: int = 0


@dataclass(frozen=True)
class StoredBriefing:
    id: int
    briefing: Briefing
    imported_at: str


@dataclass(frozen=True)
class CountryCount:
    code: str
    briefings: int
    weight: float


@dataclass(frozen=True)
class Filter:
    """What the user is looking at. Views read it; only user actions replace it (use dataclasses.replace)."""

    query: str = ""
    countries: tuple[str, ...] = ()
    entity_ids: tuple[int, ...] = ()
    entity_mode: str = "all"  # "all": briefings naming every entity; "any": naming at least one
    sources: tuple[str, ...] = ()
    date_from: str | None = None  # inclusive, YYYY-MM-DD
    date_to: str | None = None
    tags: tuple[str, ...] = ()
    hide_copies: bool = False  # near-duplicates: only the first copy of each story
    watch: str | None = None  # only the unread matches of this watch

    @property
    def is_empty(self) -> bool:
        return not (
            self.hide_copies
            or self.watch
            or self.query
            or self.countries
            or self.entity_ids
            or self.sources
            or self.date_from
            or self.date_to
            or self.tags
        )


def briefings_text(count: int) -> str:
    """ "1 briefing", "12 briefings"."""
    return f"{count} briefing" if count == 1 else f"{count} briefings"
