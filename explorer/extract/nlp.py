"""The optional spaCy backend (`pip install "briefing-explorer[nlp]"`): statistical organisations and people.

Its finds join the rule-based ones at the lowest priority: the knowledge base, titled people and the
gazetteer win wherever they overlap, and spaCy's own place labels (GPE, LOC) are not used at all — places
come from the gazetteer. EXPLORER_NLP=rules turns the backend off; EXPLORER_SPACY_MODEL names another
installed pipeline.
"""

from __future__ import annotations

import os
from functools import cache
from typing import Any, NamedTuple

DEFAULT_MODEL = "en_core_web_sm"
_LABELS = {"ORG": ("org", 0.6), "PERSON": ("person", 0.65)}
_pipeline: Any = None
_pipeline_set = False


class NlpMatch(NamedTuple):
    start: int
    end: int
    kind: str
    confidence: float
    rule: str


def use_pipeline(nlp: Any) -> None:
    """Use this spaCy pipeline (or None for rules only) instead of loading the configured model."""
    global _pipeline, _pipeline_set
    _pipeline, _pipeline_set = nlp, True


def pipeline() -> Any:
    if _pipeline_set:
        return _pipeline
    return _load(
        os.environ.get("EXPLORER_NLP", "auto"), os.environ.get("EXPLORER_SPACY_MODEL", DEFAULT_MODEL)
    )


@cache
def _load(mode: str, model: str) -> Any:
    if mode == "rules":
        return None
    try:
        import spacy

        return spacy.load(model, exclude=["lemmatizer", "parser", "tagger", "attribute_ruler"])
    except (ImportError, OSError):
        return None


def backend_description() -> str:
    nlp = pipeline()
    rules = "built-in rules (gazetteer, organisation knowledge base, name patterns)"
    if nlp is None:
        return rules
    meta = getattr(nlp, "meta", {}) or {}
    name = f"{meta.get('lang', 'xx')}_{meta.get('name', 'pipeline')} {meta.get('version', '')}".strip()
    return f"spaCy {name} for organisations and people, with the {rules}"


def find(text: str) -> list[NlpMatch]:
    nlp = pipeline()
    if nlp is None:
        return []
    found = []
    for ent in nlp(text).ents:
        kind = _LABELS.get(ent.label_)
        if kind:
            found.append(NlpMatch(ent.start_char, ent.end_char, kind[0], kind[1], f"spacy:{ent.label_}"))
    return found
