"""A read-only role on a team workspace: it browses, searches and exports; it cannot import or correct."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from explorer.model import Briefing, Filter
from explorer.store import Store
from explorer.store.postgres import WorkspaceReadOnly
from explorer.workspace.corrections import correct
from tests.conftest import SAMPLES

pytestmark = pytest.mark.parametrize("engine", ["postgresql"])


def explorer(*args: str, db: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "explorer", *args],
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "EXPLORER_DB": db},
    )


@pytest.fixture
def reader_url(pg_server, sample_store: Store) -> str:
    """The samples' team workspace, and a URL for a new role that may only read it."""
    database = sample_store.location.split("?")[0].rsplit("/", 1)[1]
    role = f"reader_{database}"
    with pg_server.connect() as admin:
        admin.execute(f"create role {role} login password 'reader-pass'")
    granted = explorer("workspace", "grant-read", role, db=sample_store.location)
    assert granted.returncode == 0, granted.stderr
    assert f"{role} may now browse" in granted.stdout
    return pg_server.url(database, user=role, password="reader-pass")


def test_a_read_only_role_browses_but_cannot_change_anything(reader_url: str, sample_store: Store):
    before = sample_store.briefing_count()
    reader = Store.open(reader_url)
    try:
        assert not reader.writable and sample_store.writable
        assert reader.briefing_count() == before
        assert reader.search("chips") and reader.briefing_total(Filter(countries=("CN",))) > 0
        assert reader.entities(limit=5) and reader.co_mentions([e.id for e in reader.entities(limit=10)])
        with pytest.raises(WorkspaceReadOnly, match="read-only for your role"):
            reader.add_briefings([(Briefing("Copper", "Copper in Chile."), [])])
        with pytest.raises(WorkspaceReadOnly):
            correct(reader, {"op": "reject", "target": reader.entity_ref("org:Nvidia")})
        with pytest.raises(WorkspaceReadOnly):
            reader.add_watch("copper", "copper")
    finally:
        reader.close()
    assert sample_store.briefing_count() == before
    assert sample_store.corrections() == [] and sample_store.watches() == []


def test_the_command_line_of_a_read_only_role(reader_url: str, tmp_path):
    search = explorer("search", "chips", db=reader_url)
    assert search.returncode == 0 and "results" in search.stdout
    graph = explorer("export-graph", "--out", str(tmp_path / "net.graphml"), db=reader_url)
    assert graph.returncode == 0, graph.stderr
    ingest = explorer("ingest", str(SAMPLES), db=reader_url)
    assert ingest.returncode == 2
    assert "read-only for your role" in ingest.stderr and "Traceback" not in ingest.stderr
    kb = explorer("kb", "alias", "org:Nvidia", "Team Green", db=reader_url)
    assert kb.returncode == 2 and "read-only for your role" in kb.stderr
    assert "reader-pass" not in search.stdout + graph.stdout + ingest.stderr + kb.stderr
