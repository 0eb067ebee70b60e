"""Which reader handles which file, and walking folders safely."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from explorer.dates import date_from_timestamp
from explorer.ingest.decode import read_bytes, read_text, refuse_binary
from explorer.ingest.errors import IngestError
from explorer.ingest.jsonfile import parse_json, parse_jsonl
from explorer.ingest.sectioned import parse_sectioned
from explorer.model import Briefing

TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text"}
JSON_SUFFIXES = {".json"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
FEED_SUFFIXES = {".rss", ".atom", ".xml"}
HTML_SUFFIXES = {".html", ".htm"}
PDF_SUFFIXES = {".pdf"}
SUPPORTED_SUFFIXES = (
    TEXT_SUFFIXES | JSON_SUFFIXES | JSONL_SUFFIXES | FEED_SUFFIXES | HTML_SUFFIXES | PDF_SUFFIXES
)


@dataclass(frozen=True)
class FileResult:
    """What one file yielded: briefings, and failures (a JSONL file can have both)."""

    path: Path
    briefings: tuple[Briefing, ...]
    failures: tuple[tuple[str, str], ...]  # (where, reason)


def read_file(path: Path, display: str | None = None) -> FileResult:
    name = display or path.name
    try:
        suffix = path.suffix.lower()
        if suffix not in SUPPORTED_SUFFIXES:
            raise IngestError(f"unsupported file type {suffix or '(none)'}")
        # The PDF, feed and page readers load large libraries: only when such a file comes along.
        if suffix in PDF_SUFFIXES:
            from explorer.ingest.pdf import parse_pdf

            mtime = date_from_timestamp(path.stat().st_mtime)
            return FileResult(path, (parse_pdf(read_bytes(path), name, fallback_date=mtime),), ())
        if suffix in FEED_SUFFIXES:
            from explorer.ingest.feeds import parse_feed

            data = read_bytes(path)
            refuse_binary(data)
            return _records(path, name, parse_feed(data, name), "#")
        text = read_text(path)
        if suffix in TEXT_SUFFIXES:
            mtime = date_from_timestamp(path.stat().st_mtime)
            return FileResult(path, (parse_sectioned(text, name, fallback_date=mtime),), ())
        if suffix in JSON_SUFFIXES:
            return FileResult(path, tuple(parse_json(text, name)), ())
        if suffix in HTML_SUFFIXES:
            from explorer.ingest.webpage import parse_webpage

            mtime = date_from_timestamp(path.stat().st_mtime)
            return FileResult(path, (parse_webpage(text, name, fallback_date=mtime),), ())
        return _records(path, name, parse_jsonl(text, name), ":")
    except IngestError as exc:
        return FileResult(path, (), ((name, str(exc)),))


def _records(
    path: Path, name: str, records: Iterable[tuple[int, Briefing | IngestError]], separator: str
) -> FileResult:
    """A file of many records (JSON lines, feed entries): the good ones, and each bad one by number."""
    good: list[Briefing] = []
    bad: list[tuple[str, str]] = []
    for number, outcome in records:
        if isinstance(outcome, IngestError):
            bad.append((f"{name}{separator}{number}", str(outcome)))
        else:
            good.append(outcome)
    if not good and not bad:
        raise IngestError("file has no records")
    return FileResult(path, tuple(good), tuple(bad))


def iter_files(paths: Iterable[Path]) -> Iterator[tuple[Path, str | None]]:
    """Every file under the given paths, with an error for paths that cannot be walked.

    Folders are walked recursively in a stable order; symbolic-link loops and hidden files are skipped,
    and files of unsupported types inside folders are ignored (named files are always reported).
    """
    for path in paths:
        if not path.exists():
            yield path, "no such file or folder"
        elif path.is_dir():
            yield from _walk(path)
        else:
            yield path, None


def _walk(root: Path) -> Iterator[tuple[Path, str | None]]:
    seen: set[tuple[int, int]] = set()

    def walk(folder: Path) -> Iterator[tuple[Path, str | None]]:
        try:
            st = folder.stat()
        except OSError as exc:
            yield folder, f"cannot open folder: {exc.strerror or exc}"
            return
        if (st.st_dev, st.st_ino) in seen:
            return  # a symbolic-link loop or a second link to a folder already walked
        seen.add((st.st_dev, st.st_ino))
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError as exc:
            yield folder, f"cannot open folder: {exc.strerror or exc}"
            return
        for entry in entries:
            if entry.name.startswith("."):
                continue
            path = Path(entry.path)
            try:
                is_dir = entry.is_dir()
            except OSError:
                is_dir = False
            if is_dir:
                yield from walk(path)
            elif path.suffix.lower() in SUPPORTED_SUFFIXES:
                yield path, None

    yield from walk(root)
