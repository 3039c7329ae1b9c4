"""A provider with 200 courses fills the generated template, imports it, is told every mistake by
row and column in one run, fixes them, imports again, and finds its 200 pages and table rows."""
from __future__ import annotations

import csv
import datetime as dt
import random
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook

from factory import credential_record, make_catalogue
from microcred.check import validate
from microcred.cli import main
from microcred.export.template import SHEET_NAME, record_cells, template_columns
from microcred.tools.importing.spreadsheet import import_sheet
from microcred.tools.template import write_template

sys.path.insert(0, str(Path(__file__).parent / "browser"))
from site_catalogue import AS_OF_EPOCH, build_site  # noqa: E402

TODAY = dt.date(2026, 11, 25)
PROVIDER = "provider-000"
N = 200

# Mistakes a provider makes, each in one cell: (row, column, bad value, the rule that must name it).
SEEDED = [
    (5, "cost.amount", -5, "schema/range"),
    (17, "field_of_education", 613, "schema/pattern"),          # the zero a spreadsheet drops
    (30, "delivery", "online-ish", "schema/enum"),
    (44, "title", None, "schema/required"),
    (60, "summary", "@SUM(1+1) is what a spreadsheet would run", "text-formula-start"),
    (90, "languages", "en;EN-au", "schema/pattern"),
    (120, "url", "http://insecure.example.org/course", "schema/pattern"),
    (150, "last_reviewed", "2027-01-01", "date-not-future"),
]


def _records() -> list[dict]:
    rng = random.Random(7)
    out = []
    for i in range(N):
        record = credential_record(i, PROVIDER, rng, [])
        out.append(record)
    return out


def _fill(template: Path, out: Path, records: list[dict], mistakes=()) -> dict[str, str]:
    """The template with one record a row, and the seeded mistakes; returns field -> column letter."""
    book = load_workbook(template)
    sheet = book[SHEET_NAME]
    header = [c.value for c in sheet[1]]
    letters = {name: sheet.cell(row=1, column=i + 1).column_letter for i, name in enumerate(header)}
    columns = template_columns()
    assert header == [c.name for c in columns]
    for r, record in enumerate(records, start=2):
        for c, cell in enumerate(record_cells(record, columns), start=1):
            sheet.cell(row=r, column=c).value = cell
    for row, name, bad, _ in mistakes:
        sheet.cell(row=row, column=header.index(name) + 1).value = bad
    book.save(out)
    return letters


@pytest.fixture()
def catalogue(tmp_path) -> Path:
    folder = make_catalogue(tmp_path / "catalogue", credentials=0, providers=1, qualifications=0)
    return folder


def test_a_provider_imports_200_courses_from_the_template(catalogue, tmp_path):
    template = write_template(tmp_path / "template.xlsx", TODAY)
    records = _records()
    sheet = tmp_path / "courses.xlsx"
    letters = _fill(template, sheet, records, SEEDED)

    first = import_sheet(sheet, catalogue, PROVIDER, today=TODAY)
    found = {(p.row, p.header, p.rule) for p in first.problems if p.is_error}
    assert found == {(row, name, rule) for row, name, _, rule in SEEDED}
    by_row = {p.row: p for p in first.problems}
    assert by_row[5].cell == f"{SHEET_NAME}!{letters['cost.amount']}5"
    assert first.written == [] and not list((catalogue / "credentials").glob("*/*.yaml"))

    _fill(template, sheet, records)  # the provider fixes the cells
    second = import_sheet(sheet, catalogue, PROVIDER, today=TODAY)
    assert [p for p in second.problems if p.is_error] == []
    assert len(second.written) == N
    assert validate([], catalogue, today=TODAY).ok

    site = tmp_path / "site"
    built = build_site(catalogue, site, AS_OF_EPOCH)
    assert built.returncode == 0, built.stderr[-3000:]
    for record in records:
        assert (site / "credentials" / PROVIDER / record["id"] / "index.html").is_file()
    with open(site / "data" / "credentials.csv", encoding="utf-8", newline="") as fh:
        ids = {row["id"] for row in csv.DictReader(fh)}
    assert {f"{PROVIDER}/{r['id']}" for r in records} <= ids | {r["id"] for r in records}
    assert len(ids) == N
