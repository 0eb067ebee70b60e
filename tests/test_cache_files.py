"""Cached files: written whole or not at all, and another digest's file swept only once stale."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from explorer.cache_files import STALE_AFTER_S, sweep, write_whole


def test_a_failed_write_leaves_neither_the_file_nor_its_temporary(tmp_path: Path) -> None:
    def broken(fh) -> None:
        fh.write(b"half a pickle")
        raise ValueError("cannot pickle this")

    with pytest.raises(ValueError):
        write_whole(tmp_path / "dictionary-abc.pickle", broken)
    assert list(tmp_path.iterdir()) == []

    write_whole(tmp_path / "dictionary-abc.pickle", lambda fh: fh.write(b"whole"))
    assert [p.name for p in tmp_path.iterdir()] == ["dictionary-abc.pickle"]


def test_another_versions_file_stays_until_it_is_stale(tmp_path: Path) -> None:
    ours, recent, stale = (tmp_path / f"map-light-{key}.html" for key in ("ours", "recent", "stale"))
    for path in (ours, recent, stale):
        path.write_text("<html></html>")
    week_ago = time.time() - STALE_AFTER_S - 60
    os.utime(stale, (week_ago, week_ago))
    os.utime(ours, (week_ago, week_ago))  # ours is kept however old

    sweep(tmp_path, "map-light-*.html", keep=ours)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["map-light-ours.html", "map-light-recent.html"]
