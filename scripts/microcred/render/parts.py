"""The parts of the overview pages, each on pages of its own: a study-time band of `duration/`, a
cost section or price band of `cost/`, the credentials that stack into one award.

An overview page once listed every listing: 36 MB of HTML at 100,000 listings, each, for a phone
to download before it showed a row. Now it shows the first OVERVIEW_ROWS of each part, in the
part's order, and links to the part, whose pages hold PART_ROWS rows each: no page grows with
the catalogue. A part's URL is named by the site (a band key, a currency code) or, for a pathway
of `stackability/`, by its target's page (urls.overview_part).
"""
from __future__ import annotations

import math
from dataclasses import dataclass

from .. import urls
from ..model import Credential
from .listing import credential_list_jsonld, credential_table
from .page import Page
from .text import site_link
from .templating import render_page

OVERVIEW_ROWS = 20
PART_ROWS = 250


@dataclass(frozen=True)
class Part:
    overview: str             # the overview's URL: urls.DURATION
    overview_title: str       # "By study time"
    key: str                  # "under-10h", "aud-under-100": the part's URL segment
    heading: str              # "Under 10 hours"
    creds: list[Credential]   # in the order the part shows them
    columns: list[str]        # listing.COLUMNS shown
    intro: str = ""           # what the part's pages say under their heading
    extra: tuple = ()         # listing.Column of the part's own (a pathway's credit)

    @property
    def pages(self) -> int:
        return max(1, math.ceil(len(self.creds) / PART_ROWS))

    def url(self, number: int = 1) -> str:
        return urls.overview_part(self.overview, self.key, number)


def preview(part: Part, here: str, **reusing) -> dict:
    """What the overview page shows of `part`: its first rows, and a link to the rest."""
    shown = part.creds[:OVERVIEW_ROWS]
    more = None
    if len(part.creds) > len(shown):
        more = site_link(urls.relative(here, part.url()), f"All {len(part.creds):,} credentials: {part.heading}")
    return {"count": len(part.creds), "shown": shown, "more": more,
            "table": credential_table(shown, here, part.columns, part.heading, list(part.extra), **reusing) if shown else None}


def _pager(part: Part, number: int, here: str) -> dict | None:
    """Links to the part's other pages: previous, next, the first, the last and the two either
    side of this one (None between runs); None for a part of one page."""
    if part.pages == 1:
        return None
    wanted = sorted({1, part.pages, *range(max(1, number - 2), min(part.pages, number + 2) + 1)})
    numbers, last = [], 0
    for n in wanted:
        if n > last + 1:
            numbers.append(None)
        numbers.append({"number": n, "href": None if n == number else urls.relative(here, part.url(n))})
        last = n
    href = lambda n: urls.relative(here, part.url(n)) if 1 <= n <= part.pages else None  # noqa: E731
    return {"label": f"Pages of {part.heading}", "numbers": numbers, "previous": href(number - 1),
            "next": href(number + 1)}


def part_pages(part: Part, **reusing) -> list[Page]:
    pages = []
    for number in range(1, part.pages + 1):
        here = part.url(number)
        rows = part.creds[(number - 1) * PART_ROWS:number * PART_ROWS]
        title = f"{part.heading}: {part.overview_title.lower()}"
        if part.pages > 1:
            title += f", page {number} of {part.pages}"
        first = (number - 1) * PART_ROWS + 1
        pages.append(render_page(
            "overview_part.html", url=here, title=title,
            description=f"{len(part.creds):,} microcredentials: {part.heading}.",
            part=part, number=number, rows_from=first, rows_to=first + len(rows) - 1,
            overview=site_link(urls.relative(here, part.overview), part.overview_title),
            table=credential_table(rows, here, part.columns, part.heading, list(part.extra), **reusing) if rows else None,
            pages_nav=_pager(part, number, here), jsonld=credential_list_jsonld(title, here, rows)))
    return pages
