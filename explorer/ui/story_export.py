"""A story to numbered PNGs or to one PDF with a page per step: the map, the caption and the sources."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QMarginsF, QRectF, QSizeF, Qt
from PySide6.QtGui import QFont, QPageLayout, QPageSize, QPainter, QPdfWriter

from explorer.store import Store
from explorer.story.model import Story
from explorer.ui.map.snapshot import ExportError, SnapshotRequest, render_images

SOURCES_PER_STEP = 5


def step_requests(store: Store, story: Story, width: int, height: int, theme: str) -> list[SnapshotRequest]:
    return [
        SnapshotRequest(width, height, step.filter(store.entity_ids_named), theme, step.caption or story.name)
        for step in story.steps
    ]


def export_story(
    store: Store, story: Story, out: Path, width: int, height: int, theme: str, cache_dir: Path
) -> list[Path]:
    """`out` ending in .pdf: one PDF; otherwise a folder of PNGs named by step. Returns what was written."""
    if not story.steps:
        raise ExportError(f"story {story.name!r} has no steps")
    requests = step_requests(store, story, width, height, theme)
    for request in requests:
        problem = request.problem()
        if problem:
            raise ExportError(problem)
    images = render_images(store, requests, cache_dir)
    if out.suffix.lower() == ".pdf":
        _write_pdf(store, story, requests, images, out)
        return [out]
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for number, (step, image) in enumerate(zip(story.steps, images, strict=True), start=1):
        path = out / f"{number:02d}-{_slug(step.caption) or 'step'}.png"
        if not image.save(str(path), "PNG"):
            raise ExportError(f"cannot write {path}")
        written.append(path)
    return written


def _write_pdf(store: Store, story: Story, requests: list[SnapshotRequest], images: list, out: Path) -> None:
    writer = QPdfWriter(str(out))
    writer.setTitle(story.name)
    writer.setCreator("Briefing Explorer")
    writer.setResolution(150)
    page = QPageSize(QSizeF(297, 210), QPageSize.Unit.Millimeter, "A4 landscape")
    writer.setPageLayout(QPageLayout(page, QPageLayout.Orientation.Portrait, QMarginsF(12, 12, 12, 12)))
    painter = QPainter()
    if not painter.begin(writer):
        raise ExportError(f"cannot write {out}")
    try:
        for number, (step, request, image) in enumerate(zip(story.steps, requests, images, strict=True)):
            if number:
                writer.newPage()
            area = QRectF(painter.viewport())
            text_height = area.height() * 0.2
            picture = QRectF(area.left(), area.top(), area.width(), area.height() - text_height)
            scaled = image.size().scaled(picture.size().toSize(), Qt.AspectRatioMode.KeepAspectRatio)
            target = QRectF(picture.left(), picture.top(), scaled.width(), scaled.height())
            painter.drawImage(target, image)
            below = QRectF(area.left(), target.bottom() + area.height() * 0.02, area.width(), text_height)
            title = QFont("DejaVu Sans")
            title.setPixelSize(max(12, int(area.height() * 0.035)))
            title.setBold(True)
            painter.setFont(title)
            caption = f"{number + 1} / {len(story.steps)}   {step.caption or story.name}"
            painter.drawText(below, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop, caption)
            small = QFont("DejaVu Sans")
            small.setPixelSize(max(10, int(area.height() * 0.02)))
            painter.setFont(small)
            sources = [
                f"{row.published or 'undated'} — {row.title}"
                for row in store.list_briefings(request.flt, limit=SOURCES_PER_STEP)
            ]
            lines = "Sources\n" + ("\n".join(sources) if sources else "no briefing matches this step")
            rest = below.adjusted(0, title.pixelSize() * 1.6, 0, 0)
            painter.drawText(rest, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop, lines)
    finally:
        painter.end()


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:40]
