"""The search language's full-text part on PostgreSQL: the FTS5 expression explorer.query.language makes,
turned into a SQL condition over tsvector columns.

The expression is our own (words are `\\w+` only, always quoted), so the grammar here is small:
phrases `"a b"`, prefixes `"nvid"*`, AND / OR / NOT (binary, as in FTS5) and implicit AND, brackets,
`NEAR("a" "b", 10)` and a column scope `title : (…)`. Precedence is FTS5's: NOT, then AND, then OR.

A tree without column scopes becomes one tsquery against the weighted `search` column (one GIN lookup).
A scoped part also matches `search` (for the index) and then the column's own text. NEAR(a b, N) means
"a and b at most N words apart, in either order": for three or more words, every pair that close.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

CONFIG = "english"
# Columns with a weight of their own in the search document (explorer.store.pg_schema): a query scoped to
# one of them is a weighted tsquery that the index answers; other columns are read again per match.
WEIGHTS = {"title": "A", "topics": "B", "signals": "C"}
_LEXEME = re.compile(r"(?<![<\w])([^\W_]+)(:\*)?(?![\w>])")
MAX_NEAR = 30  # a larger NEAR distance is read as this one (each step is one more tsquery branch)
_TOKEN = re.compile(
    r'"(?P<phrase>[^"]*)"(?P<star>\*)?|(?P<near>NEAR\((?P<inside>[^)]*)\))|(?P<op>AND|OR|NOT)'
    r"|(?P<paren>[()])|(?P<column>\w+)\s*:"
)


class TsqueryError(ValueError):
    """The expression does not follow the grammar (it cannot come from the parser)."""


@dataclass(frozen=True)
class Term:
    query: str  # tsquery text: lexemes and operators, words \w+ only


@dataclass(frozen=True)
class Op:
    op: str  # "&", "|" or "&!" (FTS5's binary NOT)
    left: Node
    right: Node


@dataclass(frozen=True)
class Scoped:
    column: str
    inner: Node


Node = Term | Op | Scoped


def condition(expression: str, document: str, columns: dict[str, str]) -> tuple[str, list[object]]:
    """SQL true for rows whose text matches `expression`; `document` is the row's weighted tsvector,
    `columns` maps a column name of the expression to the row's SQL expression for that text."""
    return _sql(parse(expression), document, columns)


def plain_query(expression: str) -> str:
    """Every term of the expression or-ed together, for highlighting the words a row matched on."""
    terms: list[str] = []

    def walk(node: Node) -> None:
        if isinstance(node, Term):
            terms.append(f"({node.query})")
        elif isinstance(node, Op):
            walk(node.left)
            if node.op != "&!":
                walk(node.right)
        else:
            walk(node.inner)

    walk(parse(expression))
    return " | ".join(terms)


def parse(expression: str) -> Node:
    tokens = _tokens(expression)
    node, rest = _or(tokens)
    if rest:
        raise TsqueryError(f"unexpected {rest[0]!r} in {expression!r}")
    return node


def _tokens(expression: str) -> list[tuple[str, str]]:
    tokens: list[tuple[str, str]] = []
    position = 0
    for match in _TOKEN.finditer(expression):
        if expression[position : match.start()].strip():
            raise TsqueryError(f"cannot read {expression[position : match.start()]!r}")
        position = match.end()
        if match.group("phrase") is not None:
            tokens.append(("term", _phrase(match.group("phrase"), bool(match.group("star")))))
        elif match.group("near"):
            tokens.append(("term", _near(match.group("inside"))))
        elif match.group("op"):
            tokens.append(("op", match.group("op")))
        elif match.group("paren"):
            tokens.append(("paren", match.group("paren")))
        else:
            tokens.append(("column", match.group("column")))
    if expression[position:].strip():
        raise TsqueryError(f"cannot read {expression[position:]!r}")
    return tokens


def _phrase(text: str, prefix: bool) -> str:
    words = re.findall(r"[^\W_]+", text)
    if not words:
        return ""
    if prefix:
        words[-1] += ":*"
    return " <-> ".join(words)


def _near(inside: str) -> str:
    phrases, _, distance = inside.rpartition(",")
    words = [w for phrase in re.findall(r'"([^"]*)"', phrases) for w in re.findall(r"[^\W_]+", phrase)]
    if len(words) < 2 or not distance.strip().isdigit():
        raise TsqueryError(f"cannot read NEAR({inside})")
    # FTS5 counts the words between the phrases; tsquery's <k> is the difference of positions.
    steps = range(1, min(int(distance), MAX_NEAR) + 2)
    pairs = [(a, b) for i, a in enumerate(words) for b in words[i + 1 :]]
    return " & ".join(
        "(" + " | ".join(f"{a} <{k}> {b} | {b} <{k}> {a}" for k in steps) + ")" for a, b in pairs
    )


