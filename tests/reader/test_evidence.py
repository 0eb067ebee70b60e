"""The sentences behind an entity or a link, with the entities marked where they are named."""

from __future__ import annotations

from explorer.reader.evidence import evidence, evidence_html


def named(item) -> list[str]:
    return [item.sentence[start:end] for start, end in item.marks]


def test_marks_cover_exactly_the_names_in_the_sentence(sample_store):
    ids = {e.name: e.id for e in sample_store.entities(limit=500)}
    found = evidence(sample_store, ids["TSMC"])
    assert len(found) >= 3
    for item in found:
        assert named(item), item
        assert all(name.strip() == name and name for name in named(item))
        assert any("TSMC" in name or "Taiwan Semiconductor" in name for name in named(item)), item
    html = evidence_html([("TSMC", found)])
    assert f"href='briefing:{found[0].briefing_id}'" in html
    assert "background:#fff1a8'>TSMC</b>" in html


def test_a_link_marks_both_entities_when_they_share_a_sentence(sample_store):
    ids = {e.name: e.id for e in sample_store.entities(limit=500)}
    found = evidence(sample_store, ids["TSMC"], ids["Nvidia"])
    shared = [item for item in found if len(item.marks) >= 2]
    assert shared
    assert any("Nvidia" in " ".join(named(item)) and "TSMC" in " ".join(named(item)) for item in shared)
