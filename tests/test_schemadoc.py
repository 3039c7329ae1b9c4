"""The schemas described (microcred.schemadoc), the /contribute/ page's field reference and the
published schemas: generated from the JSON Schemas, so the docs a provider reads cannot drift
from what the validator checks."""
from __future__ import annotations

import json
import re

import pytest

from microcred import schemadoc
from microcred.dump import flow
from microcred.export.package import schema_files
from microcred.render import contribute
from microcred.load import load_text
from microcred.paths import KINDS, ROOT, SCHEMA_DIR, SITE_URL, modeline, schema_url
from microcred.check.registry import RULES
from microcred.check import validate


def _raw(name: str) -> dict:
    return json.loads((SCHEMA_DIR / f"{name}.schema.json").read_text(encoding="utf-8"))


def _follow(node: dict) -> dict:
    """Follow `$ref`s into common.schema.json by hand (not with the package's own resolver)."""
    while isinstance(node, dict) and "$ref" in node:
        node = _raw("common")["$defs"][node["$ref"].rsplit("/", 1)[-1]]
    return node


def every_property(node, prefix="") -> set[str]:
    """Every property path of a schema: `properties` anywhere, through `$ref`, `items`, `if`/`then`."""
    found: set[str] = set()
    if isinstance(node, dict) and "$ref" in node:
        found |= every_property(_follow(node), prefix)
    if not isinstance(node, dict):
        return found
    for key, sub in node.get("properties", {}).items():
        found.add(prefix + key)
        target = _follow(sub)
        found |= every_property(target, prefix + key + ".")
        if "items" in target:
            found |= every_property(_follow(target["items"]), prefix + key + "[].")
    for keyword in ("if", "then", "else"):
        if keyword in node:
            found |= every_property(node[keyword], prefix)
    return found


@pytest.fixture(scope="module")
def page() -> str:
    return contribute.contribute_page(None)["contribute/index.md"]


def _section(page: str, kind: str) -> str:
    start = page.index(f"### {contribute.KIND_HEADINGS[kind]}")
    end = page.find("\n### ", start + 1)
    return page[start:] if end == -1 else page[start:end]


def _rows(section: str) -> dict[str, list[str]]:
    """Table rows by field path: `| `path` | required | meaning | allowed | example |`."""
    rows = {}
    for line in section.splitlines():
        m = re.match(r"^\| `([^`]+)` \| (.*) \|$", line)
        if m:
            rows[m.group(1)] = re.split(r"(?<!\\)\| ", m.group(2) + " ")
    return rows


@pytest.mark.parametrize("kind", KINDS)
def test_reference_lists_every_property_of_the_schema(page, kind):
    expected = every_property(_raw(kind))
    assert {"id"} <= expected  # the walker found something
    listed = set(_rows(_section(page, kind)))
    assert expected - listed == set(), f"fields missing from the {kind} reference"
    assert listed - expected == set(), f"the {kind} reference lists fields the schema lacks"


def test_nested_fields_are_listed(page):
    rows = _rows(_section(page, "credential"))
    for path in ("cost.amount", "duration.weeks", "duration.min_weeks", "stacks_into[].credit.value",
                 "locations[].country", "vet_credit[].units", "level.framework"):
        assert path in rows


def test_every_property_of_the_shared_definitions_is_reached(page):
    # common.schema.json has no top-level properties: its `level` and `credit` fields appear nested.
    rows = _rows(_section(page, "credential")) | _rows(_section(page, "qualification"))
    for name in ("level", "credit"):
        for key in _raw("common")["$defs"][name]["properties"]:
            assert any(path.endswith(f".{key}") for path in rows), key


@pytest.mark.parametrize("kind", KINDS)
def test_required_column_follows_the_schema(page, kind):
    rows = _rows(_section(page, kind))
    schema = _raw(kind)
    for key in schema["properties"]:
        required = rows[key][0].strip()
        if key in schema["required"]:
            assert required == "yes", key
        else:
            assert required != "yes", key
    if kind == "credential":
        assert rows["locations"][0].strip() == "when `delivery` is not `online`"
        assert "one form of" in rows["duration.weeks"][0]
        assert rows["cost.certificate_fee"][0].strip() == "no"


def test_conditional_requirements_name_rules_that_exist():
    for rule_name, _words in schemadoc.CONDITIONAL.values():
        assert rule_name in RULES


