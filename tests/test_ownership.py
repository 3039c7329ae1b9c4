"""Ownership: CODEOWNERS generated from the provider records, and `microcred check-ownership`,
which fails a pull request that changes another provider's files."""
from __future__ import annotations

import re

import pytest
from factory import make_catalogue, write_record

from microcred.cli import main
from microcred.tools.ownership import check_ownership, codeowners, owner_of
from microcred.paths import ROOT


@pytest.fixture
def base(tmp_path):
    """A base-branch catalogue: provider-000 and provider-001, each with its maintainer handle."""
    folder = make_catalogue(tmp_path / "catalogue", credentials=4, providers=2)
    write_record(folder, "provider", {"id": "unowned", "name": "Unowned Provider", "type": "rto",
                                      "country": "AU", "website": "https://unowned.example.org"})
    return folder


def check(base, author, *changed, maintainers=(), trusted=False):
    return check_ownership(list(changed), author, base, list(maintainers), trusted)


def test_a_change_to_another_providers_folder_is_caught(base):
    problems = check(base, "provider-000-maint", "catalogue/credentials/provider-001/credential-00001.yaml")
    assert len(problems) == 1
    problem = problems[0]
    assert problem.file == "catalogue/credentials/provider-001/credential-00001.yaml"
    assert problem.is_error and problem.rule == "ownership"
    assert "provider-001" in problem.message and "@provider-001-maint" in problem.message


def test_another_providers_record_cannot_be_changed_to_add_oneself(base):
    problems = check(base, "provider-000-maint", "catalogue/providers/provider-001.yaml")
    assert [p.file for p in problems] == ["catalogue/providers/provider-001.yaml"]


def test_own_files_pass_with_any_case_and_a_leading_at(base):
    changed = ["catalogue/credentials/provider-000/credential-00000.yaml",
               "catalogue/credentials/provider-000/new-course.yaml", "catalogue/providers/provider-000.yaml"]
    assert check(base, "@Provider-000-MAINT", *changed) == []


def test_only_the_offending_files_are_reported(base):
    problems = check(base, "provider-000-maint", "catalogue/credentials/provider-000/credential-00000.yaml",
                     "catalogue/credentials/provider-001/credential-00001.yaml", "schema/credential.schema.json")
    assert [p.file for p in problems] == ["catalogue/credentials/provider-001/credential-00001.yaml",
                                          "schema/credential.schema.json"]


def test_a_new_provider_may_add_its_own_files(base):
    assert check(base, "newcomer", "catalogue/providers/harbour-skills.yaml",
                 "catalogue/credentials/harbour-skills/forklift-basics.yaml") == []


def test_a_provider_without_maintainers_is_changed_only_by_catalogue_maintainers(base):
    changed = "catalogue/credentials/unowned/x.yaml"
    problems = check(base, "someone", changed)
    assert len(problems) == 1 and "names no `maintainers`" in problems[0].message
    assert check(base, "someone", changed, maintainers=["Someone"]) == []


def test_files_outside_provider_folders_need_a_catalogue_maintainer(base):
    for path in ("schema/credential.schema.json", "scripts/microcred/cli.py", ".github/workflows/pr.yml",
                 "catalogue/README.md", "catalogue/qualifications/qualification-00.yaml"):
        assert [p.file for p in check(base, "provider-000-maint", path)] == [path]
        assert check(base, "provider-000-maint", path, maintainers=["@provider-000-maint"]) == []
        assert check(base, "provider-000-maint", path, trusted=True) == []


def test_a_new_qualification_may_be_added_by_anyone(base):
    assert check(base, "newcomer", "catalogue/qualifications/brand-new-award.yaml") == []


@pytest.mark.parametrize("path, owner", [
    ("catalogue/credentials/acme/x.yaml", ("provider", "acme")),
    ("./catalogue/credentials/acme/x.yaml", ("provider", "acme")),
    ("catalogue/providers/acme.yaml", ("provider", "acme")),
    ("catalogue/providers/README.md", ("catalogue", None)),
    ("catalogue/credentials/acme.yaml", ("catalogue", None)),
    ("catalogue/qualifications/q.yaml", ("qualification", "q")),
    (".github/CODEOWNERS", ("catalogue", None)),
])
def test_owner_of_a_path(path, owner):
    assert owner_of(path) == owner


