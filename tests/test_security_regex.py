"""Patterns match the whole value and cost time linear in it: `$` does not match before a final
newline in either validator, no pattern needs backtracking, and a string longer than its field
allows is reported for its length without the pattern ever running on it."""
from __future__ import annotations

import datetime as dt
import shutil

import jsonschema_rs
import pytest
import re2

import microcred.check.schema as schema_module
from fixturelib import BASE
from microcred import schemadoc
from microcred.load import load_text
from microcred.paths import KINDS, modeline
from microcred.check.schema import check_schema, fast_validator, pattern_search, validator
from microcred.schemas import load_schema, resolve
from microcred.check import validate

TODAY = dt.date(2026, 11, 23)


def patterned_fields():
    for kind in KINDS:
        for field in schemadoc.walk(kind):
            schema = field.schema
            if "pattern" not in schema and isinstance(schema.get("items"), dict):
                schema = resolve(schema["items"])[0]
            if "pattern" in schema:
                yield kind, field.path, schema


PATTERNED = list(patterned_fields())


def test_every_pattern_is_found():
    assert {"id", "maintainers", "contact_email", "url", "title", "code", "vet_credit[].units"} <= {p for _, p, _ in PATTERNED}


@pytest.mark.parametrize("kind,path,schema", PATTERNED, ids=[f"{k}:{p}" for k, p, _ in PATTERNED])
def test_a_trailing_newline_fails_the_pattern_in_both_validators(kind, path, schema):
    example = schemadoc.example_value(kind, path)
    example = example[0] if isinstance(example, list) else example
    assert isinstance(example, str) and pattern_search(schema["pattern"], example), (path, example)
    bare = {"type": "string", "pattern": schema["pattern"]}
    fast = jsonschema_rs.validator_for(bare, pattern_options=jsonschema_rs.RegexOptions())
    for bad in (example + "\n", "\n" + example, example + "\r\n"):
        assert not pattern_search(schema["pattern"], bad), (path, bad)
        assert not fast.is_valid(bad), (path, bad)


@pytest.mark.parametrize("name", ("common", *KINDS))
def test_every_pattern_is_anchored_and_compiles_in_both_linear_engines(name):
    def patterns(node):
        if isinstance(node, dict):
            if isinstance(node.get("pattern"), str):
                yield node
            for value in node.values():
                yield from patterns(value)
        elif isinstance(node, list):
            for value in node:
                yield from patterns(value)
    found = list(patterns(load_schema(name)))
    for node in found:
        pattern = node["pattern"]
        assert pattern.startswith("^") and pattern.endswith("$") and not pattern.endswith("\\$"), pattern
        assert "\\s" not in pattern and "\\S" not in pattern, "spell whitespace out: RE2, Rust and ECMA-262 differ on \\s"
        re2.compile(pattern)
        jsonschema_rs.validator_for({"pattern": pattern}, pattern_options=jsonschema_rs.RegexOptions())
        # A length bound before every pattern, except the fixed-width date.
        assert "maxLength" in node or pattern == "^[0-9]{4}-[0-9]{2}-[0-9]{2}$", pattern
    assert found or name == "qualification"


def test_the_fast_validator_uses_the_linear_engine():
    # A lookahead compiles only in the backtracking engine: the fast validator refuses it.
    with pytest.raises(jsonschema_rs.ValidationError):
        jsonschema_rs.validator_for({"pattern": "^a(?=b)"}, pattern_options=jsonschema_rs.RegexOptions())
    for kind in KINDS:
        assert fast_validator(kind) is not None


def test_a_maintainer_handle_with_a_newline_is_rejected_by_the_validator(tmp_path):
    catalogue = tmp_path / "catalogue"
    shutil.copytree(BASE, catalogue)
    provider = catalogue / "providers" / "acme.yaml"
    provider.write_text(provider.read_text().replace("maintainers: [acme-dev]", 'maintainers: ["acme-dev\\n"]'))
    problems = validate([provider], catalogue, today=TODAY).problems
    assert ("schema/pattern", "maintainers[0]", 8) in {(p.rule, p.path, p.line) for p in problems}


def test_an_id_with_a_trailing_newline_is_rejected(tmp_path):
    catalogue = tmp_path / "catalogue"
    shutil.copytree(BASE, catalogue)
    path = catalogue / "credentials" / "acme" / "base-course.yaml"
    path.write_text(path.read_text().replace("id: base-course", 'id: "base-course\\n"'))
    result = validate([path], catalogue, today=TODAY)
    assert not result.ok
    assert ("schema/pattern", "id") in {(p.rule, p.path) for p in result.problems}


def _spy(monkeypatch):
    seen = []
    real = schema_module.pattern_search

    def spy(pattern, text):
        seen.append(len(text))
        return real(pattern, text)
    monkeypatch.setattr(schema_module, "pattern_search", spy)
    return seen


CRAFTED = {
    # Built to make a backtracking engine try every split: `[^\n\r]*\S[^\n\r]*` over spaces, and the
    # e-mail's `[^@\s<>]+\.[^@\s<>]+` over dots with no final match.
    "title": ("credential", "title", " " * 250_000 + "\n"),
    "contact_email": ("provider", "contact_email", "a@" + "." * 250_000 + "@"),
}


@pytest.mark.parametrize("field", CRAFTED)
def test_a_crafted_250_kb_value_is_rejected_by_length_and_never_reaches_the_pattern(monkeypatch, field):
    kind, key, value = CRAFTED[field]
    record = schemadoc.example_record(kind)
    record[key] = value
    seen = _spy(monkeypatch)
    doc = load_text(modeline(kind) + "\n", f"x.{kind}.yaml", kind)
    doc.data = record
    problems = check_schema(doc)
    assert [(p.rule, p.path) for p in problems] == [("schema/length", key)]
    assert "250,0" in f"{len(value):,}" and "at most" in problems[0].message
    assert max(seen, default=0) < 1000  # the other fields' patterns ran; never on the long value


def test_uniqueness_of_a_long_list_of_mappings_is_not_checked_pair_by_pair(monkeypatch):
    # jsonschema's own check compares unsortable items pairwise (quadratic in a hostile list).
    import jsonschema._utils

    compared = []
    real = jsonschema._utils.equal
    monkeypatch.setattr(jsonschema._utils, "equal", lambda a, b: compared.append(1) or real(a, b))
    items = [{"n": i} for i in range(3000)] + [{"n": 0}]
    errors = [e for e in validator("credential").iter_errors({"skills": items}) if e.validator == "uniqueItems"]
    assert errors and len(compared) < len(items)


def test_unique_items_keeps_json_schema_equality():
    v = validator("credential")
    unique_errors = lambda value: [e for e in v.iter_errors({"skills": value}) if e.validator == "uniqueItems"]
    assert unique_errors([{"a": 1}, {"a": 1.0}])
    assert not unique_errors([True, 1]) and not unique_errors([{"a": [1, 2]}, {"a": [2, 1]}])
