"""Numbers stay numbers a browser can read: amounts, hours, weeks and credit have upper bounds in
the schema, and what the site derives from them (a monthly price times the months) is finite, so
`finder/index.json` is strict JSON and the page never says "about inf"."""
from __future__ import annotations

import datetime as dt
import json
import math
import random
import shutil

import pytest

from factory import credential_record, make_catalogue, write_record
from fixturelib import BASE
from microcred.build import CatalogueError, load_catalogue
from microcred.paths import KINDS
from microcred.render.finder import finder_index
from microcred.schemas import load_schema, resolve
from microcred.check import validate

TODAY = dt.date(2026, 11, 23)
BASE_COURSE = (BASE / "credentials" / "acme" / "base-course.yaml").read_text(encoding="utf-8")


def numeric_fields(schema, path=""):
    schema, _ = resolve(schema)
    if schema.get("type") in ("number", "integer"):
        yield path, schema
    for name, prop in schema.get("properties", {}).items():
        yield from numeric_fields(prop, f"{path}.{name}" if path else name)
    if isinstance(schema.get("items"), dict):
        yield from numeric_fields(schema["items"], f"{path}[]")


@pytest.mark.parametrize("kind", [k for k in KINDS if k != "provider"])  # a provider holds no number
def test_every_number_in_the_schemas_has_an_upper_bound_beside_its_type(kind):
    fields = list(numeric_fields(load_schema(kind)))
    assert fields
    for path, schema in fields:
        assert "maximum" in schema or "exclusiveMaximum" in schema, f"{kind}: {path} has no upper bound"
        assert "bound" in schema["description"] or "at most" in schema["description"] or "1-10" in schema["description"], path


def check(tmp_path, text):
    catalogue = tmp_path / "catalogue"
    shutil.copytree(BASE, catalogue)
    path = catalogue / "credentials" / "acme" / "base-course.yaml"
    path.write_text(text, encoding="utf-8")
    return validate([path], catalogue, today=TODAY).problems


OVER = [("workload_hours: 10", "workload_hours: 10001", "workload_hours"),
        ("duration: {weeks: 2}", "duration: {weeks: 521}", "duration.weeks"),
        ("duration: {weeks: 2}", "duration: {min_weeks: 1, max_weeks: 1e9}", "duration.max_weeks"),
        ("cost: {amount: 0, currency: AUD, basis: one-off}", "cost: {amount: 10000001, currency: AUD, basis: one-off}", "cost.amount"),
        ("cost: {amount: 0, currency: AUD, basis: one-off}",
         "cost: {amount: 0, currency: AUD, basis: one-off, certificate_fee: 1e300}", "cost.certificate_fee"),
        ("workload_hours: 10", "workload_hours: 10\nects: 121", "ects"),
        ("workload_hours: 10", "workload_hours: 1" + "0" * 5000, "workload_hours"),  # past int()'s digit limit
        ("workload_hours: 10", "workload_hours: 0x" + "f" * 400, "workload_hours")]


@pytest.mark.parametrize("old,new,path", OVER, ids=[p for _, _, p in OVER])
def test_a_number_over_its_bound_is_rejected_at_its_field(tmp_path, old, new, path):
    problems = check(tmp_path, BASE_COURSE.replace(old, new))
    assert ("schema/range", path) in {(p.rule, p.path) for p in problems}, problems


def test_a_per_month_price_near_the_float_limit_is_rejected_not_published_as_infinity(tmp_path):
    text = BASE_COURSE.replace("cost: {amount: 0, currency: AUD, basis: one-off}",
                               "cost: {amount: 1.7e308, currency: AUD, basis: per-month}").replace(
                               "duration: {weeks: 2}", "duration: {weeks: 52}")
    problems = check(tmp_path, text)
    found = {(p.rule, p.path, p.line) for p in problems}
    assert ("total-finite", "cost.amount", 16) in found and ("schema/range", "cost.amount", 16) in found
    with pytest.raises(CatalogueError):
        load_catalogue(tmp_path / "catalogue", as_of=TODAY)


def _at_the_bounds(folder):
    make_catalogue(folder, credentials=3)
    record = credential_record(99, "provider-000", random.Random(1), [])
    record.pop("stacks_into", None)
    record.update(workload_hours=10000, duration={"min_weeks": 520, "max_weeks": 520},
                  cost={"amount": 10_000_000, "currency": "USD", "basis": "per-month", "certificate_fee": 10_000_000})
    write_record(folder, "credential", record)
    return record["id"]


def test_a_listing_at_every_bound_builds_a_finder_index_that_is_strict_json(tmp_path):
    cred_id = _at_the_bounds(tmp_path / "catalogue")
    catalogue = load_catalogue(tmp_path / "catalogue", as_of=TODAY)
    cred = catalogue.credentials[f"provider-000/{cred_id}"]
    assert all(math.isfinite(v) for v in cred.expected_total)
    text = json.dumps(finder_index(catalogue, list(catalogue.credentials.values())), allow_nan=False)
    assert "Infinity" not in text and "NaN" not in text
