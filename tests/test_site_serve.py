"""`mkdocs serve` (as `make serve` runs it): editing a YAML record rebuilds the page once, shows
the validator's report while the record is broken, and never loops."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent / "browser"))
from site_catalogue import AS_OF_EPOCH, PLAIN_ID, PLAIN_TITLE, ROOT, write_site_catalogue  # noqa: E402


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def _wait_for(url: str, text: str, seconds: float = 40) -> str:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        body = _get(url)
        if text in body:
            return body
        time.sleep(0.5)
    raise AssertionError(f"{text!r} did not appear at {url}")


@pytest.fixture
def served(tmp_path):
    catalogue = write_site_catalogue(tmp_path / "catalogue", credentials=10)
    port = _free_port()
    log = (tmp_path / "serve.log").open("w")
    env = {**os.environ, "MICROCRED_CATALOGUE": str(catalogue), "SOURCE_DATE_EPOCH": AS_OF_EPOCH,
           "NO_MKDOCS_2_WARNING": "1"}
    proc = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--livereload", "-a", f"127.0.0.1:{port}",
                             "-f", str(ROOT / "mkdocs.yml")], cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        yield catalogue, f"http://127.0.0.1:{port}/catalogue/", tmp_path / "serve.log"
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


def test_editing_a_record_rebuilds_its_page_once(served):
    catalogue, base, log = served
    url = base + f"credentials/{PLAIN_ID}/"
    _wait_for(url, f"<h1>{PLAIN_TITLE}</h1>")
    record = catalogue / "credentials" / f"{PLAIN_ID}.yaml"
    original = record.read_text(encoding="utf-8")

    record.write_text(original.replace("workload_hours: 45", "workload_hours: lots"), encoding="utf-8")
    broken = _wait_for(url, "The catalogue has errors")
    assert "plain-sailing.yaml:" in broken and "workload_hours" in broken

    record.write_text(original.replace(f"title: {PLAIN_TITLE}", "title: Plain Sailing, Edited"), encoding="utf-8")
    _wait_for(url, "<h1>Plain Sailing, Edited</h1>")
    time.sleep(1)
    builds = log.read_text(encoding="utf-8").count("Building documentation")
    time.sleep(4)  # a reload loop would keep rebuilding with nothing changed
    assert log.read_text(encoding="utf-8").count("Building documentation") == builds
    assert builds >= 3  # the first build, the broken record, the fixed one
