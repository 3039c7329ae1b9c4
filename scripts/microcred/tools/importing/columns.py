"""How a spreadsheet cell becomes a record's value; the columns themselves are the template's
(export/template.py).

How columns are named and how several values share a cell: export/template.py.
Spaces and line breaks around a cell's text are trimmed (a spreadsheet does not show them);
otherwise a cell is never changed silently:
what does not read as the field's type is kept as written, so the validator reports it.
"""
from __future__ import annotations

import datetime as dt
import re

from ...export.template import INNER_SEPARATOR, ITEM_SEPARATOR, Column, columns  # noqa: F401  (the import's columns)

_INT = re.compile(r"[-+]?[0-9]+")
_FLOAT = re.compile(r"[-+]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][-+]?[0-9]+)?")
_TRUE, _FALSE = {"true", "yes"}, {"false", "no"}


def _types(schema: dict) -> set[str]:
    kind = schema.get("type")
    if kind:
        return {kind} if isinstance(kind, str) else set(kind)
    if "enum" in schema and all(isinstance(v, str) for v in schema["enum"]):
        return {"string"}
    return set()


def value(cell, schema: dict):
    """One value from a cell's content, typed as the schema wants where it reads unambiguously."""
    types = _types(schema)
    if isinstance(cell, dt.datetime):
        cell = cell.date().isoformat() if cell.time() == dt.time() else cell.isoformat()
    elif isinstance(cell, dt.date):
        cell = cell.isoformat()
    if isinstance(cell, bool):
        return cell if "boolean" in types else ("TRUE" if cell else "FALSE")
    if isinstance(cell, (int, float)):
        if "string" in types:  # a number typed in a text column: its text, as the sheet shows it
            return str(int(cell)) if float(cell).is_integer() else str(cell)
        if "integer" in types and float(cell).is_integer():
            return int(cell)
        return cell
    text = str(cell).strip()
    if "boolean" in types and text.lower() in _TRUE | _FALSE:
        return text.lower() in _TRUE
    if "integer" in types and _INT.fullmatch(text):
        return int(text)
    if "number" in types and _FLOAT.fullmatch(text):
        number = float(text)
        return int(number) if _INT.fullmatch(text) else number
    return text


def is_blank(cell) -> bool:
    return cell is None or (isinstance(cell, str) and not cell.strip())


def parts(cell, separator: str) -> list:
    """The `;`-separated parts of a cell (a number or date is one part)."""
    if not isinstance(cell, str):
        return [cell]
    return [p.strip() for p in cell.split(separator)]
