"""A loaded file: its data, where each key and item stands, and what went wrong reading it."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from ..problems import ERROR, Problem, format_path


@dataclass
class Document:
    """One loaded file: its data, where each key and item stands, and what went wrong."""

    file: str
    kind: str | None
    data: object = None
    plain: dict = field(default_factory=dict)  # path tuple -> source text of plain non-text scalars
    problems: list = field(default_factory=list)
    first_line: str = ""
    digest: bytes = b""  # the file's fingerprint (reuse.digest of its bytes); b"" when not read from bytes
    # Every key's and item's position was half of a loaded record's memory (7 KB of 15 KB; 0.7 GB
    # at 100,000 listings, all held while the catalogue is checked), and only files with a
    # problem, or being fixed, ever need one. So a file is parsed once without them, and again,
    # from its text (a thousand bytes), the first time one is asked for.
    text: str = field(default="", repr=False, compare=False)  # the decoded source
    read_positions: Callable[[str], dict] | None = field(default=None, repr=False, compare=False)  # load.positions_of
    _positions: dict | None = field(default=None, repr=False, compare=False)

    @property
    def positions(self) -> dict:
        """path tuple -> (line, column), 1-based, of every key and list item."""
        if self._positions is None:
            self._positions = self.read_positions(self.text) if self.read_positions and self.text else {}
        return self._positions

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
