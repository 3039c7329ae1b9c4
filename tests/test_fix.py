"""`microcred fix`: each safe fix answers the rule that reports it, keeps comments and layout, shows a
diff first and writes only with --write; afterwards the validator has nothing left to say of it."""
from __future__ import annotations

import shutil

from fixturelib import BASE
from microcred.check import validate
from microcred.cli import main

RECORD = """\
# yaml-language-server: $schema=https://example.org/an-old-schema.json
id: another-name  # the provider's comment stays
title: Example course{spaces}
provider: acme
summary: An invented listing used as a test fixture.
url: https://acme.example.org/course
type: short-course
status: active
languages: [en]
learning_outcomes: [Do the basics]
field_of_education: 0413  # ISCED-F
workload_hours: 10
duration: {{weeks: 2}}
pace: self-paced
delivery: online
cost: {{amount: 0, currency: AUD, basis: one-off}}
assessment: [quiz]
quality_assurance: {{type: internal}}
description: |
  Spaces at the end of this line are text{spaces}
  and stay.
last_reviewed: "2026-06-01"
"""


def _place(tmp_path, text: str, name: str = "right-name.yaml"):
    catalogue = tmp_path / "catalogue"
    shutil.copytree(BASE, catalogue)
    path = catalogue / "credentials" / "acme" / name
    path.write_text(text, encoding="utf-8")
    return catalogue, path


def test_fix_shows_a_diff_and_changes_nothing_without_write(tmp_path, capsys):
    text = RECORD.format(spaces="   ")
    catalogue, path = _place(tmp_path, text)
    assert main(["fix", str(path), "--catalogue", str(catalogue)]) == 1
    out = capsys.readouterr().out
    assert '+field_of_education: "0413"  # ISCED-F' in out
    for rule in ("schema/type", "id-matches-filename", "trailing-whitespace", "schema-modeline"):
        assert f"[{rule}]" in out
    assert path.read_text(encoding="utf-8") == text


def test_fix_write_answers_each_rule_and_keeps_comments_and_text(tmp_path):
    catalogue, path = _place(tmp_path, RECORD.format(spaces="   "))
    rules = {p.rule for p in validate([path], catalogue).problems}
    assert {"schema/type", "id-matches-filename", "schema-modeline"} <= rules
    assert main(["fix", str(path), "--catalogue", str(catalogue), "--write"]) == 0
    fixed = path.read_text(encoding="utf-8")
    assert validate([path], catalogue).problems == []
    assert "id: right-name  # the provider's comment stays\n" in fixed
    assert 'field_of_education: "0413"  # ISCED-F\n' in fixed
    assert "title: Example course\n" in fixed
    assert "are text   \n" in fixed  # inside a `|` block, trailing spaces are the text itself
    assert fixed.splitlines()[0].endswith("/schema/credential.schema.json")
    assert main(["fix", str(path), "--catalogue", str(catalogue)]) == 0  # nothing left


def test_a_misread_number_in_a_list_is_quoted_where_it_stands(tmp_path):
    text = RECORD.format(spaces="").replace("languages: [en]", "languages: [en]\nskills: [SQL, 1e3, Excel]")
    catalogue, path = _place(tmp_path, text, "another-name.yaml")
    main(["fix", str(path), "--catalogue", str(catalogue), "--write"])
    assert 'skills: [SQL, "1e3", Excel]\n' in path.read_text(encoding="utf-8")


def test_an_id_is_not_set_from_a_file_name_that_is_not_an_id(tmp_path):
    catalogue, path = _place(tmp_path, RECORD.format(spaces=""), "Not_A_Slug.yaml")
    main(["fix", str(path), "--catalogue", str(catalogue), "--write"])
    assert "id: another-name" in path.read_text(encoding="utf-8")
