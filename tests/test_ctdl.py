"""The CTDL export, checked against Credential Engine's own artefacts (tests/standards/ctdl/): its
JSON validation schemas for every node, and its ingest examples for the shape of shared terms."""
from __future__ import annotations

import copy
import datetime as dt
import gzip
import json
import re
from pathlib import Path

import jsonschema
import pytest

from microcred.build import load_catalogue
from microcred.export import ctdl_terms
from microcred.export.ctdl import credential_graph, ctdl_files, organization_graph
from microcred.export.jsonfile import json_bytes
from microcred.export.package import package_files
from microcred.paths import CATALOGUE_DIR, SITE_URL
from microcred.render.data import data_page
from microcred.schemas import load_schema
from every_field_catalogue import every_field_catalogue

STANDARD = Path(__file__).parent / "standards" / "ctdl"
CAO = {"$ref": "#/definitions/ceterms:CredentialAlignmentObject"}
CAO_LIST = {"type": "array", "items": CAO}
# Terms CTDL added after the 2019 validation schemas, with their ranges (README.md beside them).
NEWER_TERMS = {
    "credential": {"ceterms:learningDeliveryType": CAO_LIST},
    "learning-opportunity": {"ceterms:lifeCycleStatusType": CAO, "ceterms:assessmentMethodType": CAO_LIST,
                             "ceterms:assessmentMethodDescription": {"$ref": "#/definitions/meta:langstring"},
                             "ceterms:scheduleFrequencyType": CAO_LIST},
}
# Required terms the records cannot supply truthfully (README.md): (schema, class) -> terms.
RELAXED = {
    "learning-opportunity": {"ceterms:availableAt", "ceterms:availableOnlineAt", "ceterms:availabilityListing"},
    "organization": {"ceterms:agentSectorType", "ceterms:agentType", "ceterms:email"},
}
REFERENCE_KEYS = {"@id", "@type", "ceterms:name", "ceterms:description", "ceterms:subjectWebpage"}


def _schema(name: str) -> dict:
    return json.loads((STANDARD / "schema" / f"{name}.json").read_text(encoding="utf-8"))


def _validator(name: str, definition: str, kind: str) -> jsonschema.Draft4Validator:
    schema = _schema(name)
    # The 2019 credential schema alone takes text as a plain string; its siblings and the registry
    # take language maps ({"en": ...}), which the export writes: check it by their definition.
    schema["definitions"]["meta:langstring"] = _schema("learningOpportunityProfileSchema")["definitions"]["meta:langstring"]
    node = schema["definitions"][definition]
    node["properties"].update(copy.deepcopy(NEWER_TERMS.get(kind, {})))
    node["required"] = [r for r in node["required"] if r not in RELAXED.get(kind, set())]
    if kind == "learning-opportunity":
        node["anyOf"] = [{"required": [term]} for term in sorted(RELAXED[kind])]
    root = {"$schema": schema["$schema"], "definitions": schema["definitions"], "$ref": f"#/definitions/{definition}"}
    return jsonschema.Draft4Validator(root, format_checker=jsonschema.FormatChecker())


CREDENTIAL_CLASSES = set(_schema("credentialSchema")["definitions"]) & {
    k for k in _schema("credentialSchema")["definitions"] if re.fullmatch(r"ceterms:[A-Z]\w+", k)}


@pytest.fixture(scope="module")
def edge(tmp_path_factory):
    folder = every_field_catalogue(tmp_path_factory.mktemp("catalogue"))
    return load_catalogue(folder, as_of=dt.date(2026, 11, 30))


@pytest.fixture(scope="module")
def real():
    return load_catalogue(CATALOGUE_DIR)


def _graphs(catalogue) -> dict[str, dict]:
    """Every CTDL graph by its path, the compressed bundle decompressed."""
    return {path: json.loads(gzip.decompress(content) if path.endswith(".gz") else content)
            for path, content in ctdl_files(catalogue).items()}


def _errors(validator, node) -> list[str]:
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(node)]


def check_against_credential_engine(catalogue) -> None:
    validators = {}
    graphs = _graphs(catalogue)
    ids = {node["@id"] for doc in graphs.values() for node in doc["@graph"]}
    for path, doc in graphs.items():
        assert doc["@context"] == ctdl_terms.CONTEXT and doc["@id"] == SITE_URL + "data/" + path
        for node in doc["@graph"]:
            kind = node["@type"]
            if set(node) <= REFERENCE_KEYS:  # a node the graph names (a qualification, a QA body)
                assert kind in CREDENTIAL_CLASSES | {"ceterms:CredentialOrganization", "ceterms:QACredentialOrganization"}
                continue
            if kind in CREDENTIAL_CLASSES:
                key = ("credentialSchema", kind, "credential")
                relaxed = set() if "ceterms:credentialStatusType" in node else {"ceterms:credentialStatusType"}
            elif kind == "ceterms:LearningOpportunityProfile":
                key, relaxed = ("learningOpportunityProfileSchema", kind, "learning-opportunity"), set()
            else:
                assert kind == "ceterms:CredentialOrganization", (path, kind)
                key, relaxed = ("agentSchema", kind, "organization"), set()
            validator = validators.setdefault(key, _validator(*key))
            errors = [e for e in _errors(validator, node)
                      if not any(f"'{term}' is a required property" in e for term in relaxed)]
            assert not errors, (path, node["@id"], errors)
            # Every link names a node of the export (or a national register page).
            for term in ("ceterms:ownedBy", "ceterms:offeredBy", "ceterms:isPartOf", "ceterms:hasPart",
                         "ceterms:owns", "ceterms:offers", "ceterms:accreditedBy", "ceterms:regulatedBy",
                         "ceterms:recognizedBy"):
                for target in node.get(term, []):
                    assert target in ids, (path, term, target)


