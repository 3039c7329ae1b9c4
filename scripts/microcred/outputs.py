"""Everything a build publishes, as `{path relative to the site root: text or bytes}`.

Each producer is a pure function of the Catalogue. The MkDocs hook hands the Markdown pages to
MkDocs and the other files straight into the site; `microcred package` writes a subset. Adding
an output means adding its producer here, and nothing else.
"""
from __future__ import annotations

from typing import Callable

from .model import Catalogue

Producer = Callable[[Catalogue], dict]

# (name, "module:function"): imported lazily so one broken producer names itself in the error.
PRODUCERS: list[tuple[str, str]] = [
    ("site-pages", "microcred.render:site_pages"),
    ("contribute", "microcred.fieldref:contribute_page"),
    ("schemas", "microcred.fieldref:schema_files"),
    ("data-package", "microcred.package:package_files"),
    ("data-page", "microcred.datapage:data_page"),
]


def site_files(catalogue: Catalogue, on_produced: Callable[[str, dict], None] | None = None
               ) -> dict[str, str | bytes]:
    """Every producer's output. `on_produced(name, files)` hears each producer's output as soon
    as it is ready (the site build starts its search index from the pages, before the rest)."""
    import importlib

    files: dict[str, str | bytes] = {}
    for name, target in PRODUCERS:
        module, func = target.split(":")
        produced = getattr(importlib.import_module(module), func)(catalogue)
        clash = files.keys() & produced.keys()
        if clash:
            raise ValueError(f"two producers write {sorted(clash)[0]}")
        files.update(produced)
        if on_produced is not None:
            on_produced(name, produced)
    return dict(sorted(files.items()))
