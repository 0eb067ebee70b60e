"""Watchlists: saved queries in the search language that every import runs again over the briefings
it brought only; their matches stay unread until seen. A Store mixin (SQL only: the window and the
command line decide when to run and what to show)."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime

from explorer.model import Filter
from explorer.query.names import parse
from explorer.query.sql import filter_clause


@dataclass(frozen=True)
class Watch:
    name: str
    query: str
    countries: tuple[str, ...]
    unread: int

    @property
    def filter(self) -> Filter:
        return Filter(query=self.query, countries=self.countries)


@dataclass(frozen=True)
class WatchMatch:
    id: int
    title: str
    date: str | None


WATCH_CHUNK = 500  # briefings matched per statement (SQLite's limit on bound values is far above)


class WatchError(ValueError):
    """A watch that cannot be added or found; the message is meant for the user."""


class WatchesMixin:
    def add_watch(self, name: str, query: str, countries: tuple[str, ...] = ()) -> Watch:
        """A new watch, which sees briefings imported from now on. A malformed query is refused with the
        parser's message."""
        name, query = name.strip(), query.strip()
        if not name:
            raise WatchError("a watch needs a name")
        if not query and not countries:
            raise WatchError("a watch needs a query, an entity or a country")
        errors = self.query_errors(query)
        if errors:
            raise WatchError(f"the query cannot be used: {errors[0].message}")
        newest = self.db.execute("select coalesce(max(id), 0) from briefings").fetchone()[0]
        now = datetime.now(UTC).isoformat(timespec="seconds")
        with self.db.atomic():
            added = self.db.execute(
                "insert into watches (name, query, countries, created_at, last_briefing_id)"
                " values (?, ?, ?, ?, ?) on conflict (name) do nothing",
                [name, query, " ".join(c.upper() for c in countries), now, newest],
            )
            if added.rowcount == 0:
                raise WatchError(f"there is already a watch named {name!r}")
        return self.watch(name)

    def remove_watch(self, name: str) -> None:
        with self.db.atomic():
            self.db.execute("delete from watch_matches where watch = ?", [name])
            if self.db.execute("delete from watches where name = ?", [name]).rowcount == 0:
                raise WatchError(f"no watch named {name!r}")

    def watch(self, name: str) -> Watch:
        found = [w for w in self.watches() if w.name == name]
        if not found:
            raise WatchError(f"no watch named {name!r}")
        return found[0]

    def watches(self) -> list[Watch]:
        rows = self.db.execute(
            """select w.name, w.query, w.countries,
                      (select count(*) from watch_matches m where m.watch = w.name and m.seen = 0)
               from watches w order by lower(w.name), w.name"""
        )
        return [
            Watch(name, query, tuple(countries.split()), unread) for name, query, countries, unread in rows
        ]

    def run_watches(self) -> dict[str, int]:
        """Run every watch over the briefings no watch has read yet (the queue imports fill); returns the
        new matches per watch (only watches that found some). Each run claims what it reads, so two
        processes running watches at once read each briefing once, and a run that fails gives it back."""
        found: dict[str, int] = {}
        claim = "delete from unwatched returning briefing_id"
        if self.url:  # rows another run has claimed (and not committed yet) are left to it
            claim = (
                "delete from unwatched where briefing_id in"
                " (select briefing_id from unwatched for update skip locked) returning briefing_id"
            )
        with self.db.atomic():
            fresh = sorted(r[0] for r in self.db.execute(claim).fetchall())
            watches = self.db.execute(
                "select name, query, countries, last_briefing_id from watches"
            ).fetchall()
            for start in range(0, len(fresh) if watches else 0, WATCH_CHUNK):
                chunk = fresh[start : start + WATCH_CHUNK]
                for name, query, countries, created_after in watches:
                    count = self._match_watch(name, query, countries, created_after, chunk)
                    if count:
                        found[name] = found.get(name, 0) + count
        return found

    def _match_watch(self, name: str, query: str, countries: str, created_after: int, ids: list[int]) -> int:
        """Record which of these briefings (ids ascending) the watch matches; how many it matched.
        Only they are read: the full-text match is bounded to their ids, and every other condition is
        probed per briefing instead of collected over all."""
        flt = Filter(query=query, countries=tuple(countries.split()))
        where, args = filter_clause(flt, self.entity_ids_named, match=False, paged=True, text=self.text_match)
        fts = parse(query).fts
        matched, matched_args = "", []
        if fts:
            text_ids, matched_args = self.text_match.ids(fts, between=(ids[0] - 1, ids[-1]))
            matched = f" and b.id in ({text_ids})"
        marks = ",".join("?" * len(ids))
        try:
            cursor = self.db.execute(
                "insert into watch_matches (watch, briefing_id)"
                f" select ?, b.id from briefings b where b.id in ({marks}) and b.id > ?{matched} and {where}"
                " on conflict do nothing",
                [name, *ids, created_after, *matched_args, *args],
            )
        except sqlite3.OperationalError:
            return 0  # a query the search engine refuses finds nothing (add_watch checks first)
        return max(cursor.rowcount, 0)

    def unread_matches(self, name: str) -> list[WatchMatch]:
        """Matches not yet read in the window."""
        return self._matches(name, "seen")

    def unchecked_matches(self, name: str) -> list[WatchMatch]:
        """Matches no `explorer watch check` has reported yet (kept apart from what the window read)."""
        return self._matches(name, "checked")

    def mark_watch_checked(self, name: str, briefing_ids: list[int]) -> None:
        self._mark(name, "checked", briefing_ids)

    def _matches(self, name: str, flag: str) -> list[WatchMatch]:
        rows = self.db.execute(
            f"""select b.id, b.title, b.published
                from watch_matches m join briefings b on b.id = m.briefing_id
               where m.watch = ? and m.{flag} = 0 order by {self.ordered("b.published", True)}, b.id desc""",
            [name],
        )
        return [WatchMatch(*row) for row in rows]

    def mark_watch_read(self, name: str, briefing_ids: list[int] | None = None) -> None:
        """Mark a watch's matches as read in the window: these ones, or all of them."""
        self._mark(name, "seen", briefing_ids)

    def _mark(self, name: str, flag: str, briefing_ids: list[int] | None) -> None:
        with self.db.atomic():
            if briefing_ids is None:
                self.db.execute(f"update watch_matches set {flag} = 1 where watch = ?", [name])
                return
            for start in range(0, len(briefing_ids), 500):
                chunk = briefing_ids[start : start + 500]
                marks = ",".join("?" * len(chunk))
                self.db.execute(
                    f"update watch_matches set {flag} = 1 where watch = ? and briefing_id in ({marks})",
                    [name, *chunk],
                )
