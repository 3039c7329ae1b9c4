"""The finder in Chromium at 1366x900 and 390x844, as a learner uses it: results in the first
screen, prices on a phone without sideways scrolling, search over skills and outcomes, facets
that never compare currencies, a shared address's filters, the drawer, instant navigation, no
layout shift and nothing from another host."""
from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from learner_pages import (context, finder_ready, instant_navigation, layout_shift,  # noqa: F401 (fixtures)
                           mark, new_page, open_context, size, stayed, visible_ids)
from site_catalogue import PLAIN_ID, PLAIN_TITLE

pytestmark = pytest.mark.browser


def _hours(page) -> list[float]:
    return [float(t.split()[0].replace(",", "")) for t in
            page.locator("#mc-finder-table tbody tr:not([hidden]) td:nth-child(2)").all_inner_texts()]


def _held_shards(page) -> list:
    """Hold back every shard of the finder's index, to be let through in the test's own order."""
    held = []
    page.route("**/finder/index/*.json", lambda route: held.append(route))
    return held


def test_the_first_result_is_in_the_first_screen(context, site_url, size):
    page = new_page(context)
    page.goto(site_url + "finder/")
    finder_ready(page)
    first = page.locator("#mc-finder-table tbody tr:not([hidden])").first
    box = first.locator("td").first.locator("a").bounding_box()
    assert box["y"] >= 0 and box["y"] + box["height"] <= page.viewport_size["height"]
    assert page.errors == []


@pytest.mark.parametrize("javascript", [True, False])
def test_a_phone_shows_a_listings_price_without_sideways_scrolling(browser, site_url, javascript):
    context = open_context(browser, site_url, "phone", java_script_enabled=javascript)
    page = new_page(context)
    page.goto(site_url + "finder/")
    if javascript:
        finder_ready(page)
    row = page.locator("#mc-finder-table tbody tr", has_text=PLAIN_TITLE)
    price = row.locator("td:nth-child(4)")
    row.scroll_into_view_if_needed()
    box = price.bounding_box()
    assert "59 AUD per month" in price.inner_text()
    assert 0 <= box["x"] and box["x"] + box["width"] <= 390
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    context.close()


@pytest.mark.parametrize("words", ["knot", "coastal passage", "services"])
def test_search_finds_a_listing_by_skill_outcome_or_field(context, site_url, words):
    # "Knot tying" is a skill, "Plan a coastal passage" an outcome, "Services" the field: none is in the title.
    page = new_page(context)
    page.goto(site_url + "finder/")
    finder_ready(page)
    page.get_by_label("Search titles, providers, skills and outcomes").fill(words)
    shown, total = re.fullmatch(r"(\d+) of (\d+) credentials", page.locator("#mc-finder-count").inner_text()).groups()
    assert PLAIN_ID in visible_ids(page) and len(visible_ids(page)) == int(shown) < int(total) / 2


def test_a_shared_address_applies_its_filters_as_soon_as_the_page_runs(browser, site_url, size):
    context = open_context(browser, site_url, size)
    page = new_page(context)
    page.goto(site_url + "finder/?duration=under-10h&sort=-hours")
    finder_ready(page)
    hours = _hours(page)
    assert hours and all(h < 10 for h in hours) and hours == sorted(hours, reverse=True)
    assert page.locator("#mc-f-duration-0").is_checked()
    assert page.locator("#mc-sort").input_value() == "-hours"
    shown, total = re.fullmatch(r"(\d+) of (\d+) credentials", page.locator("#mc-finder-count").inner_text()).groups()
    assert int(shown) == len(hours) < int(total)
    context.close()


