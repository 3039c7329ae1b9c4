"""Schema errors in a provider's terms: one message and hint per JSON Schema keyword.

jsonschema's own messages (`'x' is not one of [...]`) are written for programmers; here each
keyword gets a message in the provider's terms, the field's position in the file, and a hint that
reuses the property's `description` from the schema, so the docs and the errors say the same.
"""
from __future__ import annotations

import difflib
import json

from ..load import Document
from ..problems import ERROR, Problem, format_path
from ..schemas import resolve


def describe(value) -> str:
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


def show(value) -> str:
    text = json.dumps(value, ensure_ascii=False) if not isinstance(value, str) else value
    text = text if len(text) <= 60 else text[:57] + "..."
    # A message quotes record text: control, bidi and line-separator characters are shown as
    # escapes, so a value cannot break the report's line or reorder what a reader sees.
    return "".join(c if c.isprintable() else f"\\u{ord(c):04x}" for c in text)


def _property_schema(error, key: str) -> dict:
    props = error.schema.get("properties", {}) if isinstance(error.schema, dict) else {}
    return props.get(key, {})


def _hint_of(schema: dict) -> str:
    if not isinstance(schema, dict):
        return ""
    return resolve(schema)[0].get("description", "")


def close_matches(word: str, choices) -> list[str]:
    return difflib.get_close_matches(str(word), [str(c) for c in choices], n=3, cutoff=0.6)


def problem_for(doc: Document, error) -> Problem:
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
        message = f"expected {expected_words}, found {describe(value)}"
        source = doc.plain.get(path)
        if value is None:
            message = f"{path[-1] if path else 'the field'} is empty: expected {expected_words}"
            hint = "fill in a value, or remove the line if the field is optional. " + hint
        elif expected == "string" and source is not None:
            message = f"expected text, but YAML reads `{source}` as {describe(value)}"
            field = path[-1] if path and isinstance(path[-1], str) else None
            quoted = f'{field}: "{source}"' if field else f'"{source}"'
            hint = f"quote it to keep it exactly as written: `{quoted}`"
    elif keyword == "enum":
        choices = error.validator_value
        message = f"`{show(value)}` is not an allowed value"
        suggestion = close_matches(value, choices) if isinstance(value, str) else []
        if len(choices) <= 12:
            hint = f"use one of: {', '.join(map(str, choices))}"
        else:
            hint = hint or "use one of the listed codes"
        if suggestion:
            hint = f"did you mean `{suggestion[0]}`? " + hint
        if isinstance(value, str) and value.upper() in choices and value != value.upper():
            hint = f"codes are in capitals: `{value.upper()}`"
    elif keyword == "const":
        message = f"`{show(value)}` must be `{error.validator_value}`"
    elif keyword == "pattern":
        message = f"`{show(value)}` is not in the expected form"
        hint = f"expected: {hint}" if hint else hint
        if isinstance(value, str) and value.startswith(("http:", "javascript:", "data:", "ftp:")) and "https" in hint:
            scheme = value.split(":", 1)[0]
            message = f"`{scheme}:` address not allowed: `{show(value)}`"
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
        message = f"{show(value)} is out of range: must be {words[keyword]} {error.validator_value}"
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
