"""Everything a build publishes, as `{path relative to the site root: Page, text or bytes}`.

Each output is a pure function of the Catalogue, registered here with `register`, the same call
a new page type or export uses (as datasette registers its built-ins like plugins). The site
plugin hands the pages to MkDocs and the other files straight into the site; `microcred package`
writes the data package alone (export.package). The data files themselves are listed once, in
export.registry.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from . import urls
from .export.package import output_files, package_files, schema_files
from .model import Catalogue
from .render import site_pages
from .render.page import Page
from .render.contribute import contribute_page
from .render.data import data_page
from .reuse import FRESH, Reuse
from .written import Store, keep

Producer = Callable[..., dict]


@dataclass(frozen=True)
class Output:
    name: str
    producer: Producer
    # Handed, after the catalogue, what the last build under `mkdocs serve` kept (microcred.reuse).
    reuses: bool = False
    # Handed `store=`, where each of its exports goes once made (microcred.written): files, not pages.
    stores: bool = False
    # Handed `keep=`, what becomes of each page once made (see site_files): outputs with a page per record.
    keeps: bool = False


OUTPUTS: list[Output] = []


def register(name: str, producer: Producer, reuses: bool = False, stores: bool = False, keeps: bool = False) -> None:
    if any(o.name == name for o in OUTPUTS):
        raise ValueError(f"an output named {name} is already registered")
    OUTPUTS.append(Output(name, producer, reuses, stores, keeps))


register("site-pages", site_pages, reuses=True, keeps=True)
register("contribute", contribute_page, reuses=True)
register("schemas", schema_files, stores=True)
register("data-package", package_files, reuses=True, stores=True)
register("data-page", data_page)
register("feeds", lambda catalogue, reuse, store: output_files(catalogue, urls.HOME, reuse, store),  # /feed.xml, providers/<id>/feed.xml
         reuses=True, stores=True)


def site_files(catalogue: Catalogue, on_produced: Callable[[str, dict], None] | None = None,
               reuse: Reuse = FRESH, store: Store = keep, keep_page: Callable[[Page], object] | None = None,
               ) -> dict[str, object]:
    """Every output's files: a Page, bytes, or, for the exports `store` wrote to disk, a Written.
    `keep_page(page)` is what each page becomes as soon as it is made (the site build puts its
    HTML on disk until MkDocs writes it, site/pages.PageOnDisk), in place of the page.
    `on_produced(name, files)` hears each output as soon as it is ready (the site build starts
    its search index from the pages, before the rest)."""
    files: dict[str, object] = {}
    for output in OUTPUTS:
        args = (catalogue, reuse) if output.reuses else (catalogue,)
        options = {"store": store} if output.stores else {}
        if output.keeps and keep_page is not None:
            options["keep"] = keep_page
        produced = output.producer(*args, **options)
        if keep_page is not None:  # the pages of outputs with a few, and any their producer kept as they are
            produced = {path: keep_page(content) if isinstance(content, Page) else content
                        for path, content in produced.items()}
        clash = files.keys() & produced.keys()
        if clash:
            raise ValueError(f"two outputs write {sorted(clash)[0]}")
        files.update(produced)
        if on_produced is not None:
            on_produced(output.name, produced)
    return dict(sorted(files.items()))
