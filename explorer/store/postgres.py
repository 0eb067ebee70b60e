"""A PostgreSQL connection that takes the store's SQL as written for SQLite: `?` placeholders, `atomic()`
blocks, `execute` returning a cursor. Only the calls the store makes of sqlite-utils' Database exist.

psycopg is imported when a PostgreSQL workspace is opened, never at start.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from functools import lru_cache
from typing import Any
from urllib.parse import parse_qs, urlsplit

URL_SCHEMES = ("postgresql://", "postgres://")
_LITERAL_OR_MARK = re.compile(r"'(?:[^']|'')*'|\?|%")


def is_postgres_url(location: str) -> bool:
    return location.startswith(URL_SCHEMES)


def redacted(url: str) -> str:
    """The URL as it may be shown or logged: without its password, wherever it was written."""
    parts = urlsplit(url)
    netloc = parts.netloc
    if "@" in netloc:
        userinfo, _, hostport = netloc.rpartition("@")
        user = userinfo.split(":", 1)[0]
        netloc = f"{user}@{hostport}" if user else hostport
    query = "&".join(
        f"{key}={'***' if key == 'password' else value}"
        for key, values in parse_qs(parts.query, keep_blank_values=True).items()
        for value in values
    )
    return parts._replace(netloc=netloc, query=query).geturl()


def display_name(url: str) -> str:
    """Short name for a window title: database on host (the socket folder when there is no host)."""
    parts = urlsplit(url)
    host = parts.hostname or parse_qs(parts.query).get("host", ["local socket"])[0]
    return f"{parts.path.lstrip('/') or 'postgres'} on {host}"


def redact_message(message: str, url: str) -> str:
    """An error text with the URL's password taken out (libpq may quote the connection string)."""
    password = urlsplit(url).password
    query_password = parse_qs(urlsplit(url).query).get("password", [None])[0]
    for secret in filter(None, (password, query_password)):
        message = message.replace(secret, "***")
    return message


@lru_cache(maxsize=2048)
def to_psycopg(sql: str) -> str:
    """`?` → `%s`, and a literal `%` doubled; string literals are left as written."""

    def swap(match: re.Match[str]) -> str:
        token = match.group(0)
        if token == "?":
            return "%s"
        if token == "%":
            return "%%"
        return token.replace("%", "%%")

    return _LITERAL_OR_MARK.sub(swap, sql)


class PostgresDatabase:
    """One autocommit connection; `atomic()` opens a transaction (a savepoint when nested)."""

    def __init__(self, url: str, read_only: bool = False) -> None:
        import psycopg

        self.url = url
        self._psycopg = psycopg
        self.connection = psycopg.connect(url, autocommit=True, application_name="briefing-explorer")
        if read_only:
            self.connection.execute("set session characteristics as transaction read only")

    @property
    def conn(self) -> PostgresDatabase:
        return self  # the store calls db.conn.execute / executemany as on sqlite3

    def execute(self, sql: str, parameters: Sequence[Any] = ()) -> Any:
        return self.connection.execute(to_psycopg(sql), list(parameters))

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> Any:
        cursor = self.connection.cursor()
        rows = list(rows)
        if rows:
            cursor.executemany(to_psycopg(sql), rows)
        return cursor

    @contextmanager
    def atomic(self) -> Iterator[PostgresDatabase]:
        with self.connection.transaction():
            yield self

    def close(self) -> None:
        self.connection.close()
