"""Analyst corrections to extraction: record them, apply them to the stored briefings, undo them.

A mixin of Store. Making or undoing a correction re-extracts every briefing it touches, in one
transaction, with the active corrections applied; later imports apply them too (see `overrides`).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from explorer.extract import extract
from explorer.extract.corrections import CorrectionError, Overrides, describe, validate
from explorer.model import ENTITY_KINDS


@dataclass(frozen=True)
class CorrectionRecord:
    id: int
    created_at: str
    correction: dict[str, Any]
    summary: str
    briefings: int
    undone_at: str | None


class CorrectionsMixin:
    def corrections(self) -> list[CorrectionRecord]:
        rows = self.db.execute(
            "select id, created_at, correction, summary, briefing_ids, undone_at from corrections order by id"
        ).fetchall()
        return [
            CorrectionRecord(r[0], r[1], json.loads(r[2]), r[3], len(json.loads(r[4])), r[5]) for r in rows
        ]

    def overrides(self) -> Overrides:
        """The active corrections, ready for extraction."""
        rows = self.db.execute("select correction from corrections where undone_at is null order by id")
        return Overrides.from_corrections(json.loads(row[0]) for row in rows)

    def entity_ref(self, name: str, kind: str | None = None) -> dict[str, Any]:
        """A stored entity as a correction refers to it; "kind:name" also names the kind."""
        prefix, _, rest = name.partition(":")
        if kind is None and rest and prefix in ENTITY_KINDS:
            kind, name = prefix, rest
        sql = "select name, kind, country, lat, lon from entities where name = ?"
        args: list[Any] = [name]
        if kind:
            sql += " and kind = ?"
            args.append(kind)
        rows = self.db.execute(sql, args).fetchall()
        if not rows:
            raise CorrectionError(f"no entity named {name!r}" + (f" of kind {kind}" if kind else ""))
        if len(rows) > 1:
            kinds = ", ".join(f"{r[1]}:{r[0]}" for r in rows)
            raise CorrectionError(f"{name!r} names {len(rows)} entities ({kinds}); say which kind:name")
        r = rows[0]
        return {"name": r[0], "kind": r[1], "country": r[2], "lat": r[3], "lon": r[4]}

    def correct(self, correction: dict[str, Any]) -> CorrectionRecord:
        """Record a correction and re-extract every briefing it touches, all in one transaction."""
        validate(correction)
        now = datetime.now(UTC).isoformat(timespec="seconds")
        with self.db.atomic():
            ids = self._touched_by(correction)
            table = self.db.table("corrections")
            table.insert(
                {
                    "created_at": now,
                    "correction": json.dumps(correction, ensure_ascii=False),
                    "summary": describe(correction),
                    "briefing_ids": json.dumps(sorted(ids)),
                }
            )
            record_id = int(table.last_pk)
            self._reextract(ids)
        return next(r for r in self.corrections() if r.id == record_id)

    def undo_correction(self, correction_id: int | None = None) -> CorrectionRecord:
        """Undo one correction (the latest active one by default) and re-extract what it touched."""
        sql = "select id, correction, briefing_ids from corrections where undone_at is null"
        row = self.db.execute(
            sql + (" and id = ?" if correction_id is not None else " order by id desc limit 1"),
            [correction_id] if correction_id is not None else [],
        ).fetchone()
        if row is None:
            raise CorrectionError(
                "nothing to undo" if correction_id is None else f"no active correction #{correction_id}"
            )
        now = datetime.now(UTC).isoformat(timespec="seconds")
        with self.db.atomic():
            ids = set(json.loads(row[2])) | self._touched_by(json.loads(row[1]))
            self.db.execute("update corrections set undone_at = ? where id = ?", [now, row[0]])
            self._reextract(ids)
        return next(r for r in self.corrections() if r.id == row[0])

    def _touched_by(self, correction: dict[str, Any]) -> set[int]:
        """Briefings whose mentions a correction can change: those mentioning its entities, and for text
        it adds or removes (an alias, a rejected name), those containing that text."""
        keys = {(c["name"], c["kind"]) for c in _refs(correction)}
        if correction["op"] == "set" and correction.get("kind"):
            keys |= {(name, correction["kind"]) for name, _ in keys}
        ids = set()
        for name, kind in keys:
            ids |= {
                r[0]
                for r in self.db.execute(
                    """select distinct m.briefing_id from mentions m join entities e on e.id = m.entity_id
                       where e.name = ? and e.kind = ?""",
                    [name, kind],
                )
            }
        texts = {correction.get("alias"), correction.get("surface")}
        if correction["op"] == "reject":
            texts |= {name for name, _ in keys}
        for text in texts - {None, ""}:
            ids |= {
                r[0]
                for r in self.db.execute(
                    "select id from briefings where instr(title || ' ' || body || ' ' || sections, ?) > 0",
                    [text],
                )
            }
        return ids

    def _reextract(self, briefing_ids: Iterable[int]) -> None:
        ids = sorted(briefing_ids)
        if not ids:
            return
        overrides = self.overrides()
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            marks = ",".join("?" * len(chunk))
            self.db.execute(f"delete from mentions where briefing_id in ({marks})", chunk)
            self.db.execute(f"delete from briefing_countries where briefing_id in ({marks})", chunk)
        # Entities left without mentions go, so one re-created by these briefings takes its corrected kind
        # and country from its new mentions.
        self.db.execute("delete from entities where id not in (select entity_id from mentions)")
        for briefing_id in ids:
            briefing = self.get_briefing(briefing_id).briefing
            self._insert_mentions(briefing_id, extract(briefing, overrides))


def _refs(correction: dict[str, Any]) -> list[dict[str, Any]]:
    return [correction[k] for k in ("source", "target", "into") if isinstance(correction.get(k), dict)]
