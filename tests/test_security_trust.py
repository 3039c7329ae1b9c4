"""Trust: a listing cannot put itself on another provider's pathway, and a newcomer cannot take
the name of a provider learners know."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from fixturelib import BASE
from microcred.check import validate

BASE_COURSE = (BASE / "credentials" / "acme" / "base-course.yaml").read_text(encoding="utf-8")
BASE_PROVIDER = (BASE / "providers" / "acme.yaml").read_text(encoding="utf-8")


def provider(catalogue: Path, pid: str, name: str) -> Path:
    path = catalogue / "providers" / f"{pid}.yaml"
    text = BASE_PROVIDER.replace("id: acme", f"id: {pid}").replace("name: Acme Institute (invented, for tests)", f"name: {name}")
    path.write_text(text.replace("https://acme.example.org/", f"https://{pid}.example.org/"), encoding="utf-8")
    return path


def credential(catalogue: Path, gid: str, extra: str = "") -> Path:
    pid, cid = gid.split("/")
    path = catalogue / "credentials" / pid / f"{cid}.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    text = BASE_COURSE.replace("id: base-course", f"id: {cid}").replace("provider: acme", f"provider: {pid}")
    path.write_text(text + extra, encoding="utf-8")
    return path


@pytest.fixture
def catalogue(tmp_path):
    """acme (the base catalogue) and `uni`, whose award `uni/masters` accepts credit as told."""
    folder = tmp_path / "catalogue"
    shutil.copytree(BASE, folder)
    provider(folder, "uni", "Example University")
    return folder


def claim(catalogue: Path, accepts: list[str] | None) -> tuple[Path, Path]:
    award = credential(catalogue, "uni/masters",
                       "" if accepts is None else "accepts_credit_from: [" + ", ".join(accepts) + "]\n")
    listing = credential(catalogue, "acme/course", "stacks_into:\n  - target: uni/masters\n")
    return award, listing


def problems(result, rule):
    return [p for p in result.problems if p.rule == rule]


def test_a_claim_on_another_providers_credential_without_its_consent_is_an_error(catalogue):
    _, listing = claim(catalogue, None)
    result = validate([listing], catalogue)  # as in a pull request: only the changed file
    [problem] = problems(result, "stacking-confirmed")
    assert not result.ok
    assert (problem.line, problem.path) == (BASE_COURSE.count("\n") + 2, "stacks_into[0].target")
    assert "uni/masters" in problem.message and "acme" in problem.message
    assert "accepts_credit_from" in problem.hint and "catalogue/credentials/uni/masters.yaml" in problem.hint


def test_only_the_targets_accepts_credit_from_lets_another_provider_stack_into_it(catalogue):
    # (the target's accepts_credit_from, whether acme/course may stack into it)
    table = [(None, False), (["acme"], True), (["acme/course"], True), (["other", "acme"], True),
             (["acme/other-course"], False), (["acmex"], False), (["uni"], False)]
    for accepts, accepted in table:
        _, listing = claim(catalogue, accepts)
        found = [p.rule for p in validate([listing], catalogue).problems]
        assert found == ([] if accepted else ["stacking-confirmed"]), accepts
        assert validate([], catalogue).ok is accepted, accepts
    # A provider's own credentials need no confirmation; a missing target is reported once, as missing.
    own = credential(catalogue, "acme/course", "stacks_into:\n  - target: acme/base-course\n")
    assert validate([own], catalogue).problems == []
    missing = credential(catalogue, "acme/course", "stacks_into:\n  - target: uni/nothing\n  - target: uni/masters\n")
    assert [p.rule for p in validate([missing], catalogue).problems] == ["stacks-into-target-exists", "stacking-confirmed"]


def two_providers(tmp_path, existing: str, newcomer: str) -> tuple[Path, Path]:
    """The base catalogue with `first` named `existing`; returns it and `second`'s file, named `newcomer`."""
    folder = tmp_path / "catalogue"
    shutil.copytree(BASE, folder)
    provider(folder, "first", existing)
    return folder, provider(folder, "second", newcomer)


