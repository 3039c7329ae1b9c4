"""The page renderers, as pure functions of a Catalogue: what each page tells a learner."""
from __future__ import annotations

import datetime as dt
import json
import posixpath
import re
import sys
from html import unescape
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent / "browser"))
from site_catalogue import CHAIN_ID, HOSTILE_ID, MARKUP_ID, PLAIN_ID, write_site_catalogue  # noqa: E402

from microcred.build import load_catalogue  # noqa: E402
from microcred.render import site_pages  # noqa: E402
from microcred.export.jsonld import credential_jsonld  # noqa: E402

AS_OF = dt.date(2026, 11, 25)


@pytest.fixture(scope="module")
def catalogue(tmp_path_factory):
    return load_catalogue(write_site_catalogue(tmp_path_factory.mktemp("cat") / "catalogue"), as_of=AS_OF)


@pytest.fixture(scope="module")
def pages(catalogue):
    return site_pages(catalogue)


def _text(html: str) -> str:
    text = " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())
    return re.sub(r"\s+([;,.:)])", r"\1", text)


def _resolve(here: str, href: str) -> str:
    """A relative link from the page at `here` as a site-root-relative directory URL."""
    return posixpath.normpath(posixpath.join(here, href)) + "/"


def test_urls_follow_the_published_interface(catalogue, pages):
    for gid in catalogue.credentials:
        assert f"credentials/{gid}/index.md" in pages
    for pid in catalogue.providers:
        assert f"providers/{pid}/index.md" in pages
    for qid in catalogue.qualifications:
        assert f"qualifications/{qid}/index.md" in pages
    for overview in ["finder", "duration", "cost", "stackability", "vet-credit", "providers", "qualifications"]:
        assert f"{overview}/index.md" in pages


def test_rendering_is_deterministic(catalogue, pages):
    assert site_pages(catalogue) == pages
    assert list(pages) == sorted(pages)


def test_credential_page_puts_hours_weeks_and_cost_side_by_side(pages):
    html = pages[f"credentials/{PLAIN_ID}/index.md"].html
    glance = html.split('<dl class="mc-glance"', 1)[1].split("</dl>", 1)[0]
    text = _text(glance)
    assert "45 h" in text and "6-10 weeks" in text and "59 AUD per month" in text
    # A subscription says what it adds up to: 59 for every started month of 6-10 weeks.
    assert "about 118-177 AUD over 6-10 weeks" in text
    assert "Reviewed on 2026-09-01; shown as stale after 2027-09-01" in _text(html)
    assert 'href="../../../providers/hostile/"' in html


def test_credential_page_links_what_it_stacks_into_with_its_credit(pages):
    html = pages[f"credentials/{HOSTILE_ID}/index.md"].html
    stacks = html.split('id="stacks-into"', 1)[1].split("<h2", 1)[0]
    assert [_resolve(f"credentials/{HOSTILE_ID}/", h) for h in re.findall(r'href="([^"]+)"', stacks)][0] \
        == f"credentials/{PLAIN_ID}/"
    assert "1 unit of competency" in stacks
    assert "May be out of date" in html


def test_vet_credit_codes_link_to_the_training_register(catalogue, pages):
    cred = next(c for c in catalogue.credentials.values() if c.has_vet_credit)
    html = pages[f"credentials/{cred.global_id}/index.md"].html
    for entry in cred.data["vet_credit"]:
        for code in [entry.get("qualification"), *entry.get("units", [])]:
            if code:
                assert f'href="https://training.gov.au/Training/Details/{code}"' in html
    vet = pages["vet-credit/index.md"].html
    for unit in catalogue.vet_units():
        assert f'href="https://training.gov.au/Training/Details/{unit}"' in vet


def test_duration_page_groups_every_credential_in_its_band(catalogue, pages):
    html = pages["duration/index.md"].html
    sections = dict(re.findall(r'<h2 id="([a-z0-9-]+)">.*?</h2>(.*?)(?=<h2 |</div>\s*$)', html, re.S))
    assert set(sections) == {"under-10h", "10-40h", "40-120h", "over-120h"}
    for cred in catalogue.credentials.values():
        link = f'href="../credentials/{cred.global_id}/"'
        assert [band for band, body in sections.items() if link in body] == [cred.duration_band]


