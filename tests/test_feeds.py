"""The Atom feeds: /feed.xml and /providers/<id>/feed.xml, read by a real feed parser (feedparser),
from the git history of a temporary repository, and without history (a tarball, a shallow clone)."""
from __future__ import annotations

import datetime as dt
import os
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urlsplit

import feedparser
import pytest

from factory import make_catalogue, write_record
from microcred import history
from microcred.build import load_catalogue
from microcred.export.feed import FROM_REVIEWS, feed_files
from microcred.paths import SITE_URL

AS_OF = dt.date(2026, 11, 30)
ATOM = "{http://www.w3.org/2005/Atom}"
SITE_PATH = urlsplit(SITE_URL).path  # "/catalogue/"
HOSTILE = 'Data <b>bold</b> & "more" ]]> 🎓 Tromsø 数据 עברית'


def git(repo: Path, *args: str, when: str = "2026-01-01T00:00:00Z") -> str:
    env = {**os.environ, "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when, "GIT_AUTHOR_NAME": "t",
           "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org",
           "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
    return subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True, text=True,
                          timeout=60).stdout


def listing(provider: str, record_id: str, title: str, amount: float) -> dict:
    return {"id": record_id, "title": title, "provider": provider, "summary": f"About {title}.",
            "url": "https://example.org/course", "type": "short-course", "status": "active", "languages": ["en"],
            "learning_outcomes": ["Do it"], "field_of_education": "0611", "workload_hours": 10,
            "duration": {"weeks": 2}, "pace": "self-paced", "delivery": "online",
            "cost": {"amount": amount, "currency": "AUD", "basis": "one-off"}, "assessment": ["quiz"],
            "quality_assurance": {"type": "internal"}, "last_reviewed": "2026-03-01"}


def parse(content: bytes) -> feedparser.FeedParserDict:
    feed = feedparser.parse(content)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    assert feed.feed.id and feed.feed.title and feed.feed.updated
    for entry in feed.entries:
        assert entry.id and entry.title and entry.updated and entry.link.startswith(SITE_URL)
    return feed


@pytest.fixture()
def repo(tmp_path):
    """A repository whose catalogue gains a listing (commit 2) and then changes its price (commit 3)."""
    catalogue = make_catalogue(tmp_path / "catalogue", credentials=3)
    git(tmp_path, "init", "-q", "-b", "main")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-q", "-m", "start")
    write_record(catalogue, "credential", listing("provider-000", "new-one", HOSTILE, 100))
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-q", "-m", "add", when="2026-02-01T10:00:00Z")
    path = catalogue / "credentials" / "provider-000" / "new-one.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("amount: 100", "amount: 150"), encoding="utf-8")
    git(tmp_path, "commit", "-q", "-am", "price", when="2026-03-01T10:00:00Z")
    return tmp_path


def test_feed_shows_a_new_listing_and_its_price_change_newest_first(repo):
    files = feed_files(load_catalogue(repo / "catalogue", as_of=AS_OF, history=True))
    feed = parse(files["feed.xml"])
    ours = [e for e in feed.entries if e.link.endswith("/credentials/provider-000/new-one/")]
    assert [e.updated for e in ours] == ["2026-03-01T10:00:00Z", "2026-02-01T10:00:00Z"]
    assert ours[0].summary.startswith("Price changed: now 150 AUD") and [t.term for t in ours[0].tags] == ["price"]
    assert ours[1].summary.startswith("New listing:") and [t.term for t in ours[1].tags] == ["new"]
    assert feed.entries[0] is ours[0] and feed.feed.updated == "2026-03-01T10:00:00Z"
    assert "commit" in feed.feed.subtitle
    stamps = [e.updated for e in feed.entries]
    assert stamps == sorted(stamps, reverse=True)


def test_hostile_record_text_is_escaped_and_reads_back_exactly(repo):
    files = feed_files(load_catalogue(repo / "catalogue", as_of=AS_OF, history=True))
    root = ET.fromstring(files["feed.xml"])  # well-formed XML: a stray `<`, `&` or `]]>` would break it
    titles = [e.findtext(f"{ATOM}title") for e in root.iter(f"{ATOM}entry")]
    assert any(t.startswith(HOSTILE + " (") for t in titles)
    assert b"<b>" not in files["feed.xml"] and b"]]>" not in files["feed.xml"]
    assert any(e.title.startswith(HOSTILE) for e in parse(files["feed.xml"]).entries)


def test_each_provider_feed_has_only_its_own_listings(repo):
    catalogue = load_catalogue(repo / "catalogue", as_of=AS_OF, history=True)
    files = feed_files(catalogue)
    assert {p for p in files if p != "feed.xml"} == {f"providers/{p}/feed.xml" for p in catalogue.providers}
    feed = parse(files["providers/provider-000/feed.xml"])
    assert feed.feed.id == f"{SITE_URL}providers/provider-000/feed.xml"
    assert feed.entries and all("/credentials/provider-000/" in e.link for e in feed.entries)


