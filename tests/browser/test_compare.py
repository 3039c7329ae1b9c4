"""The compare page and the shortlist in Chromium at 1366x900 and 390x844: two and four listings
side by side with every learner-facing fact, readable on a phone; the shortlist kept in the
browser across a reload and turned into a shareable comparison; hostile text shown as text."""
from __future__ import annotations

import re

import pytest
from learner_pages import context, finder_ready, layout_shift, new_page, open_context, size  # noqa: F401 (fixtures)
from site_catalogue import CHAIN_ID, HOSTILE_ID, HOSTILE_TITLE, MARKUP_ID, PLAIN_ID, PLAIN_TITLE

pytestmark = pytest.mark.browser

FACTS = ["Provider", "Study time", "Calendar time", "Hours per week", "Cost", "Certificate fee", "Delivery", "Pace",
         "Assessment", "Level", "Stacks into (credit)", "VET credit", "Quality assurance", "Last reviewed"]


def _compare(page, site_url, ids):
    page.goto(site_url + "compare/?ids=" + ",".join(ids))
    page.locator("#mc-compare[data-loaded] table").wait_for()
    return page.locator("#mc-compare table")


def _cell(table, fact: str, column: int) -> str:
    return table.locator("tbody tr", has=table.page.locator(f"th:text-is('{fact}')")).locator("td").nth(column).inner_text()


def test_two_listings_side_by_side_with_every_fact(context, site_url, size):
    page = new_page(context)
    table = _compare(page, site_url, [PLAIN_ID, HOSTILE_ID])
    titles = table.locator("thead th a.mc-compare__title").all_inner_texts()
    assert titles == [PLAIN_TITLE, HOSTILE_TITLE]
    facts = table.locator("tbody th").all_inner_texts()
    assert all(f in facts for f in FACTS)
    assert _cell(table, "Study time", 0) == "45 h" and _cell(table, "Calendar time", 0) == "6-10 weeks"
    assert _cell(table, "Cost", 0).startswith("59 AUD per month (about")
    assert _cell(table, "Certificate fee", 1) == "20 AUD"
    assert _cell(table, "Stacks into (credit)", 1) == f"{PLAIN_TITLE} (1 unit of competency)"
    assert "may be out of date" in _cell(table, "Last reviewed", 1)
    # On a phone two columns fit: the page does not scroll sideways, nor does the table.
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]
    scroller = page.locator(".mc-compare__scroll")
    assert scroller.evaluate("s => s.scrollWidth <= s.clientWidth + 1")
    assert page.errors == []


def test_four_listings_keep_the_fact_names_in_view_on_a_phone(context, site_url, size):
    page = new_page(context)
    ids = [PLAIN_ID, HOSTILE_ID, MARKUP_ID, CHAIN_ID]
    table = _compare(page, site_url, ids)
    assert table.locator("thead th[data-id]").evaluate_all("ths => ths.map(t => t.dataset.id)") == ids
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]
    scroller = page.locator(".mc-compare__scroll")
    name = table.locator("tbody th", has_text="Study time")
    left = name.bounding_box()["x"]
    scroller.evaluate("s => { s.scrollLeft = s.scrollWidth; }")
    assert name.bounding_box()["x"] == pytest.approx(left, abs=1)  # sticky
    last = table.locator("tbody tr", has=page.locator("th:text-is('Study time')")).locator("td").nth(3)
    box = last.bounding_box()
    assert box["x"] + box["width"] <= page.viewport_size["width"] + 1  # the last listing scrolled into view
    moved, told = layout_shift(page)
    assert moved <= 0.02, told


def test_hostile_text_in_a_comparison_stays_text(context, site_url):
    page = new_page(context)
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    table = _compare(page, site_url, [HOSTILE_ID, MARKUP_ID])
    assert table.locator("thead a.mc-compare__title").first.inner_text() == HOSTILE_TITLE
    assert table.locator("img, script, b, i").count() == 0
    hrefs = table.locator("a").evaluate_all("as => as.map(a => a.getAttribute('href'))")
    assert all(h.startswith(("/", "https://")) for h in hrefs), hrefs
    page.wait_for_timeout(200)
    assert page.evaluate("window.__pwned") is None and dialogs == []


def test_the_shortlist_survives_a_reload_and_becomes_a_shareable_comparison(context, site_url, size):
    page = new_page(context)
    page.goto(site_url + "finder/")
    finder_ready(page)
    for title in (PLAIN_TITLE, HOSTILE_TITLE):
        page.get_by_role("button", name=f"Shortlist: {title}", exact=True).click()
    assert page.locator("#mc-shortlist-bar").inner_text().startswith("Compare shortlist (2)")
    page.reload()
    finder_ready(page)
    assert page.get_by_role("button", name=f"Shortlist: {PLAIN_TITLE}", exact=True).get_attribute("aria-pressed") == "true"
    page.locator("#mc-shortlist-bar a").click()
    page.wait_for_url(re.compile(r"/compare/\?ids="))
    page.locator("#mc-compare[data-loaded] table").wait_for()
    assert page.locator("#mc-compare thead th[data-id]").evaluate_all("ths => ths.map(t => t.dataset.id)") == [PLAIN_ID, HOSTILE_ID]
    shared = page.locator("#mc-compare-link").input_value()
    assert shared.endswith(f"compare/?ids={PLAIN_ID},{HOSTILE_ID}")

    # The address alone, in a browser with no shortlist, shows the same comparison.
    other = open_context(context.browser, site_url)
    fresh = new_page(other)
    fresh.goto(shared)
    fresh.locator("#mc-compare[data-loaded] table").wait_for()
    assert fresh.locator("#mc-compare thead a.mc-compare__title").all_inner_texts() == [PLAIN_TITLE, HOSTILE_TITLE]
    other.close()
    # Without ?ids the page compares the shortlist, and says so when it is too short.
    page.goto(site_url + "compare/")
    page.locator("#mc-compare[data-loaded] table").wait_for()
    page.get_by_role("button", name=f"Remove {PLAIN_TITLE} from the comparison").click()
    assert "Give two to four listings" in page.locator("#mc-compare").inner_text()
    assert page.errors == []


def test_a_retired_or_unknown_listing_is_named_not_shown(context, site_url):
    page = new_page(context)
    table = _compare(page, site_url, [PLAIN_ID, HOSTILE_ID, "hostile/gone-away"])
    assert table.locator("thead th[data-id]").count() == 2
    assert "Not in the catalogue (retired or renamed): hostile/gone-away." in page.locator("#mc-compare").inner_text()


def test_without_javascript_compare_explains_and_links_to_the_finder(browser, site_url):
    context = open_context(browser, site_url, "phone", java_script_enabled=False)
    page = new_page(context)
    page.goto(site_url + f"compare/?ids={PLAIN_ID},{HOSTILE_ID}")
    article = page.locator("article")
    assert "Comparing needs JavaScript" in article.inner_text()
    article.get_by_role("link", name="finder").click()
    page.wait_for_url(re.compile(r"/finder/$"))
    assert page.locator("#mc-finder-table tbody tr", has_text=PLAIN_TITLE).count() == 1
    context.close()


def test_compare_asks_no_other_host(context, site_url):
    page = new_page(context)
    _compare(page, site_url, [PLAIN_ID, CHAIN_ID])
    page.wait_for_load_state("networkidle")
    assert all(url.startswith(site_url) for url in context.requests), context.requests
