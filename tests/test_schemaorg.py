"""schema.org JSON-LD checked against the schema.org release vocabulary (tests/standards/schemaorg/,
generated from release 30.0 by make_vocabulary.py there): every node's type exists, every property
exists and is allowed on its node's type, and every value is of a type the property's range allows."""
from __future__ import annotations

import datetime as dt
import functools
import json
from pathlib import Path

import pytest

from microcred.build import load_catalogue
from microcred.export import jsonld
from microcred.paths import CATALOGUE_DIR
from every_field_catalogue import every_field_catalogue

VOCABULARY = json.loads((Path(__file__).parent / "standards" / "schemaorg" / "vocabulary.json").read_text("utf-8"))
TYPES, PROPERTIES = VOCABULARY["types"], VOCABULARY["properties"]
# Literal ranges: which JSON values each data type takes (ISO 8601 text for dates and durations).
TEXT_RANGES = {"Text", "URL", "Date", "DateTime", "Time", "Duration", "Language"}
NUMBER_RANGES = {"Number", "Integer", "Float"}


@functools.cache
def supertypes(name: str) -> frozenset[str]:
    seen, todo = set(), [name]
    while todo:
        t = todo.pop()
        if t not in seen:
            seen.add(t)
            todo += TYPES.get(t, [])
    return frozenset(seen)


def problems(node: dict, where: str = "") -> list[str]:
    out = []
    kind = node.get("@type")
    if kind not in TYPES:
        return [f"{where}: unknown type {kind!r}"]
    mine = supertypes(kind)
    for key, value in node.items():
        if key.startswith("@"):
            continue
        here = f"{where}/{key}"
        prop = PROPERTIES.get(key)
        if prop is None:
            out.append(f"{here}: no such property")
            continue
        if not mine & set(prop["domain"]):
            out.append(f"{here}: not a property of {kind} (domain {prop['domain']})")
        allowed = set().union(*(subtypes_of(r) for r in prop["range"]))
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, dict):
                if item.get("@type") not in allowed:
                    out.append(f"{here}: a {item.get('@type')} is not in its range {prop['range']}")
                out += problems(item, here)
            elif isinstance(item, bool):
                if "Boolean" not in allowed:
                    out.append(f"{here}: a boolean is not in its range {prop['range']}")
            elif isinstance(item, (int, float)):
                if not allowed & NUMBER_RANGES:
                    out.append(f"{here}: a number is not in its range {prop['range']}")
            elif not allowed & TEXT_RANGES and not any("Enumeration" in supertypes(r) for r in prop["range"]):
                out.append(f"{here}: text is not in its range {prop['range']}")
    return out


@functools.cache
def subtypes_of(name: str) -> frozenset[str]:
    return frozenset({t for t in TYPES if name in supertypes(t)} | {name})


@pytest.fixture(scope="module")
def edge(tmp_path_factory):
    return load_catalogue(every_field_catalogue(tmp_path_factory.mktemp("catalogue")), as_of=dt.date(2026, 11, 30))


@pytest.mark.parametrize("source", ["edge", "real"])
def test_every_node_and_property_is_in_the_schemaorg_vocabulary(source, edge):
    catalogue = edge if source == "edge" else load_catalogue(CATALOGUE_DIR)
    for cred in catalogue.credentials.values():
        doc = jsonld.credential_jsonld(catalogue, cred)
        assert doc["@context"] == "https://schema.org"
        assert problems(doc, cred.global_id) == []


def test_item_lists_are_in_the_vocabulary(edge):
    if not hasattr(jsonld, "item_list"):
        pytest.skip("no ItemList markup yet")
    creds = list(edge.credentials.values())[:3]
    doc = jsonld.item_list("Finder", "finder/", [f"credentials/{c.global_id}/" for c in creds])
    assert problems(doc, "ItemList") == []


def test_the_check_finds_a_property_outside_its_types_domain():
    """What the issue found: `value` and `unitText` on a StructuredValue."""
    bad = {"@type": "Course", "name": "x", "numberOfCredits": {"@type": "StructuredValue", "value": 5, "unitText": "ECTS"}}
    assert len(problems(bad)) == 2


def test_ects_is_a_quantitative_value_and_no_calendar_time_required(edge):
    doc = jsonld.credential_jsonld(edge, edge.credentials["nordic/unicode-everything"])
    assert doc["numberOfCredits"] == {"@type": "QuantitativeValue", "value": 7.5, "unitText": "ECTS"}
    assert "timeRequired" not in doc  # schema.org: time to work through the content, as courseWorkload says
    assert doc["hasCourseInstance"][0]["courseWorkload"] == "PT12H30M"
