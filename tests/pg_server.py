"""A throwaway PostgreSQL server for the tests and benchmarks: Debian's binaries, a data folder and a
unix socket in a temporary folder, no TCP at all, password authentication on, stopped at the end.

As root (CI), the server runs as the `postgres` system user that Debian's package creates: PostgreSQL
refuses to run as root.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import subprocess
import tempfile
from pathlib import Path
from urllib.parse import quote

SUPERUSER = "explorer_admin"
PASSWORD = "s3cret-for-tests"


def binaries() -> Path | None:
    """The folder of the newest installed server's programs, or None."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"), key=lambda p: int(p.split("/")[-3]))
    if found:
        return Path(found[-1]).parent
    pg_ctl = shutil.which("pg_ctl")
    return Path(pg_ctl).parent if pg_ctl else None


class ThrowawayServer:
    def __init__(self) -> None:
        bindir = binaries()
        if bindir is None:
            raise RuntimeError("PostgreSQL is not installed (Debian: apt-get install postgresql)")
        self.bindir = bindir
        self.folder = Path(tempfile.mkdtemp(prefix="explorer-pg-"))
        self.data = self.folder / "data"
        self.socket = self.folder  # the socket file lives beside the data folder
        self._user = "postgres" if os.geteuid() == 0 else None
        if self._user:
            entry = pwd.getpwnam(self._user)
            os.chown(self.folder, entry.pw_uid, entry.pw_gid)
        self._counter = 0

    def _run(self, *command: str) -> None:
        prefix = ["runuser", "-u", self._user, "--"] if self._user else []
        result = subprocess.run([*prefix, *command], capture_output=True, text=True, cwd=self.folder)
        if result.returncode != 0:
            raise RuntimeError(f"{' '.join(command[:1])} failed: {result.stderr or result.stdout}")

    def start(self) -> ThrowawayServer:
        password_file = self.folder / "password"
        password_file.write_text(PASSWORD)
        if self._user:
            entry = pwd.getpwnam(self._user)
            os.chown(password_file, entry.pw_uid, entry.pw_gid)
        self._run(
            str(self.bindir / "initdb"),
            "-D",
            str(self.data),
            "-U",
            SUPERUSER,
            "--pwfile",
            str(password_file),
            "--auth-local=scram-sha-256",
            "--auth-host=reject",
            "-E",
            "UTF8",
            "--locale=C.UTF-8",
        )
        password_file.unlink()
        options = f"-c listen_addresses='' -c unix_socket_directories={self.socket} -c fsync=off"
        self._run(
            str(self.bindir / "pg_ctl"),
            "-D",
            str(self.data),
            "-o",
            options,
            "-w",
            "-l",
            str(self.folder / "log"),
            "start",
        )
        return self

    def stop(self) -> None:
        try:
            self._run(str(self.bindir / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "-w", "stop")
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)

    def url(self, database: str = "postgres", user: str = SUPERUSER, password: str = PASSWORD) -> str:
        return f"postgresql://{quote(user)}:{quote(password)}@/{database}?host={quote(str(self.socket))}"

    def connect(self, database: str = "postgres"):
        """An autocommit connection as the server's superuser (for setting up roles in tests)."""
        import psycopg

        return psycopg.connect(self.url(database), autocommit=True)

    def create_database(self, prefix: str = "workspace", template: str = "template1") -> str:
        """A new database, empty or a copy of `template` (which nobody may be connected to); its URL."""
        import psycopg

        self._counter += 1
        name = f"{prefix}_{os.getpid()}_{self._counter}"
        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(f'create database "{name}" template "{template}"')
        return self.url(name)
