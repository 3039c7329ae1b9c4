"""Import problems as text for people: `Sheet!C7 (row 7, column C `cost.amount`): error [rule] ...`.

Cell text is hostile, so every field goes through report.shown (no control characters, no
workflow commands), as the validator's own report does.
"""
from __future__ import annotations

from ...report import shown
from .spreadsheet import CellProblem, ImportResult


def problem_line(p: CellProblem) -> str:
    where = shown(p.cell)
    if p.row and p.column:
        where += f" (row {p.row}, column {p.column} `{shown(p.header)}`)"
    field = f" {shown(p.field)}:" if p.field else ""
    line = f"{where}: {p.severity} [{shown(p.rule)}]{field} {shown(p.message)}"
    return line + (f"\n    fix: {shown(p.hint)}" if p.hint else "")


def format_import(result: ImportResult, dry_run: bool = False) -> str:
    lines = [problem_line(p) for p in result.problems]
    errors = sum(p.is_error for p in result.problems)
    bad = result.invalid_rows
    lines.append(f"{len(result.rows)} rows read from {shown(result.sheet)}: {len(result.rows) - len(bad)} valid, "
                 f"{len(bad)} with errors ({errors} errors in all)")
    if result.written:
        lines.append(f"wrote {len(result.written)} files: " + ", ".join(shown(p.name) for p in result.written[:5])
                     + (" ..." if len(result.written) > 5 else ""))
    elif not dry_run and errors:
        lines.append("nothing written: fix the cells above and import again (or --write-valid to write the valid rows)")
    if result.written and bad:
        lines.append("rows not written: " + ", ".join(str(r.number) for r in bad))
    return "\n".join(lines) + "\n"