def test_history_is_read_with_a_fixed_number_of_git_calls_however_many_listings(tmp_path, monkeypatch):
    """One `git log` for the whole catalogue, one `cat-file --batch` for the changes shown: never one per file."""
    calls = []
    real = history._git
    monkeypatch.setattr(history, "_git", lambda folder, *args, **kw: calls.append(args[0]) or real(folder, *args, **kw))
    counts = []
    for size in (2, 40):
        repo = tmp_path / str(size)
        catalogue = make_catalogue(repo / "catalogue", credentials=size)
        git(repo, "init", "-q", "-b", "main")
        git(repo, "add", ".")
        git(repo, "commit", "-q", "-m", "start")
        for path in sorted(catalogue.glob("credentials/*/*.yaml")):
            path.write_text(path.read_text(encoding="utf-8") + "# reviewed again\n", "utf-8")
        git(repo, "commit", "-q", "-am", "touch every listing", when="2026-02-01T00:00:00Z")
        calls.clear()
        changes = history.read_history(catalogue)
        counts.append(list(calls))
        assert sum(len(cs) for cs in changes.values()) == min(2 * size, history.SHOWN)
    assert counts[0] == counts[1] and counts[0].count("log") == 1 and counts[0].count("cat-file") == 1


def test_what_changed_is_told_from_the_record_before_and_after():
    before = listing("p", "x", "X", 100)
    assert history.kinds_of_change(before, {**before, "cost": {**before["cost"], "amount": 90}}) == ("price",)
    assert history.kinds_of_change(before, {**before, "status": "retired", "duration": {"weeks": 3}}) == ("dates", "status")
    assert history.kinds_of_change(before, {**before, "summary": "Other."}) == ("details",)
    assert history.kinds_of_change(None, before) == ("details",)  # an unreadable earlier version


def test_without_git_history_the_feed_uses_review_dates_and_says_so(tmp_path):
    catalogue = load_catalogue(make_catalogue(tmp_path / "catalogue", credentials=5), as_of=AS_OF, history=True)
    assert catalogue.history is None
    feed = parse(feed_files(catalogue)["feed.xml"])
    assert feed.feed.subtitle == FROM_REVIEWS
    assert len(feed.entries) == 5 and all(e.summary.startswith("Reviewed ") for e in feed.entries)
    reviewed = sorted((c.data["last_reviewed"] for c in catalogue.credentials.values()), reverse=True)
    assert [e.updated[:10] for e in feed.entries] == reviewed


def test_a_shallow_clone_falls_back_to_review_dates(repo, tmp_path):
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{repo}", str(clone)], check=True,
                   capture_output=True, timeout=60)
    catalogue = load_catalogue(clone / "catalogue", as_of=AS_OF, history=True)
    assert catalogue.history is None
    assert parse(feed_files(catalogue)["feed.xml"]).feed.subtitle == FROM_REVIEWS


def test_feeds_show_at_most_the_newest_fifty_changes(tmp_path):
    catalogue = load_catalogue(make_catalogue(tmp_path / "catalogue", credentials=60), as_of=AS_OF, history=True)
    files = feed_files(catalogue)
    assert len(parse(files["feed.xml"]).entries) == history.SHOWN


def test_two_builds_of_one_commit_give_the_same_feeds(repo):
    first = feed_files(load_catalogue(repo / "catalogue", as_of=AS_OF, history=True))
    (repo / "catalogue" / "untracked-note.txt").write_text("not a record", encoding="utf-8")
    assert feed_files(load_catalogue(repo / "catalogue", as_of=AS_OF, history=True)) == first


def test_record_text_keeps_no_character_xml_cannot_hold():
    """Control characters are refused by the records' checks; the writer drops any that slip by."""
    from microcred.export import feed

    assert feed._text("a\x00b\x1fc\ufffed\tok") == "abcd\tok"


def test_every_page_of_a_built_site_links_the_feed_and_the_feeds_are_published(tmp_path):
    import re
    import sys

    sys.path.insert(0, str(Path(__file__).parent / "browser"))
    from site_catalogue import build_site

    catalogue = make_catalogue(tmp_path / "catalogue", credentials=4)
    site = tmp_path / "site"
    result = build_site(catalogue, site)
    assert result.returncode == 0, result.stdout + result.stderr
    parse((site / "feed.xml").read_bytes())
    assert parse((site / "providers" / "provider-000" / "feed.xml").read_bytes()).entries
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 10
    for page in pages:
        links = re.findall(r'<link rel="alternate" type="application/atom\+xml" [^>]*href="([^"]+)"',
                           page.read_text(encoding="utf-8"))
        assert len(links) == 1, page
        # The 404 page is served at any path, so its links start at the site's own path.
        target = site / links[0].removeprefix(SITE_PATH) if links[0].startswith("/") else page.parent / links[0]
        assert target.resolve() == (site / "feed.xml").resolve(), page
