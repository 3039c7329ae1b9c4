"""Record text on its way to HTML: escaped, sanitised, and left alone by MkDocs' Markdown."""
from __future__ import annotations

import json
from pathlib import Path

import markdown
import pytest
import yaml
from mkdocs.utils.meta import get_data

from microcred.render.text import (esc, html_block, json_for_script, markdown_subset, mermaid_label, page, page_html,
                                   rel, safe_url)

HOSTILE = [
    "a | b | c",
    "*stars* and _under_ and **bold**",
    "`tick` and ```fence```",
    "[x](javascript:alert(1))",
    "<img src=x onerror=alert(1)>",
    '{: onclick="x"}',
    "<script>alert(1)</script>",
    "&amp; &lt; stays as typed",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_escaped_text_reads_back_exactly_as_typed(text):
    from html import unescape

    out = esc(text)
    assert "<" not in out and ">" not in out and '"' not in out
    assert unescape(out) == text


def test_escaping_folds_line_breaks_so_no_line_starts_with_record_text():
    assert esc("one\n\n```\ntwo") == "one &#96;&#96;&#96; two"


@pytest.mark.parametrize("url", ["javascript:alert(1)", "JAVASCRIPT:alert(1)", " javascript:alert(1)",
                                 "data:text/html,<script>", "vbscript:msgbox", "/relative", "relative/path",
                                 "//evil.example/x", "https://", "java\tscript:alert(1)", "https://a b", None, 42])
def test_unsafe_urls_are_refused(url):
    assert safe_url(url) is None


@pytest.mark.parametrize("url", ["https://example.org/a?b=c#d", "http://example.org", "mailto:someone@example.org"])
def test_web_and_mail_urls_are_kept(url):
    assert safe_url(url) == url


def test_markdown_subset_renders_the_allowed_syntax():
    out = markdown_subset("Some *emphasis*, **strong**, `code` and a [link](https://example.org).\n\n- one\n- two\n")
    assert "<em>emphasis</em>" in out and "<strong>strong</strong>" in out and "<code>code</code>" in out
    assert '<a href="https://example.org" rel="nofollow noopener">link</a>' in out
    assert "<ul>" in out and "<li>one</li>" in out


@pytest.mark.parametrize("text, shown", [
    ("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"),
    ('<img src=x onerror="alert(1)">', "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;"),
    ("[x](javascript:alert(1))", "[x](javascript:alert(1))"),
    ("[x](data:text/html;base64,PHNjcmlwdD4=)", "[x](data:text/html;base64,PHNjcmlwdD4=)"),
    ("[x](/etc/passwd)", "[x](/etc/passwd)"),
    ("![img](https://example.org/x.png)", "!<a "),
    ('{: onclick="x"}', "&#123;: onclick=&quot;x&quot;&#125;"),
    ("# Heading", "# Heading"),
    ("| a | b |\n|---|---|\n| c | d |", "| a | b |"),
])
def test_markdown_subset_shows_everything_else_as_text(text, shown):
    out = markdown_subset(text)
    assert shown in out
    assert "<script" not in out and "<img" not in out and "<h1" not in out and "<table" not in out
    assert "javascript:" not in out.split("[x]")[0]
    assert 'href="/' not in out and "href=\"data" not in out and "href=\"javascript" not in out


def test_markdown_subset_output_has_no_line_starting_with_text():
    out = markdown_subset("first line\nsecond line\n\n```\nfenced\n```\n")
    assert "\n" not in out and "`" not in out


def test_mermaid_labels_cannot_close_the_node_or_inject_markup():
    label = mermaid_label('A "quoted"] --> X[<b>bold</b>')
    assert label.startswith('"') and label.endswith('"')
    inner = label[1:-1]
    assert '"' not in inner and "]" not in inner and "<" not in inner and ">" not in inner and "[" not in inner


def test_json_for_script_cannot_end_the_script_and_round_trips():
    data = {"name": "</script><script>alert(1)</script> `x` ~y & z", "n": 1}
    text = json_for_script(data)
    assert "<" not in text and ">" not in text and "&" not in text and "`" not in text and "~" not in text
    assert json.loads(text) == data


def _site_extensions() -> tuple[list, dict]:
    """The Markdown extensions and their settings from the site's mkdocs.yml."""
    config = yaml.safe_load((Path(__file__).resolve().parents[1] / "mkdocs.yml").read_text(encoding="utf-8"))
    names, settings = [], {}
    for entry in config["markdown_extensions"]:
        name, options = next(iter(entry.items())) if isinstance(entry, dict) else (entry, None)
        names.append(name)
        if options:
            settings[name] = options
    return names, settings


def _through_mkdocs_markdown(source: str, also: tuple[str, ...] = ("pymdownx.superfences",)) -> tuple[str, dict]:
    """What MkDocs does to a generated page: front matter off, then Markdown with the site's
    extensions (and, by default, a fenced-code extension the site may add one day)."""
    body, meta = get_data(source)
    names, settings = _site_extensions()
    md = markdown.Markdown(extensions=names + list(also), extension_configs=settings)
    return md.convert(body), meta


@pytest.mark.parametrize("text", HOSTILE + ["--8<-- \"/etc/passwd\"", "    indented code", "!!! note \"x\"",
                                            "~~~\nfence\n~~~"])
def test_a_generated_page_passes_through_markdown_unchanged(text):
    body = f"<h1>{esc(text)}</h1><p>{markdown_subset(text)}</p>"
    html, meta = _through_mkdocs_markdown(page(text, body, description=text))
    assert body in html
    assert "<script" not in html and "onclick=" not in html.replace("onclick=&quot;", "")
    # Material prints meta title and description unescaped: they arrive escaped.
    assert "<" not in meta["title"] and "<" not in meta["description"]


@pytest.mark.parametrize("searchable", [False, True])
@pytest.mark.parametrize("text", HOSTILE + ["line one\n\nline two", "    indented code", "~~~\nfence\n~~~",
                                            "a\ttab", "\u2028 line separator"])
def test_the_html_block_of_a_generated_page_is_exactly_what_markdown_would_make(text, searchable):
    # The site build uses html_block instead of converting the page: it must change nothing.
    body = f"<h1>{esc(text)}</h1><p>{markdown_subset(text)}</p><ul><li>{esc(text)}</li></ul>"
    source = page(text, body, description=text, searchable=searchable)
    converted, _ = _through_mkdocs_markdown(source, also=())
    block = html_block(get_data(source)[0])
    if "\t" in text:  # left to Markdown, which turns tabs into spaces
        assert block is None and page_html(source) is None
    else:
        assert block == converted
        assert page_html(source) == converted


@pytest.mark.parametrize("markdown_text", ["# A heading\n\nSome *text*.", "<div>\nraw\n</div>\n\nthen text",
                                           '<div class="mc-page" markdown="0">\n<p>a</p>\n\n<p>b</p>\n</div>'])
def test_any_other_markdown_is_left_to_markdown(markdown_text):
    assert html_block(markdown_text) is None
    assert page_html(markdown_text) is None


def test_relative_links_between_directory_urls():
    assert rel("credentials/acme/x/", "providers/acme/") == "../../../providers/acme/"
    assert rel("finder/", "credentials/a/b/") == "../credentials/a/b/"
    assert rel("", "finder/") == "finder/"
