"""Stories kept in the workspace as their JSON text (explorer.story reads and checks it). A Store mixin."""

from __future__ import annotations

from datetime import UTC, datetime


class StoriesMixin:
    def story_names(self) -> list[str]:
        return [r[0] for r in self.db.execute("select name from stories order by lower(name), name")]

    def story_text(self, name: str) -> str | None:
        row = self.db.execute("select story from stories where name = ?", [name]).fetchone()
        return row[0] if row else None

    def save_story_text(self, name: str, text: str) -> None:
        now = datetime.now(UTC).isoformat(timespec="seconds")
        with self.db.atomic():
            self.db.execute(
                "insert into stories (name, story, updated_at) values (?, ?, ?) on conflict (name)"
                " do update set story = excluded.story, updated_at = excluded.updated_at",
                [name, text, now],
            )

    def delete_story(self, name: str) -> None:
        with self.db.atomic():
            self.db.execute("delete from stories where name = ?", [name])
