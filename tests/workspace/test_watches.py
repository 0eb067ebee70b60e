"""Watchlists: saved queries run again on every import, over the new briefings only."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from explorer.model import Briefing, Filter
from explorer.store import Store
from explorer.store.watches import WatchError
from explorer.workspace import importer
from explorer.workspace.importer import import_briefings, import_paths
from tests.cli.test_cli import run
from tests.conftest import write

OLD = Briefing(
    "Lithium royalties rise in Chile", "Chile raised lithium royalties for SQM.", published="2026-01-05"
)
NEW = [
    Briefing(
        "Chile lithium auction", "Chile auctioned lithium blocks in the Atacama.", published="2026-11-02"
    ),
    Briefing(
        "Copper smelter strike", "Workers at a copper smelter in Zambia struck.", published="2026-11-03"
    ),
    Briefing("Argentina lithium boom", "Argentina approved two lithium mines.", published="2026-11-04"),
]


def test_watches_run_on_import_over_new_briefings_only(store: Store):
    import_briefings(store, [OLD])
    store.add_watch("Lithium", "lithium")
    store.add_watch("Chilean lithium", "lithium", countries=("cl",))
    report = import_briefings(store, NEW)
    assert report.watch_matches == {"Lithium": 2, "Chilean lithium": 1}
    assert "Lithium: 2 new" in report.as_text()
    assert [m.title for m in store.unread_matches("Lithium")] == [
        "Argentina lithium boom",
        "Chile lithium auction",
    ]
    assert {w.name: w.unread for w in store.watches()} == {"Chilean lithium": 1, "Lithium": 2}
    assert store.run_watches() == {}  # nothing new: nothing found twice
    listed = store.list_briefings(Filter(watch="Lithium"))
    assert [b.title for b in listed] == ["Argentina lithium boom", "Chile lithium auction"]
    store.mark_watch_read("Lithium")
    assert store.unread_matches("Lithium") == [] and store.briefing_total(Filter(watch="Lithium")) == 0


def test_a_malformed_or_duplicate_watch_is_refused(store: Store):
    with pytest.raises(WatchError, match="unbalanced bracket"):
        store.add_watch("Broken", "lithium AND (chile")
    with pytest.raises(WatchError, match="unknown field 'foo:'"):
        store.add_watch("Broken", "foo:bar")
    store.add_watch("Copper", "copper")
    with pytest.raises(WatchError, match="already a watch named 'Copper'"):
        store.add_watch("Copper", "smelter")
    with pytest.raises(WatchError, match="no watch named 'Nickel'"):
        store.remove_watch("Nickel")
    assert [w.name for w in store.watches()] == ["Copper"]


def test_watch_check_reports_each_new_match_once(tmp_path: Path):
    db = tmp_path / "ws.db"
    assert (
        run(
            "ingest", str(write(tmp_path / "old.txt", "Old lithium note\nChile and lithium.\n")), db=db
        ).returncode
        == 0
    )
    added = run("watch", "add", "Lithium", "lithium", db=db)
    assert added.returncode == 0, added.stderr
    refused = run("watch", "add", "Bad", "lithium AND (chile", db=db)
    assert refused.returncode != 0 and "unbalanced bracket" in refused.stderr
    folder = tmp_path / "in"
    write(folder / "a.txt", "Lithium auction in Chile\nChile auctioned lithium blocks.\n")
    write(folder / "b.txt", "Copper strike in Zambia\nWorkers struck at a copper smelter.\n")
    ingest = run("ingest", str(folder), db=db)
    assert "watch Lithium: 1 new" in ingest.stdout
    first = run("watch", "check", "--json", db=db)
    assert first.returncode == 0, first.stderr
    (entry,) = json.loads(first.stdout)
    assert (entry["name"], entry["query"]) == ("Lithium", "lithium")
    assert [(m["title"], sorted(m)) for m in entry["new"]] == [
        ("Lithium auction in Chile", ["date", "id", "title"])
    ]
    second = run("watch", "check", "--json", db=db)
    assert json.loads(second.stdout)[0]["new"] == []
    listed = run("watch", "list", db=db)
    assert listed.stdout.startswith("Lithium\t1 unread\tlithium")  # the window's unread list is untouched
    assert run("watch", "remove", "Lithium", db=db).returncode == 0
    assert run("watch", "list", db=db).stdout == ""


def test_a_watch_can_follow_an_entity_by_name(tmp_path: Path):
    db = tmp_path / "ws.db"
    first = write(tmp_path / "old.txt", "Lithium in Chile\nSQM and Albemarle bid for lithium in Chile.\n")
    assert run("ingest", str(first), db=db).returncode == 0
    added = run("watch", "add", "SQM in Australia", "--entity", "org:SQM", "--country", "AU", db=db)
    assert added.returncode == 0, added.stderr
    assert 'org:"SQM"' in added.stdout
    unknown = run("watch", "add", "Nobody", "--entity", "person:Nobody Known", db=db)
    assert unknown.returncode == 2 and "no entity named 'Nobody Known'" in unknown.stderr
    empty = run("watch", "add", "Empty", db=db)
    assert empty.returncode == 2 and "a watch needs a query, an entity or a country" in empty.stderr
    folder = tmp_path / "in"
    write(folder / "a.txt", "SQM expands\nSQM expanded its Atacama plant in Chile.\n")
    write(folder / "b.txt", "Albemarle in Australia\nAlbemarle expanded in Western Australia.\n")
    write(folder / "c.txt", "SQM in Australia\nSQM bought a stake in a mine in Australia.\n")
    assert "watch SQM in Australia: 1 new" in run("ingest", str(folder), db=db).stdout
    (entry,) = json.loads(run("watch", "check", "--json", db=db).stdout)
    assert [m["title"] for m in entry["new"]] == ["SQM in Australia"]


def test_a_cancelled_import_leaves_its_briefings_to_the_next_run(store: Store, tmp_path: Path, monkeypatch):
    monkeypatch.setattr(importer, "BATCH_SIZE", 1)  # each briefing lands on its own before the cancel
    store.add_watch("Lithium", "lithium")
    for i in range(4):
        write(tmp_path / "in" / f"{i}.txt", f"Lithium note {i}\nChile and lithium, item {i}.\n")
    calls: list[int] = []
    report = import_paths(
        store,
        [tmp_path / "in"],
        progress=lambda d, _t, _n: calls.append(d),
        cancelled=lambda: len(calls) >= 2,
    )
    assert report.cancelled and report.watch_matches == {}
    assert store.briefing_count() == 2
    assert store.run_watches() == {"Lithium": 2}  # found by the next run, not lost