def test_command_exits_1_with_an_annotation_per_file(base, tmp_path, capsys):
    changed = tmp_path / "changed.txt"
    changed.write_text("catalogue/credentials/provider-001/credential-00001.yaml\n"
                       "catalogue/credentials/provider-000/credential-00000.yaml\n", encoding="utf-8")
    code = main(["check-ownership", "--catalogue", str(base), "--author", "provider-000-maint",
                 "--changed-list", str(changed), "--format", "github", "--maintainers", str(tmp_path / "none.txt")])
    out = capsys.readouterr().out
    assert code == 1
    annotations = [line for line in out.splitlines() if line.startswith("::")]
    assert len(annotations) == 1
    assert annotations[0].startswith("::error file=catalogue/credentials/provider-001/credential-00001.yaml,title=")


def test_command_passes_for_own_files_and_for_organisation_members(base, capsys):
    args = ["check-ownership", "--catalogue", str(base), "--changed"]
    assert main([*args, "catalogue/credentials/provider-000/credential-00000.yaml",
                 "--author", "provider-000-maint"]) == 0
    assert main([*args, "schema/common.schema.json", "--author", "maintainer",
                 "--author-association", "MEMBER"]) == 0
    assert main([*args, "schema/common.schema.json", "--author", "outsider",
                 "--author-association", "CONTRIBUTOR"]) == 1


def test_maintainers_file_names_catalogue_maintainers(base, tmp_path, capsys):
    listed = tmp_path / "maintainers.txt"
    listed.write_text("# the catalogue's maintainers\n@Carol  # lead\n\n", encoding="utf-8")
    args = ["check-ownership", "--catalogue", str(base), "--changed", "schema/common.schema.json"]
    assert main([*args, "--author", "carol", "--maintainers", str(listed)]) == 0
    assert main([*args, "--author", "dave", "--maintainers", str(listed)]) == 1


def test_codeowners_gives_each_provider_folder_to_its_maintainers(base):
    text = codeowners(base)
    lines = [line for line in text.splitlines() if line and not line.startswith("#")]
    assert lines[0] == "* @open-microcredentials/maintainers"
    assert "/catalogue/credentials/provider-000/ @provider-000-maint @open-microcredentials/maintainers" in lines
    assert "/catalogue/providers/provider-001.yaml @provider-001-maint @open-microcredentials/maintainers" in lines
    assert not any("unowned" in line for line in lines)  # no maintainers: the catalogue's own
    for line in lines:
        assert re.fullmatch(r"\S+( @[A-Za-z0-9-]+(/[A-Za-z0-9-]+)?)+", line), line


def test_committed_codeowners_is_the_generated_one():
    committed = (ROOT / ".github" / "CODEOWNERS").read_text(encoding="utf-8")
    assert committed == codeowners(ROOT / "catalogue"), "run `microcred codeowners --write .github/CODEOWNERS`"


def test_codeowners_check_mode(base, tmp_path, capsys):
    target = tmp_path / "CODEOWNERS"
    assert main(["codeowners", "--catalogue", str(base), "--check", str(target)]) == 1
    assert main(["codeowners", "--catalogue", str(base), "--write", str(target)]) == 0
    assert main(["codeowners", "--catalogue", str(base), "--check", str(target)]) == 0


@pytest.mark.parametrize("handle", ["mallory\n* @evil", "mallory\n", "two words", "-leading", "a" * 40, "team/name"])
def test_codeowners_refuses_a_handle_that_could_split_or_bend_a_line(base, tmp_path, capsys, handle):
    # The schema's pattern rejects these; CODEOWNERS is written from raw records all the same, so
    # the writer checks again rather than let a newline drop the maintainers team from a line.
    write_record(base, "provider", {"id": "sneaky", "name": "Sneaky", "type": "rto", "country": "AU",
                                    "website": "https://sneaky.example.org", "maintainers": ["fine", handle]})
    target = tmp_path / "CODEOWNERS"
    assert main(["codeowners", "--catalogue", str(base), "--write", str(target)]) == 1
    assert not target.exists()
    err = capsys.readouterr().err
    assert "catalogue/providers/sneaky.yaml" in err and "not a GitHub user name" in err
    assert len(err.strip().splitlines()) == 1  # the handle is shown escaped, on the one line


def test_the_ownership_check_says_it_is_a_courtesy_and_names_the_control(capsys):
    import microcred.tools.ownership as ownership

    with pytest.raises(SystemExit):
        main(["check-ownership", "--help"])
    help_text = " ".join(capsys.readouterr().out.split())
    for text in (help_text, " ".join(ownership.__doc__.split())):
        assert "courtesy, not a control" in text and "pull request's own code" in text
        assert "CODEOWNERS" in text and "branch protection" in text
