"""The one pipeline entry: catalogue files -> documents -> problems -> the Catalogue model.

Every command and the site plugin that needs the whole catalogue calls `build`, and reports its
problems the same way, so "load the catalogue or report its errors" is written once.
"""
from __future__ import annotations

import datetime as dt
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
    if not result.ok:
        return Built(None, result.problems, len(result.documents), result.omitted)
    catalogue = from_documents(result.documents, as_of)
    catalogue.warnings = [p for p in result.problems if not p.is_error]
    if history:
        catalogue.history = read_history(catalogue_dir)
    return Built(catalogue, result.problems, len(result.documents), result.omitted)


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
