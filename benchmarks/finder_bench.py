"""What a learner's browser downloads before the finder shows its first result, in Chromium.

The built site is served as GitHub Pages serves it (scripts/sitehttp.py: text gzipped, with
Content-Length); /finder/ is opened in a fresh browser. The page itself notes the frame in which
the first result row of the finder's table is first shown (checked before each frame is
painted), and every response that had fully arrived by then is counted, at its transferred size
(Resource Timing's encodedBodySize). Timed in the page, not by this script's polling, whose
delay let responses that arrived after the row was shown count too (0.09 to 0.68 MB for the same
site). Generic on purpose: whether the rows come in the HTML or from an index (whole or in
shards) the JavaScript fetches, the figure is what had to travel before the learner saw a result.
"""
from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
from sitehttp import serve  # noqa: E402  (the gzip server of the review tools)

import chromium  # noqa: E402

FIRST_ROW = "#mc-finder-table tbody tr:not([hidden])"

# Before each frame: is a result row shown (laid out, and not hidden by an ancestor's visibility)?
NOTE_FIRST_ROW = """(() => {
  function check() {
    const row = document.querySelector(%s);
    if (row && row.getClientRects().length && getComputedStyle(row).visibility !== "hidden") {
      window.__mcFirstRow = performance.now();
      return;
    }
    requestAnimationFrame(check);
  }
  requestAnimationFrame(check);
})();""" % json.dumps(FIRST_ROW)

# The responses complete by then: the page's own, and each resource's.
ARRIVED_BY_FIRST_ROW = """() => {
  const shown = window.__mcFirstRow;
  const all = [...performance.getEntriesByType("navigation"), ...performance.getEntriesByType("resource")];
  const arrived = all.filter(e => e.responseEnd <= shown);
  return [arrived.length, arrived.reduce((n, e) => n + e.encodedBodySize, 0)];
}"""


@dataclass
class FirstFinder:
    requests: int = 0
    bytes: int = 0  # transferred (gzipped where GitHub Pages gzips)
    settled_requests: int = 0  # once the page's network had settled: the finder ready to filter
    settled_bytes: int = 0
    found: bool = False


def _size(response) -> int:
    length = response.header_value("content-length")
    if length and length.isdigit():
        return int(length)
    try:
        return len(response.body())
    except Exception:  # noqa: BLE001  (a redirect or aborted response has no body)
        return 0


def first_finder(site: Path, timeout_ms: int = 120000) -> FirstFinder | None:
    """None when Chromium is not installed (`make browser`)."""
    if not chromium.available():
        return None
    result = FirstFinder()
    sizes: list[int] = []
    with chromium.site_page(site, serve) as (base, page):
        page.on("response", lambda response: sizes.append(_size(response)))
        page.add_init_script(NOTE_FIRST_ROW)
        page.goto(base + "finder/", wait_until="commit")
        try:
            page.wait_for_function("window.__mcFirstRow !== undefined", timeout=timeout_ms)
            result.found = True
        except Exception:  # noqa: BLE001  (no row within the time: reported, not raised)
            result.found = False
        page.wait_for_load_state("networkidle", timeout=timeout_ms)
        if result.found:
            result.requests, result.bytes = page.evaluate(ARRIVED_BY_FIRST_ROW)
        result.settled_requests, result.settled_bytes = len(sizes), sum(sizes)
    return result


if __name__ == "__main__":
    print(first_finder(Path(sys.argv[1])))
