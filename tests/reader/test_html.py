"""The reader and evidence HTML: every hostile string stays text; only our own tags and entity links exist."""

from __future__ import annotations

from html.parser import HTMLParser

from explorer.model import TOPICS, Briefing, Section
from explorer.reader import html as reader_html
from explorer.reader.evidence import Evidence, evidence_html
from explorer.workspace.importer import import_briefings
from tests.hostile import PAYLOADS

ALLOWED_TAGS = {"h2", "h3", "p", "a", "span", "ol", "ul", "li", "b", "i", "br"}


class _Audit(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, attrs))

    def handle_data(self, data):
        self.text.append(data)


def audit(html: str) -> _Audit:
    parser = _Audit()
    parser.feed(html)
    parser.close()
    return parser


def hostile_briefing(payload: str) -> Briefing:
    return Briefing(
        title=f"Canberra alert {payload}",
        body=f"Officials in Canberra and TSMC said {payload} was in the file.\n\nSecond {payload} paragraph.",
        sections=(Section("Key Signals", (payload,)), Section(TOPICS, (payload, "Canberra"))),
    )


def test_every_payload_reaches_the_reader_as_text(store):
    import_briefings(store, [hostile_briefing(p) for p in PAYLOADS])
    rows = store.list_briefings()
    assert len(rows) == len(PAYLOADS)
    for row in rows:
        stored = store.get_briefing(row.id)
        html = reader_html.briefing_html(
            stored, store.briefing_mentions(row.id), "light", ["canberra", "script"]
        )
        found = audit(html)
        payload = stored.briefing.title.removeprefix("Canberra alert ")
        for tag, attrs in found.tags:
            assert tag in ALLOWED_TAGS, (payload, tag)
            for name, value in attrs:
                assert not name.startswith("on"), (payload, name)
                if name == "href":
                    assert value.startswith("entity:") and value[7:].isdigit(), (payload, value)
        text = "".join(found.text)
        assert text.count(payload.strip()) >= 3, payload  # title, body, signal (topics too)


def test_evidence_stays_inert():
    items = [Evidence(7, payload, "2025-01-01", "body", payload, ((0, 4), (6, 30))) for payload in PAYLOADS]
    found = audit(evidence_html([(PAYLOADS[0], items)]))
    assert {tag for tag, _attrs in found.tags} <= {"h3", "p", "a", "b", "br", "i"}
    assert all(not any(n.startswith("on") for n, _v in attrs) for _t, attrs in found.tags)
    assert {v for _t, attrs in found.tags for n, v in attrs if n == "href"} == {"briefing:7"}
    text = "".join(found.text)  # the parser already turned entities back into characters
    assert all(payload.strip() in text for payload in PAYLOADS)


def test_the_date_line_says_undated_once_and_never_contradicts_a_date(store):
    briefings = [
        Briefing(title="Dated", body="Talks in Canberra.", published="2025-03-01", source="Wire"),
        Briefing(title="Undated", body="Talks in Canberra.", source="Wire"),
        Briefing(title="File time", body="In Canberra.", published="2025-03-02", date_source="mtime"),
    ]
    import_briefings(store, briefings)
    lines = {}
    for row in store.list_briefings():
        text = "".join(audit(reader_html.briefing_html(store.get_briefing(row.id), [], "light")).text)
        lines[row.title] = text
    assert "2025-03-01 · Wire" in lines["Dated"] and "no date" not in lines["Dated"]
    assert "undated · Wire" in lines["Undated"] and "no date" not in lines["Undated"]
    assert "2025-03-02 · date from file time" in lines["File time"]
