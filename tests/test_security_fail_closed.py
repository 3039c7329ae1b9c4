"""Schema validation fails closed: the fast validator's "invalid" is final. If the explaining
validator finds nothing to say, the record is still rejected, with the fast validator's own words,
at the field it names. And the two validators give one verdict on hostile values."""
from __future__ import annotations

import copy

import pytest

import microcred.check.schema as schema_module
from microcred import schemadoc
from microcred.load import load_text
from microcred.paths import modeline
from microcred.check.schema import check_schema, fast_validator, validator


def doc_of(kind: str, record: dict):
    doc = load_text(modeline(kind) + "\n", f"x.{kind}.yaml", kind)
    doc.data = record
    doc.positions[("id",)] = (2, 1)
    return doc


class _SaysNothing:
    """An explaining validator that misses every problem (as jsonschema did for `$` before `\\n`)."""

    def iter_errors(self, instance):
        return iter(())


def test_a_record_the_fast_validator_rejects_is_rejected_even_when_nothing_explains_it(monkeypatch):
    monkeypatch.setattr(schema_module, "validator", lambda kind: _SaysNothing())
    record = schemadoc.example_record("credential")
    record["id"] = "data-analytics\n"
    problems = check_schema(doc_of("credential", record))
    assert [(p.rule, p.path, p.line, p.is_error) for p in problems] == [("schema/rejected", "id", 2, True)]
    assert "does not match" in problems[0].message and "\\n" in problems[0].message  # the fast verdict, escaped
    assert "\n" not in problems[0].message


def test_a_record_the_fast_validator_cannot_read_is_rejected(monkeypatch):
    class Unreadable:
        def is_valid(self, data):
            raise ValueError("cannot convert")

        def iter_errors(self, data):
            raise ValueError("cannot convert")
    monkeypatch.setattr(schema_module, "fast_validator", lambda kind: Unreadable())
    monkeypatch.setattr(schema_module, "validator", lambda kind: _SaysNothing())
    problems = check_schema(doc_of("credential", schemadoc.example_record("credential")))
    assert [p.rule for p in problems] == ["schema/rejected"]


def test_a_valid_record_has_no_schema_problem():
    assert check_schema(doc_of("credential", schemadoc.example_record("credential"))) == []


NBSP, IDEOGRAPHIC = "\u00a0", "\u3000"
HOSTILE = [
    ("credential", "id", "data-analytics\n"), ("credential", "id", "data-analytics\r"),
    ("credential", "title", "Data\nAnalytics"), ("credential", "title", NBSP * 5), ("credential", "title", IDEOGRAPHIC * 4),
    ("credential", "title", "Data Analytics\n"), ("credential", "title", " \t "),
    ("credential", "url", f"https://www.example.edu/a{NBSP}b"), ("credential", "url", "https://www.example.edu/\n"),
    ("credential", "url", "https:// www.example.edu/"), ("credential", "url", "https://\u2028x.example/"),
    ("credential", "field_of_education", "0613\n"), ("credential", "last_reviewed", "2026-03-01\n"),
    ("credential", "languages", ["en\n"]), ("credential", "languages", ["en-AU\n"]),
    ("provider", "maintainers", ["octocat\n"]), ("provider", "maintainers", ["-octocat"]),
    ("provider", "maintainers", ["a" * 39]), ("provider", "maintainers", ["a" * 40]), ("provider", "maintainers", ["a--b"]),
    ("provider", "contact_email", f"a{NBSP}b@example.edu"), ("provider", "contact_email", "a@example.edu\n"),
    ("provider", "contact_email", "a@b@example.edu"), ("provider", "rto_code", "90003\n"),
    ("qualification", "code", "BSB40520\n"), ("credential", "skills", [{"a": 1}, {"a": 1.0}]),
    ("credential", "skills", [True, 1]), ("credential", "workload_hours", 10**400),
]


@pytest.mark.parametrize("kind,key,value", HOSTILE, ids=[f"{k}:{f}:{v!r}"[:60] for k, f, v in HOSTILE])
def test_the_two_validators_give_one_verdict_on_hostile_values(kind, key, value):
    record = copy.deepcopy(schemadoc.example_record(kind))
    record[key] = value
    assert fast_validator(kind).is_valid(record) == validator(kind).is_valid(record), (key, value)
