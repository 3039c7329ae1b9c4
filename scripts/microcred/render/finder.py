"""The finder page: every listing as a table (cards on a phone) that works without JavaScript,
beside the compact JSON index (render/finder_index.py) that docs/assets/finder.js filters,
sorts and searches. Row i of the table is item i of the index.
"""
from __future__ import annotations

import json
import math

from .. import urls
from ..model import Catalogue, Credential
from .finder_index import finder_index
from .home import WAYS_IN
from .listing import by_title, credential_list_jsonld, title_cell
from .page import Page
from .templating import render_page
from .text import NotFinite, site_link

# The pages that group the catalogue, for learners without JavaScript (and below the filters):
# the home page's ways in, but the finder itself.
GROUPED_PAGES = [(url, label) for url, label, _note in WAYS_IN if url != urls.FINDER]


def _check_finite(creds: list[Credential]) -> None:
    """The finder's numbers are sorted and filtered in the browser: a non-finite one (a monthly
    price times its months past the float limit) would make `index.json` invalid JSON."""
    for c in creds:
        for name, value in (("workload_hours", c.hours), ("duration weeks", c.weeks_range[1]),
                            ("expected total cost", c.expected_total[1])):
            if not math.isfinite(value):
                raise NotFinite(f"credential {c.global_id}: its {name} is not a finite number ({value})")


def grouped_links(here: str) -> list:
    return [site_link(urls.relative(here, url), text) for url, text in GROUPED_PAGES]


def finder_page(creds: list[Credential]) -> Page:
    here = urls.FINDER
    rows = [(c, title_cell(c, here)) for c in creds]
    return render_page("finder.html", url=here, title="Finder",
                       description="Search and filter every microcredential in the catalogue by study time, "
                                   "calendar time, cost, delivery, stacking and VET credit.",
                       css_class="mc-finder-page", rows=rows, grouped=grouped_links(here),
                       compare=urls.relative(here, urls.COMPARE),
                       jsonld=credential_list_jsonld("Microcredentials", here, creds))


def finder_files(catalogue: Catalogue) -> dict[str, object]:
    creds = by_title(catalogue.credentials.values())
    _check_finite(creds)
    index = json.dumps(finder_index(catalogue, creds), ensure_ascii=False, sort_keys=True, separators=(",", ":"),
                       allow_nan=False)
    page = finder_page(creds)
    return {page.src_path: page, urls.FINDER_INDEX: index + "\n"}
