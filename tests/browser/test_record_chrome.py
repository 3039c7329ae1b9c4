"""The record pages' own chrome (overrides/lean.html) against the pages Material draws: the colour
palette toggle that assets/palette.js builds is Material's, and a reader's choice holds on both."""
from __future__ import annotations

import pytest
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
