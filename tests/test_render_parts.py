"""The overviews by study time and by cost, in parts: each band shows its first rows on the
overview and every row on the pages of its own part, so that no page grows with the catalogue."""
from __future__ import annotations

import datetime as dt
import math
import posixpath
import re
import sys
from html import unescape
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent / "browser"))
from factory import make_catalogue  # noqa: E402
from site_catalogue import write_site_catalogue  # noqa: E402

from microcred import urls  # noqa: E402
from microcred.build import load_catalogue  # noqa: E402
from microcred.model import DURATION_BANDS  # noqa: E402
from microcred.render import parts  # noqa: E402
from microcred.render.overview import cost_parts, duration_parts, overview_pages, pathway_anchor  # noqa: E402

AS_OF = dt.date(2026, 11, 25)
FIRST, PER_PAGE = 3, 4  # small parts, so that the 44 listings of the test catalogue fill several pages


@pytest.fixture(scope="module")
def catalogue(tmp_path_factory):
    return load_catalogue(write_site_catalogue(tmp_path_factory.mktemp("cat") / "catalogue"), as_of=AS_OF)


@pytest.fixture
def pages(catalogue, monkeypatch):
    monkeypatch.setattr(parts, "OVERVIEW_ROWS", FIRST)
    monkeypatch.setattr(parts, "PART_ROWS", PER_PAGE)
    return overview_pages(catalogue)


def _resolve(here: str, href: str) -> str:
    return posixpath.normpath(posixpath.join(here, href)) + "/"


def _rows(html: str, here: str) -> list[str]:
    """The credential pages a page's tables link to, in order."""
    return [_resolve(here, href) for href in re.findall(r'<tr><td><a href="([^"]+)">', html)]


def _section(html: str, anchor: str) -> str:
    return html.split(f'id="{anchor}"', 1)[1].split("<h2", 1)[0]


def _part_rows(pages, part_url: str) -> list[str]:
    """Every row of a part, walking its pages by their Next links, checking each pager (a
    pathway's rows end in its credit column; only the first cell's link is read)."""
    rows, url, number = [], part_url, 1
    while url:
        page = pages[url + "index.md"]
        shown = _rows(page.html, url)
        assert 0 < len(shown) <= PER_PAGE
        rows += shown
        current = re.findall(r'<span aria-current="page"><span class="mc-visually-hidden">Page </span>(\d+)</span>', page.html)
        nexts = re.findall(r'<a href="([^"]+)" rel="next">', page.html)
        previous = re.findall(r'<a href="([^"]+)" rel="prev">', page.html)
        if url == part_url and not nexts:
            assert current == []  # a part of one page has no pager
        else:
            assert current == [str(number)] * 2  # above and below the table
            assert bool(previous) == (number > 1)
            if previous:
                assert _resolve(url, previous[0]) == urls.overview_part(*_split(part_url), number - 1)
        url = _resolve(url, nexts[0]) if nexts else None
        number += 1
    return rows


def _split(part_url: str) -> tuple[str, str]:
    overview, key = part_url.rstrip("/").split("/", 1)
    return overview + "/", key


def test_each_study_time_band_shows_its_first_rows_and_every_row_on_its_pages(catalogue, pages):
    overview = pages["duration/index.md"].html
    seen = []
    for key, label, _ in DURATION_BANDS:
        band = sorted((c for c in catalogue.credentials.values() if c.duration_band == key),
                      key=lambda c: (c.hours, c.title.casefold(), c.global_id))
        expected = [urls.credential(c) for c in band]
        section = _section(overview, key)
        assert _rows(section, urls.DURATION) == expected[:FIRST]
        part_url = urls.overview_part(urls.DURATION, key)
        if len(band) > FIRST:
            more = re.findall(r'<p class="mc-more">The first (\d+) of ([\d,]+)\. <a href="([^"]+)">([^<]+)</a>', section)
            assert more == [(str(FIRST), f"{len(band):,}", more[0][2], f"All {len(band):,} credentials: {label}")]
            assert _resolve(urls.DURATION, more[0][2]) == part_url
        assert _part_rows(pages, part_url) == expected
        assert sum(1 for path in pages if path.startswith(part_url)) == max(1, math.ceil(len(band) / PER_PAGE))
        seen += expected
    assert sorted(seen) == sorted(urls.credential(c) for c in catalogue.credentials.values())
    assert any(len(part.creds) > PER_PAGE for part in duration_parts(catalogue))  # some part has several pages


