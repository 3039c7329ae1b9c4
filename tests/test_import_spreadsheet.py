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
    assert ids == {f"{PROVIDER}/{r['id']}" for r in records}
    from microcred.export.template import template_workbook
    built_on = dt.datetime.fromtimestamp(int(AS_OF_EPOCH), dt.timezone.utc).date()
    assert (site / "contribute" / "credentials-template.xlsx").read_bytes() == template_workbook(built_on)
    assert 'href="credentials-template.xlsx"' in (site / "contribute" / "index.html").read_text(encoding="utf-8")


# --- The template ------------------------------------------------------------------------------

def test_the_template_has_a_note_on_every_header_and_a_drop_down_for_every_enum(tmp_path):
    book = load_workbook(write_template(tmp_path / "t.xlsx", TODAY))
    sheet = book[SHEET_NAME]
    columns = {c.name: c for c in template_columns()}
    notes = {cell.value: cell.comment.text for cell in sheet[1]}
    assert set(notes) == set(columns)
    assert "ISO 4217" in notes["cost.currency"] and "Required: yes" in notes["cost.currency"]
    lists = {}
    for rule in sheet.data_validations.dataValidation:
        letter = str(rule.sqref).split(":")[0].rstrip("0123456789")
        lists[sheet[f"{letter}1"].value] = rule
    assert set(lists) == {name for name, c in columns.items() if c.enum}
    assert {"type", "delivery", "cost.currency", "locations[].country", "assessment", "identity_verified"} <= set(lists)
    assert lists["delivery"].showErrorMessage and not lists["assessment"].showErrorMessage  # `project;quiz` is typed
    cells = book["Lists"][lists["delivery"].formula1.split("!")[1].replace("$", "")]
    assert [row[0].value for row in cells] == ["online", "in-person", "blended"]


def test_the_template_example_row_reads_back_as_the_example_record(tmp_path):
    from microcred.schemadoc import example_record
    from microcred.tools.importing.rows import draft

    book = load_workbook(write_template(tmp_path / "t.xlsx", TODAY))
    example = [c.value for c in book["Example"][2]]
    columns = list(template_columns())
    record = example_record("credential")
    record["description"] = record["description"].rstrip("\n")  # a cell's surrounding blanks are trimmed
    assert draft(columns, example, {"provider": record["provider"]}) == record


def test_two_builds_of_the_template_are_byte_identical_and_dated_by_the_build(tmp_path):
    import zipfile

    from microcred.export.template import template_workbook

    first, second = template_workbook(TODAY), template_workbook(TODAY)
    assert first == second
    with zipfile.ZipFile(__import__("io").BytesIO(first)) as z:
        core = z.read("docProps/core.xml").decode()
        assert {info.date_time[:3] for info in z.infolist()} == {(2026, 11, 25)}
    assert core.count("2026-11-25T00:00:00Z") == 2  # created and modified


# --- Existing files, partial imports, CSV, hostile cells ------------------------------------------

def _csv(path: Path, rows: list[list]) -> Path:
    names = [c.name for c in template_columns()]
    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(names)
        for row in rows:
            writer.writerow(["" if v is None else v for v in row])
    return path


def _rows(n: int) -> list[list]:
    return [record_cells(r, template_columns()) for r in _records()[:n]]


def test_existing_files_are_not_overwritten_without_update(catalogue, tmp_path):
    sheet = _csv(tmp_path / "s.csv", _rows(2))
    assert len(import_sheet(sheet, catalogue, PROVIDER, today=TODAY).written) == 2
    again = import_sheet(sheet, catalogue, PROVIDER, today=TODAY)
    assert {p.rule for p in again.problems} == {"import-file-exists"} and again.written == []


def test_update_rewrites_only_the_fields_the_sheet_sets_and_keeps_comments(catalogue, tmp_path):
    import_sheet(_csv(tmp_path / "s.csv", _rows(1)), catalogue, PROVIDER, today=TODAY)
    path = next((catalogue / "credentials" / PROVIDER).glob("*.yaml"))
    text = path.read_text(encoding="utf-8").replace("\ntitle:", "\n# checked with the registrar\ntitle:")
    path.write_text(text, encoding="utf-8")
    names = ["id", "title", "cost.amount"]
    record = _records()[0]
    small = tmp_path / "update.csv"
    small.write_text(",".join(names) + f"\n{record['id']},New title for the course,999\n", encoding="utf-8")
    result = import_sheet(small, catalogue, PROVIDER, update=True, today=TODAY)
    assert [p for p in result.problems if p.is_error] == [] and result.written == [path]
    after = path.read_text(encoding="utf-8")
    assert "# checked with the registrar\ntitle: New title for the course\n" in after
    assert after.replace("New title for the course", record["title"]).replace("amount: 999", f"amount: {record['cost']['amount']}") == text


def test_write_valid_writes_the_valid_rows_and_lists_the_rest(catalogue, tmp_path):
    rows = _rows(3)
    rows[1][[c.name for c in template_columns()].index("delivery")] = "by-carrier-pigeon"
    result = import_sheet(_csv(tmp_path / "s.csv", rows), catalogue, PROVIDER, write_valid=True, today=TODAY)
    assert len(result.written) == 2 and [r.number for r in result.invalid_rows] == [3]


def test_a_formula_or_control_character_in_a_cell_is_reported_at_its_cell(catalogue, tmp_path, capsys):
    from microcred.cli import main

    rows = _rows(2)
    names = [c.name for c in template_columns()]
    rows[0][names.index("title")] = '=HYPERLINK("https://evil.example/","click")'
    rows[1][names.index("summary")] = "A summary that hides \x1b[31m a terminal escape in its text."
    sheet = _csv(tmp_path / "s.csv", rows)
    code = main(["import", "spreadsheet", str(sheet), "--provider", PROVIDER, "--catalogue", str(catalogue)])
    out = capsys.readouterr().out
    assert code == 1
    assert "s.csv!B2 (row 2, column B `title`): error [text-formula-start]" in out
    assert "[text-control-character]" in out and "\x1b" not in out
    assert not list((catalogue / "credentials").glob("*/*.yaml"))


def test_an_unknown_column_is_reported_with_the_field_it_resembles(catalogue, tmp_path):
    sheet = tmp_path / "s.csv"
    sheet.write_text("id,titel\nx-course,Some title\n", encoding="utf-8")
    result = import_sheet(sheet, catalogue, PROVIDER, today=TODAY)
    unknown = [p for p in result.problems if p.rule == "import-unknown-column"]
    assert unknown[0].cell == "s.csv!B1" and "`title`" in unknown[0].hint
