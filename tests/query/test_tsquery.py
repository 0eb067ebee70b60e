"""The search language's full-text part as PostgreSQL reads it: pure translation, no server."""

from __future__ import annotations

import pytest

from explorer.query import parse
from explorer.query.tsquery import TsqueryError, condition, plain_query

COLUMNS = {"title": "b.title", "signals": "b.signals"}


def sql(text: str) -> tuple[str, list[object]]:
    return condition(parse(text).fts, "b.search", COLUMNS)


def test_unscoped_queries_become_one_tsquery_for_one_index_lookup():
    assert sql("export controls") == (
        "b.search @@ to_tsquery('english', ?)",
        ["((export) & (controls))"],
    )
    assert sql('"export controls" nvid*')[1] == ["((export <-> controls) & (nvid:*))"]
    assert sql("chips AND (Taiwan OR Korea)")[1] == ["((chips) & ((Taiwan) | (Korea)))"]
    assert sql("opec NOT saudi")[1] == ["((opec) & !(saudi))"]


def test_precedence_is_fts5s_not_then_and_then_or():
    assert sql("a OR b c")[1] == ["((a) | ((b) & (c)))"]
    assert sql("a b NOT c OR d")[1] == ["(((a) & ((b) & !(c))) | (d))"]


def test_a_column_with_a_weight_of_its_own_is_one_weighted_tsquery():
    assert sql("section:signals copper OR tin") == (
        "b.search @@ to_tsquery('english', ?)",
        ["((copper:C) | (tin:C))"],
    )
    assert sql('title:"rate cut" OR tariff')[1] == ["((rate:A <-> cut:A) | (tariff))"]


def test_another_column_checks_the_index_and_then_the_column_text():
    where, args = condition(parse("body:tariffs OR copper").fts, "b.search", {"body": "b.body"})
    assert where == (
        "((b.search @@ to_tsquery('english', ?)"
        " and to_tsvector('english', b.body) @@ to_tsquery('english', ?))"
        " or b.search @@ to_tsquery('english', ?))"
    )
    assert args == ["(tariffs)", "(tariffs)", "(copper)"]


def test_near_allows_either_order_up_to_the_distance():
    (query,) = sql("NEAR(lithium chile, 1)")[1]
    assert query == "((lithium <1> chile | chile <1> lithium | lithium <2> chile | chile <2> lithium))"
    (three,) = sql("NEAR(a b c, 0)")[1]
    assert three.count("<1>") == 6  # every pair, both orders


def test_words_are_the_only_thing_that_reaches_tsquery():
    # Operators of tsquery typed as text are not operators: the parser keeps \w+ words only.
    (query,) = sql("a:* | !b <-> 'c' \\d")[1]
    assert set(query) <= set("abcd() &")
    assert plain_query(parse("title:x y NOT z").fts) == "(x) | (y)"


def test_a_phrase_of_punctuation_only_matches_nothing_and_does_not_empty_an_or():
    assert condition('"--"', "d", {}) == ("false", [])
    assert condition('"--" OR "x"', "d", {})[1] == ["(x)"]
    assert condition('"--" AND "x"', "d", {}) == ("false", [])


def test_a_malformed_expression_is_refused():
    with pytest.raises(TsqueryError):
        condition('"a" AND', "d", {})
    with pytest.raises(TsqueryError):
        condition('colour : "red"', "d", {"body": "body"})
