"""What the window remembers between runs, declared once: typed keys with defaults, kept in an INI file
in the user's data folder (EXPLORER_HOME puts it under a folder of one's own, as tests do)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Generic, TypeVar

from PySide6.QtCore import QByteArray, QSettings

T = TypeVar("T", str, QByteArray)


@dataclass(frozen=True)
class Key(Generic[T]):
    name: str
    default: T


GEOMETRY = Key("window/geometry", QByteArray())
SPLITTER = Key("window/splitter", QByteArray())
THEME = Key("view/theme", "")  # empty: the desktop's light or dark setting
WORKSPACE = Key("workspace/last", "")


class Settings:
    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self._store = QSettings(str(path), QSettings.Format.IniFormat)

    def get(self, key: Key[T]) -> T:
        value = self._store.value(key.name, key.default)
        if isinstance(key.default, QByteArray):
            return value if isinstance(value, QByteArray) else key.default  # type: ignore[return-value]
        return str(value) if value is not None else key.default  # type: ignore[return-value]

    def set(self, key: Key[T], value: T) -> None:
        self._store.setValue(key.name, value)

    def sync(self) -> None:
        self._store.sync()


def settings_path(data_dir: Path) -> Path:
    return data_dir / "settings.ini"
