"""The record pages' own chrome (overrides/lean.html) against the pages Material draws: the colour
palette toggle that assets/palette.js builds is Material's, and a reader's choice holds on both;
the scripts assets/scripts.js adds run, there and on the pages instant navigation brings."""
from __future__ import annotations

import re

import pytest
from learner_pages import instant_navigation, mark, stayed
from site_catalogue import PLAIN_ID

pytestmark = pytest.mark.browser

RECORD = f"credentials/{PLAIN_ID}/"
TOGGLE = """() => [...document.querySelectorAll('[data-md-component=palette] > *')].map(e =>
  [e.tagName, ...[...e.attributes].filter(a => a.name !== 'hidden').map(a => a.name + '=' + a.value).sort()].join(' '))"""


def _scheme(page) -> str:
    return page.evaluate("document.body.getAttribute('data-md-color-scheme')")


def test_a_record_page_has_the_palette_toggle_material_draws(page, site_url):
    page.goto(site_url)
    page.wait_for_load_state("networkidle")
    material = page.evaluate(TOGGLE)
    page.goto(site_url + RECORD)
    page.wait_for_load_state("networkidle")
    assert material and page.evaluate(TOGGLE) == material
    # Material's bundle shows the one button that switches away from the scheme in use.
    assert page.locator("[data-md-component=palette] label:not([hidden])").count() == 1


def test_a_palette_chosen_on_a_record_page_holds_on_every_page(page, site_url):
    page.goto(site_url + RECORD)
    page.wait_for_load_state("networkidle")
    assert _scheme(page) == "default"
    page.get_by_title("Switch to dark mode").click()
    assert _scheme(page) == "slate"
    for path in ("", RECORD, "finder/"):  # full loads: the stored choice is applied as the page opens
        page.goto(site_url + path)
        page.wait_for_load_state("networkidle")
        assert _scheme(page) == "slate", path
    page.get_by_title("Switch to light mode").click()
    page.goto(site_url + RECORD)
    assert _scheme(page) == "default"


def test_a_record_pages_scripts_run_there_and_on_the_pages_it_leads_to(page, site_url):
    instant_navigation(page, site_url)
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(site_url + RECORD)
    mark(page)
    button = page.locator(f'[data-mc-shortlist="{PLAIN_ID}"]')
    button.and_(page.locator(":not([hidden])")).wait_for()  # shown by assets/shortlist.js
    button.click()
    assert button.inner_text() == "On your shortlist"
    # Instant navigation (no reload) to the finder: its script, loaded on the record page, runs.
    page.locator(".md-nav--primary a", has_text="Finder").click()
    page.wait_for_url(re.compile(r"/finder/$"))
    page.locator("#mc-finder[data-loaded]").wait_for()
    assert stayed(page)
    assert page.locator("#mc-shortlist-bar").inner_text().startswith("Shortlist (1)")
    assert errors == []
