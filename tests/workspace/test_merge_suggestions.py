"""Suggested merges on a planted set of variants, and none between different things."""

from __future__ import annotations

from explorer.model import Entity
from explorer.workspace.merge_suggestions import suggest_merges


def entity(i: int, name: str, kind: str, mentions: int) -> Entity:
    return Entity(i, name, kind, None, None, None, mentions)  # type: ignore[arg-type]


PLANTED = [
    entity(1, "Acme Robotics", "org", 12),
    entity(2, "Acme Robotics Inc", "org", 3),
    entity(3, "Jane Doe", "person", 9),
    entity(4, "J. Doe", "person", 2),
    entity(5, "Doe", "person", 4),
    entity(6, "Volodymyr Zelensky", "person", 20),
    entity(7, "Volodymyr Zelenskyy", "person", 5),
    entity(8, "Iran", "place", 30),
    entity(9, "Iraq", "place", 25),
    entity(10, "Austria", "place", 8),
    entity(11, "Australia", "place", 11),
    entity(12, "John Smith", "person", 4),
    entity(13, "Mary Smith", "person", 4),
    entity(14, "Smith", "person", 2),
    entity(15, "Acme Robotics", "place", 1),  # a town of that name is another kind: never merged
]


def test_planted_variants_are_suggested_with_the_better_known_name_kept():
    found = {(s.source.name, s.target.name): s.reason for s in suggest_merges(PLANTED)}
    assert found == {
        ("Acme Robotics Inc", "Acme Robotics"): "company suffix",
        ("J. Doe", "Jane Doe"): "initial",
        ("Doe", "Jane Doe"): "surname alone",
        ("Volodymyr Zelenskyy", "Volodymyr Zelensky"): "similar spelling",
    }


def test_dismissed_suggestions_stay_dismissed():
    dismissed = {(("Acme Robotics Inc", "org"), ("Acme Robotics", "org"))}
    names = {(s.source.name, s.target.name) for s in suggest_merges(PLANTED, dismissed)}
    assert ("Acme Robotics Inc", "Acme Robotics") not in names and ("J. Doe", "Jane Doe") in names
