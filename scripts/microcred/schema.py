"""JSON Schema validation, with each error turned into a Problem a provider can act on.

Speed: most records are valid, so each is first checked by jsonschema-rs (a compiled validator,
~100x faster); only a record it rejects goes through jsonschema's `iter_errors` for the detailed,
positioned problems. A test holds the two to the same verdict on every fixture.

Failing closed: the fast validator's verdict is the verdict. When it rejects a record and the
explaining validator finds nothing to say, the record is still rejected, with a generic
`schema/rejected` problem carrying the fast validator's own message and field. The reverse (fast
accepts, explaining would not) is prevented by construction rather than by running both on every
record (jsonschema costs ~1 ms a record, 100x the fast check): both evaluate patterns with a
linear-time engine of the same syntax and semantics (RE2 here, Rust's `regex` there: no
lookaround, `$` only at the very end, no trailing-newline match), the schemas avoid the one class
they spell differently (the whitespace class), and the tests hold the two to the same verdict on
every fixture and
on a corpus of hostile values.

Linear time: a pattern never sees a string longer than its field's `maxLength` (the length is
reported instead), uniqueness is checked by hashing, and "did you mean" suggestions are computed
for the first problems of a file only, so no 256 KiB file costs much more than a normal one.

jsonschema's own messages (`'x' is not one of [...]`) are written for programmers; here each
keyword gets a message in the provider's terms, the field's position in the file, and a hint that
reuses the property's `description` from the schema, so the docs and the errors say the same.
"""
from __future__ import annotations

import difflib
import json
from functools import lru_cache

import jsonschema_rs
import re2

from .load import Document
from .paths import KINDS, SCHEMA_DIR
from .problems import ERROR, Problem, format_path


@lru_cache(maxsize=None)
def load_schema(name: str) -> dict:
    return json.loads((SCHEMA_DIR / f"{name}.schema.json").read_text(encoding="utf-8"))


@lru_cache(maxsize=None)
def registry():
    # jsonschema is imported only when a record fails the fast check: it costs start-up time
    # that a run over valid files never needs.
    from referencing import Registry, Resource

    resources = []
    for name in ("common", *KINDS):
        schema = load_schema(name)
        resource = Resource.from_contents(schema)
        resources.append((schema["$id"], resource))
        resources.append((f"{name}.schema.json", resource))
    return Registry().with_resources(resources)


@lru_cache(maxsize=None)
def _compiled(pattern: str):
    return re2.compile(pattern)


def pattern_search(pattern: str, text: str) -> bool:
    """Whether `text` matches a schema pattern, by RE2: time linear in the text, `$` at the end only."""
    return _compiled(pattern).search(text) is not None


def _pattern_keyword(validator, pattern, instance, schema):
    from jsonschema.exceptions import ValidationError

    if not validator.is_type(instance, "string"):
        return
    limit = schema.get("maxLength")
    if isinstance(limit, int) and len(instance) > limit:
        return  # reported by maxLength: a pattern never runs on text longer than its field allows
    if not pattern_search(pattern, instance):
        yield ValidationError(f"{instance!r} does not match {pattern!r}")


def _frozen(value):
    """A hashable form of a JSON value under JSON Schema equality (1 == 1.0, but true != 1)."""
    if isinstance(value, bool):
        return ("bool", value)
    if isinstance(value, (int, float)):
        return ("number", value)
    if isinstance(value, str):
        return ("string", value)
    if isinstance(value, list):
        return ("array", tuple(_frozen(v) for v in value))
    if isinstance(value, dict):
        return ("object", frozenset((k, _frozen(v)) for k, v in value.items()))
    return ("null", None)


def _unique_items_keyword(validator, unique, instance, schema):
    # jsonschema compares unsortable items (mappings) pairwise: quadratic in a hostile list.
    from jsonschema.exceptions import ValidationError

    if not unique or not validator.is_type(instance, "array"):
        return
    seen = set()
    for item in instance:
        key = _frozen(item)
        if key in seen:
            yield ValidationError(f"{instance!r} has non-unique elements")
            return
        seen.add(key)


@lru_cache(maxsize=None)
def _explaining_class():
    from jsonschema import Draft202012Validator
    from jsonschema.validators import extend

    return extend(Draft202012Validator, {"pattern": _pattern_keyword, "uniqueItems": _unique_items_keyword})


@lru_cache(maxsize=None)
def validator(kind: str):
    return _explaining_class()(load_schema(kind), registry=registry())


@lru_cache(maxsize=None)
def fast_validator(kind: str):
    common = load_schema("common")
    registry_rs = jsonschema_rs.Registry([(common["$id"], common)])
    # RegexOptions: Rust's linear-time `regex` engine instead of the backtracking default.
    return jsonschema_rs.validator_for(load_schema(kind), registry=registry_rs, offline=True,
                                       pattern_options=jsonschema_rs.RegexOptions())