def test_every_generated_node_is_valid_by_credential_engines_schema(edge):
    check_against_credential_engine(edge)


def test_every_real_record_is_valid_by_credential_engines_schema(real):
    check_against_credential_engine(real)


def test_the_schema_check_catches_a_term_ctdl_does_not_define(edge):
    """The validator is strict: a misspelt or invented term on a credential fails."""
    doc = _graphs(edge)["ctdl/credentials/nordic/unicode-everything.json"]
    node = dict(doc["@graph"][0], **{"ceterms:lifecycleStatusType": []})
    validator = _validator("credentialSchema", node["@type"], "credential")
    assert any("lifecycleStatusType" in e for e in _errors(validator, node))


def _shape(value) -> str:
    if isinstance(value, list):
        return "list"
    if isinstance(value, dict):
        return value.get("@type", "object")
    return "text" if isinstance(value, str) else "number" if isinstance(value, (int, float)) else type(value).__name__


def _term_shapes(nodes) -> dict[str, set[str]]:
    shapes: dict[str, set[str]] = {}

    def walk(node):
        for key, value in node.items():
            if key.startswith("ceterms:"):
                # A language map ({"en-US": ...}) is the ingest examples' form of a text value.
                language_map = isinstance(value, dict) and "@type" not in value and all(
                    re.fullmatch(r"[a-z]{2,3}(-[A-Za-z0-9]{1,8})*", k) for k in value)
                shapes.setdefault(key, set()).add("text" if language_map else _shape(value))
            for item in value if isinstance(value, list) else [value]:
                if isinstance(item, dict):
                    walk(item)

    for node in nodes:
        walk(node)
    return shapes


def test_terms_shared_with_credential_engines_ingest_examples_have_their_shape(edge):
    examples = []
    for path in sorted((STANDARD / "examples").glob("*.json")):
        doc = json.loads(path.read_text(encoding="utf-8"))
        assert doc["@context"] == ctdl_terms.CONTEXT
        examples += doc.get("@graph", [doc])
    theirs = _term_shapes(examples)
    ours = _term_shapes([n for doc in _graphs(edge).values() for n in doc["@graph"]])
    shared = set(theirs) & set(ours)
    assert {"ceterms:requires", "ceterms:targetLearningOpportunity", "ceterms:credentialStatusType",
            "ceterms:estimatedCost", "ceterms:deliveryType", "ceterms:ownedBy"} <= shared
    for term in shared:
        assert ours[term] <= theirs[term], (term, ours[term], theirs[term])


def test_each_type_becomes_a_ctdl_credential_class():
    assert set(ctdl_terms.CREDENTIAL_CLASS) == set(load_schema("credential")["properties"]["type"]["enum"])
    assert set(ctdl_terms.CREDENTIAL_CLASS.values()) <= CREDENTIAL_CLASSES
    assert set(ctdl_terms.QUALIFICATION_CLASS) == set(load_schema("qualification")["properties"]["type"]["enum"])


def test_credential_is_earned_through_a_learning_opportunity_with_the_study_terms(edge):
    doc = _graphs(edge)["ctdl/credentials/nordic/unicode-everything.json"]
    cred, lopp = doc["@graph"][:2]
    assert cred["@type"] == "ceterms:MicroCredential"
    assert cred["ceterms:requires"][0]["ceterms:targetLearningOpportunity"] == [lopp["@id"]]
    assert cred["ceterms:credentialStatusType"]["ceterms:targetNode"] == "credentialStat:Active"
    assert cred["ceterms:learningDeliveryType"][0]["ceterms:targetNode"] == "deliveryType:BlendedDelivery"
    for term in ("ceterms:teaches", "ceterms:assessmentMethodType", "ceterms:lifeCycleStatusType", "ceterms:deliveryType"):
        assert term in lopp and term not in cred
    (credit,) = lopp["ceterms:creditValue"]
    assert credit["schema:value"] == 7.5 and credit["schema:unitText"][0]["ceterms:targetNodeName"] == {"en": "ECTS credit"}
    duration = lopp["ceterms:estimatedDuration"][0]
    assert (duration["ceterms:minimumDuration"], duration["ceterms:maximumDuration"]) == ("P10D", "P3W")
    cost = lopp["ceterms:estimatedCost"][0]
    assert (cost["@type"], cost["ceterms:price"], cost["ceterms:currency"]) == ("ceterms:CostProfile", 1250.5, "NOK")


