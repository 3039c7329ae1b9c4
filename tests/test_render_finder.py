"""The finder's page and index, and the VET credit page, as pure functions of a Catalogue: the
listings as a schema.org ItemList, a "starts within 3 months" facet from dated intakes, and VET
credit towards a qualification the catalogue holds no record of."""
from __future__ import annotations

import datetime as dt
import json
import re
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent / "browser"))
from site_catalogue import plain_credential, write_site_catalogue  # noqa: E402

from factory import write_record  # noqa: E402
from microcred import urls  # noqa: E402
from microcred.build import load_catalogue  # noqa: E402
from microcred.render import site_pages  # noqa: E402

AS_OF = dt.date(2026, 11, 25)  # so "within 3 months" runs to 2027-02-25
UNHELD_CODE = "ZZZ40999"  # a national code no qualification record in the catalogue carries


def _listing(ident: str, **fields) -> dict:
    return {**plain_credential(), "id": ident, "title": f"Listing {ident}", **fields}


@pytest.fixture(scope="module")
def catalogue(tmp_path_factory):
    folder = write_site_catalogue(tmp_path_factory.mktemp("cat") / "catalogue")
    write_record(folder, "credential", _listing("starts-soon", sessions=[{"start": "2026-01-05"}, {"start": "2027-02-20"}]))
    write_record(folder, "credential", _listing("starts-later", sessions=[{"start": "2027-03-01", "end": "2027-06-01"}]))
    write_record(folder, "credential", _listing("all-past", sessions=[{"start": "2026-03-01"}]))
    write_record(folder, "credential", _listing("unheld-code", vet_credit=[
        {"qualification": UNHELD_CODE, "units": ["BSBWHS311"], "credit_type": "credit-transfer"}]))
    return load_catalogue(folder, as_of=AS_OF)


@pytest.fixture(scope="module")
def pages(catalogue):
    return site_pages(catalogue)


def _facet(index: dict, key: str) -> tuple[int, dict] | None:
    return next(((i, f) for i, f in enumerate(index["facets"]) if f["key"] == key), None)


def test_the_finder_lists_every_listing_as_an_itemlist_in_its_head(pages):
    page = pages["finder/index.md"]
    doc = json.loads(page.jsonld)
    table_ids = re.findall(r'<tr data-id="([^"]+)"', page.html)
    assert doc["@type"] == "ItemList" and doc["url"] == urls.absolute(urls.FINDER)
    assert doc["numberOfItems"] == len(table_ids)
    assert [e["url"] for e in doc["itemListElement"]] == [urls.absolute(f"credentials/{gid}/") for gid in table_ids]
    assert [e["position"] for e in doc["itemListElement"]] == list(range(1, len(table_ids) + 1))
    assert "application/ld+json" not in page.html  # in the head, never the article


def test_starts_within_three_months_is_a_facet_from_the_dated_intakes(pages):
    index = json.loads(pages["finder/index.json"])
    at, facet = _facet(index, "starts")
    assert facet["label"] == "Starts within 3 months"
    assert [v for v, _ in facet["values"]] == ["yes", "no"]
    soon = {item[0] for item in index["items"] if facet["values"][item[4][at]][0] == "yes"}
    # Feb 20 is within three months of Nov 25; Mar 1 is not; an intake already past never is.
    assert soon == {"hostile/starts-soon"}


def test_starts_within_three_months_is_hidden_when_no_listing_has_dates(tmp_path):
    catalogue = load_catalogue(write_site_catalogue(tmp_path / "catalogue"), as_of=AS_OF)
    assert not any(c.data.get("sessions") for c in catalogue.credentials.values())
    assert _facet(json.loads(site_pages(catalogue)["finder/index.json"]), "starts") is None


def test_vet_credit_lists_a_code_the_catalogue_holds_no_record_of(catalogue, pages):
    assert catalogue.qualification_by_code(UNHELD_CODE) is None
    html = pages["vet-credit/index.md"].html
    section = re.search(rf'<h3 id="q-{UNHELD_CODE.lower()}">(.*?)</h3>(.*?)(?=<h[23] )', html, re.S)
    assert section, f"no section for {UNHELD_CODE}"
    heading, table = section.groups()
    assert f'href="https://training.gov.au/Training/Details/{UNHELD_CODE}"' in heading
    assert 'href="../credentials/hostile/unheld-code/"' in table
    # Each code with a record still links to its qualification page.
    for qual in catalogue.qualifications.values():
        if qual.vet_credited_by:
            assert f'href="../qualifications/{qual.id}/"' in html
