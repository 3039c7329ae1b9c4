"""`mkdocs serve` (as `make serve` runs it): editing a YAML record rebuilds the page once, shows
the validator's report while the record is broken, and never loops; editing a schema takes
effect on the next rebuild."""
from __future__ import annotations

import contextlib
import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent / "browser"))
from site_catalogue import AS_OF_EPOCH, PLAIN_ID, PLAIN_TITLE, ROOT, site_config, write_site_catalogue  # noqa: E402


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


@contextlib.contextmanager
def serving(config: Path, log_path: Path, env: dict | None = None):
    """`mkdocs serve --livereload` of `config` on a free port: yields the site's URL."""
    port = _free_port()
    log = log_path.open("w")
    env = {**os.environ, "SOURCE_DATE_EPOCH": AS_OF_EPOCH, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    proc = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--livereload", "-a", f"127.0.0.1:{port}",
                             "-f", str(config)], cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        yield f"http://127.0.0.1:{port}/catalogue/"
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


@pytest.fixture
def served(tmp_path):
    catalogue = write_site_catalogue(tmp_path / "catalogue", credentials=10)
    with serving(site_config(tmp_path / "mkdocs.yml", catalogue), tmp_path / "serve.log") as base:
        yield catalogue, base, tmp_path / "serve.log"


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


def test_editing_a_schema_under_serve_takes_effect(tmp_path):
    # The package reads the schemas beside it, so it runs from a copy whose schema/ can be edited.
    project = tmp_path / "project"
    shutil.copytree(ROOT / "scripts", project / "scripts", ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    shutil.copytree(ROOT / "schema", project / "schema")
    catalogue = write_site_catalogue(tmp_path / "catalogue", credentials=10)
    config = site_config(tmp_path / "mkdocs.yml", catalogue)
    with serving(config, tmp_path / "serve.log", {"PYTHONPATH": str(project / "scripts")}) as base:
        url = base + f"credentials/{PLAIN_ID}/"
        _wait_for(url, f"<h1>{PLAIN_TITLE}</h1>")  # workload_hours: 45, within the schema's bounds
        schema_file = project / "schema" / "credential.schema.json"
        original = schema_file.read_text(encoding="utf-8")
        schema = json.loads(original)
        schema["properties"]["workload_hours"]["maximum"] = 40
        schema_file.write_text(json.dumps(schema, indent=2), encoding="utf-8")
        broken = _wait_for(url, "The catalogue has errors")
        assert "plain-sailing.yaml:" in broken and "workload_hours" in broken

        schema_file.write_text(original, encoding="utf-8")
        _wait_for(url, f"<h1>{PLAIN_TITLE}</h1>")
