"""Preview benchmark: how long after an edit under `make serve` (mkdocs serve --dirty) the edited
listing's page shows the change, beside a full `mkdocs build --strict` of the same catalogue in
the same run. The target is at most 0.2x the full build.

The catalogue is copied first (the edits must not reach the other steps' files). Each edit
changes one listing's title, as a provider previewing a listing would, and the time runs from
the file's write until the page served over HTTP holds the new title.
"""
from __future__ import annotations

import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import growth
from run import BIN, ROOT, Measure, _tree_rss_mb, measure

sys.path.insert(0, str(ROOT / "tests" / "browser"))
from site_catalogue import AS_OF_EPOCH, site_config  # noqa: E402

EDITS = 3  # the figure is their median
FIRST_BUILD_TIMEOUT = 1800  # seconds: the first build under serve is a full one


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _page_shows(url: str, text: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return text in response.read().decode("utf-8")
    except OSError:
        return False


def _wait(predicate, seconds: float, pause: float = 0.05) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(pause)
    return False


def _log(path: Path) -> str:
    return path.read_text(encoding="utf-8", errors="replace")


def _retitle(path: Path, title: str) -> None:
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"(?m)^title: .*$", f"title: {title}", text, count=1), encoding="utf-8")


def edit_times(catalogue: Path, config: Path, log_path: Path, edits: int = EDITS) -> tuple[list[float], float]:
    """Seconds from each edit to its page showing it under `mkdocs serve --dirty`, and the peak
    memory (MB) of the serving process tree."""
    port = _free_port()
    env = {**os.environ, "SOURCE_DATE_EPOCH": AS_OF_EPOCH, "NO_MKDOCS_2_WARNING": "1"}
    files = sorted((catalogue / "credentials").rglob("*.yaml"))
    picked = [files[(i + 1) * len(files) // (edits + 1)] for i in range(edits)]
    with log_path.open("w") as log:
        proc = subprocess.Popen([str(BIN / "mkdocs"), "serve", "--dirty", "--livereload", "-a", f"127.0.0.1:{port}",
                                 "-f", str(config)], cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    peak, done = [0.0], threading.Event()

    def sample() -> None:
        while not done.wait(0.1):
            peak[0] = max(peak[0], *_tree_rss_mb(proc.pid))

    threading.Thread(target=sample, daemon=True).start()
    base = f"http://127.0.0.1:{port}/catalogue/"
    times = []
    try:
        if not _wait(lambda: "Serving on" in _log(log_path), FIRST_BUILD_TIMEOUT, 0.5):
            raise RuntimeError(f"mkdocs serve did not start; see {log_path}")
        _wait(lambda: "search index updated" in _log(log_path), 600, 0.2)
        time.sleep(1)
        for number, path in enumerate(picked):
            url = f"{base}credentials/{path.parent.name}/{path.stem}/"
            title = f"Previewed Edit {number} Of {path.stem}"
            started = time.monotonic()
            _retitle(path, title)
            if not _wait(lambda: _page_shows(url, title), 600):
                raise RuntimeError(f"the edit to {path.name} never showed at {url}; see {log_path}")
            times.append(time.monotonic() - started)
            # A provider looks at the page before saving again: the search index, written in the
            # background after each build, is in before the next edit.
            _wait(lambda: _log(log_path).count("search index updated") >= number + 2, 600, 0.2)
            time.sleep(1)
    finally:
        done.set()
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
    return times, peak[0]


def bench_preview(catalogue: Path, n: int, rows: list, extra: list, work: Path) -> None:
    copy = work / f"preview-{n}" / "catalogue"
    shutil.rmtree(copy.parent, ignore_errors=True)
    shutil.copytree(catalogue, copy)
    config = site_config(work / f"preview-{n}.mkdocs.yml", copy)
    site = work / f"preview-{n}" / "site"
    full = measure([str(BIN / "mkdocs"), "build", "--strict", "--quiet", "-f", str(config), "--site-dir", str(site)],
                   cwd=ROOT, env={"SOURCE_DATE_EPOCH": AS_OF_EPOCH})
    shutil.rmtree(site, ignore_errors=True)
    try:
        times, peak = edit_times(copy, config, work / f"preview-{n}.log")
    except RuntimeError as err:
        extra.append(f"- {n:,} records: preview not measured: {err}.")
        return
    median = statistics.median(times)
    rows.append((n, "preview: an edited listing's page shows the change (make serve)", Measure(median, peak, 0),
                 "full site build of the same catalogue", full))
    growth.record(n, "preview_s", median)
    growth.record(n, "preview_ratio", median / full.seconds)
    extra.append(f"- {n:,} records: under `make serve`, {len(times)} edits showed after "
                 + ", ".join(f"{t:.2f}" for t in times) + f" s (median {median:.2f} s, {median / full.seconds:.2f}x "
                 f"the full build's {full.seconds:.1f} s; target 0.2x); the serving process peaked at {peak:.0f} MB.")
    shutil.rmtree(copy.parent, ignore_errors=True)
