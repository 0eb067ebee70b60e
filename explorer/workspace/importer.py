"""Files → parsed briefings → extracted mentions → the store, batch by batch."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from explorer.ingest.registry import iter_files, read_file
from explorer.model import Briefing
from explorer.store import Store
from explorer.workspace.corrections import overrides as active_overrides
from explorer.workspace.extraction import (
    Extracted,
    InlineExtraction,
    default_jobs,
    extraction_for,
    fewer_collections,
)

# Each batch is one transaction: a crash or a cancel keeps every earlier batch whole, and a re-run
# skips what already landed (content hashes).
BATCH_SIZE = 200

ProgressFn = Callable[[int, int, str], None]  # (files done, files total, current name)


@dataclass
class ImportReport:
    imported: list[str] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)
    near_duplicates: list[tuple[str, str]] = field(default_factory=list)  # (imported copy, first copy)
    watch_matches: dict[str, int] = field(default_factory=dict)  # new unread matches per watch
    failed: list[tuple[str, str]] = field(default_factory=list)  # (where, reason)
    cancelled: bool = False

    @property
    def ok(self) -> bool:
        return not self.failed and not self.cancelled

    def summary(self) -> str:
        parts = [
            f"{len(self.imported)} imported",
            f"{len(self.duplicates)} duplicate",
            f"{len(self.near_duplicates)} near-duplicate",
            f"{len(self.failed)} failed",
        ]
        return ", ".join(parts) + (" (cancelled)" if self.cancelled else "")

    def as_text(self) -> str:
        """The whole report as plain text, to read and to copy: every failure, copy and duplicate named."""
        lines = [f"Import: {self.summary()}"]
        if self.failed:
            lines += ["", f"Failed ({len(self.failed)}):"]
            lines += [f"  {where}: {reason}" for where, reason in self.failed]
        if self.near_duplicates:
            lines += [
                "",
                f"Near-duplicates ({len(self.near_duplicates)}), imported and linked to the first copy:",
            ]
            lines += [f"  {copy}  ≈  {first}" for copy, first in self.near_duplicates]
        if self.watch_matches:
            lines += ["", "Watchlists with new matches:"]
            lines += [f"  {name}: {count} new" for name, count in self.watch_matches.items()]
        if self.duplicates:
            lines += ["", f"Already in the workspace, skipped ({len(self.duplicates)}):"]
            lines += [f"  {name}" for name in self.duplicates]
        if self.imported:
            lines += ["", f"Imported ({len(self.imported)}):"]
            lines += [f"  {name}" for name in self.imported]
        return "\n".join(lines) + "\n"


def import_paths(
    store: Store,
    paths: Sequence[Path],
    progress: ProgressFn | None = None,
    cancelled: Callable[[], bool] = lambda: False,
    jobs: int | None = None,
    workers_only: bool = False,
) -> ImportReport:
    """Import files and folders. `jobs`: extraction worker processes (default: one per core, up to four;
    small imports extract in this process whatever is asked, unless `workers_only`). Files are read here,
    in order, and every batch is written here, so the workspace has one writer."""
    with fewer_collections():
        return _import_files(store, paths, progress, cancelled, jobs, workers_only)


def _import_files(
    store: Store,
    paths: Sequence[Path],
    progress: ProgressFn | None,
    cancelled: Callable[[], bool],
    jobs: int | None,
    workers_only: bool,
) -> ImportReport:
    report = ImportReport()
    files = list(iter_files(paths))
    jobs = default_jobs() if jobs is None else jobs
    extraction = extraction_for(jobs, _input_bytes(files), store.active_corrections(), workers_only)
    pending: list[Extracted] = []
    try:
        for index, (path, walk_error) in enumerate(files):
            if cancelled():
                report.cancelled = True
                break
            name = _display_name(path, paths)
            if progress:
                progress(index, len(files), name)
            if walk_error:
                report.failed.append((name, walk_error))
                continue
            result = read_file(path, name)
            report.failed.extend(result.failures)
            # A batch at a time: extraction results never pile up for a whole file of thousands of
            # records, and a cancel stops inside it.
            for start in range(0, len(result.briefings), BATCH_SIZE):
                if start and cancelled():
                    report.cancelled = True
                    break
                extraction.submit(result.briefings[start : start + BATCH_SIZE])
                pending.extend(extraction.ready())
                while len(pending) >= BATCH_SIZE:
                    _flush(store, pending[:BATCH_SIZE], report)
                    del pending[:BATCH_SIZE]
            if report.cancelled:
                break
        if not report.cancelled:
            pending.extend(extraction.finish())
            for start in range(0, len(pending), BATCH_SIZE):
                _flush(store, pending[start : start + BATCH_SIZE], report)
            report.watch_matches = store.run_watches()
            if progress:
                progress(len(files), len(files), "")
    finally:
        extraction.close()
    return report


def import_briefings(store: Store, briefings: Iterable[Briefing]) -> ImportReport:
    """Import already-parsed briefings (from the API or tests) the same way files are imported."""
    report = ImportReport()
    extraction = InlineExtraction(active_overrides(store))
    with fewer_collections():
        extraction.submit(list(briefings))
        _flush(store, extraction.finish(), report)
    report.watch_matches = store.run_watches()
    return report


def _flush(store: Store, pending: Sequence[Extracted], report: ImportReport) -> None:
    if not pending:
        return
    fresh = []
    seen = store.stored_hashes([briefing.content_hash for briefing, _, _ in pending])
    for briefing, mentions, made in pending:
        key = briefing.content_hash
        if key in seen:
            report.duplicates.append(briefing.origin or briefing.title)
        else:
            seen.add(key)
            fresh.append((briefing, mentions, made))
    added = store.add_briefings([(b, m) for b, m, _ in fresh], [made for _, _, made in fresh])
    report.near_duplicates.extend(added.near_duplicates)
    report.imported.extend(b.origin or b.title for b, _, _ in fresh)


def _input_bytes(files: Sequence[tuple[Path, str | None]]) -> int:
    total = 0
    for path, walk_error in files:
        if walk_error is None:
            with contextlib.suppress(OSError):
                total += path.stat().st_size
    return total


def _display_name(path: Path, roots: Sequence[Path]) -> str:
    """The path relative to the folder the user gave, so reports never show machine-specific paths."""
    for root in roots:
        try:
            rel = path.relative_to(root)
        except ValueError:
            continue
        return str(Path(root.name) / rel) if str(rel) != "." else path.name
    return path.name
