"""Spreadsheet import benchmark: `microcred import spreadsheet` of an N-row workbook (one generated
credential a row, filled into the generated template's columns), beside a bare openpyxl read of the
same workbook (read-only, values only, every cell touched): what drafting, validating in a copy of
the catalogue and writing the N files cost on top of reading the sheet.

`bench_import_step(catalogue, n, rows, extra, workdir)` is the `make bench` step (benchmarks/run.py).
"""
from __future__ import annotations

import random
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

PROVIDER = "provider-000"
BARE_READ = """
import sys
from openpyxl import load_workbook
book = load_workbook(sys.argv[1], read_only=True, data_only=True)
for row in book["Credentials"].iter_rows(values_only=True):
    for cell in row:
        pass
book.close()
"""


def write_sheet(path: Path, n: int) -> Path:
    """An .xlsx with the template's header and n generated credentials of PROVIDER (write-only mode,
    so making a big sheet stays quick)."""
    from openpyxl import Workbook

    from factory import credential_record
    from microcred.export.template import SHEET_NAME, record_cells, template_columns

    columns = template_columns()
    book = Workbook(write_only=True)
    sheet = book.create_sheet(SHEET_NAME)
    sheet.append([c.name for c in columns])
    rng = random.Random(3)
    for i in range(n):
        sheet.append(record_cells(credential_record(i, PROVIDER, rng, []), columns))
    book.save(path)
    return path


def bench_import_step(catalogue: Path, n: int, rows: list, extra: list, workdir: Path) -> None:
    from factory import make_catalogue
    from run import BIN, best_of, measure

    from microcred.tools.importing.sheet import MAX_ROWS

    workdir = Path(workdir)
    if n > MAX_ROWS:  # the import refuses a larger sheet by design (split it): measured at the cap
        extra.append(f"- Spreadsheet import at {n:,} records: measured at {MAX_ROWS:,} rows, the most one "
                     "sheet may hold (`microcred import spreadsheet` refuses more, by design).")
        n = MAX_ROWS
    sheet = write_sheet(workdir / f"import-{n}.xlsx", n)
    runs = []
    for i in (1, 2):  # two runs, each into a fresh catalogue of one provider: the faster is the figure
        target = workdir / f"import-catalogue-{n}-{i}"
        shutil.rmtree(target, ignore_errors=True)
        make_catalogue(target, credentials=0, providers=1, qualifications=0)
        runs.append(measure([str(BIN / "microcred"), "import", "spreadsheet", str(sheet), "--provider", PROVIDER,
                             "--catalogue", str(target)]))
        written = len(list((target / "credentials" / PROVIDER).glob("*.yaml")))
    ours = min(runs, key=lambda m: m.seconds)
    base = best_of(3, [str(BIN / "python"), "-c", BARE_READ, str(sheet)])
    rows.append((n, f"import a {n:,}-row sheet (`microcred import spreadsheet`: draft, validate, write)", ours,
                 "reading the same workbook with openpyxl (read-only, values)", base))
    extra.append(f"- Spreadsheet import at {n:,} rows: workbook {sheet.stat().st_size / 1e6:.1f} MB, "
                 f"{written:,} files written.")
