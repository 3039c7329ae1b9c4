"""The catalogue as five tables: their columns, Table Schema fields, and the lossless cell encoding.

Columns are derived from the JSON Schemas, property by property, so a field added to a schema
becomes a column (with its title, description and constraints) without touching this module:

- a scalar property is one column of the same name;
- an object property (`cost`, `duration`, `level`, ...) is flattened one level into
  `<property>_<field>` columns; the object is present exactly when one of its columns is;
- an array property is one column of type `array`: a JSON array in the cell (`["en","fr"]`);
- `stacks_into` and `vet_credit` become their own tables (`stacking`, `vet_credit`), one row per
  entry (per unit for VET credit), with `position`/`entry` columns that keep the list order.

Encoding rules (the /data/ page states them to users): an empty cell is an absent field; `[]` is
an empty list; integers are written without a decimal point and other numbers by Python's `repr`
(`12.5`, `20.0`, `1e-05`), so reading a cell back gives the same int or float; booleans are
`true`/`false`; dates `YYYY-MM-DD`. Codes with leading zeros (`"0613"`, `"09003"`) are strings.
"""
from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass

from ..caches import cached
from ..schemas import load_schema, resolve

# Properties that get a table of their own rather than a column.
SEPARATE = {"stacks_into", "vet_credit"}


@dataclass(frozen=True)
class Column:
    name: str
    path: tuple[str, ...]  # where the value sits in a record; () for derived columns
    field: dict  # the Table Schema field descriptor


def _resolve(prop: dict) -> dict:
    """A property with its `$ref` followed, marked with the shared definition's name (`$def`)."""
    merged, name = resolve(prop)
    return {**merged, "$def": name} if name else merged


def _table_pattern(pattern: str) -> str:
    """A JSON Schema pattern (a search) as a Table Schema pattern (which must match whole)."""
    core = pattern[1:] if pattern.startswith("^") else ".*" + pattern
    return core[:-1] if core.endswith("$") and not core.endswith("\\$") else core + ".*"


