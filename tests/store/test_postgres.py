"""A team workspace on PostgreSQL: what only a server has (URLs, passwords, concurrent writers, schema
steps of a newer version). Everything else runs on both engines through the `store` fixtures."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from explorer.model import Briefing, Filter
from explorer.store import Store, StoreError
from explorer.store.postgres import display_name, redacted
from explorer.workspace.importer import import_paths
from tests.conftest import SAMPLES
from tests.pg_server import PASSWORD


def explorer(*args: str, db: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "EXPLORER_DB": db}
    return subprocess.run(
        [sys.executable, "-m", "explorer", *args], capture_output=True, text=True, env=env, timeout=300
    )


def test_a_url_is_shown_and_remembered_without_its_password():
    url = "postgresql://analyst:pa%24%24word@db.desk:5433/briefings?sslmode=require&password=other"
    assert redacted(url) == "postgresql://analyst@db.desk:5433/briefings?sslmode=require&password=***"
    assert display_name(url) == "briefings on db.desk"
    assert display_name("postgresql:///team?host=/run/postgresql") == "team on /run/postgresql"


def test_a_wrong_password_is_refused_without_repeating_it(pg_server):
    url = pg_server.url(password="not-the-password")
    with pytest.raises(StoreError) as refused:
        Store.open(url)
    assert "password authentication failed" in str(refused.value)
    assert "not-the-password" not in str(refused.value)
    assert str(refused.value).startswith("cannot open workspace postgres on ")


def test_the_command_line_takes_a_url_and_never_prints_the_password(pg_server):
    url = pg_server.create_database()
    ingest = explorer("ingest", str(SAMPLES), db=url)
    assert ingest.returncode == 0, ingest.stderr
    search = explorer("search", "chips", db=url)
    assert search.returncode == 0 and "TSMC" in search.stdout
    missing = explorer("search", "chips", db=url.replace("/workspace_", "/nowhere_"))
    assert missing.returncode != 0 and "does not exist" in missing.stderr
    for result in (ingest, search, missing):
        assert PASSWORD not in result.stdout + result.stderr


def test_two_imports_of_the_same_files_at_once_store_each_briefing_once(pg_server, tmp_path: Path):
    url = pg_server.create_database()
    setup = Store.open(url)  # the schema and a watch exist before the race, as on a team's server
    setup.add_watch("chips", "chips OR semiconductor*")
    setup.close()
    both = [
        subprocess.Popen(
            [sys.executable, "-m", "explorer", "ingest", str(SAMPLES)],
            env={**os.environ, "EXPLORER_DB": url},
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    # A window reads all along: it never fails, and never sees the count go down (whole batches only).
    seen: list[int] = []
    window = Store.open(url)
    reader = window.reader()
    while any(process.poll() is None for process in both):
        seen.append(reader.briefing_total(Filter(query="chips OR oil")))
        reader.list_briefings(Filter(), limit=50)
        time.sleep(0.05)
    reader.close()
    window.close()
    outputs = [process.communicate(timeout=300) for process in both]
    assert [process.returncode for process in both] == [0, 0], outputs
    assert len(seen) > 3 and seen == sorted(seen)
    alone = Store.open(str(tmp_path / "alone.db"))
    import_paths(alone, [SAMPLES])
    team = Store.open(url)
    try:
        assert team.briefing_count() == alone.briefing_count() > 20
        assert team.entity_count() == alone.entity_count()
        assert team.briefing_total(Filter(query="chips")) == alone.briefing_total(Filter(query="chips"))
        duplicated = team.db.execute(
            "select count(*) from (select entity_id, briefing_id, section, item, start from mentions"
            " group by 1, 2, 3, 4, 5 having count(*) > 1) d"
        ).fetchone()[0]
        assert duplicated == 0
        # Whatever order the two writers committed in, the watch read every briefing, each once.
        expected = team.briefing_total(Filter(query="chips OR semiconductor*"))
        assert len(team.unread_matches("chips")) == expected > 3
    finally:
        team.close()
        alone.close()


def test_a_workspace_of_a_newer_version_is_refused_untouched(pg_server):
    url = pg_server.create_database()
    store = Store.open(url)
    store.db.execute("insert into explorer_migrations (name) values ('9999_from_the_future')")
    store.close()
    with pytest.raises(StoreError, match="newer version"):
        Store.open(url)


def test_every_commit_moves_the_version_that_other_windows_watch(pg_server):
    url = pg_server.create_database()
    window, importer = Store.open(url), Store.open(url)
    try:
        before = window.data_version()
        importer.add_briefings([(Briefing("Copper in Chile", "Copper output in Chile rose."), [])])
        assert window.data_version() != before
        assert window.reader().briefing_count() == 1
    finally:
        window.close()
        importer.close()


def test_a_reader_connection_cannot_write(pg_server):
    store = Store.open(pg_server.create_database())
    reader = store.reader()
    try:
        with pytest.raises(Exception, match="read-only"):
            reader.add_briefings([(Briefing("Copper", "Copper in Chile."), [])])
        assert store.briefing_count() == 0
    finally:
        reader.close()
        store.close()
