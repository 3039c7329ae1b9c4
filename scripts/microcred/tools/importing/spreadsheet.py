"""`microcred import spreadsheet`: one credential a row, checked by the real validator, reported
by sheet, row and column, written only when every row is valid (or, asked, the valid rows).

The drafted records are written into a temporary copy of the catalogue and validated there with
`check.validate`, so an imported row meets exactly the rules a hand-written file meets (references
to other rows and to the catalogue included); each problem's field path is then mapped back to
the cell it came from.
"""
from __future__ import annotations

import datetime as dt
import difflib
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from ...check import display_name, validate
from ...dump import dump_record
from ...paths import modeline
from ...problems import ERROR, WARNING
from .. import roundtrip
from ..scaffold import is_slug
from .columns import columns
from .rows import column_of, draft
from .sheet import read_sheet


@dataclass(frozen=True)
class CellProblem:
    """A problem of one cell (or of a whole row, `column` ""; of the whole file, `row` 0)."""

    sheet: str
    row: int
    column: str   # letter
    header: str   # the column's field path, as in the header
    rule: str
    message: str
    field: str = ""  # the record's field path the validator named (`locations[1].country`)
    hint: str = ""
    severity: str = ERROR

    @property
    def cell(self) -> str:
        return f"{self.sheet}!{self.column}{self.row}" if self.column and self.row else \
            (f"{self.sheet} row {self.row}" if self.row else self.sheet)

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR


@dataclass
class Row:
    number: int
    record: dict
    target: Path | None  # where it goes in the catalogue (None: its id is not usable as a file name)
    text: str = ""
    updates: bool = False

    @property
    def record_id(self) -> str:
        return str(self.record.get("id", ""))


@dataclass
class ImportResult:
    sheet: str
    rows: list[Row] = field(default_factory=list)
    problems: list[CellProblem] = field(default_factory=list)
    written: list[Path] = field(default_factory=list)

    def _rows_with_errors(self) -> set[int]:
        # One pass over the problems: a sheet of many bad rows costs linear time, not rows x problems.
        return {p.row for p in self.problems if p.is_error}

    @property
    def valid_rows(self) -> list[Row]:
        bad = self._rows_with_errors()
        return [r for r in self.rows if r.number not in bad] if not bad & {0, 1} else []

    @property
    def invalid_rows(self) -> list[Row]:
        bad = self._rows_with_errors()
        return [r for r in self.rows if r.number in bad]


def _header_columns(result: ImportResult, header: list[tuple[str, str]]):
    known = {c.name: c for c in columns()}
    seen: dict[str, str] = {}
    found = []
    for letter, name in header:
        column = known.get(name)
        if name in seen:
            result.problems.append(CellProblem(result.sheet, 1, letter, name, "import-duplicate-column",
                                               f"column `{name}` is also column {seen[name]}", hint="keep one of them"))
            column = None
        elif column is None and name:
            close = difflib.get_close_matches(name, list(known), n=1)
            result.problems.append(CellProblem(
                result.sheet, 1, letter, name, "import-unknown-column", f"no field `{name}` in the credential schema",
                hint=f"did you mean `{close[0]}`?" if close else "name columns as the template does (the field reference)"))
        seen.setdefault(name, letter)
        found.append(column)
    if "id" not in seen:
        result.problems.append(CellProblem(result.sheet, 1, "", "", "import-no-id-column",
                                           "the sheet has no `id` column", hint="add a column `id`: each row's file name"))
    return found


def _row_text(row: Row, update: bool, order: list[str]) -> str:
    if row.target is not None and row.target.exists() and update:
        before = row.target.read_text(encoding="utf-8")
        data = roundtrip.load(before)
        roundtrip.merge(data, row.record, order)
        row.updates = True
        return roundtrip.dump(data, like=before)
    return modeline("credential") + "\n" + dump_record(row.record)


