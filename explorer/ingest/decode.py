"""Bytes on disk → text, or a clear reason why not."""

from __future__ import annotations

import codecs
from pathlib import Path

from explorer.ingest.errors import IngestError

MAX_FILE_BYTES = 50 * 1024 * 1024
# Control characters other than tab, newline, carriage return and form feed: a sign of binary data.
_CONTROL = {c for c in range(32) if c not in (9, 10, 12, 13)}


def read_text(path: Path, max_bytes: int = MAX_FILE_BYTES) -> str:
    return decode_bytes(read_bytes(path, max_bytes))


def read_bytes(path: Path, max_bytes: int = MAX_FILE_BYTES) -> bytes:
    """The file's bytes, refused when over the size limit or empty."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise IngestError(f"cannot read file: {exc.strerror or exc}") from exc
    if size > max_bytes:
        raise IngestError(f"file is {size / 1e6:.0f} MB, over the {max_bytes / 1e6:.0f} MB limit")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise IngestError(f"cannot read file: {exc.strerror or exc}") from exc
    if not data.strip():
        raise IngestError("file is empty")
    return data


def refuse_binary(data: bytes) -> None:
    """For bytes a reader decodes itself (feeds): NUL bytes without a UTF-16 mark mean binary data."""
    if b"\x00" in data and not data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise IngestError("binary file (contains NUL bytes), not text")


def decode_bytes(data: bytes) -> str:
    if not data.strip():
        raise IngestError("file is empty")
    if data.startswith(codecs.BOM_UTF8):
        text = _decode(data[len(codecs.BOM_UTF8) :], "utf-8")
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = _decode(data, "utf-16")
    elif b"\x00" in data:
        raise IngestError("binary file (contains NUL bytes), not text")
    else:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            # Windows-1252 is the common legacy encoding of saved web pages; it leaves five bytes
            # undefined, so random binary data rarely decodes cleanly.
            try:
                text = data.decode("cp1252")
            except UnicodeDecodeError as exc:
                raise IngestError(
                    f"not valid UTF-8 or Windows-1252 text (bad byte at offset {exc.start})"
                ) from exc
    controls = sum(1 for ch in text[:65536] if ord(ch) in _CONTROL or ch == "\x00")
    if controls > max(8, len(text[:65536]) // 100):
        raise IngestError("binary file (too many control characters), not text")
    if not text.strip():
        raise IngestError("file is empty")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _decode(data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise IngestError(f"not valid {encoding.upper()} text (bad byte at offset {exc.start})") from exc
