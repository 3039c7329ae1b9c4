"""The standard exports: Open Badges 3.0 achievements, the JSON-LD bundle, and the /data/ page."""
from __future__ import annotations

import datetime as dt
import gzip
import json
import re
from pathlib import Path

import jsonschema
import markdown
import pytest

from microcred.export import tables as tabular
from microcred.export.badges import ACHIEVEMENT_TYPE
from microcred.render.data import data_page
from microcred.build import load_catalogue
from microcred.export.package import package_files
from microcred.paths import CATALOGUE_DIR, SITE_URL
from microcred.export.jsonld import credential_jsonld
from every_field_catalogue import every_field_catalogue
from package_edge_cases import edge_catalogue

# 1EdTech's own JSON Schema for an Open Badges 3.0 AchievementCredential (tests/standards/ob3/README.md).
OB3_SCHEMA = json.loads((Path(__file__).parent / "standards" / "ob3" / "achievementcredential.json").read_text("utf-8"))
OB3 = jsonschema.Draft201909Validator(OB3_SCHEMA, format_checker=jsonschema.Draft201909Validator.FORMAT_CHECKER)
OB_ACHIEVEMENT_TYPES = set(OB3_SCHEMA["$defs"]["Achievement"]["properties"]["achievementType"]["oneOf"][0]["enum"])
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


def as_achievement_credential(achievement: dict) -> dict:
    """The smallest AchievementCredential that awards `achievement`: 1EdTech's schema is for
    credentials, and the Achievement is what a platform issuing one would embed."""
    return {"@context": achievement["@context"], "id": "urn:uuid:00000000-0000-4000-8000-000000000000",
            "type": ["VerifiableCredential", "OpenBadgeCredential"],
            "issuer": {"id": achievement["creator"]["id"], "type": ["Profile"]},
            "validFrom": "2026-01-01T00:00:00Z",
            "credentialSubject": {"type": ["AchievementSubject"], "id": "did:example:learner",
                                  "achievement": achievement}}


def ob3_errors(achievement: dict) -> list[str]:
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
            for e in OB3.iter_errors(as_achievement_credential(achievement))]


@pytest.mark.parametrize("which", ["real", "every-field"])
def test_every_achievement_is_valid_against_1edtechs_open_badges_schema(which, tmp_path_factory):
    if which == "real":
        cat = load_catalogue(CATALOGUE_DIR)
    else:
        cat = load_catalogue(every_field_catalogue(tmp_path_factory.mktemp("every")), as_of=dt.date(2026, 11, 30))
    exported = package_files(cat)
    for gid in cat.credentials:
        assert ob3_errors(badge(exported, gid)) == [], gid
    assert cat.credentials


def test_1edtechs_schema_rejects_an_achievement_a_platform_could_not_issue(files):
    """The check has teeth: what the schema itself forbids is found."""
    doc = badge(files, "nordic/unicode-everything")
    assert not ob3_errors(doc)
    assert any("criteria" in e for e in ob3_errors({k: v for k, v in doc.items() if k != "criteria"}))
    assert ob3_errors({**doc, "achievementType": "Microcredential"})
    assert ob3_errors({**doc, "creditsAvailable": "7.5"})
    assert ob3_errors({**doc, "alignment": [{**doc["alignment"][0], "targetType": "Unit"}]})


def test_every_credential_has_an_open_badges_achievement_for_its_page(catalogue, files):
    for gid, cred in catalogue.credentials.items():
        doc = badge(files, gid)
        assert doc["@context"] == OB_CONTEXT and doc["type"] == ["Achievement"]
        assert doc["id"] == f"{SITE_URL}credentials/{gid}/"
        assert doc["name"] == cred.title and doc["description"] == cred.data["summary"]
        assert doc["creator"]["type"] == ["Profile"] and doc["creator"]["id"].startswith(SITE_URL + "providers/")
        assert doc["criteria"]["id"] == cred.data["url"]
        for outcome in cred.data["learning_outcomes"]:
            assert outcome in doc["criteria"]["narrative"]


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
    bundle = json.loads(gzip.decompress(files["data/jsonld.json.gz"]))
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

    from microcred.export.feed import feed_files
    from microcred.export.package import schema_files

    page = data_page(catalogue)["data/index.md"]
    listed = [o for o in OUTPUTS if o.about]
    assert {o.name for o in listed} == {o.name for o in OUTPUTS}  # every export is on the page
    published = {**files, **feed_files(catalogue), **schema_files(catalogue)}
    some_badge = next(p for p in files if p.startswith("data/badges/")).removeprefix("data/")
    monkeypatch.setattr(urllib.request, "urlopen", lambda url: io.BytesIO(published[url.removeprefix(SITE_URL)]))
    for output in listed:
        assert f"Standard: {output.standard}. Licence: " in page and output.licence
        code = output.example.format(data=SITE_URL + "data/", site=SITE_URL)
        assert len(code.splitlines()) == 3 and code.splitlines()[1] in page
        if "frictionless" not in code:
            exec(code.replace("badges/acme/data-basics.json", some_badge), {})
