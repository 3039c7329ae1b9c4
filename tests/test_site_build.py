"""`mkdocs build` of the real mkdocs.yml over generated catalogues: reproducible output, JSON-LD
that parses, a nav that stays small, and a clean stop with a file:line report on bad records."""
from __future__ import annotations

import gc
import json
import os
import re
import shutil
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent / "browser"))
from site_catalogue import HOSTILE_ID, HOSTILE_TITLE, ROOT, build_site, site_config  # noqa: E402

from factory import make_catalogue  # noqa: E402


@pytest.fixture(scope="module")
def catalogue_dir(hostile_catalogue_dir) -> Path:
    return hostile_catalogue_dir


@pytest.fixture(scope="module")
def site(hostile_site) -> Path:
    return hostile_site


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_two_builds_of_one_commit_are_byte_identical(catalogue_dir, tmp_path):
    # No SOURCE_DATE_EPOCH: the plugin takes the date from the commit, as `make site` does.
    first, second = tmp_path / "one", tmp_path / "two"
    for out in (first, second):
        result = build_site(catalogue_dir, out, as_of_epoch=None)
        assert result.returncode == 0, result.stdout + result.stderr
    a, b = _tree(first), _tree(second)
    assert sorted(a) == sorted(b)
    differing = [path for path in a if a[path] != b[path]]
    assert differing == []
    assert "sitemap.xml.gz" in a and len(a) > 50


def test_sharing_page_chrome_between_record_pages_changes_no_byte(catalogue_dir, site, tmp_path):
    # overrides/main.html renders the header, sidebar, footer and scripts of record pages once per
    # folder; rendering each page's own must give the same site.
    unshared = tmp_path / "unshared"
    result = build_site(catalogue_dir, unshared, shared_chrome=False)
    assert result.returncode == 0, result.stdout + result.stderr
    a, b = _tree(site), _tree(unshared)
    assert sorted(a) == sorted(b)
    assert [path for path in a if a[path] != b[path]] == []


class _JsonLd(HTMLParser):
    def __init__(self):
        super().__init__()
        self.blocks: list[str] = []
        self._in = False

    def handle_starttag(self, tag, attrs):
        self._in = tag == "script" and dict(attrs).get("type") == "application/ld+json"
        if self._in:
            self.blocks.append("")

    def handle_endtag(self, tag):
        self._in = False

    def handle_data(self, data):
        if self._in:
            self.blocks[-1] += data


def _jsonld(html_file: Path) -> list[dict]:
    parser = _JsonLd()
    parser.feed(html_file.read_text(encoding="utf-8"))
    return [json.loads(b) for b in parser.blocks]


def test_every_credential_page_carries_course_json_ld(site, catalogue_dir):
    records = sorted(catalogue_dir.glob("credentials/*/*.yaml"))
    assert len(records) > 20
    for record in records:
        page = site / "credentials" / record.parent.name / record.stem / "index.html"
        (doc,) = _jsonld(page)
        assert doc["@context"] == "https://schema.org" and doc["@type"] == "Course"
        assert doc["name"] and doc["description"]
        assert doc["provider"]["@type"] == "Organization" and doc["provider"]["name"]
        (instance,) = doc["hasCourseInstance"]
        assert instance["@type"] == "CourseInstance"
        assert instance["courseMode"] in {"Online", "Onsite", "Blended"}
        assert re.fullmatch(r"PT\d+H(\d+M)?", instance["courseWorkload"])
        assert instance["courseSchedule"]["repeatFrequency"] == "Weekly"
        offer = doc["offers"][0]
        assert offer["category"] in {"Free", "Partially Free", "Subscription", "Paid"}
        assert offer["price"] >= 0 and re.fullmatch(r"[A-Z]{3}", offer["priceCurrency"])
        (awarded,) = doc["educationalCredentialAwarded"]
        assert awarded["@type"] == "EducationalOccupationalCredential" and awarded["credentialCategory"]
        assert doc["url"].endswith(f"/credentials/{record.parent.name}/{record.stem}/")


