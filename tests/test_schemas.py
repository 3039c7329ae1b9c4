"""The JSON Schemas: valid draft 2020-12, documented, closed, with full ISO code lists."""
from __future__ import annotations

import datetime as dt
import json
import shutil

import pytest
from jsonschema import Draft202012Validator

from fixturelib import BASE, FIXTURES, fixture_files, place
from microcred.codes import country_codes, currency_codes
from microcred.load import load_file
from microcred.paths import KINDS, SCHEMA_DIR
from microcred.check.schema import fast_validator, validator
from microcred.schemas import load_schema
from microcred.check import validate

NAMES = ("common", *KINDS)


def walk_properties(schema: dict, path: str = ""):
    """Every (path, property schema) in a schema, through objects, arrays and $defs."""
    for name, prop in schema.get("properties", {}).items():
        yield f"{path}.{name}" if path else name, prop
        yield from walk_properties(prop, f"{path}.{name}" if path else name)
    if isinstance(schema.get("items"), dict):
        yield from walk_properties(schema["items"], f"{path}[]")
    for name, sub in schema.get("$defs", {}).items():
        yield from walk_properties(sub, f"$defs.{name}")


@pytest.mark.parametrize("name", NAMES)
def test_schema_is_valid_against_the_2020_12_meta_schema(name):
    schema = load_schema(name)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(schema)


@pytest.mark.parametrize("name", NAMES)
def test_every_property_has_a_title_and_a_description(name):
    for path, prop in walk_properties(load_schema(name)):
        assert prop.get("title") and prop.get("description"), f"{name}: {path}"


@pytest.mark.parametrize("name", NAMES)
def test_every_object_is_closed(name):
    def objects(node, path="$"):
        if isinstance(node, dict):
            # An object's definition; a branch (oneOf, anyOf) that names its properties only to
            # say which it requires (Ajv's strictRequired) is not one.
            if "properties" in node and node.get("type") == "object":
                yield path, node
            for key, value in node.items():
                if key not in ("then", "if"):
                    yield from objects(value, f"{path}.{key}")
        elif isinstance(node, list):
            for i, value in enumerate(node):
                yield from objects(value, f"{path}[{i}]")
    for path, node in objects(load_schema(name)):
        assert node.get("additionalProperties") is False, f"{name}: {path}"


def test_country_and_currency_lists_are_pycountrys_full_lists():
    defs = load_schema("common")["$defs"]
    assert defs["country"]["enum"] == country_codes() and "NO" in defs["country"]["enum"]
    assert defs["currency"]["enum"] == currency_codes() and len(defs["currency"]["enum"]) > 150


def test_the_fast_and_the_detailed_validator_agree_on_every_fixture(tmp_path):
    """jsonschema-rs answers 'valid?'; jsonschema explains why not. They must never disagree."""
    checked = 0
    for fixture in sorted((FIXTURES / "invalid").iterdir()) + sorted((FIXTURES / "valid").glob("*.yaml")):
        for f in fixture_files(fixture):
            doc = load_file(f)
            kind = next((k for k in KINDS if f"schema/{k}.schema.json" in doc.first_line), None)
            if doc.data is None or kind is None:
                continue
            if f.stem == "finite-numbers":
                # The one known difference: jsonschema-rs rejects NaN, jsonschema lets it through.
                # The finite-numbers rule reports it either way.
                assert not fast_validator(kind).is_valid(doc.data)
                continue
            slow = validator(kind).is_valid(doc.data)
            assert fast_validator(kind).is_valid(doc.data) == slow, f.name
            checked += 1
    assert checked > 25


CREDENTIAL_ENUMS = [
    (path, prop["enum"]) for path, prop in walk_properties(load_schema("credential"))
    if "enum" in prop and not path.startswith("$defs")
]


@pytest.mark.parametrize("path", [p for p, _ in CREDENTIAL_ENUMS])
def test_every_enum_rejects_an_unknown_value_at_its_line(path, tmp_path):
    catalogue = tmp_path / "catalogue"
    shutil.copytree(BASE, catalogue)
    source = catalogue / "credentials" / "acme" / "base-course.yaml"
    text = source.read_text()
    # Put the field (or its parent list/object) in with a wrong value, on a line of its own.
    snippets = {
        "type": ("type: short-course", "type: not-a-type"),
        "status": ("status: active", "status: not-a-status"),
        "difficulty": None, "pace": ("pace: self-paced", "pace: not-a-pace"),
        "delivery": ("delivery: online", "delivery: not-a-delivery"),
        "cost.basis": ("basis: one-off", "basis: not-a-basis"),
        "assessment[]": ("assessment: [quiz]", "assessment: [not-an-assessment]"),
        "quality_assurance.type": ("{type: internal}", "{type: not-a-qa-type}"),
        "issued_as": None,
    }
    swap = snippets.get(path)
    if swap is None:
        field = path.split(".")[-1].rstrip("[]")
        text += f"{field}: not-a-value\n"
    else:
        text = text.replace(*swap)
    if path.startswith("stacks_into"):
        text += "stacks_into:\n  - target: cert-iv-example\n    credit: {value: 1, unit: not-a-unit}\n"
    if path.startswith("vet_credit"):
        text += "vet_credit:\n  - qualification: BSB40520\n    credit_type: not-a-credit-type\n"
    if path.startswith("level"):
        text += "level: {framework: not-a-framework, level: 3}\n"
    source.write_text(text)
    result = validate([source], catalogue, today=dt.date(2026, 11, 23))
    enum_problems = [p for p in result.problems if p.rule == "schema/enum"]
    assert enum_problems, f"{path}: no enum problem in {result.problems}"
    line_text = text.splitlines()[enum_problems[0].line - 1]
    assert "not-a" in line_text
    assert "use one of" in enum_problems[0].hint


def test_schemas_are_formatted_json():
    for name in NAMES:
        raw = (SCHEMA_DIR / f"{name}.schema.json").read_text()
        assert json.loads(raw)
