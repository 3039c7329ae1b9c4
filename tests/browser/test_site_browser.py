"""The built site in Chromium, as a learner uses it: search, finder, every page type, hostile
records, accessibility."""
from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from site_catalogue import HOSTILE_ID, HOSTILE_TITLE, PLAIN_ID, PLAIN_TITLE, search_result_titles

pytestmark = pytest.mark.browser


def _count(page) -> tuple[int, int]:
    text = page.locator("#mc-finder-count").inner_text()
    shown, total = re.fullmatch(r"(\d+) of (\d+) credentials", text.strip()).groups()
    return int(shown), int(total)


def _visible_ids(page) -> list[str]:
    return page.eval_on_selector_all("#mc-finder-table tbody tr:not([hidden])", "rows => rows.map(r => r.dataset.id)")


def test_search_from_the_header_finds_a_credential_by_title(page, site_url):
    page.goto(site_url)
    # Material swaps pages without reloading (instant navigation): the header stays, and its
    # search form must still lead to the search page.
    page.locator(".md-nav--primary a", has_text="Finder").first.click()
    page.wait_for_url(re.compile(r"/finder/$"))
    page.locator("#mc-finder[data-loaded]").wait_for()
    page.locator("#mc-header-q").fill("Plain Sailing Navigation")
    page.locator("#mc-header-q").press("Enter")
    page.wait_for_url(re.compile(r"/search/\?q=Plain"))
    assert PLAIN_TITLE in search_result_titles(page)[:3]
    page.locator("#mc-search-results a", has_text=PLAIN_TITLE).first.click()
    page.wait_for_url(re.compile(re.escape(f"credentials/{PLAIN_ID}/")))
    assert page.locator("article h1").inner_text() == PLAIN_TITLE


@pytest.mark.parametrize("query", ["Hostile & Co", "coastal passage", "knot tying"])
def test_search_finds_a_credential_by_provider_outcome_or_skill(page, site_url, query):
    page.goto(site_url + "search/")
    page.locator("#mc-search-q").fill(query)
    assert PLAIN_TITLE in search_result_titles(page)


def test_a_shared_search_address_shows_the_same_results(page, browser, site_url):
    page.goto(site_url + "search/")
    page.locator("#mc-search-q").fill("sailing")
    first = search_result_titles(page)
    assert first and parse_qs(urlsplit(page.url).query) == {"q": ["sailing"]}
    other = browser.new_page()
    other.goto(page.url)
    assert other.locator("#mc-search-q").input_value() == "sailing"
    assert search_result_titles(other) == first
    other.close()


def test_search_without_javascript_says_where_to_go(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url)
    page.locator("#mc-header-q").fill("sailing")
    page.locator("#mc-header-q").press("Enter")
    page.wait_for_url(re.compile(r"/search/\?q=sailing"))
    assert "needs JavaScript" in page.locator("article").inner_text()
    page.get_by_role("link", name="finder").first.click()
    assert page.locator("#mc-finder-table tbody tr", has_text=PLAIN_TITLE).count() == 1
    context.close()


def test_finder_facets_narrow_results_and_the_url_restores_them(page, browser, site_url):
    page.goto(site_url + "finder/")
    page.locator("#mc-finder[data-loaded]").wait_for()
    shown, total = _count(page)
    assert shown == total > 20

    page.get_by_label(re.compile(r"^\s*Blended")).check()
    blended, _ = _count(page)
    assert 0 < blended < total
    assert len(_visible_ids(page)) == blended
    for cell in page.locator("#mc-finder-table tbody tr:not([hidden]) .mc-meta").all_inner_texts():
        assert cell.startswith("Blended")

    page.get_by_label("Search titles, providers, skills and outcomes").fill("sailing")
    assert _count(page) == (1, total)
    assert _visible_ids(page) == [PLAIN_ID]
    query = parse_qs(urlsplit(page.url).query)
    assert query == {"delivery": ["blended"], "text": ["sailing"]}

    # A shared link restores the same search in a fresh page.
    other = browser.new_page()
    other.goto(page.url)
    other.locator("#mc-finder[data-loaded]").wait_for()
    assert other.get_by_label(re.compile(r"^\s*Blended")).is_checked()
    assert other.get_by_label("Search titles, providers, skills and outcomes").input_value() == "sailing"
    assert _visible_ids(other) == [PLAIN_ID]
    other.close()