@pytest.mark.parametrize("kind", KINDS)
def test_every_enum_value_is_listed_except_the_iso_code_lists(page, kind):
    rows = _rows(_section(page, kind))
    for field in schemadoc.walk(kind):
        schema = field.schema if "enum" in field.schema else schemadoc.resolve(field.schema.get("items", {}))[0]
        if "enum" not in schema:
            continue
        allowed = rows[field.path][2]
        if len(schema["enum"]) > 50:  # countries and currencies: named and linked, not 250 codes
            assert "ISO" in allowed and "](https://www.iso.org/" in allowed
            assert "`AD`" not in allowed
        else:
            for value in schema["enum"]:
                assert f"`{value}`" in allowed, (field.path, value)


@pytest.mark.parametrize("kind", KINDS)
def test_every_field_has_an_example(page, kind):
    for path, cells in _rows(_section(page, kind)).items():
        assert cells[3].strip(), f"{kind} {path} has no example"


@pytest.mark.parametrize("kind", KINDS)
def test_examples_read_back_as_the_example_value(kind):
    """An example cell, written after `field: `, is YAML our loader reads as the example's value."""
    for field in schemadoc.walk(kind):
        value = schemadoc.example_value(kind, field.path)
        text = schemadoc.example_text(kind, field.path)
        if text.endswith("...") or text.endswith('..."') or text == "see the fields below":
            continue  # shortened for the table
        doc = load_text(f"x: {text}\n", "example.yaml")
        shown = doc.data["x"] if doc.data else None
        expected = value[:1] if isinstance(value, list) and len(flow(value)) > 70 else value
        assert shown == expected, (field.path, text)


def test_example_records_form_a_valid_catalogue(tmp_path):
    """The complete examples on the page pass the validator, so no example teaches a mistake."""
    catalogue = tmp_path / "catalogue"
    records = {kind: schemadoc.example_record(kind) for kind in KINDS}
    places = {
        "provider": catalogue / "providers" / f"{records['provider']['id']}.yaml",
        "qualification": catalogue / "qualifications" / f"{records['qualification']['id']}.yaml",
        "credential": catalogue / "credentials" / records["credential"]["provider"] / f"{records['credential']['id']}.yaml",
    }
    for kind, path in places.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(modeline(kind) + "\n" + schemadoc.example_source(kind), encoding="utf-8")
    result = validate([], catalogue)
    errors = [p for p in result.problems if p.is_error]
    assert errors == []
    assert len(result.documents) == 3


def test_extra_examples_are_valid_alternatives():
    record = dict(schemadoc.example_record("credential"))
    record["duration"] = {"min_weeks": schemadoc.EXTRA_EXAMPLES[("credential", "duration.min_weeks")],
                          "max_weeks": schemadoc.EXTRA_EXAMPLES[("credential", "duration.max_weeks")]}
    from microcred.check.schema import validator

    assert list(validator("credential").iter_errors(record)) == []


def test_page_starts_with_the_contributing_guide_without_github_only_parts(page):
    guide = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    assert page.startswith("# Contribute a listing\n")
    assert "<!-- github-only -->" in guide and "github-only" not in page
    for heading in ("## Who may list what", "## Steps", "## Field reference"):
        assert heading in page
    for step in ("git clone", "microcred new provider", "microcred new credential", "make validate"):
        assert step in page


def test_contributing_links_are_absolute_so_they_work_on_github_and_the_site():
    guide = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    links = re.findall(r"\]\(([^)]+)\)", guide)
    assert links
    assert all(link.startswith("https://") for link in links), links


def test_reference_cells_escape_html_outside_code():
    assert contribute._cell("a <b> & c | d `<x>|y`") == "a &lt;b&gt; &amp; c \\| d `<x>|y`"


def test_schemas_are_published_byte_for_byte_where_ids_and_modelines_point():
    files = schema_files(None)
    assert sorted(files) == [f"schema/{n}.schema.json" for n in sorted(("common", *KINDS))]
    for path, content in files.items():
        assert content == (ROOT / path).read_bytes()
        assert json.loads(content)["$id"] == SITE_URL + path
    for kind in KINDS:
        assert f"schema/{kind}.schema.json" in files
        assert modeline(kind).endswith(schema_url(kind))
        assert schema_url(kind) == SITE_URL + f"schema/{kind}.schema.json"


def test_producers_are_registered():
    from microcred.outputs import OUTPUTS

    producers = {o.producer for o in OUTPUTS}
    assert {contribute.contribute_page, schema_files} <= producers
