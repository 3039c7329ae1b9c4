"""Reports can't speak for the workflow: whatever a record holds, `microcred validate` prints no
workflow command into the CI log, and a hostile file gets a short report, at a small cost.

A GitHub runner reads a log line as a command when it starts with `::` (after spaces) or holds
`##[` anywhere (the old syntax, still parsed): actions/runner, ActionCommand.TryParseV2/TryParse.
"""
from __future__ import annotations

import difflib
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from fixturelib import BASE
from microcred.problems import Problem
from microcred.report import format_github, format_json, format_text
from microcred.check import validate

ROOT = Path(__file__).resolve().parents[1]
BASE_COURSE = (BASE / "credentials" / "acme" / "base-course.yaml").read_text(encoding="utf-8")
MAX_PER_FILE = 50
# Keys that would be commands, or would move the cursor or reverse the text, and how they are shown.
FORGED_KEYS = {"\n::error file=x::forged": r"\n:\x3aerror file=x:\x3aforged",
               "::add-mask::secret": r":\x3aadd-mask:\x3asecret",
               "##[add-mask]secret": r"##\x5badd-mask]secret",
               "x\r::warning::y": r"x\r:\x3awarning:\x3ay",
               "a\u2028::error::b": r"a\u2028:\x3aerror:\x3ab",
               "\x1b[2J": r"\x1b[2J",
               "\u202eevil": r"\u202eevil"}


def microcred(*args, cwd: Path):
    return subprocess.run([sys.executable, "-m", "microcred", *args], capture_output=True, text=True,
                          cwd=cwd, env={"PYTHONPATH": str(ROOT / "scripts"), "PATH": "/usr/bin:/bin"})


def is_command(line: str) -> bool:
    return line.lstrip().startswith("::") or "##[" in line


def record_with(extra: str, record_id: str) -> str:
    return BASE_COURSE.replace("id: base-course", f"id: {record_id}") + extra


@pytest.fixture
def hostile(tmp_path):
    """A catalogue with one record holding forged keys, and one whose file name forges a command."""
    catalogue = tmp_path / "catalogue"
    shutil.copytree(BASE, catalogue)
    keys = "".join(f"{json.dumps(k)}: 1\n" for k in FORGED_KEYS)
    (catalogue / "credentials" / "acme" / "keys.yaml").write_text(record_with(keys, "keys"), encoding="utf-8")
    name = "x\n::error file=y::forged ##[add-mask]z.yaml"
    (catalogue / "credentials" / "acme" / name).write_text(record_with("", "x"), encoding="utf-8")
    return tmp_path


def test_text_report_prints_no_workflow_command_whatever_the_keys_and_file_names(hostile):
    result = microcred("validate", "--catalogue", "catalogue", cwd=hostile)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert [line for line in lines if is_command(line)] == []
    # Every forged key is reported, escaped, on its own line; the file with a newline in its name too.
    for key, spelt in FORGED_KEYS.items():
        assert any(spelt in line for line in lines), key
    assert any(line.startswith("catalogue/credentials/acme/x\\n:\\x3aerror file=y:\\x3aforged ##\\x5badd-mask]z.yaml")
               for line in lines)
    assert "\x1b" not in result.stdout and "\u202e" not in result.stdout and "\u2028" not in result.stdout


def test_usage_error_does_not_echo_a_path_raw(tmp_path):
    result = microcred("validate", "no\n::error::such.yaml", cwd=tmp_path)
    assert result.returncode == 2
    assert not any(is_command(line) for line in result.stderr.splitlines())


def test_github_report_escapes_every_field_so_each_problem_is_one_annotation(hostile):
    result = microcred("validate", "--format", "github", "--catalogue", "catalogue", cwd=hostile)
    *annotations, summary = result.stdout.splitlines()  # the runner splits at CR and LF only; this at more
    assert all(line.startswith(("::error file=", "::warning file=")) for line in annotations)
    assert not is_command(summary)
    # One line per problem: nothing in a key or a file name started a line of its own.
    errors, warnings = int(summary.split()[0]), int(summary.split()[2])
    assert len(annotations) == errors + warnings > len(FORGED_KEYS)
    for line in annotations:
        # As the runner reads it: `::name key=value,key=value::data`, split at the first `::`.
        keys = [pair.split("=", 1)[0] for pair in line[2:line.index("::", 2)].split(" ", 1)[1].split(",")]
        assert keys in (["file", "line", "col", "title"], ["file", "title"]), line