Tokens = list[tuple[str, str]]
Parser = Callable[[Tokens], tuple["Node", Tokens]]


def _joined(tokens: Tokens, operand: Parser, word: str, op: str) -> tuple[Node, Tokens]:
    """Operands joined by an explicit binary operator word, left to right."""
    left, tokens = operand(tokens)
    while tokens and tokens[0] == ("op", word):
        right, tokens = operand(tokens[1:])
        left = Op(op, left, right)
    return left, tokens


def _or(tokens: Tokens) -> tuple[Node, Tokens]:
    return _joined(tokens, _and, "OR", "|")


def _and(tokens: Tokens) -> tuple[Node, Tokens]:
    left, tokens = _not(tokens)
    while tokens and (
        tokens[0] == ("op", "AND") or tokens[0][0] in ("term", "column") or tokens[0] == ("paren", "(")
    ):
        if tokens[0] == ("op", "AND"):
            tokens = tokens[1:]
        right, tokens = _not(tokens)
        left = Op("&", left, right)
    return left, tokens


def _not(tokens: Tokens) -> tuple[Node, Tokens]:
    return _joined(tokens, _primary, "NOT", "&!")  # FTS5's NOT is binary: "a NOT b"


def _primary(tokens: Tokens) -> tuple[Node, Tokens]:
    if not tokens:
        raise TsqueryError("the expression ends early")
    kind, value = tokens[0]
    if kind == "term":
        return Term(value), tokens[1:]
    if kind == "column":
        inner, rest = _primary(tokens[1:])
        return Scoped(value, inner), rest
    if (kind, value) == ("paren", "("):
        inner, rest = _or(tokens[1:])
        if not rest or rest[0] != ("paren", ")"):
            raise TsqueryError("a bracket is not closed")
        return inner, rest[1:]
    raise TsqueryError(f"unexpected {value!r}")


def _unscoped(node: Node) -> bool:
    """Whether one tsquery says it all: no column scopes, or only scopes with a weight of their own."""
    if isinstance(node, Term):
        return True
    if isinstance(node, Op):
        return _unscoped(node.left) and _unscoped(node.right)
    return node.column in WEIGHTS and _unscoped(node.inner)


def _text(node: Node, weight: str = "") -> str:
    """The tsquery text of a tree that _unscoped accepts; `weight` limits its lexemes to one column."""
    if isinstance(node, Scoped):
        return _text(node.inner, WEIGHTS[node.column])
    if isinstance(node, Term):
        if not node.query:
            return ""
        query = (
            _LEXEME.sub(lambda m: f"{m[1]}:{'*' if m[2] else ''}{weight}", node.query)
            if weight
            else node.query
        )
        return f"({query})"
    left, right = _text(node.left, weight), _text(node.right, weight)
    if not left or not right:  # a phrase of no words (only punctuation) matches nothing, as in FTS5
        return "" if node.op != "|" else (left or right)
    joiner = {"&": " & ", "|": " | ", "&!": " & !"}[node.op]
    return f"({left}{joiner}{right})"


def _sql(node: Node, document: str, columns: dict[str, str]) -> tuple[str, list[object]]:
    if _unscoped(node):
        text = _text(node)
        return (f"{document} @@ to_tsquery('{CONFIG}', ?)", [text]) if text else ("false", [])
    if isinstance(node, Scoped):
        if node.column not in columns and node.column not in WEIGHTS:
            raise TsqueryError(f"unknown column {node.column!r}")
        text = _text(node.inner) if _unscoped(node.inner) else ""
        if not text:
            return _sql(node.inner, f"to_tsvector('{CONFIG}', {columns[node.column]})", columns)
        return (
            f"({document} @@ to_tsquery('{CONFIG}', ?)"
            f" and to_tsvector('{CONFIG}', {columns[node.column]}) @@ to_tsquery('{CONFIG}', ?))",
            [text, text],
        )
    assert isinstance(node, Op)
    left, left_args = _sql(node.left, document, columns)
    right, right_args = _sql(node.right, document, columns)
    joiner = {"&": "and", "|": "or", "&!": "and not"}[node.op]
    return f"({left} {joiner} {right})", [*left_args, *right_args]
