"""A credential page and the home page as a learner reads them: the summary cards, the official
page's button, start dates, skills that open the finder, similar listings; the model's sessions
and similar listings; sessions in schema.org."""
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
from site_catalogue import CHAIN_ID, HOSTILE_ID, PLAIN_ID, write_site_catalogue  # noqa: E402

from microcred import model  # noqa: E402
from microcred.build import load_catalogue  # noqa: E402
from microcred.export.jsonld import credential_jsonld  # noqa: E402
from microcred.render.credential import credential_page  # noqa: E402
from microcred.render.home import home_page  # noqa: E402

AS_OF = dt.date(2026, 11, 25)


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    return write_site_catalogue(tmp_path_factory.mktemp("cat") / "catalogue")


@pytest.fixture
def catalogue(folder):
    return load_catalogue(folder, as_of=AS_OF)  # fresh each test: some add sessions to a record


def _text(html: str) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def _cards(html: str) -> dict[str, str]:
    glance = html.split('<dl class="mc-glance"', 1)[1].split("</dl>", 1)[0]
    return {_text(dt_): _text(dd) for dt_, dd in re.findall(r"<dt>(.*?)</dt><dd>(.*?)</dd>", glance)}


def test_cards_show_hours_a_week_stacking_and_vet_credit(catalogue):
    plain = _cards(credential_page(catalogue, catalogue.credentials[PLAIN_ID]).html)
    # 45 hours over 6-10 weeks.
    assert plain["Calendar time"].startswith("6-10 weeks about 4.5-7.5 h a week")
    assert plain["Stacks into"].startswith("Stands alone") and plain["VET credit"].startswith("None listed")
    hostile = _cards(credential_page(catalogue, catalogue.credentials[HOSTILE_ID]).html)
    assert hostile["Stacks into"].startswith("1 larger award 1 unit of competency")
    vet = next(c for c in catalogue.credentials.values() if c.has_vet_credit)
    codes = [e["qualification"] for e in vet.data["vet_credit"] if e.get("qualification")]
    assert codes and all(code in _cards(credential_page(catalogue, vet).html)["VET credit"] for code in codes)


def test_official_page_is_a_button_and_the_shortlist_button_waits_for_its_script(catalogue):
    cred = catalogue.credentials[PLAIN_ID]
    html = credential_page(catalogue, cred).html
    assert re.search(r'<a class="md-button md-button--primary" href="https://hostile.example.org/sailing" '
                     r'rel="nofollow noopener">Go to the official page</a>', html)
    assert f'<button type="button" class="md-button" data-mc-shortlist="{PLAIN_ID}" hidden>' in html


def test_skills_link_to_the_finder_searching_for_each(catalogue):
    html = credential_page(catalogue, catalogue.credentials[PLAIN_ID]).html
    skills = html.split('id="skills"', 1)[1].split("</ul>", 1)[0]
    assert '<a href="../../../finder/?text=Chart+plotting">Chart plotting</a>' in skills
    assert '<a href="../../../finder/?text=Knot+tying">Knot tying</a>' in skills


def test_json_ld_goes_to_the_head_not_the_article(catalogue):
    cred = catalogue.credentials[PLAIN_ID]
    page = credential_page(catalogue, cred)
    assert "<script" not in page.html
    assert json.loads(page.jsonld) == json.loads(json.dumps(credential_jsonld(catalogue, cred)))
    assert "</" not in page.jsonld and "<" not in page.jsonld  # safe inside a <script>


def test_upcoming_start_dates_show_on_the_page_with_the_next_one_in_the_cards(catalogue):
    cred = catalogue.credentials[PLAIN_ID]
    cred.data["sessions"] = [{"start": "2027-03-01", "end": "2027-05-10", "city": "Cairns"},
                             {"start": "2026-02-02"}, {"start": "2027-01-11"}]
    html = credential_page(catalogue, cred).html
    assert _cards(html)["Next start"].startswith("11 Jan 2027 2 dates listed")
    dates = _text(html.split('id="start-dates"', 1)[1].split("<h2", 1)[0])
    assert dates.index("11 Jan 2027") < dates.index("1 Mar 2027 to 10 May 2027, Cairns")
    assert "2 Feb 2026" not in dates and "1 earlier date not shown" in dates


