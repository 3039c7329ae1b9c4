"""Every page type, at a laptop's and a phone's size: it opens with no console error and asks no
other host for anything; and instant navigation from the finder to a listing runs cleanly.

The other browser tests each look at one page in depth; this one is the sweep a learner's first
visit makes, hostile records included.
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
from learner_pages import context, finder_ready, new_page, open_context, size  # noqa: E402,F401 (fixtures)
from learner_pages import instant_navigation, mark, stayed  # noqa: E402
from site_catalogue import CHAIN_ID, HOSTILE_ID, MARKUP_ID, PLAIN_ID  # noqa: E402

pytestmark = pytest.mark.browser

PAGE_TYPES = {
    "home": "",
    "finder": "finder/",
    "finder with filters": "finder/?delivery=online&text=data",
    "search": "search/?q=navigation",
    "by study time": "duration/",
    "by cost": "cost/",
    "a study-time band": "duration/10-40h/",
    "a cost section": "cost/free-paid-certificate/",
    "a pathway": "stackability/qualifications/qualification-00/",
    "pathways": "stackability/",
    "vet credit": "vet-credit/",
    "providers": "providers/",
    "a provider": "providers/hostile/",
    "qualifications": "qualifications/",
    "a qualification": "qualifications/qualification-00/",
    "a credential": f"credentials/{PLAIN_ID}/",
    "a hostile credential": f"credentials/{HOSTILE_ID}/",
    "an emoji credential": f"credentials/{MARKUP_ID}/",
    "a stacked credential": f"credentials/{CHAIN_ID}/",
    "compare": f"compare/?ids={PLAIN_ID},{MARKUP_ID}",
    "data": "data/",
    "contribute": "contribute/",
    "not found": "no-such-page/",
}


def _foreign(requests: list[str], site_url: str) -> list[str]:
    return [url for url in requests if not url.startswith(site_url) and not url.startswith("data:")]


@pytest.mark.parametrize("path", PAGE_TYPES.values(), ids=PAGE_TYPES.keys())
def test_every_page_type_opens_cleanly(context, site_url, path):
    page = new_page(context)
    failed: list[str] = []
    page.on("response", lambda r: failed.append(r.url) if r.status >= 400 else None)
    response = page.goto(site_url + path)
    page.wait_for_load_state("networkidle")
    assert page.locator("h1").first.is_visible()
    if path == "no-such-page/":  # the one failed request is the page itself, answered by the 404 page
        assert response.status == 404 and failed == [site_url + path]
        errors = [e for e in page.errors if not e.startswith("Failed to load resource")]
    else:
        assert response.ok and failed == []
        errors = page.errors
    assert errors == []
    assert _foreign(context.requests, site_url) == []


def test_instant_navigation_from_the_finder_to_a_listing_and_back(context, site_url, size):
    page = new_page(context)
    instant_navigation(page, site_url)
    page.goto(site_url + "finder/")
    finder_ready(page)
    mark(page)
    link = page.locator("#mc-finder-table tbody tr:not([hidden]) a[href*='credentials/']").first
    target = link.get_attribute("href")
    link.click()
    page.wait_for_url(re.compile(re.escape(target.strip("./").rstrip("/")) + "/$"))
    page.wait_for_load_state("networkidle")
    # Instant navigation swapped the article in: no script from it ran, none is left in it.
    assert page.evaluate("document.querySelectorAll('article script').length") == 0
    page.go_back()
    page.wait_for_url(re.compile(r"/finder/$"))
    finder_ready(page)
    assert stayed(page)
    assert page.errors == []
    assert _foreign(context.requests, site_url) == []