def _describe(value) -> str:
    if value is None:
        return "nothing (an empty value)"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping of fields"
    return type(value).__name__


_TYPE_WORDS = {"string": "text", "number": "a number", "integer": "a whole number", "boolean": "true or false",
               "array": "a list", "object": "a mapping of fields", "null": "nothing"}


def _show(value) -> str:
    text = json.dumps(value, ensure_ascii=False) if not isinstance(value, str) else value
    text = text if len(text) <= 60 else text[:57] + "..."
    # A message quotes record text: control, bidi and line-separator characters are shown as
    # escapes, so a value cannot break the report's line or reorder what a reader sees.
    return "".join(c if c.isprintable() else f"\\u{ord(c):04x}" for c in text)


def _property_schema(error, key: str) -> dict:
    props = error.schema.get("properties", {}) if isinstance(error.schema, dict) else {}
    return props.get(key, {})


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


def _hint_of(schema: dict) -> str:
    if not isinstance(schema, dict):
        return ""
    return resolve(schema)[0].get("description", "")


def _close(word: str, choices) -> list[str]:
    return difflib.get_close_matches(str(word), [str(c) for c in choices], n=3, cutoff=0.6)


def _problem_for(doc: Document, error, suggest: bool = True) -> Problem:
    path = tuple(error.absolute_path)
    keyword = error.validator
    value = error.instance
    message = error.message
    hint = _hint_of(error.schema)
    where = path  # the field the problem names
    at = None  # where it is reported, when not at that field

    if keyword == "required":
        missing = error.message.split("'")[1] if "'" in error.message else ""
        message = f"required field `{missing}` is missing"
        hint = f"add `{missing}:` — " + (_hint_of(_property_schema(error, missing)) or "see the field reference")
        where, at = path + (missing,), path  # a missing field has no line: report it at its parent
    elif keyword == "type":
        expected = error.validator_value
        expected_words = " or ".join(_TYPE_WORDS.get(t, t) for t in ([expected] if isinstance(expected, str) else expected))
        message = f"expected {expected_words}, found {_describe(value)}"
        source = doc.plain.get(path)
        if value is None:
            message = f"{path[-1] if path else 'the field'} is empty: expected {expected_words}"
            hint = "fill in a value, or remove the line if the field is optional. " + hint
        elif expected == "string" and source is not None:
            message = f"expected text, but YAML reads `{source}` as {_describe(value)}"
            field = path[-1] if path and isinstance(path[-1], str) else None
            quoted = f'{field}: "{source}"' if field else f'"{source}"'
            hint = f"quote it to keep it exactly as written: `{quoted}`"
    elif keyword == "enum":
        choices = error.validator_value
        message = f"`{_show(value)}` is not an allowed value"
        suggestion = _close(value, choices) if suggest and isinstance(value, str) else []
        if len(choices) <= 12:
            hint = f"use one of: {', '.join(map(str, choices))}"
        else:
            hint = hint or "use one of the listed codes"
        if suggestion:
            hint = f"did you mean `{suggestion[0]}`? " + hint
        if isinstance(value, str) and value.upper() in choices and value != value.upper():
            hint = f"codes are in capitals: `{value.upper()}`"
    elif keyword == "const":
        message = f"`{_show(value)}` must be `{error.validator_value}`"
    elif keyword == "pattern":
        message = f"`{_show(value)}` is not in the expected form"
        hint = f"expected: {hint}" if hint else hint
        if isinstance(value, str) and value.startswith(("http:", "javascript:", "data:", "ftp:")) and "https" in hint:
            scheme = value.split(":", 1)[0]
            message = f"`{scheme}:` address not allowed: `{_show(value)}`"
            hint = "use the page's `https://` address" if scheme == "http" else "give an `https://` web address"
    elif keyword in ("minLength", "maxLength"):
        n = len(value) if isinstance(value, str) else 0
        bound = error.validator_value
        message = f"text is {n} characters; {'at least' if keyword == 'minLength' else 'at most'} {bound} allowed"
    elif keyword in ("minItems", "maxItems"):
        bound = error.validator_value
        message = f"list has {len(value)} items; {'at least' if keyword == 'minItems' else 'at most'} {bound} allowed"
    elif keyword == "uniqueItems":
        message = "the list repeats an item"
        hint = "remove the repeated item"
    elif keyword in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"):
        words = {"minimum": "at least", "maximum": "at most", "exclusiveMinimum": "greater than", "exclusiveMaximum": "less than"}
        message = f"{_show(value)} is out of range: must be {words[keyword]} {error.validator_value}"
    elif keyword in ("oneOf", "anyOf"):
        message = "does not match any allowed form"
    elif keyword == "dependentRequired":
        # "'framework' is a dependency of 'level'": point at the field that needs the other.
        parts = error.message.split("'")
        if len(parts) >= 4:
            needed, owner = parts[1], parts[3]
            where = path + (owner,)
            message = f"`{owner}` needs `{needed}` beside it"
            hint = f"add `{needed}:` — " + _hint_of(_property_schema(error, needed))
    elif keyword == "not":
        message = "has fields that may not be combined"
    line, column = doc.position(where if at is None else at)
    return Problem(doc.file, line, column, f"schema/{_RULE_NAMES.get(keyword, keyword)}", message, format_path(where), hint, ERROR)


