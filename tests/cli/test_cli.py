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


def test_about_names_the_extraction_in_use_and_the_data_credits():
    from explorer.extract import compiled

    result = run("about")
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert lines[0] == f"Briefing Explorer {__version__}"
    assert lines[1].startswith("Entity extraction: built-in rules")
    assert lines[1].endswith("the rules compiled to C") == (compiled.active is not None)
    assert any(line.startswith("Cities and regions: GeoNames") for line in lines)


def test_ingest_then_search(tmp_path: Path):
    db = tmp_path / "ws.db"
    result = run("ingest", str(SAMPLES), db=db)
    assert result.returncode == 0, result.stderr
    assert " imported, 0 duplicate, 0 near-duplicate, 0 failed" in result.stdout
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
    assert "1 imported, 0 duplicate, 0 near-duplicate, 1 failed" in result.stdout


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


def test_kb_split_and_reject_can_be_scoped_to_one_briefing(tmp_path: Path):
    db = tmp_path / "ws.db"
    folder = tmp_path / "in"
    write(folder / "a.txt", "Peaches\nFarmers in Georgia expect a record peach harvest.\n")
    write(folder / "b.txt", "Pipeline\nGeorgia and Turkey signed a pipeline deal.\n")
    assert run("ingest", str(folder), db=db).returncode == 0
    peaches = next(h["id"] for h in json.loads(run("search", "peach", "--json", db=db).stdout))
    split = run(
        "kb", "split", "place:Georgia", "--surface", "Georgia", "--into", "Georgia, United States",
        "--country", "US", "--briefing", str(peaches), db=db,
    )  # fmt: skip
    assert split.returncode == 0, split.stderr
    assert "in one briefing; 1 briefing re-read" in split.stdout
    assert json.loads(run("search", "country:US", "--json", db=db).stdout)[0]["id"] == peaches
    pipeline = json.loads(run("search", "country:GE", "--json", db=db).stdout)
    assert [h["title"] for h in pipeline] == ["Pipeline"]
    missing = run("kb", "reject", "place:Georgia", "--surface", "Georgia", "--briefing", "999", db=db)
    assert (missing.returncode, missing.stderr.strip()) == (2, "explorer: no briefing #999")
    whole = run("kb", "reject", "place:Turkey", "--briefing", str(peaches), db=db)
    assert whole.returncode == 2 and "only a split or a reject of one spelling" in whole.stderr


def test_entities_of_plain_jsonl_lines_keep_ids_and_offsets_into_the_text_as_given(tmp_path: Path):
    texts = {
        "a": "Nvidia shares fell in Tokyo after Japan's trade ministry spoke.",
        7: "  Leading spaces stay: Canberra and the ASX.\nA second line in Perth.",
    }
    lines = [json.dumps({"id": key, "text": text}) for key, text in texts.items()]
    lines.insert(1, "{not json")
    lines.append(json.dumps({"id": "no-text"}))
    source = tmp_path / "in.jsonl"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = run("entities", "--plain", "--jsonl", str(source))
    assert result.returncode == 1  # ran, but two lines were refused
    assert "line 2:" in result.stderr and "line 4:" in result.stderr
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert [row["id"] for row in out] == ["a", 7]
    for row in out:
        text = texts[row["id"]]
        assert row["mentions"], row
        for m in row["mentions"]:
            assert set(m) == {"start", "end", "kind", "name", "country", "rule", "confidence"}
            assert 0 <= m["start"] < m["end"] <= len(text)
    found = {(text_key, m["name"]) for text_key, row in zip(texts, out, strict=True) for m in row["mentions"]}
    assert ("a", "Nvidia") in found and ("a", "Tokyo") in found and (7, "Canberra") in found
    canberra = next(m for m in out[1]["mentions"] if m["name"] == "Canberra")
    assert texts[7][canberra["start"] : canberra["end"]] == "Canberra"
    perth = next(m for m in out[1]["mentions"] if m["name"] == "Perth")
    assert texts[7][perth["start"] : perth["end"]] == "Perth" and perth["country"] == "AU"


def test_a_one_paragraph_note_is_read_by_entities_and_ingest(tmp_path: Path):
    note = tmp_path / "note.txt"
    note.write_text(
        "Shares of Woodside Energy fell in Sydney after it cut its forecast. Analysts in Perth were calm.\n",
        encoding="utf-8",
    )
    found = json.loads(run("entities", "--json", str(note)).stdout)
    assert {"Sydney", "Perth"} <= {row["name"] for row in found}
    result = run("ingest", str(note), db=tmp_path / "ws.db")
    assert result.returncode == 0 and "1 imported" in result.stdout


