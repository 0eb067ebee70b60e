"""Where the app keeps its files. Nothing happens at import; call the functions."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

from platformdirs import user_cache_dir, user_data_dir

APP_NAME = "briefing-explorer"


@dataclass(frozen=True)
class AppPaths:
    data_dir: Path
    cache_dir: Path

    @property
    def default_db(self) -> Path:
        return self.data_dir / "workspace.db"


def app_paths() -> AppPaths:
    """Platform locations, or everything under $EXPLORER_HOME when it is set (tests, portable installs)."""
    home = os.environ.get("EXPLORER_HOME")
    if home:
        root = Path(home)
        return AppPaths(data_dir=root / "data", cache_dir=root / "cache")
    return AppPaths(data_dir=Path(user_data_dir(APP_NAME)), cache_dir=Path(user_cache_dir(APP_NAME)))


def database_path(explicit: str | os.PathLike[str] | None = None) -> Path | str:
    """--db beats $EXPLORER_DB beats the default workspace in the user data dir: a file, or a team
    workspace's postgresql:// URL, kept as written."""
    chosen = explicit or os.environ.get("EXPLORER_DB")
    if isinstance(chosen, str) and chosen.startswith(("postgresql://", "postgres://")):
        return chosen
    if chosen:
        return Path(chosen)
    return app_paths().default_db


def program_command(*args: str) -> list[str]:
    """The command line that runs this program with `args`: the frozen app's own executable, or this
    Python with the package."""
    if getattr(sys, "frozen", False):
        return [sys.executable, *args]
    return [sys.executable, "-m", "explorer", *args]
