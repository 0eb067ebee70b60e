"""The command line: parse, call a core function, print."""

from explorer.cli.main import main

__all__ = ["main"]