def test_vet_credit_is_advanced_standing_or_a_third_partys_recommendation(edge):
    cred = _graphs(edge)["ctdl/credentials/nordic/unicode-everything.json"]["@graph"][0]
    own = [p for p in cred["ceterms:isAdvancedStandingFor"] if "ceterms:targetCompetency" in p]
    assert [u["ceterms:codedNotation"] for u in own[0]["ceterms:targetCompetency"]] == ["BSBWHS311", "BSBPMG430"]
    (third,) = cred["ceterms:isRecommendedFor"]
    assert third["ceterms:assertedBy"] and 'TAFE, "North"' in third["ceterms:description"]["und"]
    assert "ceterms:advancedStandingFrom" not in json.dumps(cred)  # the reverse direction


def test_stacking_is_part_of_and_has_part_both_ways(edge):
    graphs = _graphs(edge)
    part = graphs["ctdl/credentials/nordic/unicode-everything.json"]["@graph"][0]
    whole = graphs["ctdl/credentials/provider-000/credential-00000.json"]["@graph"][0]
    assert whole["@id"] in part["ceterms:isPartOf"] and part["@id"] in whole["ceterms:hasPart"]


def test_upcoming_listing_has_a_life_cycle_status_but_no_credential_status(edge):
    cred, lopp = _graphs(edge)["ctdl/credentials/bare/empty-lists.json"]["@graph"][:2]
    assert "ceterms:credentialStatusType" not in cred
    assert lopp["ceterms:lifeCycleStatusType"]["ceterms:targetNode"] == "lifeCycle:Developing"


def test_ids_and_ctids_are_the_same_in_two_builds_and_unique(edge, tmp_path):
    again = load_catalogue(every_field_catalogue(tmp_path), as_of=dt.date(2027, 1, 1))
    assert ctdl_files(edge) == ctdl_files(again)
    ctids = [n["ceterms:ctid"] for path, doc in _graphs(edge).items() if path != "ctdl.json.gz"
             for n in doc["@graph"] if "ceterms:ctid" in n]
    assert len(ctids) == len(set(ctids)) and all(re.fullmatch(r"ce-[0-9a-f-]{36}", c) for c in ctids)


def test_package_lists_the_ctdl_bundle_with_every_node(edge):
    files = package_files(edge)
    desc = json.loads(files["data/datapackage.json"])
    assert "ctdl.json.gz" in [r["path"] for r in desc["resources"]]
    bundle = json.loads(gzip.decompress(files["data/ctdl.json.gz"]))
    per_file = {n["@id"] for path, doc in _graphs(edge).items() if path != "ctdl.json.gz" for n in doc["@graph"]}
    assert {n["@id"] for n in bundle["@graph"]} == per_file


def test_each_graph_file_and_the_bundle_are_the_json_of_their_graphs_exactly(edge):
    """The files are put together from their nodes' texts (ctdl._written): they must be what
    json_bytes writes for the graph, and the bundle every distinct node in id order."""
    files = ctdl_files(edge)
    graphs = [credential_graph(edge, c) for c in edge.credentials.values()]
    graphs += [organization_graph(p) for p in edge.providers.values()]
    nodes = {}
    for graph in graphs:
        assert files[graph["@id"].removeprefix(SITE_URL + "data/")] == json_bytes(graph)
        nodes.update((n["@id"], n) for n in graph["@graph"])
    bundle = gzip.decompress(files["ctdl.json.gz"])
    assert bundle == json_bytes({"@context": ctdl_terms.CONTEXT, "@id": SITE_URL + "data/ctdl.json.gz",
                                 "@graph": [nodes[key] for key in sorted(nodes)]})
    assert any(len(g["@graph"]) > 2 for g in graphs) and any(not json.dumps(g, ensure_ascii=False).isascii() for g in graphs)  # byte offsets, not characters


def test_data_page_mapping_names_only_terms_the_export_writes(edge):
    written = set(re.findall(r'"(ceterms:\w+)"', "".join(json.dumps(g) for g in _graphs(edge).values())))
    page = data_page(edge)["data/index.md"].split("## How the fields map", 1)[1]
    for field, text in ctdl_terms.FIELD_TERMS.items():
        for term in re.findall(r"`(ceterms:\w+)`", text):
            assert term in written, (field, term)
        row = next(line for line in page.splitlines() if line.startswith((f"| `{field}` |", f"| {field} |")))
        ctdl_cell = row.split(" | ")[1]
        assert re.findall(r"`[^`]+`", text) == re.findall(r"`[^`]+`", ctdl_cell), field
    assert "ceterms:lifeCycleStatusType" not in ctdl_terms.FIELD_TERMS["status"].split(";")[0]