def test_json_ld_keeps_hostile_text_as_data(site):
    (doc,) = _jsonld(site / "credentials" / HOSTILE_ID / "index.html")
    assert doc["name"] == HOSTILE_TITLE
    assert doc["offers"][0]["category"] == "Partially Free"
    raw = (site / "credentials" / HOSTILE_ID / "index.html").read_text(encoding="utf-8")
    assert "</script><" not in raw.split('application/ld+json">', 1)[1].split("</script>", 1)[0]


def test_generated_pages_stay_out_of_the_nav(site):
    # Every page embeds the nav: it must hold only the overview pages, however big the catalogue.
    html = (site / "credentials" / HOSTILE_ID / "index.html").read_text(encoding="utf-8")
    nav = html.split('md-nav--primary', 1)[1].split("</nav>", 1)[0]
    assert "credentials/" not in nav
    assert 8 <= len(re.findall(r"<a ", nav)) < 20


def _sidebar_targets(site: Path, page: Path) -> list[str]:
    html = page.read_text(encoding="utf-8")
    sidebar = html.split('data-md-type="navigation"', 1)[1].split("</nav>", 1)[0]
    return [(page.parent / href).resolve().relative_to(site.resolve()).as_posix()
            for href in re.findall(r'href="([^"#]*)"', sidebar)]


def test_every_page_has_a_sidebar_leading_to_the_same_pages(site):
    # Record pages share one rendering of the sidebar per folder (overrides/main.html):
    # wherever a page sits, its sidebar must lead to the same places as the home page's.
    expected = _sidebar_targets(site, site / "index.html")
    assert len(expected) >= 8
    pages = [site / "finder" / "index.html", site / "providers" / "index.html", site / "providers" / "hostile" / "index.html",
             site / "qualifications" / "qualification-00" / "index.html", site / "search" / "index.html",
             *sorted(site.glob("credentials/*/*/index.html"))]
    wrong = {p.relative_to(site).as_posix(): _sidebar_targets(site, p) for p in pages
             if _sidebar_targets(site, p) != expected}
    assert wrong == {}


def test_search_index_covers_every_record_page(site, catalogue_dir):
    manifest = json.loads((site / "search-index" / "manifest.json").read_text(encoding="utf-8"))
    assert not (site / "search" / "search_index.json").exists()  # Material's whole-site index is gone
    assert manifest["pages"] == len(list(catalogue_dir.rglob("*.yaml")))
    assert all((site / "search-index" / "b" / f"{n}.json.gz").is_file() for n in range(len(manifest["buckets"])))


def test_overview_pages_are_built(site):
    for path in ["finder", "duration", "cost", "stackability", "vet-credit", "providers", "qualifications"]:
        assert (site / path / "index.html").is_file(), path
    index = json.loads((site / "finder" / "index.json").read_text(encoding="utf-8"))
    items = sum(len(json.loads((site / "finder" / part["index"]).read_text(encoding="utf-8"))["items"]) for part in index["parts"])
    assert items == index["total"] == len(list((site / "credentials").glob("*/*/index.html")))


def test_nothing_generated_is_written_into_docs(site):
    assert not (ROOT / "docs" / "credentials").exists()
    assert not (ROOT / "docs" / "finder").exists()


def test_catalogue_errors_stop_the_build_with_the_validator_report(tmp_path):
    catalogue = make_catalogue(tmp_path / "catalogue", credentials=3)
    broken = sorted(catalogue.glob("credentials/*/*.yaml"))[0]
    text = broken.read_text(encoding="utf-8")
    broken.write_text(re.sub(r"(?m)^workload_hours: .*$", "workload_hours: lots", text), encoding="utf-8")
    line = next(i for i, l in enumerate(broken.read_text(encoding="utf-8").splitlines(), 1) if l.startswith("workload_hours"))
    site = tmp_path / "site"
    site.mkdir()
    (site / "keep.txt").write_text("previous build", encoding="utf-8")

    result = build_site(catalogue, site)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "Traceback" not in output
    assert re.search(rf"{re.escape(broken.name)}:{line}:\d+: error", output), output
    assert "workload_hours" in output
    # Nothing partial: the site folder is as it was.
    assert sorted(p.name for p in site.iterdir()) == ["keep.txt"]


