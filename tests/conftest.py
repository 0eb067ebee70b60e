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

prepare_environment()

SAMPLES = data_path("samples")


@pytest.fixture
def store_path(tmp_path: Path) -> Path:
    return tmp_path / "workspace.db"


@pytest.fixture
def store(store_path: Path):
    opened = Store.open(store_path)
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


@pytest.fixture
def sample_store(sample_db: Path, tmp_path: Path):
    copy = tmp_path / "copy.db"
    copy.write_bytes(sample_db.read_bytes())
    opened = Store.open(copy)
    yield opened
    opened.close()


def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path
