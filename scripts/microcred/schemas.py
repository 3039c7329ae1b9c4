"""The project's JSON Schemas: read once, `$ref`s into common.schema.json resolved, and a
record's strings walked beside the schema of the field each sits in.

The checks, the data tables, the field reference and the scaffolder all read schemas through
here; turning schema errors into problems is check/schema.py's job.
"""
from __future__ import annotations

import json

from . import caches
from .paths import SCHEMA_DIR


@caches.cached
def load_schema(name: str) -> dict:
    return json.loads((SCHEMA_DIR / f"{name}.schema.json").read_text(encoding="utf-8"))


def resolve(schema: dict) -> tuple[dict, str | None]:
    """A property's schema with its `$ref` into common.schema.json merged in (local keys win).

    Returns the merged schema and the name of the shared definition it refers to, if any.
    """
    ref_name = None
    while isinstance(schema, dict) and "$ref" in schema:
        ref = schema["$ref"]
        name = ref.split("#/$defs/")[-1]
        target = load_schema("common")["$defs"][name]
        ref_name = ref_name or name
        local = {k: v for k, v in schema.items() if k != "$ref"}
        schema = {**target, **local}
    return schema, ref_name


# --- Walking a record beside its schema -------------------------------------------------------

@caches.cached
def _resolved() -> dict:
    """resolve's results for the property schemas of the loaded schemas, by the node's id: the
    walk below asks for the same few hundred about 40 times a record. Each entry holds its node,
    so no other dict can take its id; emptied with load_schema's cache (caches.clear_all)."""
    return {}


def _resolve_node(schema: dict) -> tuple[dict | None, str | None]:
    memo = _resolved()
    entry = memo.get(id(schema))
    if entry is None:
        entry = memo[id(schema)] = (schema, *resolve(schema))
    return entry[1], entry[2]


def multi_line(schema: dict | None) -> bool:
    """Whether a text field may hold several lines: the schema gives it a `contentMediaType`."""
    return bool(schema) and "contentMediaType" in schema


def strings_of(kind: str, data):
    """Every string of a record, keys included, with the schema of the field it sits in.

    Yields `(path, text, schema, ref, is_key)`: `schema` is the resolved field schema (None where
    the schema has no such field, as for an unknown key), `ref` the shared definition it uses
    (`https_url`), and a key's path is the path of the field it names. Rules that read record
    text take the field's nature from here rather than from lists of field names.
    """
    stack = [((), data, load_schema(kind), None)]
    while stack:
        path, node, schema, ref = stack.pop()
        if isinstance(node, str):
            yield path, node, schema, ref, False
        elif isinstance(node, dict):
            props = schema.get("properties", {}) if schema else {}
            for key in reversed(list(node)):
                child, child_ref = _resolve_node(props[key]) if key in props else (None, None)
                if isinstance(key, str):
                    yield path + (key,), key, None, None, True
                stack.append((path + (key,), node[key], child, child_ref))
        elif isinstance(node, list):
            items, items_ref = _resolve_node(schema["items"]) if schema and isinstance(schema.get("items"), dict) else (None, None)
            for i in reversed(range(len(node))):
                stack.append((path + (i,), node[i], items, items_ref))


# The text and URL rules each read every string of a record, one rule after another: the walk,
# and what rules derive from it, are kept for the record last asked about (held, and compared by
# identity, so they can't be mistaken for another record's).
_last_walk: tuple[object, str, list] | None = None
_derived: dict = {}


def record_strings(kind: str, data) -> list:
    """`strings_of` as a list, walked once per record however many rules read it."""
    global _last_walk
    if _last_walk is None or _last_walk[0] is not data or _last_walk[1] != kind:
        _last_walk = (data, kind, list(strings_of(kind, data)))
        _derived.clear()
    return _last_walk[2]


def from_strings(kind: str, data, derive):
    """`derive(record_strings(kind, data))`, worked out once per record: several rules read the
    same list drawn from a record's strings (the ones holding a suspect character, its links)."""
    strings = record_strings(kind, data)
    if derive not in _derived:
        _derived[derive] = derive(strings)
    return _derived[derive]
