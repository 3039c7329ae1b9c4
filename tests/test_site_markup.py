"""The built site's own markup, as browsers, validators and link previews read it: valid HTML
(html-validate, Material's known markup aside), head metadata on every page (Open Graph, Twitter
card, JSON-LD in the head and never in the article), skip links that land on the content, and a
404 page with a way on."""
from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent / "browser"))
from site_catalogue import CHAIN_ID, PLAIN_ID, ROOT, build_site, write_site_catalogue  # noqa: E402

HTML_VALIDATE = ROOT / ".ci" / "html-validate"
SITE_URL = "https://open-microcredentials.github.io/catalogue/"

# Material's own markup that html-validate reports, by rule and element; anything else fails.
KNOWN_MATERIAL = [
    ("valid-autocomplete", r"#__(drawer|search)"),  # its drawer and search toggles: checkboxes with autocomplete
    ("wcag/h32", r"html > body > header > nav > form:nth-child\(4\)"),  # the palette toggle, a form with no submit
    ("unique-landmark", r"html > body > div:nth-child\(\d+\) > main > div > div:nth-child\([12]\) > div > div > nav.*"),
]  # (the sidebars' nested navs share one name)
GROUPED = ["duration", "cost", "stackability", "vet-credit", "providers", "qualifications"]


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("markup")
    out = root / "site"
    result = build_site(write_site_catalogue(root / "catalogue"), out)
    assert result.returncode == 0, result.stdout + result.stderr
    return out


def one_of_each(site: Path) -> list[Path]:
    pages = [site / "index.html", site / "404.html", site / "search" / "index.html",
             site / "credentials" / PLAIN_ID / "index.html", site / "credentials" / CHAIN_ID / "index.html"]
    pages += sorted(site.glob("*/index.html")) + [site / "duration" / "10-40h" / "index.html",
                                                 site / "stackability" / "qualifications" / "qualification-00" / "index.html"]
    pages += sorted(site.glob("providers/*/index.html"))[:1] + sorted(site.glob("qualifications/*/index.html"))[:1]
    return sorted(set(pages))


def _head(html: str) -> str:
    return html.split("</head>", 1)[0]


def _article(html: str) -> str:
    return html.split("<article", 1)[1].split("</article>", 1)[0]


def ours(messages: list[dict]) -> list[dict]:
    return [m for m in messages
            if not any(m["ruleId"] == rule and re.fullmatch(sel, m.get("selector") or "") for rule, sel in KNOWN_MATERIAL)]


def html_validate(files: list[Path]) -> list[tuple[str, dict]]:
    if not shutil.which("node"):
        pytest.skip("Node is not installed: html-validate (an npm package) cannot run")
    cli = HTML_VALIDATE / "node_modules" / "html-validate" / "bin" / "html-validate.mjs"
    assert cli.exists(), "html-validate is not installed: run `make html-validate` (npm ci in .ci/html-validate)"
    report = files[0].parent / "html-validate.json"
    subprocess.run(["node", str(cli), "--config", str(HTML_VALIDATE / "htmlvalidate.json"),
                    f"--formatter=json={report}", *map(str, files)], capture_output=True, text=True, timeout=300)
    return [(Path(f["filePath"]).name, m) for f in json.loads(report.read_text()) for m in f["messages"]]


def test_our_markup_is_valid_html(site, tmp_path):
    files = one_of_each(site)
    found = html_validate(files)
    mine = [(name, m["ruleId"], m.get("selector"), m["message"]) for name, m in found if ours([m])]
    assert mine == [], "\n".join(map(str, mine))


def test_the_validator_reports_a_planted_error_as_ours(tmp_path):
    page = tmp_path / "planted.html"
    page.write_text('<!DOCTYPE html><html lang="en"><head><title>x</title></head><body>'
                    '<input id="__drawer" type="checkbox" autocomplete="off"><p><div>x</div></p></body></html>')
    found = [m for _name, m in html_validate([page])]
    assert [m["ruleId"] for m in ours(found)] and all(m["selector"] != "#__drawer" for m in ours(found))


def test_no_markdown_attribute_is_left_in_a_page(site):
    for page in site.rglob("*.html"):
        assert 'markdown="' not in page.read_text(encoding="utf-8"), page


def test_every_page_has_link_preview_tags_with_its_own_title_and_address(site):
    for page in one_of_each(site):
        if page.name == "404.html":
            continue
        head = _head(page.read_text(encoding="utf-8"))
        url = SITE_URL + page.parent.relative_to(site).as_posix() + "/"
        url = url.replace("catalogue/./", "catalogue/")
        for prop in ("og:title", "og:description", "og:type", "og:site_name"):
            assert f'<meta property="{prop}" content="' in head, (page, prop)
        assert f'<meta property="og:url" content="{url}">' in head, page
        assert '<meta name="twitter:card" content="summary">' in head
        title = re.search(r'<meta property="og:title" content="([^"]*)"', head).group(1)
        assert title and re.search(r'<meta name="twitter:title" content="([^"]*)"', head).group(1) == title


def test_a_credential_page_previews_with_its_title_and_summary_escaped(site):
    head = _head((site / "credentials" / PLAIN_ID / "index.html").read_text(encoding="utf-8"))
    assert '<meta property="og:title" content="Plain Sailing Navigation Skill Set">' in head
    assert '<meta property="og:description" content="Learn to navigate coastal waters safely in a small boat.">' in head


def test_json_ld_is_in_the_head_and_never_in_the_article(site):
    for page in site.glob("credentials/*/*/index.html"):
        html = page.read_text(encoding="utf-8")
        assert "application/ld+json" in _head(html), page
        assert "<script" not in _article(html), page


def test_grouped_pages_list_their_records_in_an_item_list(site):
    for name in GROUPED:
        html = (site / name / "index.html").read_text(encoding="utf-8")
        raw = _head(html).split('<script type="application/ld+json">', 1)[1].split("</script>", 1)[0]
        doc = json.loads(raw)
        assert doc["@type"] == "ItemList" and doc["url"] == f"{SITE_URL}{name}/"
        items = doc["itemListElement"]
        assert items and [i["position"] for i in items] == list(range(1, len(items) + 1))
        assert doc["numberOfItems"] == len(items) == len({i["url"] for i in items})
        article = _article(html)
        for item in items:  # each item is a page the article links to
            assert item["url"].startswith(SITE_URL)
            target = site / item["url"][len(SITE_URL):] / "index.html"
            assert target.exists(), item["url"]
            assert f'href="../{item["url"][len(SITE_URL):]}"' in article, (name, item["url"])


def test_every_generated_page_has_a_skip_link_that_lands_on_its_content(site):
    for page in [*site.glob("credentials/*/*/index.html"), *(site / n / "index.html" for n in GROUPED),
                 site / "index.html", site / "404.html"]:
        html = page.read_text(encoding="utf-8")
        skip = re.search(r'<a href="([^"]*)" class="md-skip">', html)
        assert skip, page
        target = skip.group(1).split("#", 1)[1]
        assert f'id="{target}"' in _article(html), page


def test_the_404_page_offers_search_the_finder_and_home_from_any_depth(site):
    html = (site / "404.html").read_text(encoding="utf-8")
    article = _article(html)
    # Served at any missing path, so its links are absolute from the site's root path.
    assert re.search(r'<form [^>]*action="/catalogue/search/" method="get"', article)
    assert '<input id="mc-404-q"' in article and 'name="q"' in article
    assert 'href="/catalogue/finder/"' in article and 'href="/catalogue/"' in article
