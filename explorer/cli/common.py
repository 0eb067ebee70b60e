"""What every command shares: exit codes and the error that stops a command with one line."""

from __future__ import annotations

EXIT_OK = 0
EXIT_FAILURES = 1  # the command ran, but some input failed (e.g. files skipped in an import)
EXIT_USAGE = 2  # the command could not run: bad arguments, unreadable workspace, …


class UserError(Exception):
    """Stops a command: printed as one line on stderr, exit code 2."""
