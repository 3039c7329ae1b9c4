"""Validate files: load each, check it against its schema and the rules, and gather every problem."""
from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path

from .index import CatalogueIndex
from .load import Document, load_file
from .paths import record_files
from .problems import Problem, sort_problems
from .rules import run_rules
from .schema import check_schema


@dataclass
class Result:
    documents: list[Document]
    problems: list[Problem]

    @property
    def ok(self) -> bool:
        return not any(p.is_error for p in self.problems)


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
        if path.is_dir():
            files.extend(sorted(p for p in path.rglob("*.yaml") if p.name != ".yaml"))
        else:
            files.append(path)
    return sorted(dict.fromkeys(files))


def check_document(doc: Document, index: CatalogueIndex) -> list[Problem]:
    problems = list(doc.problems)
    if doc.data is None:
        return problems
    if doc.kind is None:
        problems.append(Problem(doc.file, 0, 0, "file-location",
                                "not a catalogue record: the file is not under catalogue/providers/, catalogue/qualifications/ "
                                "or catalogue/credentials/<provider>/", "move it to the folder for its kind of record"))
        return problems
    schema_problems = check_schema(doc)
    problems.extend(schema_problems)
    problems.extend(run_rules(doc, index, schema_valid=not schema_problems))
    return problems


def validate(paths: list[Path], catalogue_dir: Path, today: dt.date | None = None) -> Result:
    index = CatalogueIndex(catalogue_dir.resolve(), **({"today": today} if today else {}))
    files = collect(paths, catalogue_dir)
    documents = []
    problems: list[Problem] = []
    for path in files:
        doc = load_file(path, display_name(path))
        index.loaded[path.resolve()] = doc
        documents.append(doc)
    for doc in documents:
        problems.extend(check_document(doc, index))
    return Result(documents, sort_problems(problems))