_RULE_NAMES = {"minLength": "length", "maxLength": "length", "minItems": "items", "maxItems": "items",
               "minimum": "range", "maximum": "range", "exclusiveMinimum": "range", "exclusiveMaximum": "range",
               "uniqueItems": "unique-items", "dependentRequired": "dependent-required", "oneOf": "form", "anyOf": "form", "not": "form", "const": "enum"}


# Every rule name a schema problem can carry, as `schema/<name>`.
SCHEMA_RULES = ("required", "unknown-field", "type", "enum", "pattern", "length", "items", "unique-items",
                "range", "form", "dependent-required", "rejected")

# "Did you mean" costs a fuzzy match per problem; a file with thousands of problems gets it for
# the first ones only (a report shows no more than that anyway).
SUGGESTIONS_PER_FILE = 50


def _fast_verdict(kind: str, data) -> bool:
    try:
        return fast_validator(kind).is_valid(data)
    except (ValueError, TypeError, OverflowError):
        return False  # data the fast validator cannot even read is not valid


def check_schema(doc: Document) -> list[Problem]:
    """Every schema problem of one loaded document (nothing if it could not be loaded)."""
    if doc.data is None or doc.kind is None:
        return []
    if _fast_verdict(doc.kind, doc.data):
        return []
    problems = []
    for error in validator(doc.kind).iter_errors(doc.data):
        if error.validator == "additionalProperties" and isinstance(error.instance, dict):
            # jsonschema reports all unknown keys in one error; providers want each at its line.
            allowed = list(error.schema.get("properties", {}))
            for key in error.instance:
                if key not in allowed:
                    problems.append(_unknown_field(doc, tuple(error.absolute_path), key, allowed,
                                                   suggest=len(problems) < SUGGESTIONS_PER_FILE))
            continue
        problems.append(_problem_for(doc, error, suggest=len(problems) < SUGGESTIONS_PER_FILE))
    if not problems:
        # The validators disagree: fail closed, with the fast validator's own words.
        problems.append(_rejected(doc))
    return problems


def _rejected(doc: Document) -> Problem:
    message, path = "the schema rejects this record", ()
    try:
        first = next(iter(fast_validator(doc.kind).iter_errors(doc.data)), None)
    except (ValueError, TypeError, OverflowError):
        first = None
    if first is not None:
        path = tuple(first.instance_path)
        message = f"the schema rejects this value: {_show(first.message)}"
    line, column = doc.position(path)
    return Problem(doc.file, line, column, "schema/rejected", message, format_path(path),
                   "check the field against the field reference on the /contribute/ page", ERROR)


def _unknown_field(doc: Document, parent: tuple, key: str, allowed: list[str], suggest: bool = True) -> Problem:
    where = parent + (key,)
    suggestion = _close(key, allowed) if suggest else []
    if suggestion:
        hint = f"did you mean `{suggestion[0]}`? Known fields here: {', '.join(allowed)}"
    else:
        hint = f"remove it, or use one of the known fields: {', '.join(allowed)}"
    line, column = doc.position(where)
    return Problem(doc.file, line, column, "schema/unknown-field", f"unknown field `{key}`", format_path(where), hint, ERROR)


# --- Walking a record beside its schema -------------------------------------------------------

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
                child, child_ref = resolve(props[key]) if key in props else (None, None)
                if isinstance(key, str):
                    yield path + (key,), key, None, None, True
                stack.append((path + (key,), node[key], child, child_ref))
        elif isinstance(node, list):
            items, items_ref = resolve(schema["items"]) if schema and isinstance(schema.get("items"), dict) else (None, None)
            for i in reversed(range(len(node))):
                stack.append((path + (i,), node[i], items, items_ref))


# The text and URL rules each read every string of a record, one rule after another: the walk is
# kept for the record last asked about (held, and compared by identity, so it can't be mistaken).
_last_walk: tuple[object, str, list] | None = None


def record_strings(kind: str, data) -> list:
    """`strings_of` as a list, walked once per record however many rules read it."""
    global _last_walk
    if _last_walk is None or _last_walk[0] is not data or _last_walk[1] != kind:
        _last_walk = (data, kind, list(strings_of(kind, data)))
    return _last_walk[2]

