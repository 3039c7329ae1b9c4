"""Site search where a query, an index or a browser is out of the ordinary: a hostile address, a
catalogue crafted to make one word load the whole index, a browser without DecompressionStream,
and a search typed just before instant navigation moves on."""
from __future__ import annotations

import re
import shutil

import pytest
from learner_pages import instant_navigation, mark, stayed
from site_catalogue import PLAIN_TITLE, search_result_titles, serve

from microcred.search import index as search_index
from microcred.site.searchindex import index_files

pytestmark = pytest.mark.browser


def test_a_very_long_query_address_is_cut_and_still_answered(page, site_url):
    page.goto(site_url + "search/?q=" + "sailing+" * 7000)  # 56,000 characters, under the server's line limit
    assert PLAIN_TITLE in search_result_titles(page)
    status = page.locator("#mc-search-status").inner_text()
    assert len(status) < 300, f"{len(status)} characters"  # the query it echoes is cut to 200


def test_search_in_a_browser_without_decompression_streams_points_to_the_finder(browser, site_url):
    context = browser.new_context()
    context.add_init_script("delete window.DecompressionStream")
    page = context.new_page()
    page.goto(site_url + "search/?q=sailing")
    status = page.locator("#mc-search-status")
    status.filter(has_text="newer browser").wait_for()
    status.get_by_role("link", name="finder").click()
    page.wait_for_url(re.compile(r"/finder/$"))
    context.close()


def test_a_search_typed_just_before_navigating_away_leaves_the_next_page_alone(page, site_url):
    instant_navigation(page, site_url)
    page.clock.install()
    page.goto(site_url + "search/")
    mark(page)
    page.clock.pause_at(page.evaluate("Date.now()") + 1000)  # timers wait for run_for, below
    page.locator("#mc-search-q").fill("sailing")  # to be searched 250 ms after the last key ...
    page.get_by_role("link", name="By study time").first.click()
    page.wait_for_url(re.compile(r"/duration/$"))
    page.clock.run_for(1000)  # ... by when the search page has gone
    assert stayed(page)  # an instant navigation, so the search page's timer outlived its page
    assert page.evaluate("location.href") == site_url + "duration/"  # not rewritten to duration/?q=sailing


def _crafted_site(built_site, folder, monkeypatch, terms: int):
    """The test site with its search index replaced by one of 16 pages that each hold `terms`
    words beginning "zq", every one common enough to be cut into 4 chunk files."""
    monkeypatch.setattr(search_index, "LONG_POSTINGS", 4)
    monkeypatch.setattr(search_index, "CHUNK_BITS", 2)
    words = " ".join(f"zq{n:04d}" for n in range(terms))
    documents = {f"credentials/p/c{page:02d}/": {"title": f"Crafted {page}", "html": f"<div><p>{words}</p></div>"}
                 for page in range(16)}
    site = folder / f"site-{terms}"
    shutil.copytree(built_site, site)
    shutil.rmtree(site / "search-index")
    for path, data in index_files(documents).items():
        (site / "search-index" / path).parent.mkdir(parents=True, exist_ok=True)
        (site / "search-index" / path).write_bytes(data)
    return site


@pytest.mark.parametrize("query", ["zq", "crafted zq"])
def test_a_start_shared_by_many_common_words_loads_no_more_files_as_they_grow(page, built_site, tmp_path,
                                                                                monkeypatch, query):
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    loaded = []
    for terms in (40, 400):  # 160 and 1,600 chunk files that "zq" could load
        site = _crafted_site(built_site, tmp_path, monkeypatch, terms)
        with serve(site) as url:
            page.goto(url + "search/?q=" + query.replace(" ", "+"))
            assert len(search_result_titles(page)) == 10  # the first ten of the 16 pages
            loaded.append(len({u for u in requested if u.startswith(url + "search-index/l/")}))
    # The most common "zq" word's 4 chunks and the next ones' up to 32 files ("crafted": 4 more).
    assert 0 < loaded[0] == loaded[1] <= 36, loaded
