"""The analyst's corrections to extraction: merge, alias, split, set kind or country, reject.

A correction is a small JSON-able dict stored in the workspace (the audit table `corrections`). The active
ones, in order, compile into `Overrides`, which extraction applies to every briefing it reads: future
imports, and the re-extraction of existing briefings when a correction is made or undone.

Operations (entities are referred to by name and kind):
- merge:  {"op": "merge", "source": REF, "target": ENTITY}      mentions of source become target
- alias:  {"op": "alias", "target": ENTITY, "alias": "Big Blue"} the text "Big Blue" names target
- split:  {"op": "split", "source": REF, "surface": "Georgia", "into": ENTITY}
          mentions of source written as surface become another entity
- set:    {"op": "set", "target": REF, "kind": "org", "country": "AU"}  change kind and/or country
- reject: {"op": "reject", "target": REF, "surface": "Split"}   a false positive (surface optional)
REF is {"name", "kind"}; ENTITY adds "country", "lat", "lon" (what the target's mentions carry).
A split, or a reject of one spelling, may carry "briefing": the content hash of the one briefing it
applies to ("Georgia" is the US state in this note only); the hash outlives ids and workspace copies.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, cast

from explorer.model import ENTITY_KINDS, CorrectionError, EntityKind, Mention

OPERATIONS = ("merge", "alias", "split", "set", "reject")
_CONTENT_HASH = re.compile(r"^[0-9a-f]{64}$")
Key = tuple[str, EntityKind]  # (name, kind)


@dataclass(frozen=True)
class Target:
    name: str
    kind: EntityKind
    country: str | None = None
    lat: float | None = None
    lon: float | None = None

    @property
    def key(self) -> Key:
        return (self.name, self.kind)


@dataclass
class Overrides:
    merged: dict[Key, Target] = field(default_factory=dict)
    aliases: dict[str, Target] = field(default_factory=dict)
    split: dict[tuple[Key, str], Target] = field(default_factory=dict)
    attributes: dict[Key, dict[str, Any]] = field(default_factory=dict)
    rejected: set[tuple[Key, str | None]] = field(default_factory=set)
    # Corrections of one briefing, by its content hash: split and rejected spellings.
    split_in: dict[tuple[str, Key, str], Target] = field(default_factory=dict)
    rejected_in: set[tuple[str, Key, str]] = field(default_factory=set)
    _alias_regex: re.Pattern[str] | None = None

    @classmethod
    def from_corrections(cls, corrections: Iterable[dict[str, Any]]) -> Overrides:
        overrides = cls()
        for correction in corrections:
            overrides._add(validate(correction))
        names = sorted(overrides.aliases, key=len, reverse=True)
        if names:
            overrides._alias_regex = re.compile(
                r"(?<![\w&])(?:" + "|".join(map(re.escape, names)) + r")(?![\w&])"
            )
        return overrides

    def __bool__(self) -> bool:
        return bool(
            self.merged or self.aliases or self.split or self.attributes or self.rejected or self.scoped
        )

    @property
    def scoped(self) -> bool:
        """Whether some correction applies to one briefing only (`apply` then needs its content hash)."""
        return bool(self.split_in or self.rejected_in)

    def _add(self, c: dict[str, Any]) -> None:
        op = c["op"]
        if c.get("briefing"):
            if op == "split":
                self.split_in[(c["briefing"], _key(c["source"]), c["surface"])] = _target(c["into"])
            else:
                self.rejected_in.add((c["briefing"], _key(c["target"]), c["surface"]))
        elif op == "merge":
            target = _target(c["target"])
            source = _key(c["source"])
            self.merged[source] = target
            for key, earlier in list(self.merged.items()):  # a merge into a merged entity follows it
                if earlier.key == source:
                    self.merged[key] = target
        elif op == "alias":
            self.aliases[c["alias"]] = _target(c["target"])
        elif op == "split":
            self.split[(_key(c["source"]), c["surface"])] = _target(c["into"])
        elif op == "set":
            changes: dict[str, Any] = {k: c[k] for k in ("kind", "country") if k in c}
            self.attributes.setdefault(_key(c["target"]), {}).update(changes)
        elif op == "reject":
            self.rejected.add((_key(c["target"]), c.get("surface")))

    def find_aliases(self, text: str) -> list[tuple[int, int, Target]]:
        if self._alias_regex is None:
            return []
        return [(m.start(), m.end(), self.aliases[m.group()]) for m in self._alias_regex.finditer(text)]

    def apply(self, mentions: Sequence[Mention], briefing: str | None = None) -> list[Mention]:
        """The mentions as the analyst has corrected them; rejected ones are gone. `briefing`: the
        content hash of the briefing they come from, for the corrections made to it alone."""
        if not self:
            return list(mentions)
        result = []
        for m in mentions:
            key = (m.name, m.kind)
            if (key, None) in self.rejected or (key, m.surface) in self.rejected:
                continue
            if briefing is not None and (briefing, key, m.surface) in self.rejected_in:
                continue
            target = None
            if briefing is not None:
                target = self.split_in.get((briefing, key, m.surface))
            target = target or self.split.get((key, m.surface)) or self.merged.get(key)
            if target is not None:
                m = m._replace(name=target.name, kind=target.kind, country=target.country, lat=target.lat,
                               lon=target.lon, rule=f"{m.rule}|corrected")  # fmt: skip
                key = target.key
                if (key, None) in self.rejected:
                    continue
            changes = self.attributes.get(key)
            if changes:
                m = m._replace(**changes, rule=f"{m.rule}|corrected")
            result.append(m)
        return result


def validate(correction: dict[str, Any]) -> dict[str, Any]:
    op = correction.get("op")
    if op not in OPERATIONS:
        raise CorrectionError(f"unknown correction {op!r}; expected one of {', '.join(OPERATIONS)}")
    required = {
        "merge": ("source", "target"),
        "alias": ("target", "alias"),
        "split": ("source", "surface", "into"),
        "set": ("target",),
        "reject": ("target",),
    }[op]
    missing = [name for name in required if not correction.get(name)]
    if missing:
        raise CorrectionError(f"{op} needs {', '.join(missing)}")
    for name in ("source", "target", "into"):
        if name in correction:
            _key(correction[name])
    if op == "set" and not ({"kind", "country"} & correction.keys()):
        raise CorrectionError("set needs a new kind or country")
    if correction.get("kind") is not None and correction["kind"] not in ENTITY_KINDS:
        raise CorrectionError(
            f"unknown kind {correction['kind']!r}; expected one of {', '.join(ENTITY_KINDS)}"
        )
    if op == "merge" and _key(correction["source"]) == _key(correction["target"]):
        raise CorrectionError("an entity cannot be merged into itself")
    if "briefing" in correction:
        if not isinstance(correction["briefing"], str) or not _CONTENT_HASH.match(correction["briefing"]):
            raise CorrectionError("briefing must be a content hash (64 hexadecimal digits)")
        if op not in ("split", "reject") or not correction.get("surface"):
            raise CorrectionError(
                "a correction of one briefing can be only a split or a reject of one spelling"
            )
    return correction


def describe(correction: dict[str, Any]) -> str:
    """One line in words, for the audit log."""
    scope = " in one briefing" if correction.get("briefing") else ""
    return _describe_everywhere(correction) + scope


def _describe_everywhere(correction: dict[str, Any]) -> str:
    op = correction["op"]
    if op == "merge":
        return f"merge {_label(correction['source'])} into {_label(correction['target'])}"
    if op == "alias":
        return f"alias {correction['alias']!r} → {_label(correction['target'])}"
    if op == "split":
        surface = correction["surface"]
        return f"split {surface!r} off {_label(correction['source'])} as {_label(correction['into'])}"
    if op == "set":
        changes = ", ".join(f"{k}={correction[k]}" for k in ("kind", "country") if k in correction)
        return f"set {changes} on {_label(correction['target'])}"
    surface = f" written {correction['surface']!r}" if correction.get("surface") else ""
    return f"reject {_label(correction['target'])}{surface}"


def _key(ref: Any) -> Key:
    if not isinstance(ref, dict) or not ref.get("name") or ref.get("kind") not in ENTITY_KINDS:
        raise CorrectionError(f"not an entity reference: {ref!r}")
    return (str(ref["name"]), cast(EntityKind, ref["kind"]))


def _target(ref: dict[str, Any]) -> Target:
    name, kind = _key(ref)
    return Target(name, kind, ref.get("country"), ref.get("lat"), ref.get("lon"))


def _label(ref: dict[str, Any]) -> str:
    return f"{ref['kind']}:{ref['name']}"