def _build_in_this_process(config: Path, site: Path) -> None:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    build(load_config(str(config), site_dir=str(site)))


def test_a_build_leaves_its_process_as_it_found_it(catalogue_dir, tmp_path, monkeypatch):
    # The plugin pauses the garbage collector, freezes the heap and sets SOURCE_DATE_EPOCH for
    # its build only: `mkdocs serve` builds again in the same process, as may a program calling MkDocs.
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    broken = tmp_path / "broken"
    shutil.copytree(catalogue_dir, broken)
    record = next((broken / "credentials").rglob("*.yaml"))
    record.write_text(record.read_text(encoding="utf-8") + "workload_hours: twice\n", encoding="utf-8")
    for folder, fails in ((catalogue_dir, False), (broken, True)):
        config = site_config(tmp_path / f"{folder.name}.yml", folder)
        try:
            _build_in_this_process(config, tmp_path / f"site-{folder.name}")
        except BaseException:  # MkDocs' Abort
            assert fails
        else:
            assert not fails
            assert (tmp_path / f"site-{folder.name}" / "sitemap.xml.gz").is_file()
        assert "SOURCE_DATE_EPOCH" not in os.environ
        assert gc.get_freeze_count() == 0 and gc.isenabled()


def test_a_build_leaves_no_loaded_document_waiting_for_the_cycle_collector(catalogue_dir):
    # The site build pauses the cycle collector while the catalogue is built and freezes what is
    # left. Anything in a reference cycle would stay for the whole build: at 100,000 listings the
    # loaded documents (every key's position) are gigabytes. They must go by reference counting.
    from microcred.build import build
    from microcred.load import Document

    gc.collect()
    gc.disable()
    try:
        built = build(catalogue_dir)
        assert built.catalogue is not None
        left = sum(isinstance(o, Document) for o in gc.get_objects())
    finally:
        gc.enable()
    assert left == 0, f"{left} loaded documents outlive the build until the cycle collector runs"


@pytest.mark.parametrize("missing, options, message", [
    (True, {}, "isn't an existing directory"),
    (False, {"shared_chrome": "no"}, "Expected type: <class 'bool'>"),
])
def test_a_bad_plugin_setting_stops_the_build_before_it_starts(catalogue_dir, tmp_path, missing, options, message):
    result = build_site(tmp_path / "no-such-catalogue" if missing else catalogue_dir, tmp_path / "site", **options)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert message in result.stderr and "microcred" in result.stderr
    assert not (tmp_path / "site").exists()


def test_every_internal_link_resolves(site):
    # MkDocs checks links in Markdown only; generated pages link in raw HTML.
    broken = []
    for page in sorted(p for p in site.rglob("*.html") if p.name != "404.html"):  # 404 links from the site root
        html = page.read_text(encoding="utf-8")
        for href in re.findall(r'href="([^"]+)"', html):
            if re.match(r"^(https?:|mailto:|#|javascript:void)", href):
                continue
            target = (page.parent / href.split("#")[0].split("?")[0]).resolve()
            if target.is_dir():
                target = target / "index.html"
            if not target.exists():
                broken.append(f"{page.relative_to(site)} -> {href}")
    assert broken == []


def test_the_data_page_shows_each_reading_example_as_a_code_block_of_its_own_lines(site):
    # The page is Markdown that MkDocs renders: without an extension that reads fences (in list
    # items too), each example came out as one run of inline code, its three lines run together.
    from html import unescape

    from microcred.export.registry import OUTPUTS
    from microcred.render.data import DATA_URL, SITE_URL

    html = (site / "data" / "index.html").read_text(encoding="utf-8")
    blocks = [unescape(re.sub(r"<[^>]+>", "", block)).splitlines()
              for block in re.findall(r"<pre\b.*?</pre>", html, re.S)]
    for output in OUTPUTS:
        lines = output.example.format(data=DATA_URL, site=SITE_URL).splitlines()
        assert any(block[:3] == lines for block in blocks), f"{output.name}: its example is not a code block"
