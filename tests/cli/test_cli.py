import json
import os
import subprocess
import sys
from pathlib import Path

from explorer import __version__
from tests.conftest import SAMPLES, write


def run(*args: str, db: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    if db is not None:
        env["EXPLORER_DB"] = str(db)
    return subprocess.run([sys.executable, "-m", "explorer", *args], capture_output=True, text=True, env=env)


def test_version():
    result = run("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"explorer {__version__}"


def test_ingest_then_search(tmp_path: Path):
    db = tmp_path / "ws.db"
    result = run("ingest", str(SAMPLES), db=db)
    assert result.returncode == 0, result.stderr
    assert " imported, 0 duplicate, 0 failed" in result.stdout
    again = run("ingest", str(SAMPLES), "--db", str(db))
    assert "0 imported" in again.stdout and again.returncode == 0
    hits = json.loads(run("search", "lithium", "--json", db=db).stdout)
    assert hits and {"id", "title", "published", "snippet", "rank"} <= set(hits[0])
    assert all("lithium" in (h["title"] + h["snippet"]).lower() for h in hits[:3])
    text = run("search", "zzzznotaword", db=db)
    assert text.returncode == 0 and text.stdout.strip().endswith("0 results")


def test_ingest_with_a_bad_file_exits_non_zero_and_names_it(tmp_path: Path):
    folder = tmp_path / "in"
    write(folder / "ok.txt", "Title\nBody about Japan.\n")
    write(folder / "bad.json", "{not json")
    result = run("ingest", str(folder), db=tmp_path / "ws.db")
    assert result.returncode == 1
    assert "failed: in/bad.json: malformed JSON" in result.stdout
    assert "1 imported, 0 duplicate, 1 failed" in result.stdout


def test_unusable_workspace_is_one_line_and_exit_2(tmp_path: Path):
    not_db = write(tmp_path / "x.db", "hello")
    result = run("search", "china", db=not_db)
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0
    assert "not a Briefing Explorer workspace" in result.stderr
    missing = run("entities", str(tmp_path / "nope.txt"))
    assert missing.returncode == 2 and "no such file" in missing.stderr


def test_kb_corrections_from_the_command_line_with_log_and_undo(tmp_path: Path):
    db = tmp_path / "ws.db"
    assert run("ingest", str(SAMPLES), db=db).returncode == 0
    merged = run("kb", "merge", "Alibaba Cloud", "Alibaba", db=db)
    assert merged.returncode == 0, merged.stderr
    assert merged.stdout.startswith("#1: merge org:Alibaba Cloud into org:Alibaba;")
    entities = json.loads(run("search", "Alibaba", "--json", db=db).stdout)
    assert entities  # the workspace still answers after the re-extraction
    unknown = run("kb", "reject", "Nowhere", db=db)
    assert (unknown.returncode, unknown.stderr.strip()) == (2, "explorer: no entity named 'Nowhere'")
    bad_country = run("kb", "set", "org:ASX", "--country", "Nowhere", db=db)
    assert bad_country.returncode == 2 and "ISO alpha-2" in bad_country.stderr
    assert run("kb", "undo", db=db).returncode == 0
    log = run("kb", "log", db=db).stdout.splitlines()
    assert len(log) == 1 and log[0].startswith("#1") and "(undone " in log[0]
