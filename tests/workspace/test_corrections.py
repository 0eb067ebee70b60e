"""Analyst corrections on a real workspace file: each operation, its effect on stored and future
briefings, the audit log, and undo."""

from __future__ import annotations

from pathlib import Path

import pytest

from explorer.model import Briefing, CorrectionError
from explorer.store import Store
from explorer.workspace.corrections import correct, undo_correction
from explorer.workspace.importer import import_briefings

FIRST = Briefing(
    title="Big Blue and Alibaba Cloud",
    body="Alibaba Cloud and Alibaba expanded in Singapore. Big Blue bid. Split voted in Croatia.",
)
SECOND = Briefing(title="Caucasus", body="Georgia and Armenia held talks; Alibaba again.")
LATER = Briefing(title="Later", body="Big Blue and Alibaba Cloud again, in Singapore.")


@pytest.fixture
def store(tmp_path: Path) -> Store:
    store = Store.open(tmp_path / "corrections.db")
    import_briefings(store, [FIRST, SECOND])
    yield store
    store.close()


def names(store: Store, kind: str | None = None) -> dict[str, int]:
    """Entity name → briefings mentioning it."""
    sql = """select e.name, count(distinct m.briefing_id)
             from entities e join mentions m on m.entity_id = e.id"""
    rows = store.db.execute(
        sql + (" where e.kind = ?" if kind else "") + " group by e.id", [kind] if kind else []
    )
    return dict(rows.fetchall())


def test_merge_moves_every_mention_and_applies_to_later_imports(store: Store) -> None:
    assert {"Alibaba", "Alibaba Cloud"} <= names(store, "org").keys()
    record = correct(
        store,
        {"op": "merge", "source": store.entity_ref("Alibaba Cloud"), "target": store.entity_ref("Alibaba")},
    )
    orgs = names(store, "org")
    assert "Alibaba Cloud" not in orgs and orgs["Alibaba"] == 2
    assert record.summary == "merge org:Alibaba Cloud into org:Alibaba" and record.briefings == 2
    import_briefings(store, [LATER])
    assert "Alibaba Cloud" not in names(store, "org")
    assert store.integrity_ok()


def test_an_alias_names_the_entity_in_stored_and_future_text(store: Store) -> None:
    assert "Big Blue" not in names(store)
    correct(
        store, {"op": "alias", "alias": "Big Blue", "target": {"name": "IBM", "kind": "org", "country": "US"}}
    )
    assert names(store, "org")["IBM"] == 1
    surfaces = store.db.execute(
        "select m.surface, m.rule from mentions m join entities e on e.id = m.entity_id where e.name = 'IBM'"
    ).fetchall()
    assert surfaces == [("Big Blue", "analyst-alias"), ("Big Blue", "analyst-alias")]  # title and body
    import_briefings(store, [LATER])
    assert names(store, "org")["IBM"] == 2


def test_split_separates_one_written_form_into_another_entity(store: Store) -> None:
    country = store.entity_ref("place:Georgia")
    into = {"name": "Georgia, United States", "kind": "place", "country": "US"}
    correct(store, {"op": "split", "source": country, "surface": "Georgia", "into": into})
    assert store.entity_ref("place:Georgia, United States")["country"] == "US"
    countries = dict(store.db.execute("select country, via from briefing_countries where briefing_id = 2"))
    assert "GE" not in countries and countries["US"] == "place"


THIRD = Briefing(title="Black Sea", body="Georgia and Turkey signed a pipeline deal.")


def test_a_split_scoped_to_one_briefing_changes_that_briefing_only(store: Store) -> None:
    import_briefings(store, [THIRD])
    second, third = (store.briefing_id_by_hash(b.content_hash) for b in (SECOND, THIRD))
    into = {"name": "Georgia, United States", "kind": "place", "country": "US", "lat": 33.4, "lon": -84.0}
    split = {"op": "split", "source": store.entity_ref("place:Georgia"), "surface": "Georgia", "into": into}
    record = correct(store, split | {"briefing": SECOND.content_hash})
    assert record.briefings == 1 and record.summary.endswith("in one briefing")

    def countries(briefing_id: int) -> set[str]:
        rows = store.db.execute("select country from briefing_countries where briefing_id = ?", [briefing_id])
        return {r[0] for r in rows}

    assert "US" in countries(second) and "GE" not in countries(second)
    assert "GE" in countries(third) and "US" not in countries(third)
    # A later re-reading of the workspace (another correction) keeps the scoped re-pin.
    correct(store, {"op": "reject", "target": store.entity_ref("place:Armenia")})
    assert "US" in countries(second) and "GE" in countries(third)
    undo_correction(store)
    undo_correction(store)
    assert "GE" in countries(second) and "US" not in countries(second)


