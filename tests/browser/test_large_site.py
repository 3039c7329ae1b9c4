"""A generated 2,000-credential site in Chromium: search and the finder still find a given
credential, by its title, and by its provider and a skill, as a learner would look for it."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from site_catalogue import build_site, search_result_titles, serve

from factory import make_catalogue

pytestmark = pytest.mark.browser

CREDENTIALS = 2000


@pytest.fixture(scope="module")
def large(tmp_path_factory):
    """(site URL, catalogue folder) of a built 2,000-credential site."""
    root = tmp_path_factory.mktemp("large-site")
    catalogue = make_catalogue(root / "catalogue", credentials=CREDENTIALS)
    result = build_site(catalogue, root / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    with serve(root / "site") as url:
        yield url, catalogue


@pytest.fixture(scope="module")
def wanted(large):
    """A credential near the end of the catalogue, with its provider's name."""
    _, catalogue = large
    path = sorted((catalogue / "credentials").rglob("*.yaml"))[-7]
    record = yaml.safe_load(path.read_text(encoding="utf-8"))
    provider = yaml.safe_load((catalogue / "providers" / f"{record['provider']}.yaml").read_text(encoding="utf-8"))
    record["provider_name"] = provider["name"]
    record["uid"] = f"{record['provider']}/{record['id']}"
    return record


def _all_results(page) -> list[str]:
    """Every result, pressing "Show more results" until there are no more."""
    search_result_titles(page, timeout_ms=30000)
    more = page.locator("#mc-search-more")
    while page.locator("#mc-search-more-wrap").is_visible():
        shown = page.locator("#mc-search-results li").count()
        more.click()
        page.wait_for_function(f"document.querySelectorAll('#mc-search-results li').length > {shown}")
    return page.locator("#mc-search-results .mc-search__title").all_inner_texts()


def test_search_finds_the_credential_by_its_title_and_opens_it(page, large, wanted):
    url, _ = large
    page.goto(url + "search/")
    page.locator("#mc-search-q").fill(wanted["title"])
    assert wanted["title"] in search_result_titles(page, timeout_ms=30000)[:3]
    page.locator("#mc-search-results a", has_text=re.compile(rf"^{re.escape(wanted['title'])}$")).click()
    page.wait_for_url(re.compile(re.escape(f"credentials/{wanted['uid']}/")))
    assert page.locator("article h1").inner_text() == wanted["title"]


def test_search_finds_the_credential_by_provider_and_skill(page, large, wanted):
    url, _ = large
    query = f"{wanted['provider_name']} {wanted['skills'][0]}"
    page.goto(url + "search/?q=" + query.replace(" ", "+"))
    titles = _all_results(page)
    assert wanted["title"] in titles
    assert len(titles) < CREDENTIALS // 10  # the words narrowed the search


def test_the_finder_finds_the_credential_by_its_title(page, large, wanted):
    url, _ = large
    page.goto(url + "finder/")
    page.locator("#mc-finder[data-loaded]").wait_for()
    page.get_by_label("Search titles, providers, skills and outcomes").fill(wanted["title"])
    visible = page.eval_on_selector_all("#mc-finder-table tbody tr:not([hidden])", "rows => rows.map(r => r.dataset.id)")
    assert visible == [wanted["uid"]]