def test_stories_travel_as_json_and_export_to_pngs_and_a_pdf(tmp_path: Path, sample_db: Path):
    db = tmp_path / "ws.db"
    db.write_bytes(sample_db.read_bytes())
    story = {
        "name": "Room",
        "steps": [
            {"caption": "China", "query": "", "countries": ["CN"]},
            {"caption": "Gas", "query": "LNG", "countries": []},
        ],
    }
    source = tmp_path / "story.json"
    source.write_text(json.dumps(story), encoding="utf-8")
    assert run("story", "import", str(source), db=db).returncode == 0
    assert run("story", "list", db=db).stdout.splitlines() == ["Room"]
    exported = tmp_path / "out.json"
    assert run("story", "export", "Room", "--out", str(exported), db=db).returncode == 0
    assert json.loads(exported.read_text(encoding="utf-8"))["steps"][1]["query"] == "LNG"
    missing = run("story", "export", "Nope", "--out", str(exported), db=db)
    assert missing.returncode == 2 and "no story named 'Nope'" in missing.stderr

    env_home = {"EXPLORER_HOME": str(tmp_path / "home")}
    folder = tmp_path / "pngs"
    result = subprocess.run(
        [sys.executable, "-m", "explorer", "--db", str(db), "export-story", "Room", "--out", str(folder),
         "--width", "640", "--height", "360"],
        capture_output=True, text=True, env=dict(os.environ, **env_home),
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    from PySide6.QtGui import QImage

    pngs = sorted(folder.glob("*.png"))
    assert [p.name[:3] for p in pngs] == ["01-", "02-"]
    assert all(QImage(str(p)).size().toTuple() == (640, 360) for p in pngs)
    pdf = tmp_path / "room.pdf"
    result = subprocess.run(
        [sys.executable, "-m", "explorer", "--db", str(db), "export-story", "Room", "--out", str(pdf)],
        capture_output=True, text=True, env=dict(os.environ, **env_home),
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    from PySide6.QtPdf import QPdfDocument

    document = QPdfDocument()
    document.load(str(pdf))
    assert document.pageCount() == 2


def test_a_query_with_a_mistake_is_one_line_with_its_position_and_exit_2(sample_db: Path, tmp_path: Path):
    db = tmp_path / "ws.db"
    db.write_bytes(sample_db.read_bytes())
    for query, words in (
        ('"unbalanced AND (', "unbalanced"),
        ("colour:red tariffs", "unknown field 'colour:'"),
        ("after:2025-13-45", "not a date"),
    ):
        result = run("search", query, db=db)
        assert result.returncode == 2, query
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and words in lines[0] and "position" in lines[0], result.stderr
        assert result.stdout == ""
    export = run("export-map", "--out", str(tmp_path / "m.geojson"), "--query", "colour:red", db=db)
    assert export.returncode == 2 and "unknown field" in export.stderr
    assert not (tmp_path / "m.geojson").exists()


def test_search_says_how_many_match_beyond_the_limit_and_survives_a_closed_pipe(
    sample_db: Path, tmp_path: Path
):
    db = tmp_path / "ws.db"
    db.write_bytes(sample_db.read_bytes())
    total = len(json.loads(run("search", "oil", "--json", "--limit", "100", db=db).stdout))
    assert total > 3
    limited = run("search", "oil", "--limit", "3", db=db)
    assert limited.stdout.strip().endswith(f"3 of {total} results")
    env = dict(os.environ, EXPLORER_DB=str(db))
    piped = subprocess.run(
        f"{sys.executable} -m explorer search oil --json --limit 100 | head -c 10",
        shell=True, capture_output=True, text=True, env=env,
    )  # fmt: skip
    assert "Traceback" not in piped.stderr and "BrokenPipe" not in piped.stderr


def test_read_commands_refuse_a_workspace_that_does_not_exist(tmp_path: Path):
    typo = tmp_path / "typo.db"
    for args in (("search", "x"), ("export-map", "--out", str(tmp_path / "m.csv")), ("story", "list")):
        result = run("--db", str(typo), *args)
        assert result.returncode == 2 and "no workspace" in result.stderr, args
        assert not typo.exists()
    assert run("--db", str(typo), "ingest", str(SAMPLES)).returncode == 0  # ingest makes one
    assert typo.exists()


def test_a_png_export_keeps_stderr_for_our_own_messages(sample_db: Path, tmp_path: Path):
    db = tmp_path / "ws.db"
    db.write_bytes(sample_db.read_bytes())
    env = dict(os.environ, EXPLORER_DB=str(db), EXPLORER_HOME=str(tmp_path / "home"))
    out = tmp_path / "map.png"
    result = subprocess.run(
        [sys.executable, "-m", "explorer", "export-map", "--out", str(out), "--width", "320",
         "--height", "200"],
        capture_output=True, text=True, env=env,
    )  # fmt: skip
    assert result.returncode == 0 and out.exists()
    assert result.stderr == ""