def test_a_scoped_correction_names_its_briefing_by_content_hash(store: Store) -> None:
    split = {
        "op": "split",
        "source": store.entity_ref("place:Georgia"),
        "surface": "Georgia",
        "into": {"name": "Georgia, United States", "kind": "place"},
    }
    with pytest.raises(CorrectionError, match="briefing must be a content hash"):
        correct(store, split | {"briefing": "2"})
    with pytest.raises(CorrectionError, match="only a split or a reject of one spelling"):
        merge = {"op": "merge", "source": split["source"], "target": split["into"]}
        correct(store, merge | {"briefing": "a" * 64})


def test_set_changes_kind_and_country_and_undo_restores_them(store: Store) -> None:
    before = store.entity_ref("org:Alibaba")
    assert before["country"] == "CN"
    correct(store, {"op": "set", "target": before, "country": "SG"})
    assert store.entity_ref("org:Alibaba")["country"] == "SG"
    import_briefings(store, [Briefing(title="Alibaba results", body="Alibaba reported results.")])
    countries = dict(store.db.execute("select country, via from briefing_countries where briefing_id = 3"))
    assert countries == {"SG": "org"}
    undo_correction(store)
    assert store.entity_ref("org:Alibaba")["country"] == "CN"
    correct(store, {"op": "set", "target": store.entity_ref("org:Alibaba"), "kind": "topic"})
    assert "Alibaba" in names(store, "topic") and "Alibaba" not in names(store, "org")


def test_reject_removes_a_false_positive_and_undo_brings_it_back(store: Store) -> None:
    croatia = names(store, "place")
    assert "Singapore" in croatia
    record = correct(store, {"op": "reject", "target": store.entity_ref("place:Singapore")})
    assert "Singapore" not in names(store)
    undone = undo_correction(store, record.id)
    assert undone.undone_at is not None
    assert names(store, "place")["Singapore"] == 1


def test_the_audit_log_keeps_every_correction_in_order_with_undo_marks(store: Store) -> None:
    correct(store, {"op": "reject", "target": store.entity_ref("place:Singapore")})
    correct(store, {"op": "alias", "alias": "Big Blue", "target": {"name": "IBM", "kind": "org"}})
    undo_correction(store)
    log = store.corrections()
    assert [r.correction["op"] for r in log] == ["reject", "alias"]
    assert [r.undone_at is None for r in log] == [True, False]
    assert "IBM" not in names(store) and "Singapore" not in names(store)
    with pytest.raises(CorrectionError, match="no active correction #2"):
        undo_correction(store, 2)


@pytest.mark.parametrize(
    ("correction", "message"),
    [
        ({"op": "rename"}, "unknown correction"),
        ({"op": "merge", "source": {"name": "A", "kind": "org"}}, "merge needs target"),
        ({"op": "set", "target": {"name": "A", "kind": "org"}}, "set needs a new kind or country"),
        ({"op": "set", "target": {"name": "A", "kind": "org"}, "kind": "ship"}, "unknown kind"),
        ({"op": "merge", "source": {"name": "A", "kind": "org"}, "target": {"name": "A", "kind": "org"}},
         "cannot be merged into itself"),
    ],
)  # fmt: skip
def test_bad_corrections_are_refused_with_a_reason_and_change_nothing(store, correction, message) -> None:
    before = names(store)
    with pytest.raises(CorrectionError, match=message):
        correct(store, correction)
    assert names(store) == before and store.corrections() == []


def test_an_ambiguous_or_unknown_name_asks_for_the_kind(store: Store) -> None:
    with pytest.raises(CorrectionError, match="no entity named 'Nowhere'"):
        store.entity_ref("Nowhere")
