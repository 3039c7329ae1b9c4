"""The Problem type: one thing wrong with one file, where it is, and how to fix it.

Also the bookkeeping every stage shares: the field-path notation, sorting and counting, and the
per-file cap (`MAX_PER_FILE`), so that no hostile file can make a report grow without bound. The
formatters that print problems are in `report.py`.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

ERROR = "error"
WARNING = "warning"

# Enough to fix a file in one go; beyond that a report only grows (one file of 33,000 unknown
# keys once printed 17 MB), and the first problems are the ones a provider reads.
MAX_PER_FILE = 50

Path_ = tuple  # a field path: keys (str) and list indexes (int), from the document's root


def format_path(path: Path_) -> str:
    """`('stacks_into', 0, 'target')` -> `stacks_into[0].target`."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with one file. Line and column are 1-based; 0 means the whole file."""

    file: str
    line: int
    column: int
    rule: str
    message: str
    path: str = ""
    hint: str = ""
    severity: str = ERROR

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR


# Problems of a file left out of a report: file -> (errors, warnings).
Omitted = dict[str, tuple[int, int]]


def sort_problems(problems: Iterable[Problem]) -> list[Problem]:
    return sorted(set(problems), key=lambda p: (p.file, p.line, p.column, p.rule, p.path, p.message))


def count(problems: Iterable[Problem], omitted: "Omitted | None" = None) -> tuple[int, int]:
    """Errors and warnings, those left out of a report past a file's cap (`omitted`) included."""
    errors = warnings = 0
    for p in problems:
        if p.is_error:
            errors += 1
        else:
            warnings += 1
    for more_errors, more_warnings in (omitted or {}).values():
        errors, warnings = errors + more_errors, warnings + more_warnings
    return errors, warnings


def errors_only(problems: list[Problem], omitted: "Omitted") -> tuple[list[Problem], "Omitted"]:
    """The errors of a report and the count of those left out, without any warning."""
    return ([p for p in problems if p.is_error],
            {file: (errors, 0) for file, (errors, _) in omitted.items() if errors})


def cap_per_file(problems: list[Problem], omitted: Omitted | None = None,
                 limit: int = MAX_PER_FILE) -> tuple[list[Problem], Omitted]:
    """The first `limit` problems of each file, in the order given, and what was left out.

    `omitted` adds counts already left out upstream (the validator stops building problems of a
    file past the limit, so a hostile file costs no more work than a report can show).
    """
    kept: list[Problem] = []
    left = {file: tuple(n) for file, n in (omitted or {}).items()}
    seen: dict[str, int] = {}
    for p in problems:
        seen[p.file] = seen.get(p.file, 0) + 1
        if seen[p.file] <= limit:
            kept.append(p)
        else:
            errors, warnings = left.get(p.file, (0, 0))
            left[p.file] = (errors + p.is_error, warnings + (not p.is_error))
    return kept, {file: n for file, n in left.items() if sum(n) > 0}
