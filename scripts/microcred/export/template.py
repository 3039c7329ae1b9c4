"""The spreadsheet template for `microcred import spreadsheet`, generated from the credential schema:
one column per field, a note on each header with the field's description and allowed values, a
drop-down list for every enum, and an example row (on its own sheet, so it is never imported).

A column is named by the field reference (schemadoc.walk): `cost.amount` for a nested field,
`locations[].country` for a field of each item of a list. Several values in one cell are
separated by `;`; in a `[]` column the `;`-separated parts are the list's items in order, and a
list inside an item (`vet_credit[].units`) separates its values by `,`.

Builds are reproducible: openpyxl stamps the workbook's properties and each zip entry with the
clock, so both are set to the build date and the archive is rewritten in a fixed order.
"""
from __future__ import annotations

import datetime as dt
import io
import zipfile
from dataclasses import dataclass

from ..caches import cached
from ..schemadoc import Field, allowed_values, example_record, walk
from ..schemas import resolve

SHEET_NAME = "Credentials"
ITEM_SEPARATOR, INNER_SEPARATOR = ";", ","
FROM_OPTIONS = ("provider",)  # set by `--provider`: no column in the template (a sheet may still give it)
TEMPLATE_ROWS = 1000           # rows the drop-down lists and text formats cover
EXAMPLE_ID_NOTE = "An example: copy a row like it to the Credentials sheet, one row per credential."


@dataclass(frozen=True)
class Column:
    name: str            # the field path: `cost.amount`, `locations[].country`
    field: Field
    value_schema: dict   # the schema of one value (of an item, for a list of values)
    is_list: bool        # several values in the cell
    enum: tuple          # allowed values, for the drop-down list

    @property
    def keys(self) -> tuple[str, ...]:
        """`locations[].country` -> ("locations[]", "country")."""
        return tuple(self.name.split("."))


def _leaf(field: Field) -> bool:
    if "properties" in field.schema:
        return False
    if field.schema.get("type") == "array":
        return "properties" not in resolve(field.schema.get("items", {}))[0]
    return True


@cached
def columns(kind: str = "credential") -> tuple[Column, ...]:
    """The columns of a kind's sheet, in the schema's order."""
    out = []
    for field in walk(kind):
        if _leaf(field):
            is_list = field.schema.get("type") == "array"
            schema = resolve(field.schema.get("items", {}))[0] if is_list else field.schema
            enum = tuple(schema.get("enum", ())) or ((True, False) if schema.get("type") == "boolean" else ())
            out.append(Column(field.path, field, schema, is_list, enum))
    return tuple(out)


def template_columns(kind: str = "credential") -> tuple[Column, ...]:
    return tuple(c for c in columns(kind) if c.name not in FROM_OPTIONS)


def _note(column: Column) -> str:
    words = allowed_values(column.field.schema, column.field.ref, markdown=False)
    text = f"{column.field.description.replace('`', '')}\nRequired: {column.field.required}.\nAllowed: {words}."
    if column.is_list or "[]" in column.name:
        text += f"\nSeveral values: separate them with {ITEM_SEPARATOR}"
        if "[]" in column.name:
            text += " (the first part of each of this list's columns makes the first item)"
            if column.is_list:
                text += f"; inside one item separate values with {INNER_SEPARATOR}"
        text += "."
    return text


def _cell(value, column: Column):
    """A value of the example record as one cell, written as the import reads it back."""
    if isinstance(value, list):
        separator = INNER_SEPARATOR if "[]" in column.name and column.is_list else ITEM_SEPARATOR
        return separator.join(str(v) for v in value)
    return value


def record_cells(record: dict, columns_: tuple[Column, ...]) -> list:
    """A record as a row, one cell a column, as the import reads it back (a `[]` column joins its
    items' values with `;`); None where the record has no value."""
    cells = []
    for column in columns_:
        value = record
        for key in column.keys:
            if isinstance(value, list):  # the items of a list: each one's value
                value = [item.get(key.removesuffix("[]")) if isinstance(item, dict) else None for item in value]
            elif isinstance(value, dict):
                value = value.get(key.removesuffix("[]"))
        if isinstance(value, list) and "[]" in column.name:
            value = ITEM_SEPARATOR.join("" if v is None else str(_cell(v, column)) for v in value)
            value = value if value.strip(ITEM_SEPARATOR) else None
        cells.append(_cell(value, column) if value is not None else None)
    return cells


