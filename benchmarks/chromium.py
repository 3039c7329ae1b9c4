"""A Chromium page on a built site, for the benchmarks that count what a learner's browser
downloads (finder_bench, search_bench). Each passes the server it measures through: the
finder's is scripts/sitehttp.py (gzip and Content-Length, as GitHub Pages serves), the
search's the browser tests' plain server (it gzips the bodies itself)."""
from __future__ import annotations

import contextlib
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"


def available() -> bool:
    """Whether Debian's Chromium is installed (`make browser`)."""
    return Path(CHROMIUM).exists()


@contextlib.contextmanager
def site_page(site: Path, serve):
    """`serve(site)` and a fresh Chromium page: yields (the site's URL, the page)."""
    from playwright.sync_api import sync_playwright

    with serve(site) as base, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        try:
            yield base, browser.new_page()
        finally:
            browser.close()