def test_every_credential_is_in_the_one_cost_part_that_matches_what_it_costs(catalogue, pages):
    in_parts: dict[str, list[str]] = {}
    for path in pages:
        match = re.fullmatch(r"cost/([a-z0-9-]+)/(?:\d+/)?index\.md", path)
        if match:
            in_parts.setdefault(match[1], []).extend(_rows(pages[path].html, path.removesuffix("index.md")))
    for cred in catalogue.credentials.values():
        if cred.cost_kind == "paid":
            wanted = f"{cred.data['cost']['currency'].lower()}-{cred.price_band}"
        else:
            wanted = cred.cost_kind
        holding = [key for key, rows in in_parts.items() if urls.credential(cred) in rows]
        assert holding == [wanted]
    for key, rows in in_parts.items():
        assert rows == _part_rows(pages, f"cost/{key}/")  # each once, in the part's order
    overview = pages["cost/index.md"].html
    assert len(_rows(overview, urls.COST)) <= FIRST * len(in_parts)


def test_each_pathway_shows_its_first_stackers_and_every_one_on_its_own_pages(catalogue, pages):
    overview = pages["stackability/index.md"].html
    targets = catalogue.pathways()
    assert any(not hasattr(t, "code") for t in targets) and any(len(t.stacked_by) > FIRST for t in targets)
    for target in targets:
        expected = [urls.credential(c) for c in sorted({c.global_id: c for c, _ in target.stacked_by}.values(),
                                                       key=lambda c: (c.title.casefold(), c.global_id))]
        section = overview.split(f'id="{pathway_anchor(target)}"', 1)[1].split("</section>", 1)[0]
        table = section.split("</table>", 1)[0]  # the diagram below links them too
        assert _rows(table, urls.STACKABILITY) == expected[:FIRST]
        part_url = urls.STACKABILITY + urls.of(target)  # stackability/qualifications/<id>/, .../credentials/<p>/<c>/
        assert _part_rows(pages, part_url) == expected
        if len(expected) > FIRST:
            assert f'<a href="../{part_url}">All {len(expected):,} credentials: Stacking into' in section
            assert section.count('class="mc-node"') <= 3 * FIRST + 1  # the diagram: the same few, their feeders, the award


def test_a_part_page_says_where_it_is_and_leads_back_to_its_overview(pages):
    page = pages["duration/10-40h/2/index.md"] if "duration/10-40h/2/index.md" in pages else next(
        p for path, p in pages.items() if re.fullmatch(r"duration/[a-z0-9-]+/2/index\.md", path))
    assert re.fullmatch(r".+: by study time, page 2 of \d+", page.title)
    assert '<p class="mc-kicker"><a href="../../../duration/">By study time</a></p>' in page.html
    assert re.search(r"Credentials 5 to 8 of \d+, page 2 of \d+\.", unescape(page.html))


def test_the_overview_pages_do_not_grow_with_the_catalogue(tmp_path):
    """Their rows are bounded by their parts (four study-time bands; two cost sections and four
    price bands per currency), not by the listings, which go to the parts' pages."""
    duration_sizes = []
    for count in (400, 1200):
        catalogue = load_catalogue(make_catalogue(tmp_path / f"c{count}", credentials=count), as_of=AS_OF)
        pages = overview_pages(catalogue)
        durations, (sections, currencies) = duration_parts(catalogue), cost_parts(catalogue)
        assert all(len(part.creds) > parts.OVERVIEW_ROWS for part in durations)
        assert len(_rows(pages["duration/index.md"].html, urls.DURATION)) == parts.OVERVIEW_ROWS * len(durations)
        cost_parts_shown = [*sections, *(part for group in currencies.values() for part in group)]
        assert len(_rows(pages["cost/index.md"].html, urls.COST)) == sum(
            min(parts.OVERVIEW_ROWS, len(part.creds)) for part in cost_parts_shown)
        assert max(len(_rows(p.html, "x/y/")) for path, p in pages.items() if path.count("/") >= 2) <= parts.PART_ROWS
        duration_sizes.append(len(pages["duration/index.md"].html) + len(pages["duration/index.md"].jsonld))
    assert duration_sizes[1] < 1.1 * duration_sizes[0], duration_sizes


@pytest.mark.parametrize("part", ["../data", "Under-10h", "", "a//b", "a/", "/a", "a/../b", "x--y", "-x", "über"])
def test_a_part_name_that_is_not_the_sites_own_is_refused_rather_than_made_a_path(part):
    with pytest.raises(ValueError):
        urls.overview_part(urls.DURATION, part)
    with pytest.raises(ValueError):
        urls.overview_part("credentials/", "free")