def _workbook(columns_: tuple[Column, ...]):
    from openpyxl import Workbook
    from openpyxl.comments import Comment
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    book = Workbook()
    sheet = book.active
    sheet.title = SHEET_NAME
    example = book.create_sheet("Example")
    lists = book.create_sheet("Lists")
    lists.sheet_state = "hidden"
    bold = Font(bold=True)
    list_column = 0
    for i, column in enumerate(columns_, start=1):
        letter = get_column_letter(i)
        for ws in (sheet, example):
            head = ws.cell(row=1, column=i, value=column.name)
            head.font = bold
            ws.column_dimensions[letter].width = max(12, min(40, len(column.name) + 4))
        note = Comment(_note(column), "Open Microcredential Catalogue", width=360, height=180)
        sheet.cell(row=1, column=i).comment = note
        if "string" == column.value_schema.get("type") or column.enum:
            for row in range(2, TEMPLATE_ROWS + 2):  # text, so `0613` keeps its zero
                sheet.cell(row=row, column=i).number_format = "@"
        if column.enum:
            list_column += 1
            list_letter = get_column_letter(list_column)
            lists.cell(row=1, column=list_column, value=column.name)
            for j, value in enumerate(column.enum, start=2):
                lists.cell(row=j, column=list_column, value="TRUE" if value is True else "FALSE" if value is False else value)
            rule = DataValidation(type="list", formula1=f"Lists!${list_letter}$2:${list_letter}${len(column.enum) + 1}",
                                  allow_blank=True)
            # A list of values (`project;quiz`) is typed, not picked: the list suggests, it does not refuse.
            rule.showErrorMessage = not (column.is_list or "[]" in column.name)
            rule.promptTitle, rule.prompt = column.name[:32], "Pick a value" + (
                f"; several: separate with {ITEM_SEPARATOR}" if not rule.showErrorMessage else "")
            rule.showInputMessage = True
            sheet.add_data_validation(rule)
            rule.add(f"{letter}2:{letter}{TEMPLATE_ROWS + 1}")
    for i, value in enumerate(record_cells(example_record("credential"), columns_), start=1):
        example.cell(row=2, column=i, value=value)
    example.cell(row=4, column=1, value=EXAMPLE_ID_NOTE)
    sheet.freeze_panes = example.freeze_panes = "A2"
    return book


def reproducible_zip(data: bytes, when: dt.date) -> bytes:
    """The same archive with every entry dated `when`, in name order, so builds are byte-identical."""
    stamp = (when.year, when.month, when.day, 0, 0, 0)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for name in sorted(src.namelist()):
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type, info.external_attr = zipfile.ZIP_DEFLATED, 0o644 << 16
            dst.writestr(info, src.read(name))
    return out.getvalue()


def template_workbook(when: dt.date) -> bytes:
    """The template as .xlsx bytes, the same for the same schema and date."""
    book = _workbook(template_columns())
    moment = dt.datetime(when.year, when.month, when.day)
    book.properties.created = book.properties.modified = moment
    book.properties.creator = book.properties.lastModifiedBy = "Open Microcredential Catalogue"
    from openpyxl.writer.excel import ExcelWriter

    out = io.BytesIO()
    # Workbook.save stamps `modified` with the clock; the writer it calls leaves our date.
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(book, archive).save()
    return reproducible_zip(out.getvalue(), when)


TEMPLATE_FILE = "credentials-template.xlsx"


def template_files(when: dt.date) -> dict[str, bytes]:
    """The template's file for the /contribute/ page, dated `when` (the build date)."""
    return {TEMPLATE_FILE: template_workbook(when)}
