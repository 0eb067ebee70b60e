"""Turn what a user typed into a safe FTS5 MATCH expression.

Plain words become quoted terms joined by AND, so punctuation in a query (“U.S.”, “Micron’s”, a stray
quote) can never be an FTS5 syntax error. Balanced "phrases", a trailing * for prefix search and the
upper-case operators AND, OR and NOT keep their FTS5 meaning. The full query language (fields, NEAR,
dates) builds on this later.
"""

from __future__ import annotations

import re

_TOKEN = re.compile(r'"([^"]*)"|(\S+)')
_WORD = re.compile(r"\w+", re.UNICODE)
_OPERATORS = {"AND", "OR", "NOT"}


def to_fts5(text: str) -> str:
    """Return an FTS5 expression, or "" when the text has nothing searchable."""
    parts: list[str] = []
    for phrase, raw in _TOKEN.findall(text.replace("“", '"').replace("”", '"')):
        if phrase:
            words = _WORD.findall(phrase)
            if words:
                parts.append('"' + " ".join(words) + '"')
            continue
        if raw in _OPERATORS:
            parts.append(raw)
            continue
        prefix = raw.endswith("*")
        words = _WORD.findall(raw)
        if not words:
            continue
        term = '"' + " ".join(words) + '"'
        parts.append(term + ("*" if prefix else ""))
    # Operators need a term on each side; drop dangling ones rather than fail.
    cleaned: list[str] = []
    for part in parts:
        if part in _OPERATORS and (not cleaned or cleaned[-1] in _OPERATORS):
            continue
        cleaned.append(part)
    while cleaned and cleaned[-1] in _OPERATORS:
        cleaned.pop()
    return " ".join(cleaned)
