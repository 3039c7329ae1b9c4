"""Pure renderers from the Catalogue to site files: `{path relative to the site root: text}`.

`site_pages` is the producer registered in microcred.outputs; the MkDocs hook turns its `.md`
entries into pages. Record text is escaped or sanitised in render.text, and nowhere else.
"""
from __future__ import annotations

from ..model import Catalogue


def site_pages(catalogue: Catalogue) -> dict[str, str]:
    from .credential import credential_pages
    from .entities import entity_pages
    from .finder import finder_files
    from .overview import overview_pages

    files: dict[str, str] = {}
    for part in (credential_pages(catalogue), entity_pages(catalogue), overview_pages(catalogue),
                 finder_files(catalogue)):
        files.update(part)
    return dict(sorted(files.items()))
