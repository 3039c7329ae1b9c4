"""No record text can become markup, in Chromium: the hostile records (site_catalogue.py: emoji,
attribute lists with handlers, javascript: links, raw <img onerror>/<script>) are built into
every page type, and on each no handler runs (after load, and after every element is focused,
hovered and clicked), no javascript: link exists, no element has an event-handler attribute, the
emoji title is the document's title, and nothing is requested from another host."""
from __future__ import annotations

import pytest
from site_catalogue import CHAIN_ID, HOSTILE_ID, MARKUP_ID, MARKUP_PROVIDER_ID, MARKUP_TITLE

pytestmark = pytest.mark.browser

PAGES = ["", "finder/", "finder/?text=data", "duration/", "cost/", "stackability/", "vet-credit/", "providers/",
         f"providers/{MARKUP_PROVIDER_ID}/", "qualifications/", "qualifications/qualification-01/",
         f"credentials/{MARKUP_ID}/", f"credentials/{CHAIN_ID}/", f"credentials/{HOSTILE_ID}/",
         "search/?q=rocket"]

PROVOKE = """() => {
  // Stop links from navigating away; handlers on the elements themselves still run.
  document.addEventListener('click', e => e.preventDefault(), true);
  document.addEventListener('submit', e => e.preventDefault(), true);
  for (const el of document.querySelectorAll('body *')) {
    if (typeof el.focus === 'function') el.focus();
    for (const type of ['mouseover', 'mouseenter', 'click', 'dblclick', 'pointerdown', 'keydown']) {
      el.dispatchEvent(new Event(type, {bubbles: true, cancelable: true}));
    }
  }
}"""

HANDLER_ATTRIBUTES = """() => [...document.querySelectorAll('*')].flatMap(
  e => [...e.attributes].filter(a => a.name.startsWith('on')).map(a => e.tagName + ' ' + a.name))"""

SCRIPT_LINKS = """() => [...document.querySelectorAll('[href], [src], [action], [formaction]')].flatMap(
  e => ['href', 'src', 'action', 'formaction'].map(n => e.getAttribute(n) || '')).filter(
  v => /^\\s*(javascript|data|vbscript):/i.test(v))"""


@pytest.fixture
def watched(browser, site_url):
    """A page whose requests are all recorded (those to other hosts are refused, quickly)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    foreign: list[str] = []

    def route(r):
        if r.request.url.startswith(site_url):
            return r.continue_()
        foreign.append(r.request.url)
        return r.abort()

    context.route("**/*", route)
    page = context.new_page()
    page.foreign = foreign
    page.dialogs = []
    page.on("dialog", lambda d: (page.dialogs.append(d.message), d.dismiss()))
    yield page
    context.close()


@pytest.mark.parametrize("path", PAGES)
def test_no_handler_runs_and_nothing_is_fetched_elsewhere(watched, site_url, path):
    page = watched
    page.goto(site_url + path)
    page.wait_for_load_state("networkidle")
    assert page.evaluate("typeof window.__pwned") == "undefined"
    page.evaluate(PROVOKE)
    page.wait_for_timeout(100)
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.dialogs == []
    assert page.evaluate(HANDLER_ATTRIBUTES) == []
    assert page.evaluate(SCRIPT_LINKS) == []
    assert page.foreign == []


def test_the_emoji_title_is_the_document_title_and_the_heading(watched, site_url):
    page = watched
    page.goto(site_url + f"credentials/{MARKUP_ID}/")
    assert page.title() == f"{MARKUP_TITLE} - Open Microcredential Catalogue"
    assert page.locator("article h1").inner_text() == MARKUP_TITLE
    assert page.locator("article h1 strong, article h1 img, article h1 code").count() == 0


def test_the_pathway_diagram_works_without_javascript(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + "stackability/")
    diagram = page.locator(f"#c-{CHAIN_ID.replace('/', '--')} ~ figure.mc-diagram").first
    assert diagram.is_visible()
    nodes = diagram.locator("a.mc-node")
    assert nodes.count() >= 3 and all(h for h in nodes.evaluate_all("as => as.map(a => a.getAttribute('href'))"))
    assert "flowchart" not in page.locator("article").inner_text()
    context.close()