def test_finder_sorts_by_study_time(page, site_url):
    page.goto(site_url + "finder/?sort=-hours")
    page.locator("#mc-finder[data-loaded]").wait_for()
    hours = [float(t.split()[0].replace(",", "")) for t in
             page.locator("#mc-finder-table tbody tr td:nth-child(2)").all_inner_texts()]
    assert hours == sorted(hours, reverse=True) and hours[0] > hours[-1]


def test_finder_lists_everything_without_javascript(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + "finder/")
    rows = page.locator("#mc-finder-table tbody tr")
    assert rows.count() > 20
    assert page.locator("#mc-finder-table tbody tr", has_text=PLAIN_TITLE).count() == 1
    context.close()


@pytest.mark.parametrize("path, heading", [
    ("", "Find a short course that counts"),
    ("finder/", "Find a microcredential"),
    ("duration/", "By study time"),
    ("cost/", "By cost"),
    ("stackability/", "Stacking pathways"),
    ("vet-credit/", "VET credit"),
    ("providers/", "Providers"),
    ("providers/hostile/", "Hostile & Co <Training>"),
    ("qualifications/", "Qualifications"),
    ("qualifications/qualification-00/", "Certificate IV in Example Studies 0"),
    (f"credentials/{PLAIN_ID}/", PLAIN_TITLE),
])
def test_every_page_type_opens(page, site_url, path, heading):
    response = page.goto(site_url + path)
    assert response.ok
    assert page.locator("article h1").first.inner_text().rstrip("¶") == heading


def test_hostile_record_shows_its_text_and_runs_nothing(page, site_url):
    page.goto(site_url + f"credentials/{HOSTILE_ID}/")
    page.wait_for_load_state("networkidle")
    article = page.locator("article")
    assert article.locator("h1").inner_text() == HOSTILE_TITLE
    assert HOSTILE_TITLE in page.title()
    text = article.inner_text()
    assert "<script>window.__pwned = 'script'</script>" in text
    assert "{: onclick=\"window.__pwned = 'attr'\" }" in text
    assert page.evaluate("window.__pwned") is None
    assert page.dialogs == []
    # No script but the JSON-LD, no event handlers, no dangerous or relative links from records.
    assert article.locator("script:not([type='application/ld+json'])").count() == 0
    assert page.evaluate("""() => [...document.querySelectorAll('article *')]
        .filter(e => [...e.attributes].some(a => a.name.startsWith('on'))).length""") == 0
    hrefs = page.eval_on_selector_all(".mc-description a", "as => as.map(a => a.getAttribute('href'))")
    assert hrefs == ["https://example.org/ok"]
    # The stale listing says so.
    assert "May be out of date" in text


def test_hostile_title_is_harmless_in_finder_and_search(page, site_url):
    page.goto(site_url + "finder/?text=pipes")
    page.locator("#mc-finder[data-loaded]").wait_for()
    assert _visible_ids(page) == [HOSTILE_ID]
    assert page.locator("#mc-finder-table tbody tr:not([hidden]) a").inner_text() == HOSTILE_TITLE
    page.goto(site_url + "search/?q=pipes+script")  # "script": the summary's hostile markup, marked as text
    assert HOSTILE_TITLE in search_result_titles(page)
    page.wait_for_timeout(300)
    assert page.evaluate("window.__pwned") is None
    assert page.dialogs == []
    assert page.locator("#mc-search-results *:not(li, a, p, mark)").count() == 0


@pytest.mark.parametrize("path", ["", "finder/", f"credentials/{PLAIN_ID}/", f"credentials/{HOSTILE_ID}/",
                                  "stackability/", "search/?q=sailing"])
def test_no_serious_accessibility_violations(page, site_url, path):
    from axe_playwright_python.sync_playwright import Axe

    page.goto(site_url + path)
    page.wait_for_load_state("networkidle")
    results = Axe().run(page)
    bad = [v for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    assert not bad, results.generate_report()


@pytest.mark.parametrize("path", ["", "finder/", f"credentials/{PLAIN_ID}/", "search/?q=sailing"])
def test_dark_palette_on_a_phone_has_no_serious_accessibility_violations(browser, site_url, path):
    from axe_playwright_python.sync_playwright import Axe

    context = browser.new_context(color_scheme="dark", viewport={"width": 390, "height": 844}, is_mobile=True)
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith("http://127.0.0.1")
                  else route.abort())
    page = context.new_page()
    page.goto(site_url + path)
    page.wait_for_load_state("networkidle")
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate"
    results = Axe().run(page)
    bad = [v for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    context.close()
    assert not bad, results.generate_report()