def test_cost_page_separates_free_paid_certificate_and_prices_per_currency(catalogue, pages):
    html = pages["cost/index.md"].html
    free = html.split('id="free"', 1)[1].split("<h2", 1)[0]
    cert = html.split('id="free-paid-certificate"', 1)[1].split("<h2", 1)[0]
    paid = html.split('id="paid"', 1)[1]
    for cred in catalogue.credentials.values():
        link = f'href="../credentials/{cred.global_id}/"'
        where = {"free": free, "free-paid-certificate": cert, "paid": paid}[cred.cost_kind]
        assert link in where
    assert f'href="../credentials/{HOSTILE_ID}/"' in cert and "certificate 20 AUD" in _text(cert)
    currencies = {c.data["cost"]["currency"] for c in catalogue.credentials.values() if c.cost_kind == "paid"}
    for currency in currencies:
        assert f'id="paid-{currency.lower()}"' in paid
    assert "per month" in paid and "59 AUD per month" in _text(paid)


def test_stackability_page_shows_every_pathway_with_credit_and_a_diagram(catalogue, pages):
    html = pages["stackability/index.md"].html
    pathways = catalogue.pathways()
    assert pathways
    assert html.count('<section class="mc-pathway"') == len(pathways)
    # Drawn at build time: one diagram per pathway, no Mermaid source for a script to draw.
    assert html.count('<figure class="mc-diagram"') == len(pathways)
    assert "mermaid" not in html and "flowchart" not in html
    for target in pathways:
        assert unescape(target.title) in _text(html)
        for cred, _entry in target.stacked_by:
            assert f'href="../credentials/{cred.global_id}/"' in html
    qual = next(t for t in pathways if hasattr(t, "code") and t.data.get("credit_required"))
    section = html.split(f'id="q-{qual.id}"', 1)[1].split("</section>", 1)[0]
    assert "The award needs 4 " in _text(section)


def _diagram(html: str, anchor: str) -> str:
    return html.split(f'id="{anchor}"', 1)[1].split('<figure class="mc-diagram"', 1)[1].split("</figure>", 1)[0]


def test_a_pathway_diagram_links_every_node_and_labels_every_edge_with_its_credit(pages):
    html = pages["stackability/index.md"].html
    diagram = _diagram(html, f"c-{PLAIN_ID.replace('/', '--')}")
    nodes = re.findall(r'<a class="mc-node[^"]*" href="([^"]+)">', diagram)
    assert f"../credentials/{HOSTILE_ID}/" in nodes and f"../credentials/{PLAIN_ID}/" in nodes
    # The edge says what the input gives, and reads as a sentence without the drawing.
    assert "gives 1 unit of competency towards Plain Sailing Navigation Skill Set" in _text(diagram)


def test_a_chain_is_drawn_whole_on_the_middle_award_and_on_the_last(pages):
    # emoji-markup -> Rocket MicroMasters -> qualification-01 (course -> MicroMasters -> degree).
    html = pages["stackability/index.md"].html
    middle = _diagram(html, f"c-{CHAIN_ID.replace('/', '--')}")
    last = _diagram(html, "q-qualification-01")
    for diagram in (middle, last):
        nodes = re.findall(r'<a class="mc-node[^"]*" href="([^"]+)">', diagram)
        assert {f"../credentials/{MARKUP_ID}/", f"../credentials/{CHAIN_ID}/",
                "../qualifications/qualification-01/"} <= set(nodes)
    assert "gives 30 credit points towards" in _text(middle) and "gives 4 credit points towards" in _text(last)


def _finder_shards(pages) -> list[dict]:
    return [json.loads(pages["finder/" + part["index"]]) for part in json.loads(pages["finder/index.json"])["parts"]]