def test_json_report_round_trips_the_keys_and_holds_no_command(hostile):
    result = microcred("validate", "--format", "json", "--catalogue", "catalogue", cwd=hostile)
    assert not any(is_command(line) for line in result.stdout.splitlines())
    report = json.loads(result.stdout)
    paths = {p["path"] for p in report["problems"]}
    assert set(FORGED_KEYS) <= paths  # the data is kept exactly, only its spelling is escaped


def problems_in_one_file(n: int) -> list[Problem]:
    return [Problem("catalogue/credentials/acme/many.yaml", i + 1, 1, "schema/unknown-field", f"unknown field `k{i}`",
                    f"k{i}", "remove it") for i in range(n)]


def test_a_report_shows_50_problems_of_a_file_then_says_how_many_more():
    problems = problems_in_one_file(60) + [Problem("catalogue/other.yaml", 1, 1, "r", "one more file")]
    text = format_text(problems, 2).splitlines()
    assert sum("[schema/unknown-field]" in line for line in text) == MAX_PER_FILE == 50
    assert "catalogue/credentials/acme/many.yaml: 10 more problems in this file not shown" in text[-3]
    assert text[-2].startswith("catalogue/other.yaml:1:1:")  # other files keep their own 50
    assert text[-1] == "61 errors, 0 warnings in 2 files checked"  # the counts stay true

    github = format_github(problems, 2).splitlines()
    assert sum(line.startswith("::error file=catalogue/credentials/acme/many.yaml,line=") for line in github) == 50
    assert any(line.startswith("::error file=catalogue/credentials/acme/many.yaml,title=")
               and "10 more problems" in line for line in github)
    assert github[-1] == "61 errors, 0 warnings in 2 files checked"

    report = json.loads(format_json(problems, 2))
    assert len(report["problems"]) == 51 and report["errors"] == 61
    assert report["omitted"] == {"catalogue/credentials/acme/many.yaml": 10}


def test_60_unknown_keys_in_one_file_through_the_validator(tmp_path):
    catalogue = tmp_path / "catalogue"
    shutil.copytree(BASE, catalogue)
    path = catalogue / "credentials" / "acme" / "sixty.yaml"
    path.write_text(record_with("".join(f"extra{i}: 1\n" for i in range(60)), "sixty"), encoding="utf-8")
    result = validate([path], catalogue)
    assert len(result.problems) == 50 and not result.ok
    assert sum(result.omitted[result.problems[0].file]) == 10


def many_keys(n: int) -> str:
    """`n` distinct short unknown keys, one a line (3 characters each: a file under 256 KiB)."""
    alphabet = "abcdefghijklmnopqrstuvwxyz0123456789"
    taken = {line.split(":")[0] for line in BASE_COURSE.splitlines()}
    keys = (a + b + c for a in alphabet[:26] for b in alphabet for c in alphabet)
    return "".join(f"{k}: 1\n" for k in keys if k not in taken and k != "nan")[: 7 * n]


def test_33000_unknown_keys_give_a_small_report_at_a_small_cost(tmp_path, monkeypatch):
    catalogue = tmp_path / "catalogue"
    shutil.copytree(BASE, catalogue)
    path = catalogue / "credentials" / "acme" / "many-keys.yaml"
    path.write_text(record_with(many_keys(33_000), "many-keys"), encoding="utf-8")
    assert path.stat().st_size <= 256 * 1024
    # The work is bounded too: "did you mean" suggestions (a fuzzy search each) only for what is shown.
    searches = []
    real = difflib.get_close_matches
    monkeypatch.setattr(difflib, "get_close_matches", lambda *a, **k: searches.append(1) or real(*a, **k))
    result = validate([path], catalogue)
    assert len(searches) <= 2 * MAX_PER_FILE
    text = format_text(result.problems, 1, result.omitted)
    assert len(text.encode()) < 40_000  # it was 13 MB
    assert "32,950 more problems in this file not shown" in text
    report = json.loads(format_json(result.problems, 1, result.omitted))
    assert report["errors"] == 33_000 and len(report["problems"]) == 50
