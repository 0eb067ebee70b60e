"""Property-based fuzzing: parsers and the extractor raise only their documented errors, and valid input
survives parse → store → read back unchanged."""

from __future__ import annotations

import contextlib
import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from explorer.extract import extract
from explorer.ingest.errors import IngestError
from explorer.ingest.jsonfile import parse_json, parse_jsonl
from explorer.ingest.sectioned import parse_sectioned
from explorer.model import Briefing, Section
from explorer.query import parse_query
from explorer.store import Store

# Derandomized: CI runs the same 300 examples every time, so a red run always reproduces.
FUZZ = settings(
    max_examples=300, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow]
)
# Text that looks like briefings: words, names, punctuation, typographic characters, section headings.
PIECES = st.sampled_from(
    [
        "China",
        "US-based",
        "U.S.",
        "Chinese",
        "ASX",
        "TSMC",
        "Key Signals",
        "Geopolitical Implications",
        "Topics & Keywords",
        "Related Intelligence",
        "- 01",
        "- —",
        "• ",
        "## ",
        "# ",
        "1. ",
        "---",
        "date: 2025-01-01",
        "\n",
        "\n\n",
        " ",
        "’",
        "“",
        "—",
        "…",
        "<script>",
        "&amp;",
        "\x00",
        "\ufeff",
        "é",
        "中文",
        "\t",
    ]
)
TEXTISH = st.lists(st.one_of(PIECES, st.text(max_size=12)), max_size=60).map("".join)
LINE = (
    st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp")), min_size=1, max_size=80)
    .map(str.strip)
    .filter(bool)
)


@FUZZ
@given(TEXTISH)
def test_sectioned_parser_raises_only_ingest_errors(text):
    try:
        briefing = parse_sectioned(text, "fuzz.txt")
    except IngestError as exc:
        assert "\n" not in str(exc)
        return
    assert briefing.title
    # Boilerplate is dropped when it stands on a line of its own (inside a sentence it is content).
    assert all(line.strip() != "Related Intelligence" for line in briefing.body.split("\n"))


@FUZZ
@given(st.text(max_size=400))
def test_json_and_jsonl_raise_only_ingest_errors(text):
    with contextlib.suppress(IngestError):
        parse_json(text, "fuzz.json")
    for _line, outcome in parse_jsonl(text, "fuzz.jsonl"):
        assert isinstance(outcome, Briefing | IngestError)


@FUZZ
@given(
    st.recursive(
        st.none() | st.booleans() | st.integers() | st.text(max_size=20),
        lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
        max_leaves=20,
    )
)
def test_any_json_value_is_a_briefing_or_a_clear_error(value):
    try:
        parse_json(json.dumps(value), "fuzz.json")
    except IngestError as exc:
        assert str(exc)


@FUZZ
@given(TEXTISH)
def test_extractor_offsets_always_point_at_the_surface(text):
    briefing = Briefing(title="T", body=text)
    pieces = {(s, i): t for s, i, t in briefing.texts()}
    for mention in extract(briefing):
        assert pieces[(mention.section, mention.item)][mention.start : mention.end] == mention.surface
        assert mention.kind in ("place", "org", "person", "topic")


@FUZZ
@given(st.text(max_size=80))
def test_query_parser_never_raises_and_the_engine_accepts_its_output(text):
    parsed = parse_query(text)
    store = _query_store()
    for expression in (parsed.fts, parsed.exclude):
        if expression:
            store.db.execute("select count(*) from briefings_fts where briefings_fts match ?", [expression])
    store.search(text)
    store.query_errors(text)


_STORE: list[Store] = []


def _query_store() -> Store:
    if not _STORE:
        _STORE.append(Store.memory())
    return _STORE[0]


@settings(
    max_examples=150,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    title=LINE,
    body=st.lists(LINE, min_size=1, max_size=4).map("\n\n".join),
    implications=st.lists(LINE, max_size=3),
    signals=st.lists(LINE, max_size=3),
)
def test_valid_briefings_round_trip_byte_identical(tmp_path_factory, title, body, implications, signals):
    sections = tuple(
        s
        for s in (
            Section("Geopolitical Implications", tuple(implications)),
            Section("Key Signals", tuple(signals)),
        )
        if s.items
    )
    briefing = Briefing(
        title=title, body=body, sections=sections, published="2025-01-01", date_source="field"
    )
    store = Store.open(tmp_path_factory.mktemp("rt") / "rt.db")
    try:
        store.add_briefings([(briefing, extract(briefing))])
        (row,) = store.list_briefings()
        back = store.get_briefing(row.id).briefing
        assert (back.title, back.body, back.sections) == (title, body, sections)
        assert back.content_hash == briefing.content_hash
    finally:
        store.close()
