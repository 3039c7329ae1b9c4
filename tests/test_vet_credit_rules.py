"""VET credit as the record format says: a qualification code the catalogue holds no record of is a
warning that names the national register (the page links there), and a qualification whose file
name differs from its `id` is reported once."""
from __future__ import annotations

import datetime as dt

from fixturelib import FIXTURES, place
from microcred.check import validate
from microcred.render import facts

TODAY = dt.date(2026, 11, 23)


def test_a_code_without_a_qualification_record_is_a_warning_naming_the_register(tmp_path):
    catalogue, placed = place(FIXTURES / "invalid" / "vet-qualification-exists.yaml", tmp_path)
    result = validate(placed, catalogue, today=TODAY)
    vet = [p for p in result.problems if p.rule == "vet-qualification-exists"]
    assert [p.severity for p in vet] == ["warning"]
    assert "https://training.gov.au/Training/Details/" in vet[0].message
    assert facts.tga_url("CHC30121") in vet[0].message  # the page the credential page links the code to
    assert result.ok  # a provider can give credit towards a qualification before anyone records it


def test_a_qualification_named_unlike_its_id_is_reported_once_not_as_a_clash_with_itself(tmp_path):
    catalogue, placed = place(FIXTURES / "invalid" / "id-matches-filename-qualification.yaml", tmp_path)
    result = validate(placed, catalogue, today=TODAY)
    assert [p.rule for p in result.problems] == ["id-matches-filename"]
