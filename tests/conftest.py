"""Test setup: headless Qt, a private EXPLORER_HOME, and real workspaces on disk."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

# Before any QApplication exists: a headless platform, and the app:// scheme registered.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["EXPLORER_HOME"] = tempfile.mkdtemp(prefix="explorer-tests-")
# The rules unless a test asks for the statistical backend (its model is installed for its own tests).
os.environ.setdefault("EXPLORER_NLP", "rules")

from explorer.app import prepare_environment
from explorer.resources import data_path
from explorer.store import Store
from explorer.workspace.importer import import_paths
from tests.pg_server import ThrowawayServer
from tests.pg_server import binaries as pg_binaries

prepare_environment()

SAMPLES = data_path("samples")


# Both engines: every test of a `store` or `sample_store` runs on an SQLite file and on a PostgreSQL
# database of a throwaway server. Without PostgreSQL installed those runs are skipped, unless
# EXPLORER_TEST_POSTGRES=required (the test command sets it), when they fail.
ENGINES = ["sqlite", "postgresql"]


@pytest.fixture(scope="session")
def pg_server():
    if pg_binaries() is None:
        if os.environ.get("EXPLORER_TEST_POSTGRES") == "required":
            pytest.fail("PostgreSQL is not installed, and the test command requires it")
        pytest.skip("PostgreSQL is not installed (Debian: apt-get install postgresql)")
    server = ThrowawayServer().start()
    yield server
    server.stop()


@pytest.fixture
def store_path(tmp_path: Path) -> Path:
    return tmp_path / "workspace.db"


@pytest.fixture(params=ENGINES)
def engine(request: pytest.FixtureRequest) -> str:
    return request.param


@pytest.fixture
def store_location(engine: str, store_path: Path, request: pytest.FixtureRequest) -> str:
    """Where a new, empty workspace of the test's engine is: a file path or a postgresql:// URL."""
    if engine == "sqlite":
        return str(store_path)
    return request.getfixturevalue("pg_server").create_database()


@pytest.fixture
def store(store_location: str):
    opened = Store.open(store_location)
    yield opened
    opened.close()


@pytest.fixture(scope="session")
def sample_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A workspace with every sample briefing imported, built once; tests copy it before writing."""
    path = tmp_path_factory.mktemp("samples") / "samples.db"
    store = Store.open(path)
    report = import_paths(store, [SAMPLES])
    assert report.ok, report.failed
    store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    return path


@pytest.fixture(scope="session")
def sample_pg_template(pg_server: ThrowawayServer) -> str:
    """The samples imported once into a PostgreSQL database that each test's copy is made from."""
    url = pg_server.create_database("samples")
    store = Store.open(url)
    report = import_paths(store, [SAMPLES])
    assert report.ok, report.failed
    store.close()
    return url.split("?")[0].rsplit("/", 1)[1]


@pytest.fixture
def sample_location(engine: str, sample_db: Path, tmp_path: Path, request: pytest.FixtureRequest) -> str:
    """A writable copy of the samples workspace on the test's engine."""
    if engine == "sqlite":
        copy = tmp_path / "copy.db"
        copy.write_bytes(sample_db.read_bytes())
        return str(copy)
    template = request.getfixturevalue("sample_pg_template")
    return request.getfixturevalue("pg_server").create_database(template=template)


@pytest.fixture
def sample_store(sample_location: str):
    opened = Store.open(sample_location)
    yield opened
    opened.close()


def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path
