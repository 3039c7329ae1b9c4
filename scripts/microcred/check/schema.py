"""Records checked against their JSON Schema, each error turned into a Problem a provider can act on.

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
reported instead), uniqueness is checked by hashing, and errors past a file's cap of problems
are counted rather than made into problems, so no 256 KiB file costs much more than a normal one.

The wording of each keyword's problem is in check/messages.py.
"""
from __future__ import annotations

import jsonschema_rs
import re2

from .. import caches
from ..load import Document
from ..paths import KINDS
from ..problems import ERROR, MAX_PER_FILE, Problem, format_path
from ..schemas import load_schema
from .messages import close_matches, problem_for, show


@caches.cached
def _referencing_registry():
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


@caches.cached
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


@caches.cached
def _explaining_class():
    from jsonschema import Draft202012Validator
    from jsonschema.validators import extend

    return extend(Draft202012Validator, {"pattern": _pattern_keyword, "uniqueItems": _unique_items_keyword})


@caches.cached
def validator(kind: str):
    return _explaining_class()(load_schema(kind), registry=_referencing_registry())


@caches.cached
def fast_validator(kind: str):
    common = load_schema("common")
    registry_rs = jsonschema_rs.Registry([(common["$id"], common)])
    # RegexOptions: Rust's linear-time `regex` engine instead of the backtracking default.
    return jsonschema_rs.validator_for(load_schema(kind), registry=registry_rs, offline=True,
                                       pattern_options=jsonschema_rs.RegexOptions())


# Every rule name a schema problem can carry, as `schema/<name>`.
SCHEMA_RULES = ("required", "unknown-field", "type", "enum", "pattern", "length", "items", "unique-items",
                "range", "form", "dependent-required", "rejected")

def _fast_verdict(kind: str, data) -> bool:
    try:
        return fast_validator(kind).is_valid(data)
    except (ValueError, TypeError, OverflowError):
        return False  # data the fast validator cannot even read is not valid


def check_schema(doc: Document, limit: int | None = None) -> list[Problem]:
    """The schema problems of one loaded document (nothing if it could not be loaded): all of
    them, or the first `limit` (see `check_schema_capped`)."""
    return check_schema_capped(doc, limit)[0]


def check_schema_capped(doc: Document, limit: int | None = MAX_PER_FILE) -> tuple[list[Problem], int]:
    """The first `limit` schema problems of one document, and how many more there are.

    Past the limit an error is only counted (an unknown-keys error by its number of keys), not
    made into a problem: a file of 30,000 bad items costs the validator's own pass, not 30,000
    positioned messages and "did you mean" matches that a report would never show.
    """
    if doc.data is None or doc.kind is None:
        return [], 0
    if _fast_verdict(doc.kind, doc.data):
        return [], 0
    problems: list[Problem] = []
    more = 0
    for error in validator(doc.kind).iter_errors(doc.data):
        if error.validator == "additionalProperties" and isinstance(error.instance, dict):
            # jsonschema reports all unknown keys in one error; providers want each at its line.
            allowed = list(error.schema.get("properties", {}))
            known = set(allowed)
            unknown = [key for key in error.instance if key not in known]
            kept = unknown if limit is None else unknown[: max(0, limit - len(problems))]
            problems.extend(_unknown_field(doc, tuple(error.absolute_path), key, allowed) for key in kept)
            more += len(unknown) - len(kept)
        elif limit is None or len(problems) < limit:
            problems.append(problem_for(doc, error))
        else:
            more += 1
    if not problems and not more:
        # The validators disagree: fail closed, with the fast validator's own words.
        problems.append(_rejected(doc))
    return problems, more


def _rejected(doc: Document) -> Problem:
    message, path = "the schema rejects this record", ()
    try:
        first = next(iter(fast_validator(doc.kind).iter_errors(doc.data)), None)
    except (ValueError, TypeError, OverflowError):
        first = None
    if first is not None:
        path = tuple(first.instance_path)
        message = f"the schema rejects this value: {show(first.message)}"
    line, column = doc.position(path)
    return Problem(doc.file, line, column, "schema/rejected", message, format_path(path),
                   "check the field against the field reference on the /contribute/ page", ERROR)


def _unknown_field(doc: Document, parent: tuple, key: str, allowed: list[str]) -> Problem:
    where = parent + (key,)
    suggestion = close_matches(key, allowed)
    if suggestion:
        hint = f"did you mean `{suggestion[0]}`? Known fields here: {', '.join(allowed)}"
    else:
        hint = f"remove it, or use one of the known fields: {', '.join(allowed)}"
    line, column = doc.position(where)
    return Problem(doc.file, line, column, "schema/unknown-field", f"unknown field `{key}`", format_path(where), hint, ERROR)


