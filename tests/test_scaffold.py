"""`microcred new`: a record started from the schema that fails validation until it is filled in."""
from __future__ import annotations

import pytest

from microcred import schemadoc
from microcred.cli import main
from microcred.load import load_file
from microcred.paths import modeline
from microcred.schemas import load_schema
from microcred.check import validate


def new(capsys, *args):
    code = main(["new", *args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def catalogue(tmp_path):
    folder = tmp_path / "catalogue"
    folder.mkdir()
    return folder


def required_leaves(kind: str) -> set[str]:
    """Paths of the required fields (inside required mappings) that a scaffold leaves empty."""
    leaves, required = set(), set()
    for field in schemadoc.walk(kind):
        parent = field.path.rsplit(".", 1)[0] if "." in field.path else None
        needed = field.required == "yes" or field.required.startswith("one form")
        if not needed or (parent and parent not in required) or "[]" in field.path:
            continue
        if field.path in ("duration.min_weeks", "duration.max_weeks"):
            continue  # the other form of duration
        required.add(field.path)
        if "properties" not in field.schema:
            leaves.add(field.path)
    return leaves - {"id", "provider"}


def test_new_credential_writes_every_required_field_after_the_schema_line(capsys, catalogue):
    code, out, _ = new(capsys, "credential", "--provider", "acme", "--id", "data-basics", "--catalogue", str(catalogue))
    path = catalogue / "credentials" / "acme" / "data-basics.yaml"
    assert code == 0 and str(path) in out
    text = path.read_text(encoding="utf-8")
    assert text.splitlines()[0] == modeline("credential")
    doc = load_file(path, str(path), "credential")
    assert doc.problems == []  # YAML our loader accepts
    assert doc.data["id"] == "data-basics" and doc.data["provider"] == "acme"
    assert set(load_schema("credential")["required"]) <= set(doc.data)
    assert set(doc.data["cost"]) == {"amount", "currency", "basis"}
    assert set(doc.data["duration"]) == {"weeks"}
    assert "min_weeks, max_weeks" in text  # the other form of duration is named


def test_allowed_values_are_comments_beside_the_fields(capsys, catalogue):
    new(capsys, "credential", "--provider", "acme", "--id", "data-basics", "--catalogue", str(catalogue))
    lines = (catalogue / "credentials" / "acme" / "data-basics.yaml").read_text(encoding="utf-8").splitlines()
    by_field = {line.split(":", 1)[0]: line for line in lines if line[:1].isalpha() and ":" in line}
    for field in ("type", "status", "pace", "delivery"):
        for value in load_schema("credential")["properties"][field]["enum"]:
            assert value in by_field[field].split("#", 1)[1], (field, value)
    assert "TODO" in by_field["title"].split("#", 1)[1]
    assert any("# description:" in line for line in lines)  # optional fields offered as comments


def test_unfilled_scaffold_fails_validation_on_every_placeholder(capsys, catalogue):
    new(capsys, "provider", "--id", "acme", "--catalogue", str(catalogue))
    new(capsys, "credential", "--provider", "acme", "--id", "data-basics", "--catalogue", str(catalogue))
    result = validate([], catalogue)
    assert not result.ok
    by_file: dict[str, set[str]] = {}
    for problem in result.problems:
        if problem.is_error:
            by_file.setdefault(problem.file.rsplit("/", 2)[-2] + "/" + problem.file.rsplit("/", 1)[-1], set()).add(
                problem.path.replace("[0]", "[]"))
    credential_errors = by_file["acme/data-basics.yaml"]
    leaves = required_leaves("credential") | {"languages[]", "learning_outcomes[]", "assessment[]"}
    leaves -= {"languages", "learning_outcomes", "assessment"}
    assert leaves <= credential_errors, leaves - credential_errors
    assert required_leaves("provider") <= by_file["providers/acme.yaml"]


def test_refuses_to_overwrite(capsys, catalogue):
    args = ("credential", "--provider", "acme", "--id", "data-basics", "--catalogue", str(catalogue))
    new(capsys, *args)
    path = catalogue / "credentials" / "acme" / "data-basics.yaml"
    path.write_text("edited by the provider\n", encoding="utf-8")
    code, _, err = new(capsys, *args)
    assert code == 1
    assert "already exists" in err and str(path) in err
    assert path.read_text(encoding="utf-8") == "edited by the provider\n"


@pytest.mark.parametrize("bad_id", ["Data-Basics", "data_basics", "data basics", "-data", "data--basics", "data-",
                                    "x" * 81, "../escape", ""])
def test_refuses_ids_that_are_not_slugs(capsys, catalogue, bad_id):
    code, _, err = new(capsys, "credential", "--provider", "acme", f"--id={bad_id}", "--catalogue", str(catalogue))
    assert code == 2
    assert "not a slug" in err
    assert not any(catalogue.rglob("*.yaml"))


def test_refuses_a_provider_id_that_is_not_a_slug(capsys, catalogue):
    code, _, err = new(capsys, "credential", "--provider", "../etc", "--id", "data-basics", "--catalogue", str(catalogue))
    assert code == 2 and "--provider" in err
    assert not any(catalogue.rglob("*"))


def test_new_credential_for_an_unknown_provider_says_how_to_add_it(capsys, catalogue):
    code, _, err = new(capsys, "credential", "--provider", "acme", "--id", "data-basics", "--catalogue", str(catalogue))
    assert code == 0
    assert "microcred new provider --id acme" in err
    new(capsys, "provider", "--id", "acme", "--catalogue", str(catalogue))
    _, _, err = new(capsys, "credential", "--provider", "acme", "--id", "more", "--catalogue", str(catalogue))
    assert "new provider" not in err


def test_new_provider_names_its_maintainers(capsys, catalogue):
    code, _, _ = new(capsys, "provider", "--id", "acme", "--maintainer", "@Zed", "--maintainer", "alice",
                     "--catalogue", str(catalogue))
    assert code == 0
    path = catalogue / "providers" / "acme.yaml"
    doc = load_file(path, str(path), "provider")
    assert doc.data["maintainers"] == ["alice", "Zed"]
    assert doc.data["id"] == "acme"
    assert "# maintainers:" not in path.read_text(encoding="utf-8")


@pytest.mark.parametrize("handle", ["not a handle", "a" * 40, "alice\n* @someone-else"])
def test_refuses_a_maintainer_that_is_not_a_github_handle(capsys, catalogue, handle):
    code, _, err = new(capsys, "provider", "--id", "acme", "--maintainer", handle, "--catalogue", str(catalogue))
    assert code == 2 and "GitHub user name" in err
    assert not (catalogue / "providers" / "acme.yaml").exists()


def test_filled_scaffold_validates(capsys, catalogue):
    """Replacing only the placeholders (nothing else) makes a valid record."""
    new(capsys, "provider", "--id", "acme", "--catalogue", str(catalogue))
    new(capsys, "credential", "--provider", "acme", "--id", "data-basics", "--catalogue", str(catalogue))
    fill(catalogue / "providers" / "acme.yaml", {
        "name": "Acme Training", "type": "rto", "country": "AU", "website": "https://acme.example.org"})
    fill(catalogue / "credentials" / "acme" / "data-basics.yaml", CREDENTIAL_ANSWERS)
    result = validate([], catalogue)
    assert [p for p in result.problems if p.is_error] == []


CREDENTIAL_ANSWERS = {
    "title": "Data Basics", "summary": "Learn to clean and chart data in a spreadsheet, in six weeks online.",
    "url": "https://acme.example.org/data-basics", "type": "short-course", "status": "active",
    "languages": "en", "learning_outcomes": "Clean a small data set.", "field_of_education": '"0613"',
    "workload_hours": "30", "weeks": "6", "pace": "self-paced", "delivery": "online", "amount": "250",
    "currency": "AUD", "basis": "one-off", "assessment": "project", "type@quality_assurance": "internal",
    "last_reviewed": "2026-01-15",
}


def fill(path, answers: dict[str, str]) -> None:
    """Fill placeholders as a provider would: type a value after `field:` or after a list's `-`."""
    lines = path.read_text(encoding="utf-8").splitlines()
    out, last_key, parent = [], None, None
    for line in lines:
        stripped = line.lstrip()
        indent = len(line) - len(stripped)
        if line.startswith("#") or not stripped:
            out.append(line)
            continue
        key = stripped.split(":", 1)[0] if not stripped.startswith("-") else None
        if key is not None and indent == 0:
            parent = key
        if stripped.startswith("-") and last_key in answers:
            out.append(" " * indent + "- " + answers[last_key])
            continue
        if key is not None:
            last_key = key
            value = answers.get(f"{key}@{parent}") if indent else None
            value = value or (answers.get(key) if key not in ("languages", "learning_outcomes", "assessment") else None)
            if value is not None and (stripped.split(":", 1)[1].strip() == "" or "# TODO" in stripped):
                out.append(" " * indent + f"{key}: {value}")
                continue
        out.append(line)
    path.write_text("\n".join(out) + "\n", encoding="utf-8")
