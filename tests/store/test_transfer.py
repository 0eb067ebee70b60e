"""`explorer workspace copy`: a workspace from a file to a team server and back, nothing lost."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from explorer.model import Briefing, Filter
from explorer.store import Store, StoreError
from explorer.store.transfer import TABLES, copy_workspace
from explorer.workspace.corrections import correct, undo_correction
from explorer.workspace.importer import import_briefings
from tests.pg_server import PASSWORD

QUERIES = ["chips", '"export controls"', "copper NOT chile", "country:CN", 'org:"Nvidia"', "tit*"]


@pytest.fixture
def worked_on(sample_db: Path, tmp_path: Path) -> Store:
    """The samples as an analyst leaves them after a week: a correction, a note, a watch, a story."""
    path = tmp_path / "desk.db"
    path.write_bytes(sample_db.read_bytes())
    store = Store.open(path)
    correct(store, {"op": "alias", "target": store.entity_ref("org:Nvidia"), "alias": "Team Green"})
    store.set_annotation(store.list_briefings(limit=1)[0].id, ["follow-up"], "Ask the Tokyo desk")
    store.add_watch("chips", "chips OR semiconductor*")
    store.save_story_text("Monday", '{"name": "Monday", "steps": [{"caption": "Chips", "query": "chips"}]}')
    yield store
    store.close()


def snapshot(store: Store) -> dict:
    return {
        "rows": {t: store.db.execute(f"select count(*) from {t}").fetchone()[0] for t in TABLES},
        "list": [(r.id, r.title, r.countries, r.entity_count) for r in store.list_briefings()],
        "totals": [store.briefing_total(Filter(query=q)) for q in QUERIES],
        "entities": [(e.id, e.name, e.kind, e.country) for e in store.entities(limit=50)],
        "corrections": [(c.summary, c.briefings) for c in store.corrections()],
        "watches": [(w.name, w.query) for w in store.watches()],
        "stories": store.story_names(),
    }


def test_a_file_to_a_team_server_and_back_keeps_everything(worked_on: Store, pg_server, tmp_path):
    team = Store.open(pg_server.create_database())
    seen: list[tuple[str, int, int]] = []
    report = copy_workspace(worked_on, team, lambda *step: seen.append(step))
    assert report.rows["briefings"] == worked_on.briefing_count() > 20
    assert {table for table, _, _ in seen} >= {"briefings", "mentions", "corrections", "watches"}
    assert seen[-1][1] == seen[-1][2]  # the last table reported whole
    assert snapshot(team) == snapshot(worked_on)
    # The team workspace goes on from there: new ids after the copied ones, corrections undo.
    import_briefings(
        team, [Briefing("Chip office in Lagos", "Team Green opened an office in Lagos, Nigeria.")]
    )
    assert team.briefing_total(Filter(query='org:"Nvidia" country:NG')) == 1
    undo_correction(team)
    assert team.briefing_total(Filter(query='org:"Nvidia" country:NG')) == 0
    offline = Store.open(tmp_path / "offline.db")
    copy_workspace(team, offline)
    assert snapshot(offline) == snapshot(team)
    assert offline.search("lagos")[0].title == "Chip office in Lagos"
    team.close()
    offline.close()


def test_a_workspace_with_briefings_is_never_copied_into(sample_store: Store, worked_on: Store):
    before = sample_store.briefing_count()
    with pytest.raises(StoreError, match="not empty"):
        copy_workspace(worked_on, sample_store)
    assert sample_store.briefing_count() == before


def test_the_command_line_copies_with_progress_and_keeps_the_password_to_itself(
    worked_on: Store, pg_server, tmp_path: Path
):
    url = pg_server.create_database()
    result = subprocess.run(
        [sys.executable, "-m", "explorer", "workspace", "copy", str(worked_on.path), url],
        capture_output=True,
        text=True,
        timeout=300,
        env=os.environ.copy(),
    )
    assert result.returncode == 0, result.stderr
    assert f"{worked_on.briefing_count()} briefings" in result.stdout
    assert "every table's count checked" in result.stdout
    assert "mentions: " in result.stderr  # progress as it goes
    assert PASSWORD not in result.stdout + result.stderr
    again = subprocess.run(
        [sys.executable, "-m", "explorer", "workspace", "copy", str(worked_on.path), url],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert again.returncode == 2 and "is not empty" in again.stderr
    back = tmp_path / "back.db"
    home = subprocess.run(
        [sys.executable, "-m", "explorer", "workspace", "copy", url, str(back)],
        capture_output=True,
        text=True,
    )
    assert home.returncode == 0, home.stderr
    assert Store.open(back).briefing_count() == worked_on.briefing_count()


def test_a_copy_is_one_moment_of_a_team_workspace_that_goes_on_importing(
    worked_on: Store, pg_server, tmp_path
):
    team = Store.open(pg_server.create_database())
    copy_workspace(worked_on, team)
    before = team.briefing_count()
    colleague = Store.open(team.location)
    imported: list[str] = []

    def meanwhile(table: str, _done: int, _total: int) -> None:
        if table == "briefings" and not imported:  # a colleague's import lands mid-copy
            import_briefings(
                colleague, [Briefing("Copper in Lusaka", "Zambia and Glencore agreed on copper.")]
            )
            imported.append(table)

    offline = Store.open(tmp_path / "offline.db")
    report = copy_workspace(team, offline, meanwhile)
    assert imported and team.briefing_count() == before + 1
    assert report.rows["briefings"] == offline.briefing_count() == before
    assert offline.search("lusaka") == []
    for store in (team, colleague, offline):
        store.close()
