"""Read a provider's sheet, .xlsx or .csv, into a header and rows of cell values.

Hostile workbooks are read with bounds: values, never formulas (`data_only`: a cell holding a
formula gives the value the spreadsheet last computed, or nothing), at most MAX_ROWS rows and a
header no wider than the schema's columns and a margin, whatever the file claims as its size.
"""
from __future__ import annotations

import csv
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from openpyxl.utils import get_column_letter

from ...export.template import SHEET_NAME  # the template's sheet of credentials; the others are help

MAX_ROWS = 50_000
MAX_COLUMNS = 200


@dataclass
class Sheet:
    name: str
    header: list[tuple[str, str]] = field(default_factory=list)      # (column letter, header text)
    rows: list[tuple[int, list]] = field(default_factory=list)       # (row number, cells by column)
    problems: list[tuple[int, str, str, str, str]] = field(default_factory=list)  # (row, column, rule, message, hint)


def _header(sheet: Sheet, cells: list) -> None:
    for i, cell in enumerate(cells):
        text = "" if cell is None else str(cell).strip()
        sheet.header.append((get_column_letter(i + 1), text))


def _add_rows(sheet: Sheet, numbered_rows) -> None:
    width = len(sheet.header)
    for number, cells in numbered_rows:
        if len(sheet.rows) >= MAX_ROWS:
            sheet.problems.append((number, "", "import-too-many-rows",
                                   f"the sheet has more than {MAX_ROWS:,} rows; rows from {number} on were not read",
                                   "split the sheet into several files and import each"))
            return
        cells = list(cells[:width]) + [None] * max(0, width - len(cells))
        if any(c is not None and str(c).strip() for c in cells):
            sheet.rows.append((number, cells))


def read_xlsx(path: Path) -> Sheet:
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        sheet = Sheet(path.name)
        sheet.problems.append((0, "", "import-unreadable", f"not a readable .xlsx workbook: {exc}",
                               "save the file from the spreadsheet as Excel Workbook (.xlsx), or export it as CSV"))
        return sheet
    try:
        ws = book[SHEET_NAME] if SHEET_NAME in book.sheetnames else book.worksheets[0]
        sheet = Sheet(ws.title)
        rows = ws.iter_rows(max_col=MAX_COLUMNS, values_only=True)
        _header(sheet, list(next(rows, ())))
        while sheet.header and not sheet.header[-1][1]:
            sheet.header.pop()
        _add_rows(sheet, enumerate(rows, start=2))
        return sheet
    finally:
        book.close()


def read_csv(path: Path) -> Sheet:
    sheet = Sheet(path.name)
    try:
        with open(path, encoding="utf-8-sig", newline="") as fh:
            reader = csv.reader(fh)
            _header(sheet, next(reader, [])[:MAX_COLUMNS])
            _add_rows(sheet, ((n, [c if c != "" else None for c in row]) for n, row in enumerate(reader, start=2)))
    except UnicodeDecodeError as exc:
        sheet.problems.append((0, "", "encoding", f"the file is not UTF-8 ({exc.reason} at byte {exc.start})",
                               "save the sheet as CSV UTF-8"))
    except csv.Error as exc:
        sheet.problems.append((0, "", "import-unreadable", f"not a readable CSV file: {exc}",
                               "save the sheet as CSV UTF-8 (comma-separated)"))
    return sheet


def read_sheet(path: Path) -> Sheet:
    return read_csv(path) if path.suffix.lower() == ".csv" else read_xlsx(path)
