"""The finder: a first page of listings by title that works without JavaScript (a table; cards on
a phone), one page per first letter of the titles holding every listing, and the index in parts
(render/finder_index.py) that docs/assets/finder.js loads to filter, sort and search them all.

Neither the first page nor what its first results need grows with the catalogue: the page holds
FIRST_PAGE rows, and the index's parts load behind them. A listing's part is the first letter of
its title (`finder/a/`, `finder/index/a.json`), so it never moves when other listings are added.
"""
from __future__ import annotations

import math
import unicodedata

from .. import urls
from ..model import Catalogue, Credential
from ..reuse import FRESH, Reuse, key
from ..export.jsonfile import json_text
from .finder_index import facet_row, finder_index, finder_shards  # noqa: F401 (finder_index: the tests' one-part view)
from .home import WAYS_IN
from .listing import by_title, credential_list_jsonld, title_cell
from .page import Page
from ..shown import finder_row_key, listed_key
from .templating import render_fragment, render_page
from .text import NotFinite, site_link

# The pages that group the catalogue, for learners without JavaScript (and below the filters):
# the home page's ways in, but the finder itself.
GROUPED_PAGES = [(url, label) for url, label, _note in WAYS_IN if url != urls.FINDER]

FIRST_PAGE = 50  # rows on finder/ itself
OTHER = "other"  # titles that start with a digit or a letter outside a-z
PART_ORDER = [OTHER, *"abcdefghijklmnopqrstuvwxyz"]
PART_LABELS = {OTHER: "0-9 and other", **{k: k.upper() for k in PART_ORDER[1:]}}


def _check_finite(creds: list[Credential]) -> None:
    """The finder's numbers are sorted and filtered in the browser: a non-finite one (a monthly
    price times its months past the float limit) would make the index invalid JSON."""
    for c in creds:
        for name, value in (("workload_hours", c.hours), ("duration weeks", c.weeks_range[1]),
                            ("expected total cost", c.expected_total[1])):
            if not math.isfinite(value):
                raise NotFinite(f"credential {c.global_id}: its {name} is not a finite number ({value})")


def part_key(title: str) -> str:
    """The part a title is listed in: its first letter or digit, without accents ("Économie" is e)."""
    for ch in unicodedata.normalize("NFKD", title).casefold():
        if ch.isalnum():
            return ch if "a" <= ch <= "z" else OTHER
    return OTHER


def part_url(key: str) -> str:
    return f"{urls.FINDER}{key}/"


def shard_url(key: str) -> str:
    return f"{urls.FINDER}index/{key}.json"


def split(creds) -> list[tuple[str, list[Credential]]]:
    """The non-empty parts in PART_ORDER, each by title; together they hold each listing once."""
    groups: dict[str, list[Credential]] = {}
    for c in creds:
        groups.setdefault(part_key(c.title), []).append(c)
    return [(k, by_title(groups[k])) for k in PART_ORDER if k in groups]


def grouped_links(here: str) -> list:
    return [site_link(urls.relative(here, url), text) for url, text in GROUPED_PAGES]


def _letters(here: str, parts, current: str | None = None) -> list:
    """Links to the parts from `here` (the finder or one of its parts)."""
    up = "" if here == urls.FINDER else "../"
    return [(PART_LABELS[k], f"{up}{k}/", len(cs), k == current) for k, cs in parts]


def finder_rows(creds: list[Credential], here: str, row_key=lambda c: None, reuse: Reuse = FRESH) -> list:
    """Each listing's row, as finder_row.html writes it on the page at `here`; under `mkdocs serve`
    a row is kept while its listing (`row_key`) and the page's depth are unchanged."""
    rows = []
    for c in creds:
        title = title_cell(c, here)
        key = row_key(c)
        rows.append(reuse.get("finder-row", None if key is None else (key, title.href),
                              lambda: render_fragment("finder_row.html", c=c, title=title)))
    return rows


def finder_page(parts, total: int, rows_of=finder_rows) -> Page:
    here = urls.FINDER
    first = [c for _k, cs in parts for c in cs][:FIRST_PAGE]
    rows = rows_of(first, here)
    return render_page("finder.html", url=here, title="Finder",
                       description="Search and filter every microcredential in the catalogue by study time, "
                                   "calendar time, cost, delivery, stacking and VET credit.",
                       css_class="mc-finder-page", rows=rows, total=total, letters=_letters(here, parts),
                       grouped=grouped_links(here), compare=urls.relative(here, urls.COMPARE),
                       jsonld=credential_list_jsonld("Microcredentials", here, first))


def part_page(key: str, creds: list[Credential], parts, rows_of=finder_rows) -> Page:
    here = part_url(key)
    label = PART_LABELS[key]
    heading = "Titles starting with a digit or another letter" if key == OTHER else f"Titles starting with {label}"
    rows = rows_of(creds, here)
    return render_page("finder_part.html", url=here, title=f"Finder: {heading.lower()}", heading=heading,
                       description=f"Every microcredential in the catalogue whose title starts with {label}.",
                       css_class="mc-finder-page mc-finder-part", rows=rows, letters=_letters(here, parts, key),
                       finder=urls.relative(here, urls.FINDER), grouped=grouped_links(here),
                       jsonld=credential_list_jsonld(f"Microcredentials: {heading.lower()}", here, creds))


def _json(data) -> str:
    return json_text(data) + "\n"


def finder_files(catalogue: Catalogue, reuse: Reuse = FRESH) -> dict[str, object]:
    """The finder's pages and index. Under `mkdocs serve`, a part whose listings and the facets'
    values are unchanged keeps its page and its shard (microcred.shown)."""
    creds = list(catalogue.credentials.values())
    _check_finite(creds)
    parts = split(creds)
    rel = lambda url: url[len(urls.FINDER):]  # noqa: E731 (the manifest is in finder/)
    row_of = lambda cat, c: reuse.get("finder-facets", finder_row_key(cat, c), lambda: facet_row(cat, c))  # noqa: E731
    manifest, shard = finder_shards(catalogue, [(k, PART_LABELS[k], rel(shard_url(k)), rel(part_url(k)), cs)
                                               for k, cs in parts], row_of)
    files: dict[str, object] = {urls.FINDER_INDEX: _json(manifest)}
    counts = tuple((k, len(cs)) for k, cs in parts)  # the letter links every page of the finder shows
    facets = _json(manifest["facets"])  # a shard numbers the facets' values as the manifest lists them
    first = [c for _k, cs in parts for c in cs][:FIRST_PAGE]
    rows_of = lambda cs, here: finder_rows(cs, here, lambda c: finder_row_key(catalogue, c), reuse)  # noqa: E731
    page = reuse.get("finder-page", key(listed_key(catalogue, first), len(creds), counts),
                     lambda: finder_page(parts, len(creds), rows_of))
    files[page.src_path] = page
    for k, cs in parts:
        listed = listed_key(catalogue, cs)
        files[shard_url(k)] = reuse.get("finder-shard", key(k, listed, facets), lambda: _json(shard(k)))
        p = reuse.get("finder-part", key(k, listed, counts), lambda: part_page(k, cs, parts, rows_of))
        files[p.src_path] = p
    return files

