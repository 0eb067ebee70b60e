"""Kill an import with SIGKILL half-way: the workspace stays sound, and a re-run finishes the job."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from explorer.store import Store
from explorer.workspace.importer import BATCH_SIZE
from tests.conftest import write

FILES = 3000


def committed(db: Path) -> int:
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5) as conn:
            return conn.execute("select count(*) from briefings").fetchone()[0]
    except sqlite3.OperationalError:
        return 0


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_sigkill_mid_import_loses_nothing_and_a_rerun_completes(tmp_path: Path):
    folder = tmp_path / "batch"
    countries = ["China", "Japan", "Brazil", "Kenya", "Norway", "India"]
    for i in range(FILES):
        write(
            folder / f"{i:05d}.txt",
            f"Briefing {i}\nOfficials in {countries[i % 6]} met TSMC about item {i}.\n",
        )
    db = tmp_path / "ws.db"
    env = dict(os.environ, EXPLORER_DB=str(db))
    command = [sys.executable, "-m", "explorer", "ingest", str(folder)]
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while committed(db) < BATCH_SIZE * 2 and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    process.send_signal(signal.SIGKILL)
    process.wait()
    landed = committed(db)
    assert 0 < landed < FILES, "the kill should land mid-import (make FILES larger if this fails)"

    store = Store.open(db)
    assert store.integrity_ok()
    assert landed % BATCH_SIZE == 0, "batches are all-or-nothing"
    rows = store.db.execute("select title, body from briefings").fetchall()
    assert all(body.startswith("Officials in ") for _title, body in rows)
    mentions = store.db.execute("select count(distinct briefing_id) from mentions").fetchone()[0]
    assert mentions == landed  # every stored briefing has its mentions: nothing half-written
    store.close()

    rerun = subprocess.run(command, env=env, capture_output=True, text=True)
    assert rerun.returncode == 0, rerun.stderr
    assert f"{FILES - landed} imported, {landed} duplicate, 0 near-duplicate, 0 failed" in rerun.stdout
    store = Store.open(db)
    assert store.briefing_count() == FILES
    assert store.db.execute("select count(distinct content_hash) from briefings").fetchone()[0] == FILES
    store.close()
