"""Completeness against the frameworks: which EU standard elements (Council Recommendation 2022,
Annex I) and which Australian National Microcredentials Framework fields a listing states, in
`microcred validate --completeness` and on the credential page."""
from __future__ import annotations

import shutil

from fixturelib import BASE
from microcred.cli import main
from microcred.completeness import EU, NMF, completeness
from microcred.schemadoc import example_record

PROVIDER = {"id": "acme", "name": "Acme Training", "country": "AU"}


def test_the_example_listing_meets_both_frameworks():
    report = completeness(example_record("credential"), PROVIDER)
    assert report.meets_eu and report.meets_nmf
    assert report.counted(EU) == (9, 9)  # the learner's identity and the issue date are the certificate's


def test_a_listing_without_a_level_misses_one_eu_element_only():
    record = example_record("credential")
    del record["level"]
    report = completeness(record, PROVIDER)
    assert not report.meets_eu
    assert report.missing(EU) == ["Level (and cycle) of the learning experience"]
    assert report.meets_nmf  # the NMF asks for AQF alignment only where it applies
    optional = {c.element.name: c.covered for c in report.of(NMF) if not c.element.mandatory}
    assert optional["AQF alignment"] is False


def test_workload_in_ects_alone_counts_as_the_notional_workload():
    record = example_record("credential")
    del record["workload_hours"]
    report = completeness(record, PROVIDER)
    assert "Notional workload" not in report.missing(EU)
    assert report.missing(NMF) == ["Volume of learning (hours)"]


def test_validate_completeness_prints_each_listing(tmp_path, capsys):
    catalogue = tmp_path / "catalogue"
    shutil.copytree(BASE, catalogue)
    assert main(["validate", "--completeness", "--catalogue", str(catalogue)]) == 0
    out = capsys.readouterr().out
    lines = [line for line in out.splitlines() if line.startswith("acme/")]
    assert lines and all("EU " in line and "NMF " in line for line in lines)
