"""No record text can become markup: the built site's HTML, read without a browser (the browser
test, tests/browser/test_security_markup.py, runs the same hostile catalogue in Chromium).

The catalogue (tests/browser/site_catalogue.py) holds records that are valid but hostile: emoji
(outside the BMP, which once broke the pages' front matter), attribute lists with handlers,
Markdown links to javascript:, raw <img onerror> and <script>, backticks, braces, tabs and blank
lines in a description, a look-alike (international) host.
"""
from __future__ import annotations

import datetime as dt
import re
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest

sys.path.insert(0, str(Path(__file__).parent / "browser"))
from site_catalogue import (CHAIN_ID, HOSTILE_ID, IDN_PUNYCODE, MARKUP_ID, MARKUP_PROVIDER_ID,  # noqa: E402
                            MARKUP_PROVIDER_NAME, MARKUP_SUMMARY, MARKUP_TITLE)

from microcred.build import load_catalogue  # noqa: E402
from microcred.render.finder import finder_files  # noqa: E402
from microcred.render.text import NotFinite  # noqa: E402

# One page of each type, the hostile records' own pages among them.
PAGES = ["index.html", "finder/index.html", "duration/index.html", "cost/index.html", "stackability/index.html",
         "vet-credit/index.html", "providers/index.html", f"providers/{MARKUP_PROVIDER_ID}/index.html",
         "qualifications/index.html", "qualifications/qualification-01/index.html",
         f"credentials/{MARKUP_ID}/index.html", f"credentials/{CHAIN_ID}/index.html",
         f"credentials/{HOSTILE_ID}/index.html", "search/index.html"]


class _Page(HTMLParser):
    """Elements and attributes of a page as a browser's parser would see them."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict]] = []
        self.title = ""
        self._in_title = False

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))
        self._in_title = tag == "title"

    def handle_endtag(self, tag):
        self._in_title = False

    def handle_data(self, data):
        if self._in_title:
            self.title += data


def _parse(path: Path) -> _Page:
    parser = _Page()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


@pytest.fixture(scope="module")
def catalogue_dir(hostile_catalogue_dir) -> Path:
    return hostile_catalogue_dir


@pytest.fixture(scope="module")
def site(hostile_site) -> Path:
    return hostile_site


@pytest.mark.parametrize("path", PAGES)
def test_no_record_text_becomes_an_element_an_attribute_or_a_link(site, path):
    page = _parse(site / path)
    for tag, attrs in page.elements:
        handlers = [name for name in attrs if name.startswith("on")]
        assert handlers == [], (tag, attrs)
        assert "autofocus" not in attrs, (tag, attrs)
        for name in ("href", "src", "action", "formaction"):
            value = (attrs.get(name) or "").strip().lower()
            assert not value.startswith(("javascript:", "data:", "vbscript:")), (tag, attrs)
        # No script but the site's own files, the JSON-LD and Material's inline configuration.
        if tag == "script":
            assert attrs.get("src", "").startswith(("../", "assets/", "search/", "javascripts/")) or \
                attrs.get("type") == "application/ld+json" or "src" not in attrs, attrs
    assert not any(tag == "img" and attrs.get("src") == "x" for tag, attrs in page.elements)


@pytest.mark.parametrize("path", PAGES)
def test_no_page_loads_anything_from_another_host(site, path):
    page = _parse(site / path)
    for tag, attrs in page.elements:
        for name in ("src", "srcset", "data", "poster"):
            if attrs.get(name):
                assert not urlsplit(attrs[name]).netloc, (tag, attrs)
        if tag == "link" and attrs.get("href"):
            assert not urlsplit(attrs["href"]).netloc or attrs.get("rel") == "canonical", attrs
    html = (site / path).read_text(encoding="utf-8")
    assert 'class="mermaid"' not in html and "cdn.jsdelivr" not in html and "unpkg.com" not in html


def test_an_emoji_title_is_the_page_title_as_written(site):
    page = _parse(site / "credentials" / MARKUP_ID / "index.html")
    assert page.title == f"{MARKUP_TITLE} - Open Microcredential Catalogue"
    (description,) = [a["content"] for t, a in page.elements if t == "meta" and a.get("name") == "description"]
    assert description == MARKUP_SUMMARY
    provider = _parse(site / "providers" / MARKUP_PROVIDER_ID / "index.html")
    assert provider.title.startswith(MARKUP_PROVIDER_NAME)


def test_record_text_is_shown_as_typed_not_read_as_markdown(site):
    html = (site / "credentials" / MARKUP_ID / "index.html").read_text(encoding="utf-8")
    heading = html.split("<h1>", 1)[1].split("</h1>", 1)[0]
    # Markdown would have made <strong>, <code> and an attribute list of these.
    assert heading.startswith("Data 📊 skills **x**{: autofocus onfocus=window.__pwned=1} `tick` {braces} &lt;img")
    assert "<strong>x</strong>" not in html.split('<div class="mc-description">', 1)[0]


def test_a_look_alike_host_is_shown_in_punycode_beside_its_link(site):
    html = (site / "credentials" / MARKUP_ID / "index.html").read_text(encoding="utf-8")
    official = html.split('class="mc-official"', 1)[1].split("</p>", 1)[0]
    assert f"({IDN_PUNYCODE})" in official
    description = html.split('class="mc-description"', 1)[1].split("</div>", 1)[0]
    assert f'href="https://{IDN_PUNYCODE}/ok"' in description and f"({IDN_PUNYCODE})" in description


def test_a_non_finite_total_stops_the_finder_with_the_credential_named(catalogue_dir):
    # Validation rejects such a record (amounts have bounds); this is the renderer's own guard.
    catalogue = load_catalogue(catalogue_dir, as_of=dt.date(2026, 11, 25))
    cred = catalogue.credentials[CHAIN_ID]
    cred.data["cost"] = {**cred.data["cost"], "amount": 1e308, "basis": "per-month"}
    cred.data["duration"] = {"weeks": 1e300}
    with pytest.raises(NotFinite, match=re.escape(CHAIN_ID)):
        finder_files(catalogue)