@pytest.mark.parametrize("existing, newcomer", [
    ("mit", "ＭＩＴ"),  # full-width letters: the same name after NFKC
    ("Harbour Skills (Sydney)", "HARBOUR SKILLS (SYDNEY)"),
    ("Straße Academy", "STRASSE ACADEMY"),  # case folding, not just lower-casing
])
def test_a_new_provider_cannot_take_an_existing_providers_name(tmp_path, existing, newcomer):
    folder, new = two_providers(tmp_path, existing, newcomer)
    # The pull request's own file is rejected, naming the file that holds the name already.
    [problem] = [p for p in validate([new], folder).problems if p.rule == "unique-provider-name"]
    assert problem.path == "name" and problem.line == 3
    assert "catalogue/providers/first.yaml" in problem.message
    # The whole catalogue: both records sharing the name are reported, and only they.
    result = validate([], folder)
    assert {Path(p.file).stem for p in result.problems} == {"first", "second"}
    assert {p.rule for p in result.problems} == {"unique-provider-name"}
    # A name that merely contains another is a different name.
    new.unlink()
    provider(folder, "second", f"{existing} Press")
    assert validate([], folder).problems == []


@pytest.mark.parametrize("existing, newcomer", [
    ("MIT", "\u041c\u0406\u0422"),  # Cyrillic М, І, Т
    ("Institute of Technology", "Institute of Technolog\u0443"),  # a Cyrillic у
    ("IBM Training", "\u0399BM Training"),  # a Greek Ι
    ("Example College", "Example\u200b College"),  # zero-width space
    ("Acme Skills", "Acme Skills\u3164"),  # a trailing Hangul filler
    ("Acme Skills", "Acme Skills\u115f"),  # a trailing Hangul choseong filler
    ("Acme Skills", "Acme Skills\u2800"),  # a trailing braille blank
    ("Acme Skills", "Ac\u034fme Skills"),  # combining grapheme joiner
    ("Acme Skills", "Acme\ufe0f Skills"),  # a variation selector
    ("Acme Skills", "AcmeSkills"),  # blanks dropped
])
def test_a_look_alike_or_an_invisible_character_does_not_make_a_new_name(tmp_path, existing, newcomer):
    folder, new = two_providers(tmp_path, existing, newcomer)
    [problem] = [p for p in validate([new], folder).problems if p.rule == "unique-provider-name"]
    assert problem.path == "name" and "catalogue/providers/first.yaml" in problem.message


@pytest.mark.parametrize("existing, newcomer", [("Ail Academy", "Ali Academy"), ("Mill Training", "Mil Training"),
                                                ("Acme", "Acne")])
def test_names_that_only_share_letters_are_different_names(tmp_path, existing, newcomer):
    folder, _ = two_providers(tmp_path, existing, newcomer)
    assert validate([], folder).problems == []


def award(catalogue: Path, kind: str, accepts: str = "") -> Path:
    path = catalogue / "qualifications" / "degree.yaml"
    path.write_text(
        "# yaml-language-server: $schema=https://open-microcredentials.github.io/catalogue/schema/qualification.schema.json\n"
        f"id: degree\ntitle: Master of Examples\ntype: {kind}\nawarding_body: Example University\n"
        f"url: https://uni.example.org/masters\n{accepts}", encoding="utf-8")
    return path


def test_a_claim_on_a_qualification_needs_its_consent(catalogue):
    award(catalogue, "higher-education-award")
    listing = credential(catalogue, "acme/course", "stacks_into:\n  - target: degree\n")
    [problem] = problems(validate([listing], catalogue), "stacking-confirmed")
    assert problem.path == "stacks_into[0].target" and "`degree` is the qualification" in problem.message
    assert "catalogue/qualifications/degree.yaml" in problem.hint and "accepts_credit_from" in problem.hint
    for accepts in ("accepts_credit_from: [acme]\n", "accepts_credit_from: [acme/course]\n"):
        award(catalogue, "higher-education-award", accepts)
        assert validate([], catalogue).ok, accepts
    award(catalogue, "professional-certification", "accepts_credit_from: [uni]\n")
    assert problems(validate([listing], catalogue), "stacking-confirmed")


@pytest.mark.parametrize("kind", ["vet-qualification", "skill-set"])
def test_nationally_recognised_training_takes_credit_without_consent(catalogue, kind):
    # Standards for RTOs 2015, clause 3.5: every RTO recognises the units another RTO issued.
    award(catalogue, kind)
    listing = credential(catalogue, "acme/course", "stacks_into:\n  - target: degree\n")
    assert problems(validate([listing], catalogue), "stacking-confirmed") == []

