"""Site build benchmark: our build of a generated catalogue beside a plain Material build.

The baseline is a bare MkDocs Material site with the same number of pages of similar size (a
title, a summary, a few facts and outcomes), none in the nav, built with the same MkDocs. The
ratio is what the catalogue's generation, finder and data package cost on top of MkDocs itself.
"""
from __future__ import annotations

import gzip
import os
import shutil
import sys
from pathlib import Path

import growth
from run import BIN, ROOT, measure

sys.path.insert(0, str(ROOT / "tests" / "browser"))
from site_catalogue import site_config  # noqa: E402  (the project's mkdocs.yml, pointed at a catalogue)

PLAIN_PAGE = """# Plain page {i}

A generated page of about the size of a credential page, for the baseline build {i}.

| Hours | Weeks | Cost |
| --- | --- | --- |
| 40 | 6 | AUD 250 one-off |

## Learning outcomes

- Apply a skill at work
- Explain the main ideas

## Provider

Provider {p} Institute, reviewed on 2026-06-01.
"""


def plain_material_site(folder: Path, pages: int) -> Path:
    shutil.rmtree(folder, ignore_errors=True)
    docs = folder / "docs"
    (docs / "pages").mkdir(parents=True)
    (docs / "index.md").write_text("# Plain Material site\n")
    for i in range(pages):
        (docs / "pages" / f"page-{i:05d}.md").write_text(PLAIN_PAGE.format(i=i, p=i % 50))
    (folder / "mkdocs.yml").write_text(
        "site_name: Plain\n"
        "theme:\n  name: material\n"
        "nav:\n  - index.md\n"
        "not_in_nav: |\n  /pages/\n"
        "plugins:\n  - search\n"
        "markdown_extensions:\n  - tables\n"
    )
    return folder


def tree_size(folder: Path) -> tuple[int, int]:
    files = [p for p in folder.rglob("*") if p.is_file()]
    return len(files), sum(p.stat().st_size for p in files)


def gz(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), 6)) if path.is_file() else 0


def _a_credential(catalogue: Path) -> dict:
    """The record in the middle of the catalogue: the one the first-search figure looks for."""
    import yaml

    files = sorted((catalogue / "credentials").rglob("*.yaml"))
    return yaml.load(files[len(files) // 2].read_bytes(), Loader=yaml.CSafeLoader)


def bench_site(catalogue: Path, n: int, rows: list, extra: list, work: Path) -> None:
    site = work / f"site-{n}"
    shutil.rmtree(site, ignore_errors=True)  # as the baseline's: no earlier site to clean first
    config = site_config(work / f"mkdocs-{n}.yml", catalogue)
    ours = measure([str(BIN / "mkdocs"), "build", "--strict", "--quiet", "-f", str(config), "--site-dir", str(site)],
                   cwd=ROOT)
    plain_dir = plain_material_site(work / f"plain-{n}", n)
    plain = measure([str(BIN / "mkdocs"), "build", "--quiet", "--site-dir", str(plain_dir / "site")], cwd=plain_dir)
    rows.append((n, "full site build (mkdocs build --strict)", ours, f"plain Material build of {n:,} similar pages", plain))
    growth.record(n, "build_s", ours.seconds)
    growth.record(n, "build_peak_mb", ours.peak_mb)
    growth.record(n, "plain_build_s", plain.seconds)
    if ours.returncode != 0:
        extra.append(f"- {n:,} records: the site build failed; see the run's output.")
        return
    count, size = tree_size(site)
    plain_count, plain_size = tree_size(plain_dir / "site")
    growth.record(n, "site_bytes", size)
    growth.record(n, "site_files", count)
    extra.append(f"- {n:,} records: site {count:,} files, {size / 1e6:.1f} MB "
                 f"(plain Material: {plain_count:,} files, {plain_size / 1e6:.1f} MB).")
    plain_index = plain_dir / "site" / "search" / "search_index.json"
    if plain_index.is_file():
        extra.append(f"- {n:,} records: the plain Material site's first search would download its whole index: "
                     f"{plain_index.stat().st_size / 1e6:.2f} MB, {gz(plain_index) / 1e6:.2f} MB gzipped.")
    index = site / "search-index"
    if index.is_dir():
        files, size = tree_size(index)
        extra.append(f"- {n:,} records: search index, {files:,} files, {size / 1e6:.1f} MB on disk.")
    from search_bench import first_search

    record = _a_credential(catalogue)
    search = first_search(site, record["title"], record["title"])
    if search is None:
        extra.append(f"- {n:,} records: first search not measured: Chromium is not installed (`make browser`).")
    else:
        extra.append(f"- {n:,} records: first search for a credential's title (\"{record['title']}\") in Chromium: "
                     f"{search.requests} requests, {search.raw_bytes / 1e6:.2f} MB as stored, "
                     f"{search.compressed_bytes / 1e6:.2f} MB compressed; the credential is "
                     + ("among the results shown." if search.found else "NOT among the results shown."))
        growth.record(n, "search_bytes", search.compressed_bytes)
    _first_finder(site, n, extra)
    finder = site / "finder" / "index.json"
    if finder.is_file():
        extra.append(f"- {n:,} records: finder index {finder.stat().st_size / 1e6:.2f} MB, {gz(finder) / 1e6:.2f} MB gzipped; "
                     f"finder page {gz(site / 'finder' / 'index.html') / 1e6:.2f} MB gzipped.")
    if os.environ.get("BENCH_KEEP_SITE") != "1":
        shutil.rmtree(plain_dir, ignore_errors=True)


def _first_finder(site: Path, n: int, extra: list) -> None:
    from finder_bench import first_finder

    found = first_finder(site)
    if found is None:
        return
    if not found.found:
        extra.append(f"- {n:,} records: the finder showed NO result row in Chromium within the time allowed.")
        return
    growth.record(n, "finder_bytes", found.bytes)
    extra.append(f"- {n:,} records: before the finder's first result row is visible in Chromium: {found.requests} "
                 f"requests, {found.bytes / 1e6:.2f} MB transferred (gzipped as GitHub Pages serves); "
                 f"until its network settles: {found.settled_requests} requests, {found.settled_bytes / 1e6:.2f} MB.")
