"""Check an installed copy of the app outside the checkout, as a user's machine would run it.

    python scripts/check_install.py frozen dist/briefing-explorer     the PyInstaller bundle
    python scripts/check_install.py wheel dist/briefing_explorer-*.whl  a wheel, into a fresh environment

Each runs with a clean environment (no virtual environment on PATH, a temporary HOME, the working
directory outside the checkout): `--version`, an import of the bundled samples into a temporary
workspace, an import of a saved web page, a feed and a PDF (the readers whose data files a bundle can
lose), an import of more than 2 MB through the pool of extraction workers (each starts as the installed
program again), a PNG export of the map that must not be flat, the network exported (communities and all), and
the workspace copied to a throwaway PostgreSQL server and searched there; for the bundle, that the compiled
extraction rules it carries are the ones that run (`about`).
Prints what it measured; exits 1 on a failure.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CHECKOUT = Path(__file__).resolve().parent.parent
PAGE = """<!DOCTYPE html><html><head><title>Copper talks in Lusaka</title>
<meta name="date" content="2026-11-30"></head><body><nav>Home · World · Markets</nav><article>
<h1>Copper talks in Lusaka</h1><p>Zambia and the Democratic Republic of the Congo met in Lusaka to
discuss a joint copper export corridor through the port of Lobito in Angola.</p>
<p>Glencore and First Quantum said the corridor would shorten shipping times to China.</p></article>
<footer>Contact · Privacy</footer></body></html>"""
FEED = """<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">
<title>Desk notes</title><id>urn:desk</id><updated>2026-12-01T08:00:00Z</updated>
<entry><title>Nickel prices slide</title><id>urn:desk:1</id><updated>2026-12-01T08:00:00Z</updated>
<summary>Indonesia raised nickel output again; Vale said prices in Jakarta trading fell.</summary></entry>
</feed>"""


# Sentences of the pooled import's synthetic digests (the order and the mix differ per digest).
DIGEST_SENTENCES = (
    "Zambia and the Democratic Republic of the Congo discussed a copper corridor through Lobito.",
    "Glencore said shipments from Kolwezi would resume once the rains ended.",
    "Indonesia raised nickel output again, and prices in Jakarta trading fell.",
    "Chile and SQM agreed new lithium quotas with Codelco in Santiago.",
    "Albemarle kept its Antofagasta plant open despite the lower prices.",
    "Traders in London watched the port of Durban, where congestion eased.",
    "Vale said its Canadian mines would run at full capacity next quarter.",
    "The Bank of England kept rates on hold as metal prices steadied.",
)


class CheckFailed(Exception):
    pass


def clean_env(home: Path) -> dict[str, str]:
    env = {
        "HOME": str(home),
        "PATH": "/usr/bin:/bin",
        "LANG": "C.UTF-8",
        "QT_QPA_PLATFORM": "offscreen",
    }
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        env["QTWEBENGINE_DISABLE_SANDBOX"] = "1"  # Chromium refuses to start as root otherwise
    return env


def run(command: list[str], env: dict[str, str], cwd: Path, timeout: int = 300) -> tuple[str, float]:
    started = time.perf_counter()
    result = subprocess.run(command, env=env, cwd=cwd, capture_output=True, text=True, timeout=timeout)
    took = time.perf_counter() - started
    if result.returncode != 0:
        tail = "\n".join((result.stdout + result.stderr).strip().splitlines()[-15:])
        raise CheckFailed(f"{' '.join(command[1:])} exited {result.returncode}:\n{tail}")
    return result.stdout, took


def distinct_colours(png: Path) -> int:
    """Colours on a 40 px grid of the image: a flat (blank or single-colour) export has one or two."""
    from PySide6.QtGui import QImage

    image = QImage(str(png))
    if image.isNull():
        raise CheckFailed(f"{png.name} is not a readable image")
    return len({image.pixel(x, y) for x in range(0, image.width(), 40) for y in range(0, image.height(), 40)})


def check(executable: Path, samples: Path, work: Path) -> list[str]:
    """The three checks; returns the figures measured."""
    env = clean_env(work / "home")
    (work / "home").mkdir(parents=True, exist_ok=True)
    out, version_took = run([str(executable), "--version"], env, work)
    if not re.fullmatch(r"explorer \d+\.\d+\.\d+\S*", out.strip()):
        raise CheckFailed(f"--version printed {out.strip()!r}")
    workspace = work / "workspace.db"
    out, ingest_took = run([str(executable), "--db", str(workspace), "ingest", str(samples)], env, work)
    imported = re.search(r"(\d+) imported, \d+ duplicate, \d+ near-duplicate, (\d+) failed", out)
    if not imported or int(imported.group(1)) == 0 or imported.group(2) != "0":
        raise CheckFailed(f"the samples did not import: {out.strip()!r}")
    saved = write_saved_files(work / "saved")
    out, _took = run([str(executable), "--db", str(workspace), "ingest", str(saved)], env, work)
    files = len(list(saved.iterdir()))
    if not re.search(rf"\b{files} imported, 0 duplicate, 0 near-duplicate, 0 failed", out):
        raise CheckFailed(f"a saved page, feed or PDF did not import: {out.strip()!r}")
    png = work / "map.png"
    export = ["--db", str(workspace), "export-map", "--out", str(png), "--width", "1200", "--height", "700"]
    _out, export_took = run([str(executable), *export], env, work)
    colours = distinct_colours(png)
    if colours < 20:
        raise CheckFailed(f"the exported map is flat ({colours} colours)")
    pooled, pooled_took = check_pooled_import(executable, env, work)
    prepared = check_prepared_map(executable, env, work)
    graph = work / "network.graphml"
    run([str(executable), "--db", str(workspace), "export-graph", "--out", str(graph)], env, work)
    nodes = graph.read_text(encoding="utf-8").count("<node ")
    if nodes < 20:
        raise CheckFailed(f"the exported network has {nodes} entities")
    return [
        f"--version {version_took:.2f} s",
        f"ingest of {imported.group(1)} samples {ingest_took:.1f} s",
        f"PNG export 1200x700 {export_took:.1f} s ({colours} colours on a 40 px grid)",
        f"pooled import of {pooled} briefings (2 jobs) {pooled_took:.1f} s",
        f"map page built by prepare-map in {prepared:.1f} s",
        f"network export: {nodes} entities",
        *check_team_workspace(executable, workspace, env, work),
    ]


def check_prepared_map(executable: Path, env: dict[str, str], work: Path) -> float:
    """The child a first start runs to build the basemap and map page (the window runs the installed
    program again: the frozen app's executable itself)."""
    cache = work / "map-cache"
    out, took = run([str(executable), "prepare-map", "--theme", "dark", "--cache-dir", str(cache)], env, work)
    page = Path(out.strip())
    if page.parent != cache or not page.name.startswith("map-dark-") or not page.is_file():
        raise CheckFailed(f"prepare-map printed {out.strip()!r}")
    if not list(cache.glob("basemap-*.geojson")):
        raise CheckFailed("prepare-map built no basemap")
    return took


def check_team_workspace(executable: Path, workspace: Path, env: dict[str, str], work: Path) -> list[str]:
    """The file workspace copied to a throwaway PostgreSQL server and searched there (the installed
    copy must carry the PostgreSQL driver and its libpq); skipped where PostgreSQL is not installed."""
    sys.path.insert(0, str(CHECKOUT))
    from tests.pg_server import PASSWORD, ThrowawayServer, binaries

    if binaries() is None:
        if os.environ.get("EXPLORER_TEST_POSTGRES") == "required":
            raise CheckFailed("PostgreSQL is not installed, and the test command requires it")
        return ["team workspace: skipped (no PostgreSQL)"]
    server = ThrowawayServer().start()
    try:
        url = server.create_database()
        out, copy_took = run([str(executable), "workspace", "copy", str(workspace), url], env, work)
        out, _took = run([str(executable), "search", "copper"], {**env, "EXPLORER_DB": url}, work)
        if "results" not in out or out.startswith("0 result") or PASSWORD in out:
            raise CheckFailed(f"search on the team workspace: {out.strip()[-300:]!r}")
    finally:
        server.stop()
    return [f"team workspace: copied to PostgreSQL in {copy_took:.1f} s and searched there"]


def check_pooled_import(executable: Path, env: dict[str, str], work: Path) -> tuple[int, float]:
    """An import big enough for the pool of extraction workers (more than 2 MB): each worker starts as the
    installed program again, which only a real install puts to the test."""
    rng = random.Random(7)
    count, lines = 700, []
    for i in range(count):
        body = " ".join(rng.choice(DIGEST_SENTENCES) for _ in range(50))
        lines.append(json.dumps({"title": f"Desk digest {i}: metals and ports", "body": f"{i}. {body}"}))
    corpus = work / "pooled.jsonl"
    corpus.write_text("\n".join(lines), encoding="utf-8")
    if corpus.stat().st_size < 2 * 2**20:
        raise CheckFailed("the pooled import's corpus is too small to use the pool")
    command = [str(executable), "--db", str(work / "pooled.db"), "ingest", "--jobs", "2", str(corpus)]
    out, took = run(command, env, work)
    if not re.search(rf"\b{count} imported, .* 0 failed", out):
        raise CheckFailed(f"the pooled import did not import everything: {out.strip()!r}")
    return count, took


def write_saved_files(folder: Path) -> Path:
    """A web page, an Atom feed and (with fpdf2, a test dependency) a PDF report, as analysts save them."""
    folder.mkdir(parents=True)
    (folder / "copper.html").write_text(PAGE, encoding="utf-8")
    (folder / "desk.atom").write_text(FEED, encoding="utf-8")
    try:
        from fpdf import FPDF
    except ImportError:
        return folder
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", "B", 18)
    pdf.multi_cell(0, 10, "Lithium brine in the Atacama", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("helvetica", "", 11)
    text = "Chile and SQM agreed new lithium quotas with Codelco; Albemarle kept its Antofagasta plant open."
    pdf.multi_cell(0, 6, text, new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(folder / "lithium.pdf"))
    return folder


def folder_size(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file() and not f.is_symlink())


def check_frozen(bundle: Path, work: Path) -> list[str]:
    executable = bundle / "briefing-explorer"
    samples = bundle / "_internal" / "explorer" / "_data" / "samples"
    if not executable.is_file() or not samples.is_dir():
        raise CheckFailed(f"{bundle} is not a built bundle (no briefing-explorer or samples)")
    figures = check(executable, samples, work)
    # The compiled extraction rules the bundle carries must be the ones that run.
    carried = list((bundle / "_internal" / "explorer" / "extract" / "_compiled").glob("*"))
    about, _took = run([str(executable), "about"], clean_env(work / "home"), work)
    running = "the rules compiled to C" in about
    if running != bool(carried):
        raise CheckFailed(f"the bundle carries {len(carried)} compiled builds, and `about` says: {about!r}")
    return [f"bundle {folder_size(bundle) / 2**20:.0f} MB", *figures, f"compiled rules: {running}"]


def check_wheel(wheel: Path, work: Path) -> list[str]:
    venv = work / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    started = time.perf_counter()
    pip = [str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet", str(wheel)]
    subprocess.run(pip, check=True, cwd=work)
    installed = time.perf_counter() - started
    where = "from explorer.resources import data_path; print(data_path('samples'))"
    samples = Path(run([str(venv / "bin" / "python"), "-c", where], clean_env(work), work)[0].strip())
    if venv not in samples.parents:
        raise CheckFailed(f"the installed app reads its samples from {samples}, not from its own install")
    figures = check(venv / "bin" / "briefing-explorer", samples, work)
    return [f"wheel {wheel.stat().st_size / 2**20:.1f} MB, installed in {installed:.0f} s", *figures]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("kind", choices=("frozen", "wheel"))
    parser.add_argument("path", type=Path)
    args = parser.parse_args()
    path = args.path.resolve()
    with tempfile.TemporaryDirectory(prefix="explorer-install-") as tmp:
        work = Path(tmp)
        if CHECKOUT in work.parents:
            raise SystemExit("the temporary folder must lie outside the checkout")
        try:
            figures = check_frozen(path, work) if args.kind == "frozen" else check_wheel(path, work)
        except CheckFailed as exc:
            print(f"{args.kind} check FAILED: {exc}", file=sys.stderr)
            return 1
    print(f"{args.kind} check passed: " + "; ".join(figures))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
