"""The whole headless flow inside a network namespace with no interface but loopback: nothing needs a network.

The interceptor tests prove the map page asks for no remote URL; this proves the rest (Python, Qt,
Chromium's own services) runs where no remote address exists at all. Linux only, needs `unshare -n`.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import SAMPLES


def _namespaces_work() -> bool:
    unshare = shutil.which("unshare")
    if not unshare:
        return False
    return subprocess.run([unshare, "-n", "true"], capture_output=True).returncode == 0


pytestmark = pytest.mark.skipif(not _namespaces_work(), reason="unshare -n is not available here")


def isolated(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["unshare", "-n", *args], capture_output=True, text=True, env=env, timeout=300)


def test_ingest_map_and_network_exports_run_with_no_network(tmp_path: Path):
    env = dict(os.environ, EXPLORER_DB=str(tmp_path / "ws.db"), EXPLORER_HOME=str(tmp_path / "home"))
    env["QT_QPA_PLATFORM"] = "offscreen"
    interfaces = isolated(
        sys.executable, "-c", "import socket; print([n for _i, n in socket.if_nameindex()])", env=env
    )
    assert interfaces.stdout.strip() == "['lo']"
    explorer = [sys.executable, "-m", "explorer"]
    ingest = isolated(*explorer, "ingest", str(SAMPLES), env=env)
    assert ingest.returncode == 0, ingest.stderr
    png = tmp_path / "map.png"
    exported = isolated(
        *explorer, "export-map", "--out", str(png), "--width", "1280", "--height", "720", env=env
    )
    assert exported.returncode == 0, exported.stderr
    from PySide6.QtGui import QImage

    image = QImage(str(png))
    colours = {image.pixel(x, y) for x in range(0, 1280, 31) for y in range(0, 720, 31)}
    assert len(colours) > 20, "the map rendered blank: something it needs was not there"
    page = tmp_path / "map.html"
    assert isolated(*explorer, "export-map", "--out", str(page), env=env).returncode == 0
    graph = tmp_path / "net.gexf"
    assert isolated(*explorer, "export-graph", "--out", str(graph), env=env).returncode == 0
    assert graph.read_text().count("<node ") >= 50
    hits = isolated(*explorer, "search", "lithium", env=env)
    assert hits.returncode == 0 and "results" in hits.stdout
