"""Stories in and out of a workspace, and in and out of JSON files."""

from __future__ import annotations

import json
from pathlib import Path

from explorer.store import Store
from explorer.story.model import Story, StoryError

MAX_FILE_BYTES = 5_000_000


def read_story_file(path: Path) -> Story:
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise StoryError(f"{path.name} is over {MAX_FILE_BYTES // 1_000_000} MB: not a story file")
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise StoryError(f"{path.name} is not UTF-8 text") from exc
    except json.JSONDecodeError as exc:
        raise StoryError(f"{path.name} is not JSON: {exc.msg} (line {exc.lineno})") from exc
    except OSError as exc:
        raise StoryError(f"cannot read {path.name}: {exc.strerror or exc}") from exc
    return Story.from_json(data)


def story_file_text(story: Story) -> str:
    return json.dumps(story.to_json(), ensure_ascii=False, indent=2) + "\n"


def save_story(store: Store, story: Story) -> None:
    store.save_story_text(story.name, story_file_text(story))


def load_story(store: Store, name: str) -> Story:
    text = store.story_text(name)
    if text is None:
        known = ", ".join(store.story_names()) or "none yet"
        raise StoryError(f"no story named {name!r} (stories: {known})")
    return Story.from_json(json.loads(text))