def test_only_past_start_dates_say_none_are_upcoming(catalogue):
    cred = catalogue.credentials[PLAIN_ID]
    cred.data["sessions"] = [{"start": "2026-02-02"}]
    html = credential_page(catalogue, cred).html
    assert "Next start" not in _cards(html)
    assert "No upcoming start dates are listed" in html


def test_next_start_is_the_first_intake_on_or_after_the_date(catalogue):
    cred = catalogue.credentials[PLAIN_ID]
    assert cred.next_start(AS_OF) is None
    cred.data["sessions"] = [{"start": "2027-03-01"}, {"start": "2026-11-25"}, {"start": "2026-01-01"}]
    assert cred.next_start(AS_OF) == dt.date(2026, 11, 25)
    assert cred.next_start(dt.date(2026, 11, 26)) == dt.date(2027, 3, 1)
    assert cred.next_start(dt.date(2027, 3, 2)) is None


def test_sessions_become_course_instances_with_start_and_end_dates(catalogue):
    cred = catalogue.credentials[PLAIN_ID]
    cred.data["sessions"] = [{"start": "2027-01-11", "end": "2027-03-19", "city": "Cairns"}, {"start": "2027-06-07"}]
    instances = credential_jsonld(catalogue, cred)["hasCourseInstance"]
    assert [(i["@type"], i.get("startDate"), i.get("endDate")) for i in instances] == [
        ("CourseInstance", "2027-01-11", "2027-03-19"), ("CourseInstance", "2027-06-07", None)]
    assert instances[0]["location"]["address"] == {"@type": "PostalAddress", "addressLocality": "Cairns",
                                                   "addressCountry": "AU"}
    assert all(i["courseWorkload"] == "PT45H" for i in instances)


def test_similar_listings_share_skills_or_field_and_never_include_the_listing(catalogue):
    for cred in catalogue.credentials.values():
        similar = catalogue.similar(cred)
        assert cred not in similar and len(similar) <= 4
        mine = {s.casefold() for s in cred.data.get("skills", [])}
        for other in similar:
            shared = mine & {s.casefold() for s in other.data.get("skills", [])}
            assert shared or other.data["field_of_education"] == cred.data["field_of_education"]


def test_similar_listings_rank_shared_skills_first(catalogue):
    cred = catalogue.credentials[PLAIN_ID]
    other = catalogue.credentials[CHAIN_ID]
    other.data["skills"] = ["Knot tying", "chart plotting"]  # both skills, in another case
    catalogue._by_skill = None  # the index is built on first use
    assert catalogue.similar(cred)[0] is other
    html = credential_page(catalogue, cred).html
    first = re.search(r'href="([^"]+)"', html.split('id="similar"', 1)[1]).group(1)
    assert posixpath.normpath(posixpath.join(f"credentials/{PLAIN_ID}/", first)) == f"credentials/{CHAIN_ID}"


def test_similar_listings_look_at_a_bounded_number_of_candidates(catalogue, monkeypatch):
    # A skill every listing shares: candidates are capped, not every pair compared.
    for cred in catalogue.credentials.values():
        cred.data["skills"] = ["communication"]
    monkeypatch.setattr(model, "SIMILAR_CANDIDATES", 5)
    catalogue._by_skill = None
    assert len(catalogue.credentials) > 10
    scored = catalogue.similar(catalogue.credentials[PLAIN_ID], limit=100)
    assert 0 < len(scored) <= 5 + 5  # at most the capped skill and field candidates


def test_home_page_counts_the_catalogue_and_lists_the_latest_reviews(catalogue):
    page = home_page(catalogue)
    text = _text(page.html)
    creds = catalogue.credentials.values()
    assert f"{len(catalogue.credentials)} credentials" in text and f"{len(catalogue.providers)} providers" in text
    assert f"{sum(c.has_vet_credit for c in creds)} give VET credit" in text
    assert re.search(r'<form class="mc-search mc-search--home" role="search" [^>]*action="search/" method="get">', page.html)
    latest = max(c.data["last_reviewed"] for c in creds)
    recent = page.html.split('id="recent"', 1)[1]
    assert f'<time datetime="{latest}">' in recent.split("</li>", 1)[0]
    for href in ("finder/", "duration/", "cost/", "stackability/", "vet-credit/", "providers/", "qualifications/"):
        assert f'<a href="{href}">' in page.html