def import_sheet(path: Path, catalogue_dir: Path, provider: str, update: bool = False, write_valid: bool = False,
                 today: dt.date | None = None, write: bool = True) -> ImportResult:
    """Read, draft, validate and (when allowed) write every row of a sheet; see the module doc."""
    sheet = read_sheet(path)
    result = ImportResult(sheet.name)
    for number, letter, rule, message, hint in sheet.problems:
        result.problems.append(CellProblem(sheet.name, number, letter, "", rule, message, hint=hint))
    cols = _header_columns(result, sheet.header)
    letters = {c.name: letter for c, (letter, _) in zip(cols, sheet.header) if c is not None}
    folder = catalogue_dir / "credentials" / provider
    order = list(dict.fromkeys(c.keys[0].removesuffix("[]") for c in columns()))
    first_row: dict[str, int] = {}
    for number, cells in sheet.rows:
        record = draft(cols, cells, {"provider": provider})
        row = Row(number, record, None)
        rid = record.get("id")
        if isinstance(rid, str) and is_slug(rid) and rid not in first_row:
            row.target = folder / f"{rid}.yaml"
            first_row[rid] = number
        elif isinstance(rid, str) and rid in first_row:
            result.problems.append(CellProblem(sheet.name, number, letters.get("id", ""), "id", "import-duplicate-id",
                                               f"id `{rid}` is also the id of row {first_row[rid]}",
                                               "id", "give each row its own id: it is the file name"))
        if row.target is not None and row.target.exists() and not update:
            result.problems.append(CellProblem(
                sheet.name, number, letters.get("id", ""), "id", "import-file-exists",
                f"{display_name(row.target)} exists already; it was not changed", "id",
                "run again with --update to rewrite the fields this sheet sets (comments and other fields are kept), "
                "or choose another id"))
        row.text = _row_text(row, update, order)
        result.rows.append(row)
    _check(result, catalogue_dir, provider, letters, today)
    if write and (not any(p.is_error for p in result.problems) or write_valid):
        for row in result.valid_rows:
            row.target.parent.mkdir(parents=True, exist_ok=True)
            with open(row.target, "w" if row.updates else "x", encoding="utf-8", newline="\n") as out:
                out.write(row.text)
            result.written.append(row.target)
    result.problems.sort(key=lambda p: (p.row, p.column.rjust(3), p.rule, p.field, p.message))
    return result


def _check(result: ImportResult, catalogue_dir: Path, provider: str, letters: dict[str, str],
           today: dt.date | None) -> None:
    """Validate every drafted row in a temporary copy of the catalogue and map problems to cells."""
    names = list(letters)
    with tempfile.TemporaryDirectory(prefix="microcred-import-") as tmp:
        copy = Path(tmp) / "catalogue"
        shutil.copytree(catalogue_dir, copy, ignore=shutil.ignore_patterns(".*"))
        folder = copy / "credentials" / provider
        folder.mkdir(parents=True, exist_ok=True)
        by_file: dict[str, Row] = {}
        placed = []
        for row in result.rows:
            # A row without a usable id (or a repeated one) is checked under a name of its own;
            # its id problem is reported on the id column, not again as a file-name mismatch.
            name = row.target.name if row.target is not None else f"row-{row.number}.yaml"
            where = folder / name
            where.write_text(row.text, encoding="utf-8", newline="\n")
            by_file[display_name(where)] = row
            placed.append(where)
        checked = validate(placed, copy, **({"today": today} if today else {}))
        for p in checked.problems:
            row = by_file.get(p.file)
            if row is None or (row.target is None and p.rule == "id-matches-filename"):
                continue
            header = column_of(p.path, names)
            result.problems.append(CellProblem(result.sheet, row.number, letters.get(header, "") if header else "",
                                               header or "", p.rule, p.message, p.path, p.hint, p.severity))
        for file, (errors, warnings) in checked.omitted.items():
            if file in by_file:
                result.problems.append(CellProblem(result.sheet, by_file[file].number, "", "", "too-many-problems",
                                                   f"{errors} more errors and {warnings} more warnings in this row",
                                                   hint="fix the ones above and import again",
                                                   severity=ERROR if errors else WARNING))
