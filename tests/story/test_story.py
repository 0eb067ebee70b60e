"""Stories as JSON and in the workspace: what is accepted, what is refused and why, and the round trip."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from explorer.store import Store
from explorer.story.files import load_story, read_story_file, save_story, story_file_text
from explorer.story.model import Story, StoryError, StoryStep

MINIMAL = {"name": "Asia chips", "steps": [{"caption": "Curbs", "query": "Nvidia", "countries": ["cn"]}]}


def test_the_minimal_json_is_a_story_and_comes_back_the_same():
    story = Story.from_json(MINIMAL)
    assert story.steps == (StoryStep("Curbs", "Nvidia", ("CN",)),)
    again = Story.from_json(json.loads(story_file_text(story)))
    assert again == story


def test_every_optional_field_survives_the_round_trip():
    step = {
        "caption": "Gas",
        "query": "LNG",
        "countries": ["AU"],
        "entities": [{"name": "Woodside", "kind": "org"}],
        "briefing": "Woodside commits",
        "layout": "map + network",
        "view": {"center": [-25.0, 134.0], "zoom": 4},
        "date_from": "2025-01-01",
        "date_to": "2025-06-30",
    }
    story = Story.from_json({"name": "Gas", "steps": [step]})
    assert story.steps[0].view == (-25.0, 134.0, 4.0)
    assert Story.from_json(story.to_json()) == story


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ([], "JSON object"),
        ({"steps": []}, '"name"'),
        ({"name": "x"}, '"steps"'),
        ({"name": "x", "steps": [{"caption": 3}]}, 'step 1: "caption" is text'),
        ({"name": "x", "steps": [{"caption": "a", "countries": ["Australia"]}]}, "two-letter codes"),
        ({"name": "x", "steps": [{"caption": "a", "layout": "cinema"}]}, "layout is one of"),
        ({"name": "x", "steps": [{"caption": "a", "view": {"zoom": 3}}]}, '"view"'),
        ({"name": "x", "steps": [{"caption": "a", "entities": [{"name": "X", "kind": "ship"}]}]}, "ship"),
    ],
)
def test_a_bad_story_is_refused_with_where_and_why(data, message):
    with pytest.raises(StoryError, match=message):
        Story.from_json(data)


def test_a_step_finds_its_entities_by_name_in_the_workspace_it_is_played_in():
    step = StoryStep("x", countries=("AU",), entities=(("Woodside", "org"), ("Nobody", "person")))
    found = step.filter(lambda kind, name: [7] if (kind, name) == ("org", "Woodside") else [])
    assert found.entity_ids == (7,) and found.countries == ("AU",)


def test_stories_live_in_the_workspace_and_survive_reopening_it(tmp_path: Path):
    path = tmp_path / "ws.db"
    store = Store.open(path)
    save_story(store, Story.from_json(MINIMAL))
    store.close()
    reopened = Store.open(path)
    assert reopened.story_names() == ["Asia chips"]
    assert load_story(reopened, "Asia chips") == Story.from_json(MINIMAL)
    with pytest.raises(StoryError, match="no story named 'Other'"):
        load_story(reopened, "Other")
    reopened.close()


def test_story_files_that_are_not_stories_say_so(tmp_path: Path):
    (tmp_path / "bad.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(StoryError, match="not JSON"):
        read_story_file(tmp_path / "bad.json")
    (tmp_path / "latin.json").write_bytes(b'{"name": "\xe9"}')
    with pytest.raises(StoryError, match="not UTF-8"):
        read_story_file(tmp_path / "latin.json")
