"""`mkdocs serve --dirty` (as `make serve` runs it): editing a YAML record rebuilds the page once,
shows the validator's report while the record is broken, and never loops; editing a schema takes
effect on the next rebuild; after edits and a deletion the site on disk is the one a fresh build
writes, with nothing of the deleted record left."""
from __future__ import annotations

import contextlib
import json
import os
import shutil
import socket
import subprocess
import sys
import re
import time
import urllib.error
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


def _served_folder(log_path: Path) -> Path:
    """The folder `mkdocs serve` writes the site into: its one temporary folder (TMPDIR is set
    to a folder of the test's own)."""
    folders = list((log_path.parent / "serve-tmp").glob("mkdocs_*"))
    assert len(folders) == 1, folders
    return folders[0]


@contextlib.contextmanager
def serving(config: Path, log_path: Path, env: dict | None = None, port: int | None = None):
    """`mkdocs serve --livereload --dirty` of `config` on a free port, as `make serve` runs it:
    yields the site's URL."""
    port = port or _free_port()
    log = log_path.open("w")
    scratch = log_path.parent / "serve-tmp"
    scratch.mkdir(exist_ok=True)
    env = {**os.environ, "SOURCE_DATE_EPOCH": AS_OF_EPOCH, "NO_MKDOCS_2_WARNING": "1", "TMPDIR": str(scratch),
           **(env or {})}
    proc = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--livereload", "--dirty", "-a",
                             f"127.0.0.1:{port}", "-f", str(config)],
                            cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
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


def _tree(folder: Path) -> dict[str, bytes]:
    """Every file of a built site but the search index (written in the background)."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and not p.relative_to(folder).as_posix().startswith("search-index/")}


def _status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status
    except urllib.error.HTTPError as err:
        return err.code
    except OSError:
        return 0


def test_after_edits_and_a_deletion_the_served_site_is_a_fresh_builds(tmp_path):
    catalogue = write_site_catalogue(tmp_path / "catalogue", credentials=10)
    port = _free_port()
    config = site_config(tmp_path / "mkdocs.yml", catalogue)
    # The fresh build below is of the same site as served: the same site_url.
    settings = json.loads(config.read_text(encoding="utf-8"))
    config.write_text(json.dumps({**settings, "site_url": f"http://127.0.0.1:{port}/catalogue/"}), encoding="utf-8")
    log = tmp_path / "serve.log"
    gone = catalogue / "credentials" / "provider-001" / "credential-00001.yaml"
    with serving(config, log, port=port) as base:
        plain = base + f"credentials/{PLAIN_ID}/"
        _wait_for(plain, f"<h1>{PLAIN_TITLE}</h1>")
        gone_page = base + "credentials/provider-001/credential-00001/"
        assert _status(gone_page) == 200
        record = catalogue / "credentials" / f"{PLAIN_ID}.yaml"
        record.write_text(record.read_text(encoding="utf-8").replace(f"title: {PLAIN_TITLE}", "title: Zigzag Sailing"),
                          encoding="utf-8")
        _wait_for(plain, "<h1>Zigzag Sailing</h1>")
        _wait_for(base + "finder/z/", "Zigzag Sailing")  # the finder's part for its new first letter
        assert "of 2 changed" not in log.read_text(encoding="utf-8")  # sanity: the log counts what changed
        gone.unlink()
        deadline = time.monotonic() + 40
        while _status(gone_page) != 404 and time.monotonic() < deadline:
            time.sleep(0.5)
        assert _status(gone_page) == 404
        _wait_for(base + "finder/", "credentials")  # the site still serves after the deletion
        time.sleep(3)  # the last build's search index, written in the background
        served = _tree(_served_folder(log))
        searchable = (_served_folder(log) / "search-index" / "manifest.json").is_file()
        text = log.read_text(encoding="utf-8")
    # Only what the edits reached was written again: far fewer files than the site holds.
    changed = [int(n) for n in re.findall(r"(\d+) of \d+ generated files changed", text)]
    total = int(re.search(r"of (\d+) generated files changed", text).group(1))
    assert len(changed) >= 3 and changed[0] == total and max(changed[1:]) < total / 2, changed
    assert "removed" in text and "files of outputs that are gone" in text
    assert searchable, "the served site has no search index"
    fresh = tmp_path / "fresh"
    env = {**os.environ, "SOURCE_DATE_EPOCH": AS_OF_EPOCH, "NO_MKDOCS_2_WARNING": "1"}
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(config), "-d", str(fresh)],
                   cwd=ROOT, env=env, check=True, capture_output=True, timeout=300)
    expected = _tree(fresh)
    assert sorted(served.keys() - expected.keys()) == []  # nothing of the deleted record is left
    assert sorted(expected.keys() - served.keys()) == []
    assert [path for path in expected if served[path] != expected[path]] == []
    assert not any("credential-00001" in path for path in served)


def test_a_change_outside_the_catalogue_rebuilds_everything_with_its_search_index(tmp_path):
    """A hand-written page's edit empties the site folder for a full build (its nav and links
    could be stale otherwise); the search index, emptied with it, is written again."""
    docs = tmp_path / "docs"
    shutil.copytree(ROOT / "docs", docs)
    catalogue = write_site_catalogue(tmp_path / "catalogue", credentials=10)
    config = site_config(tmp_path / "mkdocs.yml", catalogue)
    settings = json.loads(config.read_text(encoding="utf-8"))
    config.write_text(json.dumps({**settings, "docs_dir": str(docs)}), encoding="utf-8")
    log = tmp_path / "serve.log"
    with serving(config, log) as base:
        _wait_for(base + f"credentials/{PLAIN_ID}/", f"<h1>{PLAIN_TITLE}</h1>")
        deadline = time.monotonic() + 40
        while "search index updated" not in log.read_text(encoding="utf-8") and time.monotonic() < deadline:
            time.sleep(0.3)
        page = docs / "search.md"
        page.write_text(page.read_text(encoding="utf-8") + "\nAn added closing line.\n", encoding="utf-8")
        _wait_for(base + "search/", "An added closing line.")
        deadline = time.monotonic() + 40
        while log.read_text(encoding="utf-8").count("search index updated") < 2 and time.monotonic() < deadline:
            time.sleep(0.3)
        text = log.read_text(encoding="utf-8")
        assert "writing every page again" in text
        assert (_served_folder(log) / "search-index" / "manifest.json").is_file()
