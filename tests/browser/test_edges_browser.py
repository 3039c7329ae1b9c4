"""The site's edges in Chromium: skip links, the home page's search without JavaScript, instant
navigation onto a credential page (its JSON-LD is never run), and no layout shift on search."""
from __future__ import annotations

import re

import pytest
from learner_pages import instant_navigation, mark, stayed
from site_catalogue import PLAIN_ID, PLAIN_TITLE, search_result_titles

pytestmark = pytest.mark.browser

# Layout shifts as the page records them (not after input), summed as Lighthouse's CLS does for
# a short page: the shifts that were not caused by the reader.
CLS = """() => new Promise(resolve => {
  let total = 0;
  new PerformanceObserver(list => { for (const e of list.getEntries()) if (!e.hadRecentInput) total += e.value; })
    .observe({type: "layout-shift", buffered: true});
  setTimeout(() => resolve(total), 300);
})"""


@pytest.mark.parametrize("path", ["", f"credentials/{PLAIN_ID}/", "duration/", "search/?q=sailing"])
def test_the_first_tab_is_a_skip_link_that_lands_on_the_content(page, site_url, path):
    page.goto(site_url + path)
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Skip to content"
    page.keyboard.press("Enter")
    target = page.evaluate("location.hash.slice(1)")
    assert target and page.evaluate("t => !!document.getElementById(t)?.closest('article')", target)


def test_the_home_page_searches_without_javascript(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url)
    page.locator("#mc-home-q").fill("sailing")
    page.locator("#mc-home-q").press("Enter")
    page.wait_for_url(re.compile(r"/search/\?q=sailing$"))
    assert "needs JavaScript" in page.locator("article").inner_text()
    context.close()


def test_the_home_page_search_finds_a_credential(page, site_url):
    page.goto(site_url)
    page.locator("#mc-home-q").fill("Plain Sailing")
    page.get_by_role("button", name="Search", exact=True).last.click()
    assert PLAIN_TITLE in search_result_titles(page)


def test_instant_navigation_onto_a_credential_page_runs_no_json_ld(page, site_url):
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    instant_navigation(page, site_url)
    page.goto(site_url)
    mark(page)
    page.get_by_role("link", name="By study time").first.click()  # instant navigation (XHR, no reload)
    page.wait_for_url(re.compile(r"/duration/$"))
    page.get_by_role("link", name=PLAIN_TITLE).first.click()
    page.wait_for_url(re.compile(re.escape(PLAIN_ID) + "/$"))
    page.locator("article h1", has_text=PLAIN_TITLE).wait_for()
    page.wait_for_load_state("networkidle")
    assert stayed(page)
    assert errors == []
    assert page.locator("article script").count() == 0


def test_search_does_not_move_the_page_while_it_answers(page, site_url):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(site_url + "search/?q=sailing")
    search_result_titles(page)
    assert page.evaluate(CLS) <= 0.02
