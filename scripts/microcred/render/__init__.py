"""Pure renderers from the Catalogue to site files: `{path relative to the site root: content}`.

A page is a `render.page.Page` (plain-text title and description, HTML from the templates in
render/templates/), keyed by its `src_path`; other files (the finder's index) are text.
`site_pages` is the producer registered in microcred.outputs; the MkDocs hook hands each Page
to MkDocs as it is. Record text reaches HTML only through the autoescaping templates, and as
markup only through `text.description_html`.
"""
from __future__ import annotations

from typing import Callable

from ..model import Catalogue
from ..reuse import FRESH, Reuse
from .page import Page


def site_pages(catalogue: Catalogue, reuse: Reuse = FRESH, keep: Callable[[Page], object] | None = None,
               ) -> dict[str, Page | str]:
    """Every page. Under `mkdocs serve`, a record's page (and each part of the finder) is kept
    while what it shows is unchanged (microcred.shown). `keep`: what each credential's page
    becomes as soon as it is made (outputs.site_files), so that no build holds them all."""
    from .compare import compare_files
    from .credential import credential_pages
    from .entities import entity_pages
    from .finder import finder_files
    from .overview import overview_pages

    files: dict[str, Page | str] = {}
    for part in (credential_pages(catalogue, reuse, keep), entity_pages(catalogue, reuse), overview_pages(catalogue, reuse),
                 finder_files(catalogue, reuse), compare_files(catalogue, reuse)):
        files.update(part)
    return dict(sorted(files.items()))