def _constraints(schema: dict, required: bool) -> dict:
    c: dict = {}
    if required:
        c["required"] = True
    if "enum" in schema:
        c["enum"] = list(schema["enum"])
    if "pattern" in schema and schema.get("$def") != "date":
        c["pattern"] = _table_pattern(schema["pattern"])
    for key in ("minLength", "maxLength", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"):
        if key in schema:
            c[key] = schema[key]
    if "minItems" in schema:
        c["minLength"] = schema["minItems"]
    if "maxItems" in schema:
        c["maxLength"] = schema["maxItems"]
    return c


def _type_of(schema: dict) -> str:
    if schema.get("$def") == "date":
        return "date"
    if "enum" in schema and "type" not in schema:
        return "string"
    return {"string": "string", "number": "number", "integer": "integer", "boolean": "boolean",
            "array": "array", "object": "object"}[schema["type"]]


def table_field(name: str, prop: dict, required: bool, title: str | None = None) -> dict:
    """The Table Schema field for a JSON Schema property: type, title, description, constraints."""
    schema = _resolve(prop)
    field = {"name": name, "type": _type_of(schema), "title": title or schema.get("title", name),
             "description": schema.get("description", "")}
    if field["type"] == "array":
        item = _resolve(schema.get("items", {}))
        item_field = {"type": _type_of(item)} if item else {"type": "any"}
        item_constraints = _constraints(item, False) if item_field["type"] != "object" else {}
        if item_constraints:
            item_field["constraints"] = item_constraints
        field["arrayItem"] = item_field
    constraints = _constraints(schema, required)
    if constraints:
        field["constraints"] = constraints
    return field


def _flat_title(parent: str, child: str) -> str:
    return child if child.lower().startswith(parent.lower()) else f"{parent}: {child}"


def columns_of(schema: dict, prefix: tuple[str, ...] = (), skip=frozenset()) -> list[Column]:
    """One column per scalar or array property, objects flattened one level."""
    cols: list[Column] = []
    required = set(schema.get("required", []))
    for key, prop in schema["properties"].items():
        if key in skip:
            continue
        resolved = _resolve(prop)
        if resolved.get("type") == "object" and "properties" in resolved:
            parent_title = resolved.get("title", key)
            child_required = set(resolved.get("required", [])) if key in required else set()
            for child, child_prop in resolved["properties"].items():
                child_title = _resolve(child_prop).get("title", child)
                name = "_".join((*prefix, key, child))
                cols.append(Column(name, (key, child), table_field(
                    name, child_prop, child in child_required, _flat_title(parent_title, child_title))))
        else:
            name = "_".join((*prefix, key))
            cols.append(Column(name, (key,), table_field(name, prop, key in required)))
    return cols


def _derived(name: str, type_: str, title: str, description: str, **constraints) -> Column:
    field = {"name": name, "type": type_, "title": title, "description": description}
    if constraints:
        field["constraints"] = constraints
    return Column(name, (), field)


GLOBAL_ID = ("The credential's global id `provider/credential`: its provider's id and its own id "
             "(the file name without `.yaml`). The key that other tables and the site's URLs use.")
GLOBAL_ID_PATTERN = "[a-z0-9]+(-[a-z0-9]+)*/[a-z0-9]+(-[a-z0-9]+)*"


@cached
def tables() -> dict[str, list[Column]]:
    """Every table's columns, in file order."""
    cred_schema = load_schema("credential")
    cred_props = cred_schema["properties"]
    credentials = columns_of(cred_schema, skip=SEPARATE)
    credentials[0] = _derived("id", "string", "Id", GLOBAL_ID, required=True, pattern=GLOBAL_ID_PATTERN)
    credentials += [
        _derived("stacking_entries", "integer", "Stacking entries",
                 "How many rows of `stacking` belong to this credential: its `stacks_into` list. "
                 "Empty when the record has no `stacks_into`, 0 when the list is empty.", minimum=0),
        _derived("vet_credit_entries", "integer", "VET credit entries",
                 "How many entries its `vet_credit` list has (rows of `vet_credit` by `entry`). "
                 "Empty when the record has no `vet_credit`, 0 when the list is empty.", minimum=0),
    ]

    stack_item = cred_props["stacks_into"]["items"]
    stacking = [
        _derived("credential", "string", "Credential", "The global id of the credential that stacks.",
                 required=True, pattern=GLOBAL_ID_PATTERN),
        _derived("position", "integer", "Position",
                 "The entry's place in the credential's `stacks_into` list, from 1.", required=True, minimum=1),
        *columns_of(stack_item),
        _derived("target_qualification", "string", "Target qualification",
                 "`target` when it is a qualification id (a key of `qualifications`), else empty."),
        _derived("target_credential", "string", "Target credential",
                 "`target` when it is a credential's global id (a key of `credentials`), else empty."),
    ]
    # Order: keys first, then the entry's fields, then the two typed copies of `target`.
    stacking = stacking[:3] + stacking[-2:] + stacking[3:-2]

    vet_item = cred_props["vet_credit"]["items"]
    vet_cols = {c.name: c for c in columns_of(vet_item)}
    unit_field = table_field("unit", vet_item["properties"]["units"]["items"], False)
    vet_credit = [
        _derived("credential", "string", "Credential", "The global id of the credential that gives the credit.",
                 required=True, pattern=GLOBAL_ID_PATTERN),
        _derived("entry", "integer", "Entry", "The entry's place in the credential's `vet_credit` list, from 1.",
                 required=True, minimum=1),
        _derived("unit_position", "integer", "Unit position",
                 "The unit's place in the entry's `units` list, from 1; 0 on the one row of an entry "
                 "that names no units.", required=True, minimum=0),
        vet_cols["qualification"],
        Column("unit", ("units",), unit_field),
        *(vet_cols[k] for k in vet_cols if k not in ("qualification", "units")),
    ]
    return {
        "credentials": credentials,
        "providers": columns_of(load_schema("provider")),
        "qualifications": columns_of(load_schema("qualification")),
        "stacking": stacking,
        "vet_credit": vet_credit,
    }


# --- cells ---------------------------------------------------------------------------------

def encode(value, type_: str) -> str:
    """A value as its CSV cell (see the module docstring for the rules)."""
    if value is None:
        return ""
    if type_ in ("array", "object"):
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True, allow_nan=False)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(value)
    return str(value)


_INT = re.compile(r"-?[0-9]+")


def decode(cell: str, type_: str):
    """A CSV cell back to the value it encodes (None for an empty cell: the field is absent)."""
    if cell == "":
        return None
    if type_ in ("array", "object"):
        return json.loads(cell)
    if type_ == "number":
        return int(cell) if _INT.fullmatch(cell) else float(cell)
    if type_ == "integer":
        return int(cell)
    if type_ == "boolean":
        return cell == "true"
    return cell


def get_path(record: dict, path: tuple[str, ...]):
    value = record
    for key in path:
        if not isinstance(value, dict) or key not in value:
            return None
        value = value[key]
    return value


def set_path(record: dict, path: tuple[str, ...], value) -> None:
    for key in path[:-1]:
        record = record.setdefault(key, {})
    record[path[-1]] = value


# --- CSV -----------------------------------------------------------------------------------

def write_csv(columns: list[Column], rows: list[dict]) -> bytes:
    """UTF-8 CSV, comma-separated, "\\n" line ends, quoted only where needed; rows as given."""
    header = csv_lines(columns, [{c.name: c.name for c in columns}], encoded=True)
    return (header + csv_lines(columns, rows)).encode("utf-8")


def csv_lines(columns: list[Column], rows: list[dict], encoded: bool = False) -> str:
    """The lines of `rows` as write_csv writes them, without the header (`encoded`: the values
    are cells already)."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\n")
    for row in rows:
        writer.writerow([row.get(c.name) if encoded else encode(row.get(c.name), c.field["type"]) for c in columns])
    return out.getvalue()


def read_csv(text: str, columns: list[Column]) -> list[dict]:
    """Rows of a CSV written by `write_csv`, decoded by the columns' types (unknown columns kept as text)."""
    types = {c.name: c.field["type"] for c in columns}
    reader = csv.DictReader(io.StringIO(text, newline=""))
    return [{k: decode(v, types.get(k, "string")) for k, v in row.items()} for row in reader]
