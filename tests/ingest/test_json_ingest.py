import json
from pathlib import Path

import pytest

from explorer.ingest.errors import IngestError
from explorer.ingest.jsonfile import parse_json
from explorer.ingest.registry import read_file
from tests.conftest import write

RECORD = {
    "title": "Grid deal signed",
    "body": "Ministers in Nairobi signed a grid deal.",
    "date": "2025-03-02T08:00:00Z",
    "source": "Wire",
    "url": "https://example.org/x",
    "sections": {"Key Signals": ["Tender next month"]},
}


def test_object_array_and_wrapper_forms():
    assert len(parse_json(json.dumps(RECORD), "a.json")) == 1
    assert len(parse_json(json.dumps([RECORD, {**RECORD, "title": "Other"}]), "b.json")) == 2
    (b,) = parse_json(json.dumps({"briefings": [RECORD]}), "c.json")
    assert (b.title, b.published, b.date_source, b.source) == (
        "Grid deal signed",
        "2025-03-02",
        "field",
        "Wire",
    )
    assert b.section("Key Signals").items == ("Tender next month",)


@pytest.mark.parametrize(
    ("record", "message"),
    [
        ({"body": "x"}, 'missing field "title"'),
        ({"title": "x"}, 'missing field "body"'),
        ({"title": 3, "body": "x"}, 'field "title" must be text'),
        ({"title": "t", "body": "b", "sections": "nope"}, '"sections" must be'),
        ([], "no briefings"),
    ],
)
def test_bad_records_say_what_is_wrong(record, message):
    with pytest.raises(IngestError, match=message):
        parse_json(json.dumps(record), "x.json")


def test_jsonl_keeps_good_lines_and_reports_bad_ones_by_line(tmp_path: Path):
    lines = [json.dumps(RECORD), '{"title": "truncated', json.dumps({**RECORD, "title": "Third"}), "[1, 2]"]
    result = read_file(write(tmp_path / "feed.jsonl", "\n".join(lines)))
    assert [b.title for b in result.briefings] == ["Grid deal signed", "Third"]
    assert [where for where, _ in result.failures] == ["feed.jsonl:2", "feed.jsonl:4"]
    assert "malformed JSON" in result.failures[0][1]
    assert "expected a JSON object" in result.failures[1][1]


def test_deeply_nested_json_is_a_clear_error(tmp_path: Path):
    result = read_file(write(tmp_path / "deep.json", "[" * 100_000 + "]" * 100_000))
    assert result.failures == (("deep.json", "JSON is nested too deeply"),)
