"""`make screenshots`: every page type of the learners' site as a learner sees it, on a laptop
(1366x900) and a phone (390x844), light and dark, into screenshots/ (git-ignored) for review.

Builds the site from the real catalogue, serves it on 127.0.0.1 (gzipped, as GitHub Pages does)
and drives Debian's Chromium with Playwright; requests to any other host are refused and counted.
Each shot is the first screen (`<name>-<width>-<scheme>.png`) and, with --full, the whole page.

    .venv/bin/python scripts/screenshots.py [--out screenshots] [--full] [--only home,finder]
"""
from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import sitehttp  # noqa: E402

VIEWPORTS = {"1366": {"width": 1366, "height": 900}, "390": {"width": 390, "height": 844}}
SCHEMES = ("light", "dark")


def shoot(url: str, pages: dict[str, str], out: Path, full: bool) -> list[str]:
    from playwright.sync_api import sync_playwright

    problems: list[str] = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=sitehttp.CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        for size, viewport in VIEWPORTS.items():
            for scheme in SCHEMES:
                context = browser.new_context(viewport=viewport, color_scheme=scheme,
                                              device_scale_factor=1, is_mobile=size == "390", has_touch=size == "390")
                context.route("**/*", lambda route: route.continue_() if route.request.url.startswith(url)
                              else (problems.append(f"refused {route.request.url}"), route.abort()))
                page = context.new_page()
                page.on("console", lambda m: problems.append(f"console {m.type}: {m.text}")
                        if m.type == "error" and "404" not in m.text else None)
                page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
                for name, path in pages.items():
                    page.goto(url + path, wait_until="networkidle")
                    page.wait_for_timeout(150)  # fonts and the finder's first paint
                    width = page.evaluate("document.documentElement.scrollWidth")
                    if width > viewport["width"]:
                        problems.append(f"{name} at {size} px scrolls sideways ({width} px wide)")
                    page.screenshot(path=str(out / f"{name}-{size}-{scheme}.png"))
                    if full:
                        page.screenshot(path=str(out / f"{name}-{size}-{scheme}-full.png"), full_page=True)
                context.close()
        browser.close()
    return problems


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=sitehttp.ROOT / "screenshots")
    parser.add_argument("--full", action="store_true", help="also the whole page, not only the first screen")
    parser.add_argument("--only", default="", help="comma-separated page types (default: all)")
    args = parser.parse_args(argv)
    if not Path(sitehttp.CHROMIUM).exists():
        print(f"screenshots: {sitehttp.CHROMIUM} not found (make browser)", file=sys.stderr)
        return 1
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        sitehttp.build(site)
        pages = sitehttp.only(sitehttp.sample_pages(site), args.only)
        with sitehttp.serve(site) as url:
            problems = shoot(url, pages, args.out, args.full)
    print(f"screenshots: {len(pages) * len(VIEWPORTS) * len(SCHEMES)} in {args.out}")
    for p in sorted(set(problems)):
        print(f"  {p}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
