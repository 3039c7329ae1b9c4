"""CTDL -> a drafted listing: from each of Credential Engine's ingest examples, and from this
catalogue's own CTDL export of every listing (real and generated). Every TODO placeholder fails
validation; with the listed fields filled in, the draft validates; what the export carries comes
back equal."""
from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest

from factory import make_catalogue
from fixturelib import BASE
from microcred.build import build
from microcred.check import validate
from microcred.dump import dump_record
from microcred.export.ctdl import credential_graph
from microcred.paths import CATALOGUE_DIR, modeline
from microcred.schemadoc import example_value
from microcred.tools.importing.drafts import import_draft

TODAY = dt.date(2026, 11, 25)
STANDARDS = Path(__file__).parent / "standards"
# Every example of CredentialEngine/credential-registry-ingest-examples: vendored once, some with
# the CTDL export's tests (ctdl/examples/), the rest here (ctdl-ingest/).
INGEST = sorted([*(STANDARDS / "ctdl-ingest").glob("*.json"), *(STANDARDS / "ctdl" / "examples").glob("*.json")])
ORGANISATION_ONLY = {"Organization-1.json"}
# What this catalogue's CTDL export does not carry whole (stacking and cost notes, VET credit),
# so the round trip compares those apart, and the rest equal.
LOSSY = {"stacks_into", "vet_credit", "cost"}


def _set(record: dict, path: str, value) -> None:
    keys = path.split(".")
    for key in keys[:-1]:
        record = record.setdefault(key, {})
    record[keys[-1]] = value


def _get(record: dict, path: str):
    for key in path.split("."):
        record = record[key]
    return record


def _fill_and_validate(draft, catalogue: Path, provider: str, values) -> None:
    """The draft with each listed field filled in, written where it belongs, validates."""
    filled = json.loads(json.dumps(draft.record))
    for path in draft.missing:
        _set(filled, path, values(path))
    filled.update({name: values(name) for name in draft.conditional if filled.get("delivery") != "online"})
    filled["provider"] = provider
    target = catalogue / "credentials" / provider / f"{filled['id']}.yaml"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(modeline("credential") + "\n" + dump_record(filled), encoding="utf-8")
    result = validate([target], catalogue, today=TODAY)
    assert result.ok, [(p.path, p.message) for p in result.problems]


def test_the_ingest_examples_are_all_there():
    names = {p.name for p in INGEST}
    assert len(names) == 9, names


@pytest.mark.parametrize("example", [p for p in INGEST if p.name not in ORGANISATION_ONLY], ids=lambda p: p.stem)
def test_each_ingest_example_drafts_a_listing_that_validates_once_filled(example, tmp_path):
    catalogue = tmp_path / "catalogue"
    shutil.copytree(BASE, catalogue)
    drafts = import_draft("ctdl", example, catalogue, None)
    assert drafts
    for draft in drafts:
        source = json.loads(example.read_text(encoding="utf-8"))
        nodes = source.get("@graph", [source])
        assert draft.record["title"] in {n["ceterms:name"]["en-US"] for n in nodes if "ceterms:name" in n}
        if "url" in draft.rejected:  # an http:// page is not written as if it were good: it is a TODO
            assert "url" in draft.missing and "http:" in draft.rejected["url"]
        else:
            assert draft.record["url"].startswith("https://example.com")
        written = validate([draft.path], catalogue, today=TODAY)
        failing = {p.path for p in written.problems if p.is_error}
        assert set(draft.missing) <= failing, "each TODO fails validation until it is filled in"
        _fill_and_validate(draft, catalogue, "acme", lambda path: example_value("credential", path))


def test_the_program_example_maps_its_delivery_cost_and_status(tmp_path):
    catalogue = tmp_path / "catalogue"
    shutil.copytree(BASE, catalogue)
    [draft] = import_draft("ctdl", STANDARDS / "ctdl" / "examples" / "LearningProgram-2.json", catalogue, None, write=False)
    assert draft.record["delivery"] == "online"
    assert draft.record["status"] == "active"
    assert draft.record["cost"] == {"amount": 25000, "currency": "USD", "basis": "one-off"}  # "US Dollar" in words
    assert draft.record["languages"] == ["en-US"]


def test_an_organisation_alone_is_refused_with_a_reason(tmp_path):
    with pytest.raises(ValueError, match="no credential and no learning opportunity"):
        import_draft("ctdl", STANDARDS / "ctdl" / "examples" / "Organization-1.json", BASE, None, write=False)


@pytest.mark.parametrize("which", ["real", "generated"])
def test_every_exported_listing_imports_back(which, tmp_path):
    source = CATALOGUE_DIR if which == "real" else make_catalogue(tmp_path / "gen", credentials=30, qualifications=4)
    built = build(source, as_of=TODAY)
    assert built.catalogue is not None
    work = tmp_path / "work"
    for n, cred in enumerate(built.catalogue.credentials.values()):
        original = cred.data
        doc = tmp_path / f"{n}.json"
        doc.write_text(json.dumps(credential_graph(built.catalogue, cred)), encoding="utf-8")
        shutil.rmtree(work, ignore_errors=True)
        shutil.copytree(source, work)
        (work / "credentials" / cred.provider.id / f"{cred.id}.yaml").unlink()
        [draft] = import_draft("ctdl", doc, work, None)
        for key, value in draft.record.items():
            placeholder = value is None or (isinstance(value, dict) and None in value.values())
            if not placeholder and key not in LOSSY:
                assert value == original.get(key), (cred.global_id, key, value)
        assert draft.record["cost"] == {k: v for k, v in original["cost"].items() if k != "note"}
        assert [s["target"] for s in draft.record.get("stacks_into", [])] == \
            [s["target"] for s in original.get("stacks_into", [])]
        draft.path.unlink()
        _fill_and_validate(draft, work, cred.provider.id, lambda path: _get(original, path))
