"""A loaded file: its data, where each key and item stands, and what went wrong reading it."""
from __future__ import annotations

from dataclasses import dataclass, field

from ..problems import ERROR, Problem, format_path


@dataclass
class Document:
    """One loaded file: its data, where each key and item stands, and what went wrong."""

    file: str
    kind: str | None
    data: object = None
    positions: dict = field(default_factory=dict)  # path tuple -> (line, column), 1-based
    plain: dict = field(default_factory=dict)  # path tuple -> source text of plain non-text scalars
    problems: list = field(default_factory=list)
    first_line: str = ""
    digest: bytes = b""  # the file's fingerprint (reuse.digest of its bytes); b"" when not read from bytes

    def position(self, path: tuple) -> tuple[int, int]:
        """The position of `path`, or of its nearest ancestor that has one."""
        path = tuple(path)
        while path:
            if path in self.positions:
                return self.positions[path]
            path = path[:-1]
        return self.positions.get((), (1, 1))


def add_problem(doc: Document, line: int, column: int, rule: str, message: str, hint: str = "", path: tuple = ()) -> None:
    doc.problems.append(Problem(doc.file, line, column, rule, message, format_path(path), hint, ERROR))


def mark_of(mark) -> tuple[int, int]:
    return (mark.line + 1, mark.column + 1)
