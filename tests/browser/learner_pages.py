"""Pages opened as a learner would, at a laptop's or a phone's size: every request and every
console error recorded, and nothing fetched from another host (refused, and listed)."""
from __future__ import annotations

import pytest

LAPTOP = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}
SIZES = {"laptop": LAPTOP, "phone": PHONE}


def open_context(browser, site_url: str, size: str = "laptop", **options):
    """A browser context at `size` ("laptop" or "phone"); its `.requests` lists every URL asked
    for, and its pages' `.errors` every console error and uncaught exception."""
    viewport = SIZES[size]
    phone = viewport is PHONE
    context = browser.new_context(viewport=viewport, is_mobile=phone, has_touch=phone, **options)
    context.requests = []

    def route(r):
        context.requests.append(r.request.url)
        return r.continue_() if r.request.url.startswith(site_url) else r.abort()

    context.route("**/*", route)
    return context


@pytest.fixture(params=["laptop", "phone"])
def size(request):
    return request.param


@pytest.fixture
def context(browser, site_url, size):
    """A fresh context at each size (test modules import this fixture and `size`)."""
    context = open_context(browser, site_url, size)
    yield context
    context.close()


def new_page(context):
    page = context.new_page()
    page.errors = []
    page.on("console", lambda m: page.errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    return page


SITE_URL = "https://open-microcredentials.github.io/catalogue/"  # mkdocs.yml site_url


def instant_navigation(page, site_url: str) -> None:
    """Let Material navigate instantly on this test server. It does so only to addresses its
    sitemap lists, read with the sitemap's path and port: the site's own sitemap (SITE_URL) matches
    no page here, and every link would be a full page load. Rewrite it to `site_url`."""
    def local(route):
        body = route.fetch().text().replace(SITE_URL, site_url)
        route.fulfill(status=200, body=body, headers={"content-type": "application/xml"})

    page.route("**/sitemap.xml", local)


def mark(page) -> None:
    """Mark the document, for `stayed` to tell an instant navigation from a page load."""
    page.wait_for_load_state("networkidle")  # Material intercepts links once it has the sitemap
    page.evaluate("window.__mc_marked = true")


def stayed(page) -> bool:
    """Whether the document marked by `mark` is still the one shown: no page was loaded since."""
    return page.evaluate("window.__mc_marked === true")


def finder_ready(page) -> None:
    """Wait until the finder has applied its index (and so the address's filters)."""
    page.locator("#mc-finder[data-loaded]").wait_for()


def visible_ids(page) -> list[str]:
    return page.eval_on_selector_all("#mc-finder-table tbody tr:not([hidden])", "rows => rows.map(r => r.dataset.id)")


# Layout shift as Lighthouse counts it (shifts without recent input), from the page's start: the
# total, and what moved in each shift (so that a failure says which element to fix).
_LAYOUT_SHIFTS = """() => new Promise(done => {
  const shifts = [];
  const name = node => !node ? "?" : node.nodeType !== 1 ? node.nodeName
    : node.tagName.toLowerCase() + (node.id ? "#" + node.id : "") + (node.classList.length ? "." + [...node.classList].join(".") : "");
  new PerformanceObserver(list => { for (const e of list.getEntries()) if (!e.hadRecentInput)
    shifts.push([e.value, Math.round(e.startTime), (e.sources || []).map(s =>
      name(s.node) + " " + [s.previousRect, s.currentRect].map(r => `${Math.round(r.x)},${Math.round(r.y)} ${Math.round(r.width)}x${Math.round(r.height)}`).join(" -> "))]); })
    .observe({type: 'layout-shift', buffered: true});
  requestAnimationFrame(() => requestAnimationFrame(() => done(shifts)));
})"""


def layout_shift(page) -> tuple[float, str]:
    """The page's layout shift so far, and a description of each shift: when, how much, what moved."""
    shifts = page.evaluate(_LAYOUT_SHIFTS)
    told = "\n".join(f"{value:.4f} at {at} ms: " + "; ".join(sources) for value, at, sources in shifts)
    return sum(value for value, _at, _sources in shifts), told
