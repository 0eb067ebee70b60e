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
CHANNEL = "explorer_workspace"  # what the schema's triggers notify at every commit (pg_schema.py)
READ_ONLY_MESSAGE = (
    "this team workspace is read-only for your role: browse, search and export; importing and"
    " correcting need write access"
)


class WorkspaceReadOnly(PermissionError):
    """A write to a team workspace by a role that may only read it; the message is meant for the user."""

    def __init__(self) -> None:
        super().__init__(READ_ONLY_MESSAGE)


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
        self._refused = (psycopg.errors.InsufficientPrivilege, psycopg.errors.ReadOnlySqlTransaction)
        self.connection = psycopg.connect(url, autocommit=True, application_name="briefing-explorer")
        if read_only:
            self.connection.execute("set session characteristics as transaction read only")

    @property
    def conn(self) -> PostgresDatabase:
        return self  # the store calls db.conn.execute / executemany as on sqlite3

    def execute(self, sql: str, parameters: Sequence[Any] = ()) -> Any:
        # Writes repeat by the thousand and gain from prepared statements; a read's best plan depends on
        # its values (a rare word or a common prefix), which a prepared generic plan ignores: 0.2 s
        # instead of 20 ms for a prefix matching a fifth of 100,000 briefings.
        prepare = None if sql.lstrip()[:6].lower() in ("insert", "update", "delete") else False
        try:
            return self.connection.execute(to_psycopg(sql), list(parameters), prepare=prepare)
        except self._refused as exc:
            raise WorkspaceReadOnly() from exc

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> Any:
        cursor = self.connection.cursor()
        rows = list(rows)
        try:
            if rows:
                cursor.executemany(to_psycopg(sql), rows)
        except self._refused as exc:
            raise WorkspaceReadOnly() from exc
        return cursor

    def copy_rows(self, table: str, columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
        """Rows appended through COPY, the bulk path (in the caller's transaction, if any)."""
        if not rows:
            return
        names = ", ".join(f'"{c}"' for c in columns)
        try:
            with self.connection.cursor().copy(f"copy {table} ({names}) from stdin") as copy:
                for row in rows:
                    copy.write_row(row)
        except self._refused as exc:
            raise WorkspaceReadOnly() from exc

    @property
    def writable(self) -> bool:
        """Whether this connection's role may change the workspace (a read-only role may not)."""
        row = self.execute(
            "select has_table_privilege(current_user, 'briefings', 'insert')"
            " and current_setting('transaction_read_only') = 'off'"
        ).fetchone()
        return bool(row[0])

    @contextmanager
    def streaming(self, sql: str, parameters: Sequence[Any] = ()) -> Iterator[Any]:
        """A cursor that fetches from the server as it is read (fetchmany), not the whole result at once."""
        with self.connection.transaction(), self.connection.cursor(name="explorer_stream") as cursor:
            cursor.execute(to_psycopg(sql), list(parameters))
            yield cursor

    @contextmanager
    def atomic(self) -> Iterator[PostgresDatabase]:
        with self.connection.transaction():
            yield self

    def close(self) -> None:
        self.connection.close()


class ChangeListener:
    """A connection of its own that LISTENs for the workspace's commits (the trigger in pg_schema
    notifies at every commit that changes it). Non-blocking: wait for `fileno()` to be readable (a
    QSocketNotifier in the window), then `drain()`."""

    def __init__(self, url: str) -> None:
        import psycopg

        self._connection = psycopg.connect(url, autocommit=True, application_name="briefing-explorer")
        self._connection.execute(f"listen {CHANNEL}")

    def fileno(self) -> int:
        return self._connection.pgconn.socket

    def drain(self) -> int:
        """How many notifications arrived since the last call (0 when the socket woke for nothing)."""
        pgconn = self._connection.pgconn
        pgconn.consume_input()
        count = 0
        while pgconn.notifies() is not None:
            count += 1
        return count

    def close(self) -> None:
        self._connection.close()
