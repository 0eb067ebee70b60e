"""The search language, Filter → SQL, and a filter in words."""

from explorer.query.language import (
    SYNTAX_HELP,
    ParsedQuery,
    QueryError,
    entity_term,
    parse_query,
    search_terms,
)
from explorer.query.names import canonical_name, named_countries, parse, resolve_country

__all__ = [
    "SYNTAX_HELP",
    "ParsedQuery",
    "QueryError",
    "canonical_name",
    "entity_term",
    "named_countries",
    "parse",
    "parse_query",
    "resolve_country",
    "search_terms",
]
