"""Record text on its way to HTML: which URLs may be links, how a host is shown, the one
function that makes markup from record text (description_html), and the templates' escaping."""
from __future__ import annotations

import json

import pytest
from markupsafe import Markup

from microcred.render.page import Page
from microcred.render.templating import environment
from microcred import urls
from microcred.render.text import description_html, display_host, number, NotFinite, record_link, safe_url


@pytest.mark.parametrize("url", ["javascript:alert(1)", "JAVASCRIPT:alert(1)", " javascript:alert(1)",
                                 "data:text/html,<script>", "vbscript:msgbox", "/relative", "relative/path",
                                 "//evil.example/x", "https://", "java\tscript:alert(1)", "https://a b", None, 42])
def test_unsafe_urls_are_refused(url):
    assert safe_url(url) is None
    assert record_link(url, "text").href is None  # shown as text, never as a link


@pytest.mark.parametrize("url", ["https://example.org/a?b=c#d", "http://example.org", "mailto:someone@example.org"])
def test_web_and_mail_urls_are_kept(url):
    assert safe_url(url) == url


@pytest.mark.parametrize("url, shown", [
    ("https://example.com/x", ""),
    ("https://bücher.example/x", "xn--bcher-kva.example"),
    ("https://xn--bcher-kva.example/x", "xn--bcher-kva.example"),  # already punycode: browsers show Unicode
    ("https://exаmple.com/", "xn--exmple-4nf.com"),  # a Cyrillic а
    ("mailto:info@bücher.example", "xn--bcher-kva.example"),
])
def test_an_international_host_is_shown_in_punycode(url, shown):
    assert display_host(url) == shown
    assert record_link(url).host_note == shown


def test_markdown_subset_renders_the_allowed_syntax():
    out = description_html("Some *emphasis*, **strong**, `code` and a [link](https://example.org).\n\n- one\n- two\n")
    assert isinstance(out, Markup)
    assert "<em>emphasis</em>" in out and "<strong>strong</strong>" in out and "<code>code</code>" in out
    assert '<a href="https://example.org" rel="nofollow noopener">link</a>' in out
    assert "<ul>" in out and "<li>one</li>" in out


def test_description_links_are_https_or_mailto_only():
    out = description_html("[a](https://a.example) [b](mailto:b@b.example) [c](http://c.example) [d](ftp://d.example)")
    assert 'href="https://a.example"' in out and 'href="mailto:b@b.example"' in out
    assert 'href="http:' not in out and 'href="ftp:' not in out and "[c](http://c.example)" in out


def test_a_description_link_to_an_international_host_shows_its_punycode():
    out = description_html("[shop](https://bücher.example/)")
    assert '<a href="https://xn--bcher-kva.example/" rel="nofollow noopener">shop</a>' in out
    assert "(xn--bcher-kva.example)" in out


@pytest.mark.parametrize("text, shown", [
    ("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"),
    ('<img src=x onerror="alert(1)">', "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;"),
    ("[x](javascript:alert(1))", "[x](javascript:alert(1))"),
    ("[x](data:text/html;base64,PHNjcmlwdD4=)", "[x](data:text/html;base64,PHNjcmlwdD4=)"),
    ("[x](/etc/passwd)", "[x](/etc/passwd)"),
    ("![img](https://example.org/x.png)", "!<a "),
    ('**x**{: autofocus onfocus="x"}', "<strong>x</strong>{: autofocus onfocus=&quot;x&quot;}"),
    ("# Heading", "# Heading"),
    ("| a | b |\n|---|---|\n| c | d |", "| a | b |"),
    ("\tTabbed\n\n\n\nafter blank lines", "Tabbed"),
])
def test_markdown_subset_shows_everything_else_as_text(text, shown):
    out = description_html(text)
    assert shown in out
    assert "<script" not in out and "<img" not in out and "<h1" not in out and "<table" not in out
    assert "<pre" not in out and "onfocus=\"" not in out and "autofocus>" not in out
    assert 'href="/' not in out and "href=\"data" not in out and "href=\"javascript" not in out


def test_templates_escape_every_value_and_json_ld_cannot_end_its_script():
    env = environment()
    assert env.autoescape is True
    data = {"name": "</script><script>alert(1)</script> `x` ' & 🚀", "n": 1}
    out = env.from_string("<p title='{{ v }}'>{{ v }}</p><script type=application/ld+json>{{ d | tojson }}</script>").render(
        v="\"'<b>&", d=data)
    assert out.startswith("<p title='&#34;&#39;&lt;b&gt;&amp;'>&#34;&#39;&lt;b&gt;&amp;</p>")
    script = out.split("json>", 1)[1].rsplit("</script>", 1)[0]
    assert "<" not in script and ">" not in script and "&" not in script and "'" not in script
    assert json.loads(script) == data


def test_json_ld_refuses_a_non_finite_number():
    with pytest.raises(ValueError):
        environment().from_string("{{ d | tojson }}").render(d={"price": float("inf")})


def test_a_non_finite_number_is_never_printed():
    assert number(1500) == "1,500" and number(12.5) == "12.5" and number(3.0) == "3"
    for value in (float("inf"), float("-inf"), float("nan")):
        with pytest.raises(NotFinite):
            number(value)


def test_a_page_keeps_title_and_description_as_plain_one_line_text():
    page = Page(url="credentials/a/b/", title="Data 📊\tskills\n<b>x</b>", description=" two\nlines ", html="<div></div>")
    assert page.title == "Data 📊 skills <b>x</b>" and page.description == "two lines"
    assert page.src_path == "credentials/a/b/index.md"
    with pytest.raises(ValueError):
        Page(url="credentials/a/b", title="t", description="", html="")


def test_relative_links_between_directory_urls():
    assert urls.relative("credentials/acme/x/", "providers/acme/") == "../../../providers/acme/"
    assert urls.relative("finder/", "credentials/a/b/") == "../credentials/a/b/"
    assert urls.relative("", "finder/") == "finder/"
