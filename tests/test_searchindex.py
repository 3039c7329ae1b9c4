"""What site search indexes, and how the index is cut into shards. (That a search finds a
credential by title, provider, outcome or skill is tested in the browser: tests/browser.)"""
from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
import time
from html.parser import HTMLParser
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent / "browser"))
from site_catalogue import PLAIN_ID, PLAIN_TITLE, write_site_catalogue  # noqa: E402

from microcred.build import load_catalogue  # noqa: E402
from microcred.outputs import site_files  # noqa: E402
from microcred.site.searchindex import (BackgroundIndex, SearchIndexError, index_shards,  # noqa: E402
                                        search_documents, shards)


@pytest.fixture(scope="module")
def catalogue(tmp_path_factory):
    folder = write_site_catalogue(tmp_path_factory.mktemp("cat") / "catalogue")
    return load_catalogue(folder, as_of=dt.date(2026, 11, 25))


@pytest.fixture(scope="module")
def documents(catalogue):
    return search_documents(site_files(catalogue))


def test_every_record_page_is_searchable_and_no_list_page_is(catalogue, documents):
    expected = ({f"credentials/{cid}/index.html" for cid in catalogue.credentials}
                | {f"providers/{pid}/index.html" for pid in catalogue.providers}
                | {f"qualifications/{qid}/index.html" for qid in catalogue.qualifications})
    assert set(documents) == expected
    # The finder and the overviews list every credential: they would answer every search.
    assert not any(path.startswith(("finder/", "duration/", "cost/", "contribute/", "data/")) for path in documents)


def test_a_search_document_is_the_page_body_with_facts_left_out(documents):
    html = documents[f"credentials/{PLAIN_ID}/index.html"]
    assert html.startswith('<!doctype html><html lang="en">')
    assert f"<h1>{PLAIN_TITLE}</h1>" in html and "data-pagefind-body" in html
    # What the finder filters on is not indexed: it would only make the index bigger. (Pagefind
    # leaves out an element marked data-pagefind-ignore with all it holds.)
    ignored = _ignored_elements(html)
    for part in (("class", "mc-glance"), ("id", "details"), ("class", "mc-official"), ("id", "standards")):
        assert ignored.get(part) is True, part
    assert ignored.get(("id", "outcomes")) is False and ignored.get(("id", "skills")) is False


class _Ignoring(HTMLParser):
    """For each element's (attribute, value) with attribute class or id: whether it or an element
    holding it is marked data-pagefind-ignore."""
    VOID = {"br", "hr", "img", "input", "meta", "link", "wbr"}

    def __init__(self):
        super().__init__()
        self.stack: list[tuple[str, bool]] = []
        self.found: dict[tuple[str, str], bool] = {}

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        ignored = (self.stack[-1][1] if self.stack else False) or "data-pagefind-ignore" in attrs
        for name in ("class", "id"):
            if attrs.get(name):
                self.found.setdefault((name, attrs[name]), ignored)
        if tag not in self.VOID:
            self.stack.append((tag, ignored))

    def handle_endtag(self, tag):
        while self.stack and self.stack.pop()[0] != tag:
            pass


def _ignored_elements(html: str) -> dict[tuple[str, str], bool]:
    parser = _Ignoring()
    parser.feed(html)
    return parser.found


def test_provider_pages_are_found_by_their_name_not_their_list(documents):
    html = documents["providers/hostile/index.html"]
    listing = html.split('<h2 id="credentials">', 1)[1].split("</h2>", 1)[1].lstrip()
    assert listing.startswith('<div data-pagefind-ignore><div class="mc-table-wrap">')


@pytest.mark.parametrize("count, size, lengths", [(0, 3, [0]), (1, 3, [1]), (3, 3, [3]), (7, 3, [3, 3, 1])])
def test_shards_keep_path_order_and_size(count, size, lengths):
    documents = {f"p/{i:03d}/index.html": str(i) for i in reversed(range(count))}
    cut = shards(documents, size)
    assert [len(s) for s in cut] == lengths
    assert [path for shard in cut for path in shard] == sorted(documents)


