"""What site search indexes, and how the index is cut into shards. (That a search finds a
credential by title, provider, outcome or skill is tested in the browser: tests/browser.)"""
from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent / "browser"))
from site_catalogue import PLAIN_ID, PLAIN_TITLE, write_site_catalogue  # noqa: E402

from microcred.model import load_catalogue  # noqa: E402
from microcred.outputs import site_files  # noqa: E402
from microcred.searchindex import BackgroundIndex, search_documents, shards  # noqa: E402


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
    # What the finder filters on is not indexed: it would only make the index bigger.
    for part in ('class="mc-glance"', 'id="details"', 'class="mc-official"'):
        tag = html.split(part, 1)[1].split(">", 1)[0]
        assert "data-pagefind-ignore" in tag, part


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


def test_the_index_lands_in_the_site_with_one_folder_per_shard(documents, tmp_path, monkeypatch):
    monkeypatch.setattr("microcred.searchindex.SHARD_PAGES", 20)
    site = tmp_path / "site"
    (site / "pagefind").mkdir(parents=True)
    (site / "pagefind" / "stale.txt").write_text("from an earlier build")
    index = BackgroundIndex(documents).start()
    scratch = index.source.parent
    index.finish(site)
    names = sorted(p.name for p in (site / "pagefind").iterdir())
    expected_shards = [str(i) for i in range(-(-len(documents) // 20))]
    assert names == sorted(expected_shards + ["shards.json"])
    assert not (site / "pagefind" / "0" / "pagefind-ui.js").exists()  # the unused ready-made interfaces
    assert not scratch.exists()


def test_a_failing_indexer_is_reported_and_cleans_up(documents, tmp_path, monkeypatch):
    monkeypatch.setattr("microcred.searchindex.pagefind_binary", lambda: Path("/bin/false"))
    index = BackgroundIndex(documents).start()
    scratch = index.source.parent
    with pytest.raises(Exception, match="Pagefind exited with 1"):
        index.finish(tmp_path / "site")
    assert not (tmp_path / "site" / "pagefind").exists()
    assert not scratch.exists()
