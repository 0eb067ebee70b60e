"""The search language analysts know from Datashare and Aleph, parsed into FTS5 plus structured filters.

    "export controls"            phrase            chips AND (Taiwan OR Korea)    operators, brackets
    nvid*                         prefix            opec NOT saudi                 exclusion
    NEAR(lithium chile, 10)       proximity         title:tariffs                  a field of the text
    section:signals copper        terms searched only in that section (implications, signals, topics, body)
    country:CN  country:Japan     story countries   org:"Alibaba"  person:Huang  place:Canberra  topic:AI
    source:Reuters  tag:watch     source, analyst tag                after:2025-01-01  before:2025-03-31

Parsing never raises: problems come back as QueryError objects (message and position) and the rest of
the query still applies, so search-as-you-type can show an inline hint while results keep flowing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from explorer.dates import parse_date

SYNTAX_HELP = (
    '"a phrase"  word*  a AND b  a OR b  NOT a  (grouping)  NEAR(a b, 10)\n'
    "title:  body:  implications:  signals:  topics:  notes:  section:signals\n"
    'country:CN  org:"Alibaba"  person:  place:  topic:  source:  tag:  after:2025-01-01  before:'
)

TEXT_FIELDS = {
    "title": "title",
    "body": "body",
    "implications": "implications",
    "signals": "signals",
    "topics": "topics",
    "keywords": "topics",
    "notes": "notes",
}
ENTITY_FIELDS = {"org": "org", "person": "person", "place": "place", "topic": "topic", "entity": ""}
OTHER_FIELDS = ("section", "country", "source", "tag", "after", "before")
KNOWN_FIELDS = (*TEXT_FIELDS, *ENTITY_FIELDS, *OTHER_FIELDS)
OPERATORS = ("AND", "OR", "NOT")

_TOKEN = re.compile(
    r'(?P<field>[A-Za-z]+):(?:"(?P<fquoted>[^"]*)"|(?P<fvalue>[^\s()"]*))'
    r'|"(?P<phrase>[^"]*)"'
    r"|(?P<near>NEAR\([^)]*\))"
    r"|(?P<nearopen>NEAR\()"
    r"|(?P<paren>[()])"
    r'|(?P<word>[^\s()"]+)'
    r'|(?P<stray>")'
)
_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True)
class QueryError:
    message: str
    position: int


@dataclass(frozen=True)
class ParsedQuery:
    fts: str = ""
    countries: tuple[str, ...] = ()
    entities: tuple[tuple[str, str], ...] = ()  # (kind or "", name)
    sources: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    after: str | None = None
    before: str | None = None
    exclude: str = ""  # FTS5 expression of what a leading NOT removes
    errors: tuple[QueryError, ...] = field(default=())

    @property
    def ok(self) -> bool:
        return not self.errors


def parse_query(text: str, resolve_country=None) -> ParsedQuery:
    """Parse user input. `resolve_country(name) -> code | None` turns "Japan" into "JP"."""
    text = text.replace("“", '"').replace("”", '"')
    parts: list[str] = []
    section: str | None = None
    countries: list[str] = []
    entities: list[tuple[str, str]] = []
    sources: list[str] = []
    tags: list[str] = []
    after = before = None
    errors: list[QueryError] = []
    depth = 0
    for match in _TOKEN.finditer(text):
        position = match.start()
        kind = "field" if match.group("field") is not None else match.lastgroup
        if kind == "stray":
            errors.append(QueryError('unbalanced quote: close the phrase with another "', position))
            continue
        if kind == "phrase":
            words = _WORD.findall(match.group("phrase"))
            if words:
                parts.append('"' + " ".join(words) + '"')
            continue
        if kind == "paren":
            if match.group("paren") == "(":
                depth += 1
            elif depth == 0:
                errors.append(QueryError("unbalanced bracket: ')' without '('", position))
                continue
            else:
                depth -= 1
            parts.append(match.group("paren"))
            continue
        if kind == "nearopen":
            errors.append(QueryError("NEAR( needs a closing ')', e.g. NEAR(lithium chile, 10)", position))
            continue
        if kind == "near":
            near, problem = _near(match.group("near")[5:-1])
            if problem:
                errors.append(QueryError(problem, position))
            else:
                parts.append(near)
            continue
        if kind == "field":
            name = match.group("field").lower()
            value = match.group("fquoted") if match.group("fquoted") is not None else match.group("fvalue")
            value = (value or "").strip()
            if name not in KNOWN_FIELDS:
                errors.append(QueryError(f"unknown field '{name}:'; try {', '.join(KNOWN_FIELDS)}", position))
                continue
            if not value:
                errors.append(QueryError(f"'{name}:' needs a value, e.g. {name}:{_example(name)}", position))
                continue
            if name in TEXT_FIELDS:
                words = _WORD.findall(value)
                if words:
                    parts.append(f'{TEXT_FIELDS[name]} : "{" ".join(words)}"')
            elif name == "section":
                column = TEXT_FIELDS.get(value.lower())
                if column is None:
                    errors.append(
                        QueryError(f"unknown section '{value}'; try implications, signals, topics", position)
                    )
                else:
                    section = column
            elif name in ENTITY_FIELDS:
                entities.append((ENTITY_FIELDS[name], value))
            elif name == "country":
                code = resolve_country(value) if resolve_country else None  # "UK" is GB
                code = code or (value.upper() if len(value) == 2 and value.isalpha() else None)
                if code is None:
                    errors.append(
                        QueryError(f"unknown country '{value}'; use a name or a code such as CN", position)
                    )
                else:
                    countries.append(code)
            elif name == "source":
                sources.append(value)
            elif name == "tag":
                tags.append(value.lower())
            else:
                date = parse_date(value)
                if date is None:
                    errors.append(QueryError(f"'{value}' is not a date; write it as 2025-06-01", position))
                elif name == "after":
                    after = date
                else:
                    before = date
            continue
        word = match.group("word")
        if word in OPERATORS:
            parts.append(word)
            continue
        words = _WORD.findall(word)
        if words:
            parts.append('"' + " ".join(words) + '"' + ("*" if word.endswith("*") else ""))
    if depth > 0:
        errors.append(QueryError("unbalanced bracket: '(' without ')'", len(text)))
        parts = [p for p in parts if p not in ("(", ")")]
    excluded = _leading_not(parts)
    return ParsedQuery(
        fts=_scoped(_tidy(parts), section),
        exclude=_scoped(_tidy(excluded), section),
        countries=tuple(countries),
        entities=tuple(entities),
        sources=tuple(sources),
        tags=tuple(tags),
        after=after,
        before=before,
        errors=tuple(errors),
    )


def entity_term(kind: str, name: str) -> str:
    """The query term that asks for an entity: `org:"Rio Tinto"`. A name holding a double quote has no
    term: its nearest is the name without it."""
    return f'{kind}:"{name.replace(chr(34), "")}"'


def search_terms(text: str) -> list[str]:
    """The words a reader should highlight: free text and text-field values, not operators or filters."""
    words: list[str] = []
    for match in _TOKEN.finditer(text.replace("“", '"').replace("”", '"')):
        if match.group("field") is not None:
            if match.group("field").lower() in TEXT_FIELDS:
                words += _WORD.findall(match.group("fquoted") or match.group("fvalue") or "")
        elif match.group("phrase"):
            words += _WORD.findall(match.group("phrase"))
        elif match.group("word") and match.group("word") not in OPERATORS:
            words += _WORD.findall(match.group("word"))
    return [w for w in words if len(w) > 1]


def _near(inside: str) -> tuple[str, str | None]:
    """The inside of NEAR(word word ..., N) → a valid FTS5 NEAR group, or an error message."""
    distance = 10
    if "," in inside:
        inside, _, number = inside.rpartition(",")
        if not number.strip().isdigit():
            return "", f"NEAR distance must be a number, got '{number.strip()}'"
        distance = int(number.strip())
    words = _WORD.findall(inside)
    if len(words) < 2:
        return "", "NEAR needs at least two words, e.g. NEAR(lithium chile, 10)"
    return "NEAR(" + " ".join(f'"{w}"' for w in words) + f", {distance})", None


def _leading_not(parts: list[str]) -> list[str]:
    """FTS5 NOT is binary, so "NOT x ..." is taken apart: x is removed from the results separately."""
    excluded: list[str] = []
    while parts and parts[0] == "NOT":
        parts.pop(0)
        if not parts:
            break
        if parts[0] != "(":
            excluded += (["OR"] if excluded else []) + [parts.pop(0)]
            continue
        depth, group = 0, []
        while parts:
            token = parts.pop(0)
            group.append(token)
            depth += token == "("
            depth -= token == ")"
            if depth == 0:
                break
        excluded += (["OR"] if excluded else []) + group
    return excluded


def _tidy(parts: list[str]) -> str:
    """Drop operators that have nothing to join, and empty brackets."""
    out: list[str] = []
    for part in parts:
        if part in OPERATORS and (not out or out[-1] in (*OPERATORS, "(")):
            continue
        if part == ")" and out and out[-1] in OPERATORS:
            out.pop()
        if part == ")" and out and out[-1] == "(":
            out.pop()
            continue
        out.append(part)
    while out and out[-1] in OPERATORS:
        out.pop()
    return " ".join(out)


def _scoped(fts: str, section: str | None) -> str:
    if not fts or section is None:
        return fts
    return f"{section} : ({fts})"


def _example(name: str) -> str:
    return {"country": "CN", "after": "2025-01-01", "before": "2025-06-30", "section": "signals"}.get(
        name, "word"
    )
