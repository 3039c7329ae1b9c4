"""Each rule of the validator, read as a sentence: a fixture breaks it, the validator says so at the right line."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from fixturelib import BASE, FIXTURES, expected, fixture_files, place
from microcred.load import LOADER_RULES
from microcred.check.registry import RULES
from microcred.check.schema import SCHEMA_RULES
from microcred.check import validate

TODAY = dt.date(2026, 11, 23)
INVALID = sorted(p for p in (FIXTURES / "invalid").iterdir() if p.suffix == ".yaml" or p.is_dir())
VALID = sorted((FIXTURES / "valid").glob("*.yaml"))
# Rules whose failing input is made by a test rather than committed as a file.
GENERATED_FIXTURES = {
    "file-size": "test_loader.py::test_a_file_over_the_size_cap_is_rejected_without_parsing",
    "too-deep": "test_loader.py::test_deep_nesting_is_rejected_not_recursed",
    "unreadable": "test_loader.py::test_an_unreadable_path_is_a_problem_not_a_traceback",
    "not-a-regular-file": "test_loader.py::test_a_symbolic_link_is_refused_and_its_target_never_read",
}


def run(fixture: Path, tmp_path: Path):
    catalogue, placed = place(fixture, tmp_path)
    return validate(placed, catalogue, today=TODAY), placed


def test_the_base_catalogue_is_valid():
    result = validate([], BASE, today=TODAY)
    assert result.problems == []
    assert len(result.documents) == 3


@pytest.mark.parametrize("fixture", INVALID, ids=lambda p: p.stem)
def test_invalid_fixture_reports_its_rule_at_its_line(fixture, tmp_path):
    result, placed = run(fixture, tmp_path)
    found = {(p.rule, p.line) for p in result.problems}
    for f in fixture_files(fixture):
        for rule, line in expected(f):
            assert (rule, line) in found, f"{f.name}: expected {rule} at line {line}, got {sorted(found)}"
    if fixture.stem not in ("stale-listing", "vet-qualification-exists"):  # warnings: they do not fail
        assert not result.ok


@pytest.mark.parametrize("fixture", VALID, ids=lambda p: p.stem)
def test_valid_fixture_passes(fixture, tmp_path):
    result, _ = run(fixture, tmp_path)
    assert result.problems == []


def test_every_rule_has_a_failing_fixture():
    covered = set()
    for fixture in INVALID:
        for f in fixture_files(fixture):
            covered |= {rule for rule, _ in expected(f)}
    every_rule = set(RULES) | set(LOADER_RULES) | {f"schema/{r}" for r in SCHEMA_RULES}
    missing = every_rule - covered - set(GENERATED_FIXTURES)
    assert not missing, f"rules without an invalid fixture: {sorted(missing)}"


def test_fixture_names_say_the_rule_they_break():
    for fixture in INVALID:
        rules = {rule.replace("/", "-") for f in fixture_files(fixture) for rule, _ in expected(f)}
        assert any(fixture.stem.startswith(r) for r in rules), fixture.name


def test_stale_listing_is_a_warning_and_does_not_fail(tmp_path):
    result, _ = run(FIXTURES / "invalid" / "stale-listing.yaml", tmp_path)
    assert [p.severity for p in result.problems] == ["warning"]
    assert result.ok


def test_a_cycle_across_two_files_is_found_when_checking_one_of_them(tmp_path):
    catalogue, placed = place(FIXTURES / "invalid" / "no-stacking-cycle", tmp_path)
    result = validate([placed[0]], catalogue, today=TODAY)
    messages = [p.message for p in result.problems if p.rule == "no-stacking-cycle"]
    assert messages == ["stacking cycle: acme/a -> acme/b -> acme/a"]


def test_all_problems_of_a_file_come_in_one_run(tmp_path):
    # One file that breaks a loader rule, schema rules and cross-record rules at once.
    catalogue, _ = place(FIXTURES / "invalid" / "date-valid.yaml", tmp_path)
    bad = catalogue / "credentials" / "acme" / "many.yaml"
    text = (FIXTURES / "invalid" / "date-valid.yaml").read_text()
    text = text.replace("id: date-valid", "id: many").replace("type: short-course", "type: course")
    text = text.replace("delivery: online", "delivery: in-person") + "title: twice\n"
    bad.write_text(text)
    rules = {p.rule for p in validate([bad], catalogue, today=TODAY).problems}
    assert {"duplicate-key", "schema/enum", "location-required", "date-valid"} <= rules


def test_problems_are_sorted_by_file_then_line(tmp_path):
    catalogue, _ = place(FIXTURES / "invalid" / "no-stacking-cycle", tmp_path)
    result = validate([], catalogue, today=TODAY)
    keys = [(p.file, p.line, p.column) for p in result.problems]
    assert keys == sorted(keys) and len(keys) >= 2


@pytest.mark.parametrize("record_id, fix", [
    ("id-matches-filename", "rename the file to `id-matches-filename.yaml` or set `id: another-name`"),
    ("Bad Id", "set `id: another-name`"),  # not "rename the file to `Bad Id.yaml`": that is no id
])
def test_a_mismatched_id_is_fixed_only_by_names_that_are_ids(record_id, fix, tmp_path):
    text = (FIXTURES / "invalid" / "id-matches-filename.yaml").read_text(encoding="utf-8")
    changed = tmp_path / "id-matches-filename.yaml"
    changed.write_text(text.replace("id: id-matches-filename", f"id: {record_id}"), encoding="utf-8")
    result, _ = run(changed, tmp_path / "catalogue")
    assert [p.hint for p in result.problems if p.rule == "id-matches-filename"] == [fix]


def test_the_id_form_is_the_schemas():
    import json
    import re

    from microcred.paths import ID_FORM, SCHEMA_DIR
    pattern = re.compile(json.loads((SCHEMA_DIR / "common.schema.json").read_text())["$defs"]["slug"]["pattern"])
    for text in ["a", "data-basics", "x1-2y", "", "-a", "a-", "a--b", "A", "a_b", "a b", "é"]:
        assert bool(ID_FORM.fullmatch(text)) == bool(pattern.search(text)), text
