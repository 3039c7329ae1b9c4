"""Validate files: load each, check it against its schema and the rules, and gather every problem.

`validate` is the stage's entry; check/schema.py turns schema errors into problems, the registry
(check/registry.py) runs the rules of check/rules/, and check/index.py answers what a rule asks of
the rest of the catalogue.
"""
from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path

from ..load import Document, load_file
from ..paths import record_files, yaml_files_under
from ..problems import MAX_PER_FILE, Omitted, Problem, cap_per_file, sort_problems
from ..reuse import FRESH, Reuse
from . import rules  # noqa: F401  (registers every rule)
from .index import CatalogueIndex
from .registry import own_problems, run_rules
from .schema import check_schema_capped


@dataclass
class Result:
    documents: list[Document]
    problems: list[Problem]  # at most MAX_PER_FILE a file
    omitted: Omitted = field(default_factory=dict)  # file -> (errors, warnings) beyond those

    @property
    def ok(self) -> bool:
        return not any(p.is_error for p in self.problems) and not any(e for e, _ in self.omitted.values())


def display_name(path: Path) -> str:
    """A path as providers see it in messages: relative to the working directory where possible."""
    try:
        return os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)


def collect(paths: list[Path], catalogue_dir: Path) -> list[Path]:
    """The record files named by `paths` (files, or folders searched for `*.yaml`)."""
    if not paths:
        return record_files(catalogue_dir)
    files: list[Path] = []
    for path in paths:
        if path.is_dir() and not path.is_symlink():
            files.extend(yaml_files_under(path))
        else:
            files.append(path)
    return sorted(dict.fromkeys(files))


def check_document(doc: Document, index: CatalogueIndex, limit: int = MAX_PER_FILE,
                   reuse: Reuse = FRESH) -> tuple[list[Problem], tuple[int, int]]:
    """The first `limit` problems of one document, and how many more (errors, warnings) it has.

    A hostile file can hold tens of thousands of problems; past `limit` the schema check only
    counts them (check_schema_capped), so such a file costs little more to check than a normal
    one and its report stays short. Under `mkdocs serve` (`reuse`), what depends on the file
    alone (the schema and the rules that read no other record) is kept while its bytes, its
    name and the date stay the same; the rules across files run every time.
    """
    problems = list(doc.problems)
    more = 0  # schema errors past the limit, counted without being made into problems
    if doc.data is not None and doc.kind is None:
        problems.append(Problem(doc.file, 0, 0, "file-location",
                                "not a catalogue record: the file is not under catalogue/providers/, catalogue/qualifications/ "
                                "or catalogue/credentials/<provider>/", "move it to the folder for its kind of record"))
    elif doc.data is not None:
        key = (doc.file, doc.kind, doc.digest, index.today, limit) if doc.digest else None
        schema_problems, more, own = reuse.get("own-checks", key, lambda: _own_checks(doc, index.today, limit))
        problems.extend(schema_problems)
        problems.extend(run_rules(doc, index, schema_valid=not (schema_problems or more), own=own))
    kept, omitted = cap_per_file(problems, {doc.file: (more, 0)} if more else None, limit=limit)
    return kept, omitted.get(doc.file, (0, 0))


def _own_checks(doc: Document, today: dt.date, limit: int) -> tuple[list[Problem], int, dict]:
    """The schema's problems (at most `limit`, and how many more) and those of the own-file rules."""
    schema_problems, more = check_schema_capped(doc, max(0, limit - len(doc.problems)))
    return schema_problems, more, own_problems(doc, today, schema_valid=not (schema_problems or more))


def validate(paths: list[Path], catalogue_dir: Path, today: dt.date | None = None,
             reuse: Reuse = FRESH) -> Result:
    index = CatalogueIndex(catalogue_dir.resolve(), **({"today": today} if today else {}))
    files = collect(paths, catalogue_dir)
    documents = []
    problems: list[Problem] = []
    omitted: Omitted = {}
    for path in files:
        doc = load_file(path, display_name(path), reuse=reuse)
        index.loaded[index.key(path)] = doc
        documents.append(doc)
    for doc in documents:
        kept, (more_errors, more_warnings) = check_document(doc, index, reuse=reuse)
        problems.extend(kept)
        if more_errors or more_warnings:
            errors, warnings = omitted.get(doc.file, (0, 0))
            omitted[doc.file] = (errors + more_errors, warnings + more_warnings)
    return Result(documents, sort_problems(problems), omitted)
