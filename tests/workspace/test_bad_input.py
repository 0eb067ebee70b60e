"""Each class of bad input: a clear per-file message, the rest of the batch lands, the database is ok."""

import codecs
import json
import os
from pathlib import Path

import pytest

from explorer.ingest import decode
from explorer.workspace.importer import import_paths
from tests.conftest import write

GOOD = "---\ndate: 2025-02-03\n---\nGood briefing about Chinese exports\nBody text naming Japan and TSMC.\n"

BAD_FILES = {
    "binary.txt": (bytes(range(256)) * 8, "binary file"),
    "nul.txt": (b"Title\nBody\x00with NUL\n", "binary file"),
    "latin.txt": (b"Title\nBody with \x81\x8d bytes that no text encoding here accepts\n", "not valid UTF-8"),
    "empty.txt": (b"", "file is empty"),
    "blank.md": (b"\n\n   \n", "file is empty"),
    "broken.json": (b'{"title": "x", "body": ', "malformed JSON"),
    "wrong.json": (b'{"title": "x"}', 'missing field "body"'),
    "title-only.txt": (b"Just a title\n", "no body text"),
    "truncated.pdf": (b"%PDF-1.7", "broken PDF"),
    "notes.docx": (b"PK\x03\x04", "unsupported file type .docx"),
}


@pytest.fixture
def batch(tmp_path: Path) -> Path:
    folder = tmp_path / "inbox"
    write(folder / "good.txt", GOOD)
    write(folder / "nested" / "good2.md", GOOD.replace("Good briefing", "Second good briefing"))
    for name, (content, _reason) in BAD_FILES.items():
        write(folder / "bad" / name, content)
    return folder


def test_each_bad_file_is_reported_by_name_and_the_rest_lands(store, batch: Path):
    report = import_paths(store, [batch, batch / "bad" / "notes.docx"])
    failures = dict(report.failed)
    for name, (_content, reason) in BAD_FILES.items():
        where = f"inbox/bad/{name}"  # a .docx inside a folder is ignored; named explicitly, it is reported
        assert where in failures, f"{name} not reported"
        assert reason in failures[where], (name, failures[where])
        assert "\n" not in failures[where]
    assert sorted(report.imported) == ["inbox/good.txt", "inbox/nested/good2.md"]
    assert store.briefing_count() == 2
    assert store.integrity_ok()
    assert not report.ok


def test_oversized_file_is_refused_before_reading(store, tmp_path: Path):
    big = tmp_path / "huge.txt"
    with big.open("wb") as fh:
        fh.truncate(200 * 1024 * 1024)  # 200 MB, sparse: costs no disk and no time
    assert big.stat().st_size > decode.MAX_FILE_BYTES
    write(tmp_path / "ok.txt", GOOD)
    report = import_paths(store, [tmp_path])
    assert dict(report.failed)[f"{tmp_path.name}/huge.txt"].endswith("MB limit")
    assert store.briefing_count() == 1


@pytest.mark.parametrize(
    ("raw", "encoding"),
    [
        (codecs.BOM_UTF8 + GOOD.encode("utf-8"), "utf-8 with BOM"),
        (codecs.BOM_UTF16_LE + GOOD.encode("utf-16-le"), "utf-16 with BOM"),
        (GOOD.replace("Body", "Body “quoted” — café").encode("cp1252"), "windows-1252"),
    ],
)
def test_legitimate_encodings_are_decoded(store, tmp_path: Path, raw: bytes, encoding: str):
    report = import_paths(store, [write(tmp_path / "enc.txt", raw)])
    assert report.ok, (encoding, report.failed)
    (row,) = store.list_briefings()
    assert row.title == "Good briefing about Chinese exports"


def test_symlink_loop_and_missing_path(store, tmp_path: Path):
    folder = tmp_path / "loop"
    write(folder / "a.txt", GOOD)
    (folder / "again").symlink_to(folder, target_is_directory=True)
    report = import_paths(store, [folder, tmp_path / "missing"])
    assert report.imported == ["loop/a.txt"]
    assert report.failed == [("missing", "no such file or folder")]


def test_a_failing_batch_leaves_nothing_half_written(store, tmp_path: Path, monkeypatch):
    write(tmp_path / "one.txt", GOOD)
    write(tmp_path / "two.txt", GOOD.replace("Good", "Other"))
    original = store._write_mentions  # the second briefing's mentions fail after its row is written
    calls = {"n": 0}

    def explode(briefing_id, mentions, *rest):
        calls["n"] += 1
        if calls["n"] == 2:
            raise RuntimeError("disk on fire")
        return original(briefing_id, mentions, *rest)

    monkeypatch.setattr(store, "_write_mentions", explode)
    with pytest.raises(RuntimeError):
        import_paths(store, [tmp_path])
    assert store.briefing_count() == 0
    assert store.db.execute("select count(*) from mentions").fetchone()[0] == 0
    assert store.integrity_ok()


def test_json_records_land_alongside_text(store, tmp_path: Path):
    record = {"title": "Wire item", "body": "Saudi Aramco raised prices.", "date": "2025-01-01"}
    write(tmp_path / "w.json", json.dumps([record]))
    report = import_paths(store, [tmp_path])
    assert report.ok
    assert [r.title for r in store.list_briefings()] == ["Wire item"]


def test_a_folder_of_ten_thousand_small_files(store, tmp_path: Path):
    folder = tmp_path / "many"
    for i in range(10_000):
        sub = folder / f"{i // 1000:02d}"
        write(sub / f"{i:05d}.txt", f"Note {i}\nA short note from Oslo, number {i}.\n")
    write(folder / "05" / "broken.json", "[{")
    report = import_paths(store, [folder])
    assert len(report.imported) == 10_000
    ((where, reason),) = report.failed
    assert where == "many/05/broken.json" and reason.startswith("malformed JSON at line 1 column 3")
    assert store.briefing_count() == 10_000 and store.integrity_ok()


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root reads every file; cannot test")
def test_an_unreadable_file_is_reported(store, tmp_path: Path):
    locked = write(tmp_path / "locked.txt", GOOD)
    locked.chmod(0)
    write(tmp_path / "open.txt", GOOD.replace("Good", "Readable"))
    report = import_paths(store, [tmp_path])
    assert "cannot read file" in dict(report.failed)[f"{tmp_path.name}/locked.txt"]
    assert store.briefing_count() == 1
