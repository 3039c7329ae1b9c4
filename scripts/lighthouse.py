"""`make lighthouse`: Lighthouse's mobile figures for the learners' site, served gzipped on
127.0.0.1 as GitHub Pages serves it, into benchmarks/lighthouse.md (the lead copies them into
BENCHMARKS.md).

Lighthouse is the npm package in .ci/lighthouse (exact versions from its package-lock.json,
installed with `npm ci --ignore-scripts`), driving Debian's Chromium. Without Node it says so and
stops without failing. Lighthouse's default mobile run: a Moto G Power sized screen, simulated slow 4G
and a 4x slower CPU. Each page is run RUNS times and the median performance run kept.

    .venv/bin/python scripts/lighthouse.py [--runs 3] [--out benchmarks/lighthouse.md]
"""
from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import sitehttp  # noqa: E402

LIGHTHOUSE = sitehttp.ROOT / ".ci" / "lighthouse" / "node_modules" / "lighthouse" / "cli" / "index.js"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
TARGETS = {"performance": 98, "accessibility": 100, "best-practices": 100}
MAX_CLS = 0.02


LIGHTHOUSE_PAGES = ("home", "finder", "credential", "pathways", "compare", "search")


def pages(site: Path) -> dict[str, str]:
    """Page -> path: home, finder, a credential page (the largest), pathways, compare, search."""
    sample = sitehttp.sample_pages(site)
    return {name: sample.get(name, "") for name in LIGHTHOUSE_PAGES}


def run_once(url: str, out: Path) -> dict:
    cmd = ["node", str(LIGHTHOUSE), url, "--output=json", f"--output-path={out}", "--quiet",
           f"--chrome-path={sitehttp.CHROMIUM}", "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
           f"--only-categories={','.join(CATEGORIES)}", "--max-wait-for-load=60000"]
    result = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
    if result.returncode != 0 or not out.exists():
        raise RuntimeError(f"lighthouse failed on {url}:\n{result.stderr[-2000:]}")
    report = json.loads(out.read_text(encoding="utf-8"))
    scores = {c: round(100 * (report["categories"][c]["score"] or 0)) for c in CATEGORIES}
    audits = report["audits"]
    failed = sorted(a for cat in ("accessibility", "best-practices")
                    for ref in report["categories"][cat]["auditRefs"]
                    if ref["weight"] and (a := ref["id"]) in audits and audits[a]["score"] not in (None, 1))
    return {**scores, "cls": audits["cumulative-layout-shift"]["numericValue"],
            "lcp": audits["largest-contentful-paint"]["numericValue"] / 1000,
            "tbt": audits["total-blocking-time"]["numericValue"], "failed": failed}


def measure(url: str, runs: int, work: Path) -> dict:
    results = [run_once(url, work / f"run{i}.json") for i in range(runs)]
    median = statistics.median_low([r["performance"] for r in results])
    best = next(r for r in results if r["performance"] == median)
    return {**best, "runs": [r["performance"] for r in results]}


def table(rows: dict[str, dict], runs: int, commit: str) -> str:
    lines = [
        "# Lighthouse, mobile",
        "",
        f"`make lighthouse` (scripts/lighthouse.py) at commit {commit}: Lighthouse "
        f"{_version()} in its default mobile run (simulated slow 4G, 4x CPU slowdown) with Debian's Chromium, "
        "the site served gzipped from 127.0.0.1. "
        f"Median of {runs} runs by performance score; targets: performance >= 98, accessibility 100, "
        f"best practices 100, CLS <= {MAX_CLS}.",
        "",
        "| Page | Performance (runs) | Accessibility | Best practices | SEO | CLS | LCP (s) | TBT (ms) | Failed audits |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for name, r in rows.items():
        runs_text = "/".join(str(x) for x in r["runs"])
        lines.append(f"| {name} | {r['performance']} ({runs_text}) | {r['accessibility']} | {r['best-practices']} | "
                     f"{r['seo']} | {r['cls']:.3f} | {r['lcp']:.2f} | {r['tbt']:.0f} | {', '.join(r['failed']) or '-'} |")
    return "\n".join(lines) + "\n"


def _version() -> str:
    package = LIGHTHOUSE.parents[1] / "package.json"
    return json.loads(package.read_text())["version"] if package.exists() else "?"


def misses(rows: dict[str, dict]) -> list[str]:
    out = []
    for name, r in rows.items():
        out += [f"{name}: {cat} {r[cat]} < {target}" for cat, target in TARGETS.items() if r[cat] < target]
        if r["cls"] > MAX_CLS:
            out.append(f"{name}: CLS {r['cls']:.3f} > {MAX_CLS}")
    return out


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--out", type=Path, default=sitehttp.ROOT / "benchmarks" / "lighthouse.md")
    parser.add_argument("--only", default="", help="comma-separated pages (default: all)")
    args = parser.parse_args(argv)
    if not shutil.which("node"):
        print("lighthouse: skipped, Node is not installed (Lighthouse is an npm package)")
        return 0
    if not LIGHTHOUSE.exists():
        print("lighthouse: skipped, not installed: run `make lighthouse` (npm ci in .ci/lighthouse)")
        return 0
    if not Path(sitehttp.CHROMIUM).exists():
        print(f"lighthouse: skipped, {sitehttp.CHROMIUM} not found (make browser)")
        return 0
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=sitehttp.ROOT, capture_output=True,
                            text=True).stdout.strip() or "?"
    if subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=sitehttp.ROOT,
                      capture_output=True, text=True).stdout.strip():
        commit += " with uncommitted changes"  # figures for a tree no commit holds
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        sitehttp.build(site)
        chosen = sitehttp.only(pages(site), args.only)
        rows = {}
        with sitehttp.serve(site) as url:
            for name, path in chosen.items():
                work = Path(tmp) / name
                work.mkdir()
                try:
                    rows[name] = measure(url + path, args.runs, work)
                except RuntimeError as err:  # a page that does not load is a finding, not a crash
                    print(f"lighthouse: {name}: not measured: {err}", flush=True)
                    continue
                print(f"lighthouse: {name}: {rows[name]['performance']} / {rows[name]['accessibility']} / "
                      f"{rows[name]['best-practices']}, CLS {rows[name]['cls']:.3f}", flush=True)
    args.out.write_text(table(rows, args.runs, commit), encoding="utf-8")
    print(f"lighthouse: figures in {args.out}")
    for miss in misses(rows):
        print(f"  below target: {miss}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
