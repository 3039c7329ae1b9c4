"""The registry of rules beyond the schema: the checks a JSON Schema cannot express.

Each rule is a small function registered by name (the families are in check/rules/). It receives
one loaded document and the catalogue index, and yields problems. A rule only runs on documents
the schema accepted, so it can trust types; `tests/fixtures/invalid/<rule>.yaml` breaks each rule
at least once.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterator

from ..load import Document
from ..problems import ERROR, Problem, format_path
from .index import CatalogueIndex


@dataclass(frozen=True)
class Rule:
    name: str
    kinds: tuple[str, ...]
    severity: str
    summary: str
    check: Callable[[Document, CatalogueIndex], Iterator[tuple[tuple, str, str]]]


RULES: dict[str, Rule] = {}


def rule(name: str, kinds: tuple[str, ...], summary: str, severity: str = ERROR):
    """Register a check. It yields `(field path, message, hint)` for each problem it finds."""

    def register(func):
        RULES[name] = Rule(name, kinds, severity, summary, func)
        return func

    return register


def run_rules(doc: Document, index: CatalogueIndex, schema_valid: bool = True) -> list[Problem]:
    """Problems from every rule that applies to the document's kind.

    Rules trust the schema's types. On a document the schema rejected they still run, so that a
    provider sees every problem in one go, but a rule that trips over the broken data is skipped
    for that document: its input is already reported.
    """
    problems = []
    if doc.data is None or doc.kind is None:
        return problems
    for r in RULES.values():
        if doc.kind not in r.kinds:
            continue
        try:
            found = list(r.check(doc, index))
        except (KeyError, TypeError, AttributeError, ValueError, IndexError):
            if schema_valid:
                raise
            continue
        for path, message, hint in found:
            line, column = doc.position(path) if path else (1, 1)  # no field: the file's first line
            problems.append(Problem(doc.file, line, column, r.name, message, format_path(path), hint, r.severity))
    return problems