def test_prices_are_compared_only_within_one_currency(context, site_url, size):
    page = new_page(context)
    page.goto(site_url + "finder/")
    finder_ready(page)
    if size == "phone":
        page.get_by_role("button", name="Filters", exact=True).click()
    paid = page.locator("#mc-finder-facets input[value^='paid-']")
    assert paid.count() >= 2 and all(paid.nth(i).is_disabled() for i in range(paid.count()))
    assert page.locator("#mc-sort option[value='cost']").is_disabled()
    assert "never converted" in page.locator("article").inner_text()

    page.get_by_label(re.compile(r"^\s*AUD")).check()
    assert not page.locator("#mc-sort option[value='cost']").is_disabled()
    labels = page.locator("#mc-finder-facets label:has(input[value^='paid-'])").all_inner_texts()
    assert all(" AUD" in label for label in labels)
    page.locator("#mc-sort").select_option("cost")
    prices = page.locator("#mc-finder-table tbody tr:not([hidden]) td:nth-child(4)").all_inner_texts()
    # Listings in AUD only (free ones first), the paid ones cheapest first.
    assert prices and not any(re.search(r"\b(USD|EUR|GBP|NZD)\b", p) for p in prices)
    paid = [p for p in prices if not p.startswith("Free to study")]
    assert prices[len(prices) - len(paid):] == paid and all("AUD" in p for p in paid)
    assert parse_qs(urlsplit(page.url).query) == {"currency": ["AUD"], "sort": ["cost"]}


def test_options_that_would_give_nothing_are_disabled_with_their_count(context, site_url, size):
    page = new_page(context)
    page.goto(site_url + "finder/?text=sailing")
    finder_ready(page)
    assert visible_ids(page) == [PLAIN_ID]
    online = page.locator("#mc-finder-facets label:has(input[value='online'])")
    assert online.locator("input").is_disabled() and "(0)" in online.inner_text()
    blended = page.locator("#mc-finder-facets label:has(input[value='blended'])")
    assert not blended.locator("input").is_disabled() and "(1)" in blended.inner_text()


def test_facets_with_one_value_are_not_offered(context, site_url):
    page = new_page(context)
    page.goto(site_url + "finder/")
    finder_ready(page)
    legends = page.locator("#mc-finder-facets legend").all_inner_texts()
    assert "Calendar time" in legends and "Provider type" in legends and "Assessment" in legends
    assert "Funding available" not in legends  # no generated listing names funding
    for fieldset in page.locator("#mc-finder-facets fieldset").all():
        assert fieldset.locator("input").count() >= 2


def test_on_a_phone_the_filters_open_as_a_drawer_and_close_onto_the_results(browser, site_url):
    context = open_context(browser, site_url, "phone")
    page = new_page(context)
    page.goto(site_url + "finder/")
    finder_ready(page)
    facets = page.locator("#mc-finder-facets")
    assert not facets.is_visible() or facets.bounding_box()["y"] > 844
    page.get_by_role("button", name="Filters", exact=True).click()
    assert facets.locator("legend").first.bounding_box()["y"] < 844
    page.get_by_label(re.compile(r"^\s*Blended")).check()
    page.get_by_role("button", name=re.compile(r"^Show \d+ results?$")).click()
    assert page.get_by_role("button", name="Filters (1)").is_visible()
    assert page.locator("#mc-finder-table tbody tr:not([hidden])").first.bounding_box()["y"] < 844
    context.close()


def test_on_a_phone_the_drawer_opens_while_a_shared_links_results_are_still_loading(browser, site_url):
    context = open_context(browser, site_url, "phone")
    page = new_page(context)
    held = _held_shards(page)
    page.goto(site_url + "finder/?delivery=online")
    page.locator("#mc-finder-facets fieldset").first.wait_for(state="attached")  # the manifest is in, no shard yet
    assert held and page.locator("#mc-finder[data-loaded]").count() == 0
    facets = page.locator("#mc-finder-facets")
    assert not facets.is_visible()  # below the hidden results, unseen until they are shown
    page.get_by_role("button", name="Filters (1)", exact=True).click()
    assert facets.locator("legend").first.is_visible()
    assert page.get_by_label(re.compile(r"^\s*Online")).is_checked()
    context.close()


