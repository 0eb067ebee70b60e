"""The optional spaCy backend, with a real spaCy pipeline (blank English + an entity ruler: no model)."""

from __future__ import annotations

import spacy

from explorer.extract import backend_name, extract_text
from explorer.extract import nlp as backend


def ruler_pipeline():
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns(
        [
            {"label": "ORG", "pattern": "Northwind"},
            {"label": "PERSON", "pattern": "Ada Quinn"},
            {"label": "ORG", "pattern": "Georgia"},  # a wrong label: the gazetteer's place must win
            {"label": "GPE", "pattern": "Zembla"},  # spaCy's places are not used
            {"label": "ORG", "pattern": "Nvidia"},  # the knowledge base wins where both find it
        ]
    )
    return nlp


def test_spacy_adds_organisations_and_people_and_the_rules_win_where_they_overlap():
    backend.use_pipeline(ruler_pipeline())
    try:
        assert backend_name().startswith("spaCy en_pipeline")
        text = "Northwind hired Ada Quinn in Georgia and Armenia; Zembla and Nvidia too."
        found = {m.surface: (m.kind, m.rule) for m in extract_text(text)}
    finally:
        backend.use_pipeline(None)
    assert found["Northwind"] == ("org", "spacy:ORG")
    assert found["Ada Quinn"] == ("person", "spacy:PERSON")
    assert found["Georgia"][0] == "place"
    assert "Zembla" not in found
    assert found["Nvidia"] == ("org", "org-kb:company")
    assert backend_name().startswith("built-in rules")


def test_without_a_pipeline_the_rules_run_alone():
    backend.use_pipeline(None)
    assert not [m for m in extract_text("Northwind hired Ada Quinn.") if m.rule.startswith("spacy")]
