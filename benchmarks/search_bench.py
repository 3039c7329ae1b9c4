"""What a learner's browser downloads for its first search, measured in Chromium.

The built site is served over HTTP; the search page is opened and left to settle, then a query
(a credential's title) is typed, and every response from then until the results have settled is
counted. "Compressed" is what travels: the search index's files are gzip-compressed already and
count as they are; everything else counts as gzipped (level 6), as a static host serves it.
"""
from __future__ import annotations

import gzip
import sys
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "browser"))
from site_catalogue import search_result_titles, serve  # noqa: E402  (the browser tests' helpers)

import chromium  # noqa: E402


@dataclass
class FirstSearch:
    raw_bytes: int = 0
    compressed_bytes: int = 0
    requests: int = 0
    found: bool = False
    titles: list[str] = field(default_factory=list)


def _compressed(body: bytes) -> int:
    return len(body) if body[:2] == b"\x1f\x8b" else len(gzip.compress(body, 6))


def first_search(site: Path, query: str, expect_title: str) -> FirstSearch | None:
    """None when Chromium is not installed (`make browser`)."""
    if not chromium.available():
        return None
    result = FirstSearch()
    bodies: list[bytes] = []
    with chromium.site_page(site, serve) as (base, page):
        page.goto(base + "search/")
        page.wait_for_load_state("networkidle")
        page.on("response", lambda response: bodies.append(response.body() if response.ok else b""))
        page.locator("#mc-search-q").fill(query)
        result.titles = search_result_titles(page, timeout_ms=60000)
        page.wait_for_load_state("networkidle")
    result.requests = len(bodies)
    result.raw_bytes = sum(len(b) for b in bodies)
    result.compressed_bytes = sum(_compressed(b) for b in bodies)
    result.found = expect_title in result.titles
    return result