def test_without_javascript_the_finder_says_where_the_grouped_pages_are(browser, site_url):
    context = open_context(browser, site_url, "phone", java_script_enabled=False)
    page = new_page(context)
    page.goto(site_url + "finder/?duration=under-10h")
    bar = page.locator("#mc-finder")
    assert "need JavaScript" in bar.inner_text()
    bar.get_by_role("link", name="By study time").click()
    page.wait_for_url(re.compile(r"/duration/$"))
    context.close()


@pytest.mark.parametrize("address", ["finder/", "finder/?duration=under-10h&delivery=online"])
def test_nothing_moves_while_the_finder_loads(context, site_url, address):
    page = new_page(context)
    page.goto(site_url + address)
    finder_ready(page)
    moved, told = layout_shift(page)
    assert moved <= 0.02, told


@pytest.mark.parametrize("address", ["finder/", "finder/?duration=under-10h&delivery=online"])
def test_nothing_moves_while_the_shards_arrive_one_by_one_and_out_of_order(context, site_url, address):
    # A slow phone gets the shards in separate frames and in any order (they load side by side).
    page = new_page(context)
    held = _held_shards(page)
    page.goto(site_url + address)
    parts = page.evaluate("fetch('index.json').then(r => r.json()).then(m => m.parts.length)")
    while len(held) < parts:
        page.wait_for_timeout(20)
    assert parts >= 3
    first_rows = visible_ids(page)
    for route in reversed(held):
        route.continue_()
        page.wait_for_timeout(120)
        if page.locator("#mc-finder[data-loaded]").count() == 0 and "?" not in address:
            assert visible_ids(page) == first_rows  # the page's own rows stay until the rest is in
    finder_ready(page)
    moved, told = layout_shift(page)
    assert moved <= 0.02, told


def test_a_search_typed_while_the_shards_load_shows_each_shards_results_as_it_arrives(browser, site_url):
    context = open_context(browser, site_url, "laptop")
    page = new_page(context)
    held = _held_shards(page)
    page.goto(site_url + "finder/")
    page.locator("#mc-finder-facets fieldset").first.wait_for(state="attached")
    page.get_by_label("Search titles, providers, skills and outcomes").fill("knot")
    plain = next(r for r in held if r.request.url.endswith("/p.json"))  # the part of "Plain Sailing ..."
    plain.continue_()
    page.locator(f"#mc-finder-table tbody tr[data-id='{PLAIN_ID}']").wait_for()
    assert visible_ids(page) == [PLAIN_ID]
    assert page.locator("#mc-finder-count").inner_text().startswith("Loading: 1 found")
    for route in held:
        if route is not plain:
            route.continue_()
    finder_ready(page)
    assert visible_ids(page) == [PLAIN_ID]
    assert page.locator("#mc-finder-count").inner_text().startswith("1 of ")
    context.close()


def test_the_finder_starts_after_instant_navigation_with_no_console_error(context, site_url, size):
    page = new_page(context)
    instant_navigation(page, site_url)
    page.goto(site_url + f"credentials/{PLAIN_ID}/")
    mark(page)
    if size == "phone":
        page.locator("label.md-header__button[for='__drawer']").click()
    page.locator(".md-nav--primary a", has_text="Finder").first.click()
    page.wait_for_url(re.compile(r"/finder/$"))
    finder_ready(page)
    assert page.evaluate("document.querySelectorAll('#mc-finder-facets fieldset').length") > 5
    page.get_by_label("Search titles, providers, skills and outcomes").fill("knot")
    assert visible_ids(page) == [PLAIN_ID]
    # ... and once more, away and back.
    page.go_back()
    page.wait_for_url(re.compile(re.escape(f"credentials/{PLAIN_ID}/")))
    page.go_forward()
    page.wait_for_url(re.compile(r"/finder/"))
    finder_ready(page)
    assert stayed(page)
    assert page.errors == []


def test_the_finder_asks_no_other_host(context, site_url):
    page = new_page(context)
    page.goto(site_url + "finder/?text=data")
    finder_ready(page)
    page.wait_for_load_state("networkidle")
    assert context.requests and all(url.startswith(site_url) for url in context.requests), context.requests
