"""Pure renderers from the Catalogue to site files: `{path relative to the site root: content}`.

A page is a `render.page.Page` (plain-text title and description, HTML from the templates in
render/templates/), keyed by its `src_path`; other files (the finder's index) are text.
`site_pages` is the producer registered in microcred.outputs; the MkDocs hook hands each Page
to MkDocs as it is. Record text reaches HTML only through the autoescaping templates, and as
markup only through `text.description_html`.
"""
from __future__ import annotations

from ..model import Catalogue
from ..reuse import FRESH, Reuse
from .page import Page


def site_pages(catalogue: Catalogue, reuse: Reuse = FRESH) -> dict[str, Page | str]:
    """Every page. Under `mkdocs serve`, a record's page (and each part of the finder) is kept
    while what it shows is unchanged (microcred.shown)."""
    from .compare import compare_files
    from .credential import credential_page
    from .entities import entity_pages
    from .finder import finder_files
    from .overview import overview_pages
    from ..shown import credential_page_key

    files: dict[str, Page | str] = {}
    for cred in catalogue.credentials.values():
        # The similar listings are found again only when a list they are drawn from changed.
        similar = reuse.get("similar", catalogue.similar_inputs(cred),
                            lambda: [c.global_id for c in catalogue.similar(cred)])
        key = credential_page_key(catalogue, cred, [catalogue.credentials[gid] for gid in similar])
        page = reuse.get("credential-page", key, lambda: credential_page(catalogue, cred))
        files[page.src_path] = page
    for part in (entity_pages(catalogue, reuse), overview_pages(catalogue, reuse), finder_files(catalogue, reuse), compare_files(catalogue, reuse)):
        files.update(part)
    return dict(sorted(files.items()))
