"""The standard exports: Open Badges 3.0 achievements, the JSON-LD bundle, and the /data/ page."""
from __future__ import annotations

import datetime as dt
import json
import re

import markdown
import pytest

from microcred.export import tables as tabular
from microcred.export.badges import ACHIEVEMENT_TYPE
from microcred.render.data import data_page
from microcred.build import load_catalogue
from microcred.export.package import package_files
from microcred.paths import SITE_URL
from microcred.export.jsonld import credential_jsonld
from package_edge_cases import edge_catalogue

# From the Open Badges 3.0 JSON Schema (1EdTech, achievementcredential.json): the Achievement's
# required properties, the AchievementType vocabulary and the Alignment target types.
OB_REQUIRED = {"id", "type", "criteria", "description", "name"}
OB_ACHIEVEMENT_TYPES = {
    "Achievement", "ApprenticeshipCertificate", "Assessment", "Assignment", "AssociateDegree", "Award", "Badge",
    "BachelorDegree", "Certificate", "CertificateOfCompletion", "Certification", "CommunityService", "Competency",
    "Course", "CoCurricular", "Degree", "Diploma", "DoctoralDegree", "Fieldwork", "GeneralEducationDevelopment",
    "JourneymanCertificate", "LearningProgram", "License", "Membership", "ProfessionalDoctorate",
    "QualityAssuranceCredential", "MasterCertificate", "MasterDegree", "MicroCredential", "ResearchDoctorate",
    "SecondarySchoolDiploma"}
OB_TARGET_TYPES = {"ceasn:Competency", "ceterms:Credential", "CFItem", "CFRubric", "CFRubricCriterion",
                   "CFRubricCriterionLevel", "CTDL"}
OB_CONTEXT = ["https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"]


@pytest.fixture(scope="module")
def catalogue(tmp_path_factory):
    folder = edge_catalogue(tmp_path_factory.mktemp("catalogue"))
    return load_catalogue(folder, as_of=dt.date(2026, 11, 30))


@pytest.fixture(scope="module")
def files(catalogue):
    return package_files(catalogue)


def badge(files, global_id) -> dict:
    return json.loads(files[f"data/badges/{global_id}.json"])


def test_every_credential_has_an_open_badges_achievement_with_the_required_fields(catalogue, files):
    for gid, cred in catalogue.credentials.items():
        doc = badge(files, gid)
        assert OB_REQUIRED <= doc.keys()
        assert doc["@context"] == OB_CONTEXT and doc["type"] == ["Achievement"]
        assert doc["id"] == f"{SITE_URL}credentials/{gid}/"
        assert doc["name"] == cred.title and doc["description"] == cred.data["summary"]
        assert doc["achievementType"] in OB_ACHIEVEMENT_TYPES
        assert doc["creator"]["type"] == ["Profile"] and doc["creator"]["id"].startswith(SITE_URL + "providers/")
        assert doc["criteria"]["id"] == cred.data["url"]
        for outcome in cred.data["learning_outcomes"]:
            assert outcome in doc["criteria"]["narrative"]
        for align in doc.get("alignment", []):
            assert align["type"] == ["Alignment"] and align["targetName"] and align["targetUrl"].startswith("https://")
            assert align["targetType"] in OB_TARGET_TYPES or re.fullmatch(r"ext:[A-Za-z0-9.\-_]+", align["targetType"])


def test_every_catalogue_type_maps_to_an_open_badges_type():
    from microcred.schemas import load_schema

    assert set(ACHIEVEMENT_TYPE) == set(load_schema("credential")["properties"]["type"]["enum"])
    assert set(ACHIEVEMENT_TYPE.values()) <= OB_ACHIEVEMENT_TYPES
    assert ACHIEVEMENT_TYPE["micro-credential"] == "MicroCredential" and ACHIEVEMENT_TYPE["digital-badge"] == "Badge"


def test_badge_carries_ects_skills_language_and_vet_alignments(files):
    doc = badge(files, "nordic/unicode-everything")
    assert doc["creditsAvailable"] == 7.5
    assert doc["tag"][0] == "NO" and doc["inLanguage"] == "nb"
    assert doc["creator"]["address"]["addressCountryCode"] == "NO"
    units = [a for a in doc["alignment"] if a["targetType"] == "ceasn:Competency"]
    assert [a["targetCode"] for a in units] == ["BSBPMG430", "BSBWHS311", "BSBPMG430"]
    assert units[0]["targetUrl"] == "https://training.gov.au/Training/Details/BSBPMG430"
    stacks = [a for a in doc["alignment"] if a["targetType"] == "ceterms:Credential" and "targetCode" not in a]
    assert stacks[0]["targetUrl"] == SITE_URL + "qualifications/master-of-data/"
    assert "0.5 ECTS" in stacks[0]["targetDescription"]
    assert any(a["targetName"] == "EQF level 6" for a in doc["alignment"])


def test_badge_without_optional_fields_leaves_them_out(files):
    doc = badge(files, "bare/required-only")
    assert "creditsAvailable" not in doc and "tag" not in doc and "alignment" not in doc
    assert doc["achievementType"] == "CertificateOfCompletion"


def test_jsonld_bundle_holds_each_credential_page_jsonld_in_order(catalogue, files):
    bundle = json.loads(files["data/jsonld.json"])
    assert bundle == [json.loads(json.dumps(credential_jsonld(catalogue, c))) for c in catalogue.credentials.values()]
    assert all(doc["@context"] == "https://schema.org" for doc in bundle)


def test_data_page_lists_every_column_of_every_table(catalogue):
    page = data_page(catalogue)["data/index.md"]
    for name, columns in tabular.tables().items():
        section = page.split(f"### `{name}`", 1)[1].split("###", 1)[0]
        for col in columns:
            assert f"| `{col.name}` |" in section, f"{name}.{col.name} missing from the page"


def test_data_page_states_licence_loading_and_mapping(catalogue):
    page = data_page(catalogue)["data/index.md"]
    assert "CC-BY-4.0" in page and "https://creativecommons.org/licenses/by/4.0/" in page
    for snippet in ("from frictionless import Package", "import pandas as pd", "read_csv('"):
        assert snippet in page
    assert "CTDL" in page and "EU micro-credential element" in page
    html = markdown.markdown(page, extensions=["tables", "fenced_code"])
    for row in re.findall(r"<tr>(.*?)</tr>", html, re.S):  # no cell split by a stray `|`
        assert row.count("<td>") in (0, 4)


def test_data_page_gives_each_export_its_standard_licence_and_a_three_line_reader(catalogue, files, monkeypatch):
    """Every listed export says its standard and licence, and its Python snippet runs: here
    against the built files (urlopen reads them instead of the site)."""
    import io
    import urllib.request

    from microcred.export.registry import OUTPUTS

    page = data_page(catalogue)["data/index.md"]
    listed = [o for o in OUTPUTS if o.folder == "data/" and o.about]
    assert {o.name for o in listed} >= {"tables", "catalogue", "jsonld", "ctdl", "badges", "datapackage"}
    some_badge = next(p for p in files if p.startswith("data/badges/")).removeprefix("data/")
    monkeypatch.setattr(urllib.request, "urlopen",
                        lambda url: io.BytesIO(files["data/" + url.removeprefix(SITE_URL + "data/")]))
    for output in listed:
        assert f"Standard: {output.standard}. Licence: [{output.licence}]" in page
        code = output.example.format(data=SITE_URL + "data/")
        assert len(code.splitlines()) == 3 and code.splitlines()[1] in page
        if "frictionless" not in code:
            exec(code.replace("badges/acme/data-basics.json", some_badge), {})
