"""The registry of rules beyond the schema: the checks a JSON Schema cannot express.

Each rule is a small function registered by name (the families are in check/rules/). It receives
one loaded document and the catalogue index, and yields problems. A rule only runs on documents
the schema accepted, so it can trust types; `tests/fixtures/invalid/<rule>.yaml` breaks each rule
at least once.

A rule that reads other records says so (`across_files=True`). Every other rule is handed only
`OwnFile` (today's date), so its problems depend on its file alone and `mkdocs serve` keeps them
for a file that has not changed; such a rule that reached for the catalogue would fail loudly,
never be kept stale.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterator

from ..load import Document
from ..problems import ERROR, Problem, format_path
from .index import CatalogueIndex, OwnFile


@dataclass(frozen=True)
class Rule:
    name: str
    kinds: tuple[str, ...]
    severity: str
    summary: str
    check: Callable[[Document, CatalogueIndex | OwnFile], Iterator[tuple[tuple, str, str]]]
    across_files: bool = False  # reads other records through the CatalogueIndex


RULES: dict[str, Rule] = {}


def rule(name: str, kinds: tuple[str, ...], summary: str, severity: str = ERROR, across_files: bool = False):
    """Register a check. It yields `(field path, message, hint)` for each problem it finds."""

    def register(func):
        RULES[name] = Rule(name, kinds, severity, summary, func, across_files)
        return func

    return register


def run_rules(doc: Document, index: CatalogueIndex, schema_valid: bool = True,
              own: dict[str, list[Problem]] | None = None) -> list[Problem]:
    """Problems from every rule that applies to the document's kind, in the registry's order.
    `own`: the problems of the rules that read only this file, already found (own_problems).

    Rules trust the schema's types. On a document the schema rejected they still run, so that a
    provider sees every problem in one go, but a rule that trips over the broken data is skipped
    for that document: its input is already reported.
    """
    if doc.data is None or doc.kind is None:
        return []
    own = own_problems(doc, index.today, schema_valid) if own is None else own
    problems = []
    for r in RULES.values():
        if doc.kind in r.kinds:
            problems.extend(_problems(r, doc, index, schema_valid) if r.across_files else own[r.name])
    return problems


def own_problems(doc: Document, today, schema_valid: bool) -> dict[str, list[Problem]]:
    """The problems of each rule that reads only this file, by rule name."""
    view = OwnFile(today)
    return {r.name: _problems(r, doc, view, schema_valid) for r in RULES.values()
            if doc.kind in r.kinds and not r.across_files}


def _problems(r: Rule, doc: Document, index, schema_valid: bool) -> list[Problem]:
    try:
        found = list(r.check(doc, index))
    except (KeyError, TypeError, AttributeError, ValueError, IndexError):
        if schema_valid:
            raise
        return []
    problems = []
    for path, message, hint in found:
        line, column = doc.position(path) if path else (1, 1)  # no field: the file's first line
        problems.append(Problem(doc.file, line, column, r.name, message, format_path(path), hint, r.severity))
    return problems