def test_finder_index_is_compact_and_matches_the_table(catalogue, pages):
    index = json.loads(pages["finder/index.json"])
    shards = _finder_shards(pages)
    # Each shard's items are its part page's rows (the catalogue here is smaller than the first page).
    for part, shard in zip(index["parts"], shards):
        rows = re.findall(r'<tr data-id="([^"]+)"', pages[f"finder/{part['page']}index.md"].html)
        assert [item[0] for item in shard["items"]] == rows
    table_ids = re.findall(r'<tr data-id="([^"]+)"', pages["finder/index.md"].html)
    assert [item[0] for shard in shards for item in shard["items"]] == table_ids
    assert sorted(table_ids) == sorted(catalogue.credentials)
    keys = [f["key"] for f in index["facets"]]
    # The generated catalogue names no funding: a facet with one value narrows nothing and is left out.
    assert keys == ["duration", "calendar", "cost", "currency", "delivery", "pace", "level", "field", "provider",
                    "provider-type", "assessment", "language", "stacks", "vet", "eu"]
    assert all(len(f["values"]) >= 2 for f in index["facets"])
    for shard in shards:
        for item in shard["items"]:
            assert len(item[4]) == len(keys)
            for facet, values in zip(index["facets"], item[4]):
                values = [values] if isinstance(values, int) else values
                assert values and all(0 <= v < len(facet["values"]) for v in values)
            assert all(0 <= w < len(shard["words"]) for w in item[5])
    # Ids, facet values, search words and the row's own texts only: no summaries or descriptions.
    text = "".join(pages["finder/" + part["index"]] for part in index["parts"])
    assert "Learn by doing" not in text and "generated listing" not in text
    items = [item for shard in shards for item in shard["items"]]
    assert len(json.dumps(items, separators=(",", ":"), ensure_ascii=False)) / len(items) < 260


def test_finder_search_words_carry_skills_and_outcomes_but_not_the_title(catalogue, pages):
    shard, item = next((s, i) for s in _finder_shards(pages) for i in s["items"] if i[0] == PLAIN_ID)
    words = {shard["words"][n] for n in item[5]}
    # Skills "Chart plotting", "Knot tying"; outcome "Plan a coastal passage"; title "Plain Sailing Navigation Skill Set".
    assert {"chart", "plotting", "knot", "tying", "plan", "coastal", "passage"} <= words
    assert not words & {"plain", "sailing", "navigation", "a"}


def test_the_finder_page_shows_each_listings_facts_and_says_where_the_groups_are(pages):
    html = pages["finder/index.md"].html
    row = re.search(rf'<tr data-id="{PLAIN_ID}">.*?</tr>', html).group(0)
    for fact in ("45 h", "about 4.5-7.5 h a week", "6-10 weeks", "59 AUD per month", "Blended, cohort"):
        assert fact in unescape(row)
    assert "never converted" in _text(html)
    noscript = "".join(re.findall(r"<noscript>(.*?)</noscript>", html, re.S))
    assert 'href="../duration/"' in noscript and 'href="../cost/"' in noscript


def test_the_compare_page_and_its_facts_per_provider(catalogue, pages):
    assert "Comparing needs JavaScript" in _text(pages["compare/index.md"].html)
    data = json.loads(pages["compare/hostile.json"])
    plain = data["credentials"]["plain-sailing"]
    assert plain["page"] == f"credentials/{PLAIN_ID}/" and plain["official"] == "https://hostile.example.org/sailing"
    facts = dict(plain["facts"])
    assert facts["Study time"] == "45 h" and facts["Hours per week"] == "about 4.5-7.5 h a week"
    assert facts["Delivery"] == "Blended: Cairns, QLD, Australia" and facts["Certificate fee"] == "None stated"
    names = [[name for name, _ in c["facts"]] for c in data["credentials"].values()]
    assert all(n == names[0] for n in names)
    assert sorted(p[len("compare/"):-len(".json")] for p in pages if p.startswith("compare/") and p.endswith(".json")) \
        == sorted(catalogue.providers)


def test_json_ld_is_a_pure_dict_with_the_course_properties(catalogue):
    cred = catalogue.credentials[PLAIN_ID]
    doc = credential_jsonld(catalogue, cred)
    assert doc == credential_jsonld(catalogue, cred)
    json.dumps(doc)
    assert doc["@type"] == "Course" and doc["name"] == cred.title
    assert doc["offers"][0]["category"] == "Subscription"
    instance = doc["hasCourseInstance"][0]
    assert instance["courseMode"] == "Blended" and instance["courseWorkload"] == "PT45H"
    assert instance["location"][0]["address"]["addressLocality"] == "Cairns"
    assert doc["educationalCredentialAwarded"][0]["@type"] == "EducationalOccupationalCredential"
    assert doc["educationalLevel"] == "Beginner"
    assert doc["provider"] == {"@type": "Organization", "name": "Hostile & Co <Training>",
                               "url": "https://hostile.example.org", "sameAs": "https://hostile.example.org"}
