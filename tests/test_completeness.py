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


def _generated(tmp_path):
    import datetime as dt

    from factory import make_catalogue
    from microcred.build import build

    built = build(make_catalogue(tmp_path / "catalogue", credentials=30), as_of=dt.date(2026, 11, 25))
    assert built.catalogue is not None
    return built.catalogue


def test_the_credential_page_says_whether_it_meets_the_eu_standard_elements(tmp_path):
    from microcred.render.credential import credential_page

    catalogue = _generated(tmp_path)
    seen = set()
    for cred in catalogue.credentials.values():
        html = credential_page(catalogue, cred).html
        meets = completeness(cred.data, cred.provider.data).meets_eu
        seen.add(meets)
        assert ("Meets the EU standard elements" in html) == meets
        if not meets:
            assert "not stated: Level (and cycle) of the learning experience" in html
    assert seen == {True, False}  # the generated listings have a level half the time


def test_the_finder_can_narrow_to_listings_that_meet_the_eu_standard_elements(tmp_path):
    from microcred.render.finder_index import finder_index

    catalogue = _generated(tmp_path)
    index = finder_index(catalogue, list(catalogue.credentials.values()))
    facet = next(f for f in index["facets"] if f["key"] == "eu")
    assert facet["label"] == "Meets the EU standard elements" and [v[0] for v in facet["values"]] == ["yes", "no"]
