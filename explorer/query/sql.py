"""Filter → SQL for the workspace (SQLite or PostgreSQL): which briefings pass a filter, as a clause
or as a query.

Plain functions over the Filter and the parsed search text. The one thing they need from the store is
`lookup(kind, name) -> entity ids` for names typed in the query (org:"Alibaba"), so they never open a
connection themselves.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from explorer.model import Filter
from explorer.query.language import ParsedQuery
from explorer.query.names import canonical_name, parse
from explorer.query.text_match import FTS5, TextMatch

EntityLookup = Callable[[str, str], list[int]]  # (kind or "", name) → ids of the entities so named


def entity_ids(lookup: EntityLookup, kind: str, name: str) -> list[int]:
    """The entities a query term names: those so named (in any case), else those the name stands for
    ("TSM" → TSMC). Only a name no entity has is looked up further (explorer.query.names.canonical_name:
    in the dictionary's file, else by extraction)."""
    named = lookup(kind, name)
    if named:
        return named
    canonical = canonical_name(kind, name)
    return lookup(kind, canonical) if canonical != name else []


def filter_clause(
    flt: Filter,
    lookup: EntityLookup,
    column: str = "b.id",
    match: bool = True,
    paged: bool = False,
    skip_country: str | None = None,
    skip_entity: tuple[str, str] | None = None,
    text: TextMatch = FTS5,
) -> tuple[str, list[object]]:
    """SQL restricting `column` (a briefing id) to the filter; "true" when the filter is empty.

    Callers apply it to the table they aggregate, so an empty filter costs no join at all. The text
    query is parsed (explorer.query.language); parts with errors are left out, never raised.
    """
    clauses: list[str] = []
    args: list[object] = []

    def where(sql: str, *values: object) -> None:
        clauses.append(f"{column} {sql}")
        args.extend(values)

    parsed = parse(flt.query)
    if parsed.fts and match:  # match=False: the caller joins the full-text table itself
        ids, ids_args = text.ids(parsed.fts)
        where(f"in ({ids})", *ids_args)
    if parsed.exclude:
        ids, ids_args = text.ids(parsed.exclude)
        where(f"not in ({ids})", *ids_args)
    # A page of a list (or search hits) walks few briefings and stops early: probing each row
    # (exists) beats building the whole set of matching ids (in), which is what counting needs.
    # `skip_country`: the caller already restricts to that country's briefings.
    probe = paged
    countries = [*flt.countries, *parsed.countries]
    if skip_country in countries:
        countries.remove(skip_country)
    for code in countries:
        if probe:
            clauses.append(
                "exists (select 1 from briefing_countries c"
                f" where c.briefing_id = {column} and c.country = ?)"
            )
            args.append(code)
        else:
            where("in (select briefing_id from briefing_countries where country = ?)", code)
    if flt.entity_ids and flt.entity_mode == "any":
        marks = ",".join("?" * len(flt.entity_ids))
        where(f"in (select briefing_id from mentions where entity_id in ({marks}))", *flt.entity_ids)
    else:
        for entity_id in flt.entity_ids:
            if probe:
                clauses.append(
                    f"exists (select 1 from mentions m where m.briefing_id = {column} and m.entity_id = ?)"
                )
                args.append(entity_id)
            else:
                where("in (select briefing_id from mentions where entity_id = ?)", entity_id)
    entities = list(parsed.entities)
    if skip_entity in entities:
        entities.remove(skip_entity)
    for kind, name in entities:
        ids = entity_ids(lookup, kind, name)
        marks = ",".join("?" * len(ids)) or "null"
        if probe:
            clauses.append(
                "exists (select 1 from mentions m"
                f" where m.briefing_id = {column} and m.entity_id in ({marks}))"
            )
            args.extend(ids)
        else:
            where(f"in (select briefing_id from mentions where entity_id in ({marks}))", *ids)
    # Conditions on the briefing row itself: direct (indexed) when the caller lists briefings,
    # through the briefing id when it aggregates another table.
    direct = column == "b.id"

    def row(condition: str, *values: object) -> None:
        if direct:
            clauses.append(condition.format(b="b."))
            args.extend(values)
        else:
            where(f"in (select id from briefings where {condition.format(b='')})", *values)

    sources = (*flt.sources, *parsed.sources)
    if sources:
        row(f"{{b}}source in ({','.join('?' * len(sources))})", *sources)
    date_from = max(filter(None, (flt.date_from, parsed.after)), default=None)
    date_to = min(filter(None, (flt.date_to, parsed.before)), default=None)
    if date_from:
        row("{b}published >= ?", date_from)
    if date_to:
        row("{b}published <= ?", date_to)
    for tag in (*flt.tags, *parsed.tags):
        row("' ' || {b}tags || ' ' like ?", f"% {tag.lower()} %")
    if flt.hide_copies:
        clauses.append(f"not exists (select 1 from near_duplicates n where n.briefing_id = {column})")
    if flt.watch:
        clauses.append(
            "exists (select 1 from watch_matches w"
            f" where w.watch = ? and w.briefing_id = {column} and w.seen = 0)"
        )
        args.append(flt.watch)
    return (" and ".join(clauses) or "true"), args


def count_sql(flt: Filter, lookup: EntityLookup, text: TextMatch = FTS5) -> tuple[str, list[object]]:
    """How many briefings pass: driven from the narrowest table the filter names (a country's briefings,
    the full-text matches), the rest probed per briefing; counting rows of the wide briefings table reads
    every briefing's pages."""
    narrow = _narrowest(flt, lookup, text)
    if narrow is not None:
        _column, rows, args = narrow
        return f"select count(*) from {rows}", args
    parsed = parse(flt.query)
    if (
        parsed.exclude and not _on_rows(flt, parsed) and not flt.hide_copies
    ):  # NOT x alone: all minus the matches of x
        ids, ids_args = text.ids(parsed.exclude)
        return f"select (select count(*) from briefings) - (select count(*) from ({ids}) x)", ids_args
    where, args = filter_clause(flt, lookup, text=text)
    return f"select count(*) from briefings b where {where}", args


def ids_sql(flt: Filter, lookup: EntityLookup, text: TextMatch = FTS5) -> tuple[str, list[object]] | None:
    """The ids of the briefings that pass the filter, driven like the count; None when all do."""
    narrow = _narrowest(flt, lookup, text)
    if narrow is not None:
        column, rows, args = narrow
        return f"select {column} from {rows}", args
    where, args = filter_clause(flt, lookup, text=text)
    return None if where == "true" else (f"select b.id from briefings b where {where}", args)


def _narrowest(flt: Filter, lookup: EntityLookup, text: TextMatch) -> tuple[str, str, list[object]] | None:
    """(briefing id column, rows, arguments) of the narrowest table the filter names, the rest of the
    filter probed per briefing; None when the filter names none (or restricts the briefing rows)."""
    parsed = parse(flt.query)
    if _on_rows(flt, parsed):
        return None
    if parsed.fts:
        column, rows, text_args = text.rows(parsed.fts)
        where, args = filter_clause(flt, lookup, column, match=False, paged=True, text=text)
        return column, f"{rows} and {where}", [*text_args, *args]
    countries = (*flt.countries, *parsed.countries)
    if countries:
        where, args = filter_clause(
            flt, lookup, "d.briefing_id", paged=True, skip_country=countries[0], text=text
        )
        return (
            "d.briefing_id",
            f"briefing_countries d where d.country = ? and {where}",
            [countries[0], *args],
        )
    if parsed.entities:
        kind, name = parsed.entities[0]
        driving = entity_ids(lookup, kind, name) or [-1]
        where, args = filter_clause(
            flt, lookup, "d.briefing_id", paged=True, skip_entity=(kind, name), text=text
        )
        marks = ",".join("?" * len(driving))
        rows = f"(select distinct briefing_id from mentions where entity_id in ({marks})) d where {where}"
        return "d.briefing_id", rows, [*driving, *args]
    if flt.entity_ids:
        driving = flt.entity_ids if flt.entity_mode == "any" else flt.entity_ids[:1]
        rest = replace(flt, entity_ids=() if flt.entity_mode == "any" else flt.entity_ids[1:])
        where, args = filter_clause(rest, lookup, "d.briefing_id", paged=True, text=text)
        marks = ",".join("?" * len(driving))
        rows = f"(select distinct briefing_id from mentions where entity_id in ({marks})) d where {where}"
        return "d.briefing_id", rows, [*driving, *args]
    return None


def _on_rows(flt: Filter, parsed: ParsedQuery) -> bool:
    """Whether the filter restricts columns of the briefing rows themselves (source, date, tags)."""
    on_rows = (flt.sources, parsed.sources, flt.date_from, flt.date_to, parsed.after, parsed.before)
    return any(on_rows) or bool(flt.tags) or bool(parsed.tags)
