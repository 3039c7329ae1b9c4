"""The one pipeline entry: catalogue files -> documents -> problems -> the Catalogue model.

Every command and the site plugin that needs the whole catalogue calls `build`, and reports its
problems the same way, so "load the catalogue or report its errors" is written once.
"""
from __future__ import annotations

import datetime as dt
import gc
import pickle
from dataclasses import dataclass, field
from pathlib import Path

from .check import validate
from .history import build_date, read_history
from .model import Catalogue, from_documents
from .problems import Problem
from .report import FORMATTERS
from .reuse import FRESH, Reuse


@dataclass(frozen=True)
class Built:
    """A catalogue, or the problems that stop one being built (never both missing)."""

    catalogue: Catalogue | None
    problems: list[Problem]  # every problem, warnings included, sorted
    files_checked: int
    omitted: dict = field(default_factory=dict)  # file -> (errors, warnings) past the per-file cap

    @property
    def ok(self) -> bool:
        return self.catalogue is not None

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]

    def report(self, fmt: str = "text") -> str:
        """The problems as the chosen formatter writes them, with the true counts."""
        return FORMATTERS[fmt](self.problems, self.files_checked, self.omitted)


def build(catalogue_dir: Path, as_of: dt.date | None = None, *, history: bool = False,
          reuse: Reuse = FRESH) -> Built:
    """Validate the whole catalogue and, when it has no errors, build its model. With `history`,
    the model also carries the listings' changes from git (a few git calls: only the feeds of
    the site build read them). `reuse`: what the last build under `mkdocs serve` found."""
    as_of = as_of or build_date()
    result = validate([], catalogue_dir, today=as_of, reuse=reuse)
    checked, problems, omitted = len(result.documents), result.problems, result.omitted
    if not result.ok:
        return Built(None, problems, checked, omitted)
    catalogue = from_documents(result.documents, as_of)
    del result  # the documents: the model holds what it needs of them
    if reuse is FRESH:
        # The model again, in memory of its own. Its objects were made among every document's
        # transient ones (source positions, the validator's), all alive until the model is made:
        # freed, they leave holes in the allocator's arenas that the pages (long strings, from
        # another allocator) never fill, so a build kept about twice the model's size (137 MB for
        # a model of 71 MB at 10,000 listings). A copy through pickle is packed together and, the
        # originals collected (they hold cycles, and the site build pauses the collector), their
        # arenas go back to the system. Not under `mkdocs serve`: `reuse` keeps the documents
        # between builds, and a copy would only add to them. These are our own objects, pickled
        # in this process: nothing is read from outside it.
        gc.collect()  # the documents first, before the pickler's memo of every object
        packed = pickle.dumps(catalogue, protocol=pickle.HIGHEST_PROTOCOL)
        del catalogue
        gc.collect()
        catalogue = pickle.loads(packed)
    catalogue.warnings = [p for p in problems if not p.is_error]
    if history:
        catalogue.history = read_history(catalogue_dir)
    return Built(catalogue, problems, checked, omitted)


class CatalogueError(Exception):
    """The catalogue has errors: nothing may be built from it. `built` holds the problems."""

    def __init__(self, built: Built):
        self.built = built
        self.problems = built.problems
        super().__init__(f"the catalogue has {len(built.errors)} errors")


def load_catalogue(catalogue_dir: Path, as_of: dt.date | None = None, *, history: bool = False) -> Catalogue:
    """The catalogue's model, for callers that can only go on with one; CatalogueError otherwise."""
    built = build(catalogue_dir, as_of, history=history)
    if built.catalogue is None:
        raise CatalogueError(built)
    return built.catalogue
