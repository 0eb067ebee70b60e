"""The audit log of analyst corrections, and the SQL they need: record, undo, which briefings they touch.

A mixin of Store. Re-extracting what a correction touches is explorer.workspace.corrections' job.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from explorer.model import ENTITY_KINDS, CorrectionError


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

    def correction(self, correction_id: int) -> CorrectionRecord:
        return next(r for r in self.corrections() if r.id == correction_id)

    def active_corrections(self) -> list[dict[str, Any]]:
        """The corrections in force, oldest first (the order extraction applies them in)."""
        rows = self.db.execute("select correction from corrections where undone_at is null order by id")
        return [json.loads(row[0]) for row in rows]

    def corrections_version(self) -> tuple[int, int, int]:
        """Changes whenever a correction is made or undone (by any connection)."""
        row = self.db.execute("select count(*), coalesce(max(id), 0), count(undone_at) from corrections")
        count, last, undone = row.fetchone()
        return int(count), int(last), int(undone)

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

    def record_correction(self, correction: dict[str, Any], summary: str, briefing_ids: set[int]) -> int:
        """Log a correction with the briefings it touched; the caller holds the transaction."""
        row = self.db.execute(
            "insert into corrections (created_at, correction, summary, briefing_ids) values (?, ?, ?, ?)"
            " returning id",
            [_now(), json.dumps(correction, ensure_ascii=False), summary, json.dumps(sorted(briefing_ids))],
        ).fetchone()
        return int(row[0])

    def correction_to_undo(self, correction_id: int | None = None) -> tuple[int, dict[str, Any], set[int]]:
        """(id, correction, briefings it touched) of an active correction, the latest by default."""
        sql = "select id, correction, briefing_ids from corrections where undone_at is null"
        row = self.db.execute(
            sql + (" and id = ?" if correction_id is not None else " order by id desc limit 1"),
            [correction_id] if correction_id is not None else [],
        ).fetchone()
        if row is None:
            raise CorrectionError(
                "nothing to undo" if correction_id is None else f"no active correction #{correction_id}"
            )
        return row[0], json.loads(row[1]), set(json.loads(row[2]))

    def mark_undone(self, correction_id: int) -> None:
        self.db.execute("update corrections set undone_at = ? where id = ?", [_now(), correction_id])

    def spellings(self, entity_id: int, briefing_id: int | None = None, limit: int = 4) -> list[str]:
        """How the text writes an entity ("Georgia", "Tbilisi's government"…), most written first; in one
        briefing when `briefing_id` is given."""
        sql = "select surface from mentions where entity_id = ?"
        args: list[Any] = [entity_id]
        if briefing_id is not None:
            sql += " and briefing_id = ?"
            args.append(briefing_id)
        rows = self.db.execute(
            sql + " group by surface order by count(*) desc, surface limit ?", [*args, limit]
        )
        return [r[0] for r in rows]

    def touched_by(self, correction: dict[str, Any]) -> set[int]:
        """Briefings whose mentions a correction can change: those mentioning its entities, and for text
        it adds or removes (an alias, a rejected name), those containing that text. A correction of one
        briefing touches that briefing alone."""
        if correction.get("briefing"):
            found = self.briefing_id_by_hash(correction["briefing"])
            return set() if found is None else {found}
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
        contains = "strpos" if self.engine == "postgresql" else "instr"
        for text in texts - {None, ""}:
            ids |= {
                r[0]
                for r in self.db.execute(
                    f"select id from briefings where {contains}(title || ' ' || body || ' ' || sections, ?)"
                    " > 0",
                    [text],
                )
            }
        return ids

    def dismissed_merges(self) -> set[tuple[tuple[str, str], tuple[str, str]]]:
        """Suggested merges turned down: ((source name, kind), (target name, kind))."""
        rows = self.db.execute(
            "select source_name, source_kind, target_name, target_kind from dismissed_merges"
        )
        return {((a, b), (c, d)) for a, b, c, d in rows}

    def dismiss_merge(self, source: tuple[str, str], target: tuple[str, str]) -> None:
        now = _now()
        with self.db.atomic():
            self.db.execute(
                "insert into dismissed_merges values (?, ?, ?, ?, ?) on conflict"
                " (source_name, source_kind, target_name, target_kind) do update set"
                " dismissed_at = excluded.dismissed_at",
                [*source, *target, now],
            )


def _refs(correction: dict[str, Any]) -> list[dict[str, Any]]:
    return [correction[k] for k in ("source", "target", "into") if isinstance(correction.get(k), dict)]


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
