"""`microcred validate` as a provider and as CI run it: formats, exit codes, one run for all problems."""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from fixturelib import BASE, FIXTURES

ROOT = Path(__file__).resolve().parents[1]


def microcred(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "microcred", *args], capture_output=True, text=True,
                          cwd=cwd or ROOT, env={**os.environ, "PYTHONPATH": str(ROOT / "scripts")})


def broken_catalogue(tmp_path: Path) -> Path:
    catalogue = tmp_path / "catalogue"
    shutil.copytree(BASE, catalogue)
    for name in ("schema-type.yaml", "duplicate-key.yaml", "date-not-future.yaml"):
        shutil.copyfile(FIXTURES / "invalid" / name, catalogue / "credentials" / "acme" / name)
    return catalogue


def test_the_repository_catalogue_is_valid():
    result = microcred("validate")
    assert result.returncode == 0, result.stdout
    assert re.search(r"^0 errors, \d+ warnings? in \d+ files checked$", result.stdout, re.M)


def test_text_format_names_file_line_column_rule_field_and_fix(tmp_path):
    catalogue = broken_catalogue(tmp_path)
    result = microcred("validate", "--catalogue", "catalogue", cwd=tmp_path)
    assert result.returncode == 1
    assert ("catalogue/credentials/acme/schema-type.yaml:13:1: error [schema/type] field_of_education: "
            "expected text, but YAML reads `0413` as a number") in result.stdout
    assert '    fix: quote it to keep it exactly as written: `field_of_education: "0413"`' in result.stdout
    # All problems from all files in one run, sorted by file.
    files = re.findall(r"^(catalogue/\S+?):\d+:\d+:", result.stdout, re.M)
    assert files == sorted(files) and len(set(files)) == 3
    assert result.stdout.rstrip().endswith("3 errors, 0 warnings in 6 files checked")


def test_github_format_writes_one_annotation_per_problem(tmp_path):
    broken_catalogue(tmp_path)
    result = microcred("validate", "--format", "github", "--catalogue", "catalogue", cwd=tmp_path)
    annotations = [line for line in result.stdout.splitlines() if line.startswith("::")]
    assert len(annotations) == 3 and result.returncode == 1
    assert annotations[0].startswith("::error file=catalogue/credentials/acme/date-not-future.yaml,line=21,col=1,title=")


def test_json_format_is_machine_readable(tmp_path):
    broken_catalogue(tmp_path)
    result = microcred("validate", "--format", "json", "--catalogue", "catalogue", cwd=tmp_path)
    report = json.loads(result.stdout)
    assert report["errors"] == 3 and report["files_checked"] == 6
    assert {p["rule"] for p in report["problems"]} == {"schema/type", "duplicate-key", "date-not-future"}
    assert all({"file", "line", "column", "path", "message", "hint", "severity"} <= p.keys() for p in report["problems"])


def test_named_files_are_checked_against_the_rest_of_the_catalogue(tmp_path):
    catalogue = tmp_path / "catalogue"
    shutil.copytree(BASE, catalogue)
    target = catalogue / "credentials" / "acme" / "provider-ok.yaml"
    shutil.copyfile(FIXTURES / "invalid" / "stacks-into-target-exists.yaml", target)
    result = microcred("validate", "--catalogue", str(catalogue), str(target))
    assert result.returncode == 1
    assert result.stdout.count("[stacks-into-target-exists]") == 2
    assert "in 1 file checked" in result.stdout


def test_warnings_alone_exit_zero(tmp_path):
    catalogue = tmp_path / "catalogue"
    shutil.copytree(BASE, catalogue)
    shutil.copyfile(FIXTURES / "invalid" / "stale-listing.yaml", catalogue / "credentials" / "acme" / "stale-listing.yaml")
    result = microcred("validate", "--catalogue", str(catalogue))
    assert result.returncode == 0
    assert "warning [stale-listing]" in result.stdout


def test_usage_errors_exit_2():
    assert microcred("validate", "--format", "xml").returncode == 2
    missing = microcred("validate", "no/such/file.yaml")
    assert missing.returncode == 2 and "no such file" in missing.stderr
    assert microcred().returncode == 2


def test_no_traceback_for_any_fixture(tmp_path):
    catalogue = tmp_path / "catalogue"
    shutil.copytree(BASE, catalogue)
    for fixture in (FIXTURES / "invalid").glob("*.yaml"):
        shutil.copyfile(fixture, catalogue / "credentials" / "acme" / fixture.name)
    result = microcred("validate", "--catalogue", str(catalogue))
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr


def test_python_dash_m_microcred_is_the_installed_command():
    installed = subprocess.run([str(Path(sys.executable).parent / "microcred"), "--help"], capture_output=True,
                               text=True, cwd=ROOT)
    module = microcred("--help")
    assert module.returncode == installed.returncode == 0
    assert module.stdout == installed.stdout
    assert "check-ownership" in module.stdout and "links" in module.stdout


def test_links_lists_each_records_addresses_under_its_file(tmp_path):
    out = tmp_path / "links.md"
    result = microcred("links", "--catalogue", str(BASE), "--out", str(out))
    assert result.returncode == 0, result.stderr
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# Links in the catalogue\n")
    assert "## catalogue/providers/acme.yaml\n\n- <https://acme.example.org/>\n" in text


def test_commands_that_need_the_whole_catalogue_refuse_a_broken_one_alike(tmp_path):
    # The report goes to stderr (stdout is the command's output, maybe piped into a file), with
    # the true counts, and nothing is written.
    catalogue = broken_catalogue(tmp_path)
    for command in (["links", "--out", str(tmp_path / "links.md")], ["package", "--out", str(tmp_path / "pkg")]):
        result = microcred(*command, "--catalogue", str(catalogue))
        assert result.returncode == 1, result.stderr
        assert result.stdout == ""
        assert "schema-type.yaml:13:1: error [schema/type]" in result.stderr
        assert "3 errors, 0 warnings in 6 files checked" in result.stderr
        assert result.stderr.rstrip().endswith(f"microcred {command[0]}: the catalogue has errors; nothing written")
    assert not (tmp_path / "links.md").exists() and not (tmp_path / "pkg").exists()
