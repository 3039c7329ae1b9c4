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


def _index(pages) -> dict:
    """The finder's manifest, with every shard's items in its "items"."""
    manifest = json.loads(pages[urls.FINDER_INDEX])
    items = [it for part in manifest["parts"] for it in json.loads(pages[urls.FINDER + part["index"]])["items"]]
    return {**manifest, "items": items}


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
    index = _index(pages)
    at, facet = _facet(index, "starts")
    assert facet["label"] == "Starts within 3 months"
    assert [v for v, _ in facet["values"]] == ["yes", "no"]
    soon = {item[0] for item in index["items"] if facet["values"][item[4][at]][0] == "yes"}
    # Feb 20 is within three months of Nov 25; Mar 1 is not; an intake already past never is.
    assert soon == {"hostile/starts-soon"}


def test_starts_within_three_months_is_hidden_when_no_listing_has_dates(tmp_path):
    catalogue = load_catalogue(write_site_catalogue(tmp_path / "catalogue"), as_of=AS_OF)
    assert not any(c.data.get("sessions") for c in catalogue.credentials.values())
    assert _facet(_index(site_pages(catalogue)), "starts") is None


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


# The finder in parts: a bounded first page, and every listing in the part of its title's first letter.
from factory import make_catalogue  # noqa: E402
from microcred.render.finder import FIRST_PAGE, part_key  # noqa: E402

ROW_IDS = re.compile(r'<tr data-id="([^"]+)"')


def _parts(pages) -> dict[str, list[str]]:
    """Each part page's URL and the listings its table holds."""
    manifest = json.loads(pages[urls.FINDER_INDEX])
    return {part["page"]: ROW_IDS.findall(pages[f"{urls.FINDER}{part['page']}index.md"].html) for part in manifest["parts"]}


@pytest.fixture(scope="module")
def big(tmp_path_factory):
    folder = make_catalogue(tmp_path_factory.mktemp("big") / "catalogue", credentials=3 * FIRST_PAGE, providers=3)
    return folder, site_pages(load_catalogue(folder, as_of=AS_OF))


def test_a_title_is_listed_under_its_first_letter_or_digit():
    assert [part_key(t) for t in ["Data basics", "économie", "'Quoted' skills", "3D printing", "Ōtautahi walks", "数据"]] == \
        ["d", "e", "q", "other", "o", "other"]


def test_the_first_page_holds_a_bounded_number_of_listings_and_links_to_every_part(big):
    _folder, pages = big
    page = pages["finder/index.md"]
    ids = ROW_IDS.findall(page.html)
    assert len(ids) == FIRST_PAGE
    assert json.loads(page.jsonld)["numberOfItems"] == FIRST_PAGE
    assert f"The first {FIRST_PAGE} of {3 * FIRST_PAGE} credentials" in page.html
    for href in _parts(pages):
        assert f'href="{href}"' in page.html


def test_every_listing_is_in_exactly_one_part_page_and_one_shard(big):
    folder, pages = big
    catalogue = load_catalogue(folder, as_of=AS_OF)
    parts = _parts(pages)
    listed = [gid for ids in parts.values() for gid in ids]
    assert sorted(listed) == sorted(catalogue.credentials) and len(set(listed)) == len(listed)
    index = _index(pages)
    assert [it[0] for it in index["items"]] == listed and index["total"] == len(listed)
    for page, ids in parts.items():
        title = {gid: catalogue.credentials[gid].title for gid in ids}
        assert {part_key(t) for t in title.values()} == {page.strip("/")}
    # The first page is the start of the same order.
    assert ROW_IDS.findall(pages["finder/index.md"].html) == listed[:FIRST_PAGE]


def test_a_listing_stays_in_its_part_when_another_provider_adds_one(big, tmp_path):
    folder, pages = big
    before = {gid: page for page, ids in _parts(pages).items() for gid in ids}
    write_record(folder, "provider", {"id": "newcomer", "name": "Newcomer Institute", "type": "rto",
                                      "country": "AU", "website": "https://newcomer.example.org"})
    write_record(folder, "credential", {**plain_credential(), "provider": "newcomer", "id": "aardvark-care",
                                        "title": "Aardvark care"})
    after_pages = site_pages(load_catalogue(folder, as_of=AS_OF))
    after = {gid: page for page, ids in _parts(after_pages).items() for gid in ids}
    assert after.pop("newcomer/aardvark-care") == "a/"
    assert after == before