def test_each_shard_is_indexed_into_its_own_folder(documents, tmp_path):
    index_shards(documents, tmp_path / "pages", tmp_path / "out", shard_pages=20)
    expected = [f"{i}/" for i in range(-(-len(documents) // 20))]
    assert json.loads((tmp_path / "out" / "shards.json").read_text()) == {"shards": expected}
    for shard in expected:
        entry = json.loads((tmp_path / "out" / shard / "pagefind-entry.json").read_text())
        assert entry["languages"]["en"]["page_count"] > 0
        assert not (tmp_path / "out" / shard / "pagefind-ui.js").exists()  # the unused ready-made interfaces
    assert not any((tmp_path / "pages").iterdir())  # the scratch copies are gone


def test_the_index_lands_in_the_site_and_the_scratch_folder_goes(documents, tmp_path):
    site = tmp_path / "site"
    (site / "pagefind").mkdir(parents=True)
    (site / "pagefind" / "stale.txt").write_text("from an earlier build")
    index = BackgroundIndex(documents).start()
    scratch = index.output.parent
    index.finish(site)
    assert sorted(p.name for p in (site / "pagefind").iterdir()) == ["0", "shards.json"]
    assert (site / "pagefind" / "0" / "pagefind.js").is_file()
    assert not scratch.exists()


def test_a_failing_indexer_is_reported_and_leaves_nothing(documents, tmp_path, monkeypatch):
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", "/bin/false")  # the indexer process inherits it
    index = BackgroundIndex(documents).start()
    scratch = index.output.parent
    with pytest.raises(SearchIndexError, match="Pagefind exited with 1 on shard 0"):
        index.finish(tmp_path / "site")
    assert not (tmp_path / "site" / "pagefind").exists()
    assert not scratch.exists()


@pytest.fixture
def sleeping_pagefind(tmp_path, monkeypatch):
    """A stand-in Pagefind that writes its pid and then sleeps: the pid file's path."""
    script = tmp_path / "pagefind"
    script.write_text('#!/bin/sh\necho $$ > "$FAKE_PAGEFIND_PID"\nexec sleep 60\n')
    script.chmod(0o755)
    pid_file = tmp_path / "pagefind.pid"
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(script))
    monkeypatch.setenv("FAKE_PAGEFIND_PID", str(pid_file))
    return pid_file


def _running_pid(pid_file: Path, timeout: float = 15.0) -> int:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if pid_file.is_file() and pid_file.read_text().strip():
            return int(pid_file.read_text())
        time.sleep(0.05)
    raise AssertionError("Pagefind was never started")


def _gone(pid: int, path: Path, timeout: float = 15.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
            alive = Path(f"/proc/{pid}/stat").read_text().split(") ", 1)[1][0] != "Z"
        except (ProcessLookupError, FileNotFoundError):
            alive = False
        if not alive and not path.exists():
            return True
        time.sleep(0.05)
    return False


def test_closing_an_unfinished_index_stops_pagefind_and_removes_its_files(documents, sleeping_pagefind):
    index = BackgroundIndex(documents).start()
    pid = _running_pid(sleeping_pagefind)
    index.close()
    assert _gone(pid, index.output.parent)


def test_when_the_build_dies_the_indexer_stops_pagefind_and_removes_its_files(tmp_path, sleeping_pagefind):
    build = subprocess.Popen(
        [sys.executable, "-c", "import sys, time\n"
         "from microcred.site.searchindex import BackgroundIndex\n"
         "index = BackgroundIndex({'a/index.html': '<html><body><p>x</p></body></html>'}).start()\n"
         "print(index.output.parent, flush=True)\n"
         "time.sleep(60)\n"],
        stdout=subprocess.PIPE, text=True)
    scratch = Path(build.stdout.readline().strip())
    pid = _running_pid(sleeping_pagefind)
    build.kill()  # no chance to clean up: only the closed pipe tells the indexer
    build.wait()
    assert _gone(pid, scratch)
