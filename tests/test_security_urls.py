"""A URL in a record names a public web site by its host name: no user-info to disguise the host,
no IP address, no loopback, private, link-local or reserved name (which the weekly link check
would otherwise request from inside CI). Every URL field is checked, found from the schema."""
from __future__ import annotations

import datetime as dt
import shutil

import pytest

from fixturelib import BASE
from microcred.check import validate

TODAY = dt.date(2026, 11, 23)
BASE_COURSE = (BASE / "credentials" / "acme" / "base-course.yaml").read_text(encoding="utf-8")
URL_LINE = "url: https://acme.example.org/base"


def check(tmp_path, text: str):
    catalogue = tmp_path / "catalogue"
    shutil.copytree(BASE, catalogue)
    path = catalogue / "credentials" / "acme" / "base-course.yaml"
    path.write_text(text, encoding="utf-8")
    return validate([path], catalogue, today=TODAY).problems


def url_problems(tmp_path, url: str):
    return [p for p in check(tmp_path, BASE_COURSE.replace(URL_LINE, f"url: '{url}'")) if p.is_error]


USER_INFO = ["https://www.mit.edu@evil.example/", "https://user:secret@acme.example.org/",
             "https://@acme.example.org/", "https://www.mit.edu%2F@evil.example/"]


@pytest.mark.parametrize("url", USER_INFO)
def test_user_info_is_rejected_and_the_real_host_named(tmp_path, url):
    problems = url_problems(tmp_path, url)
    assert [(p.rule, p.path, p.line) for p in problems] == [("url-user-info", "url", 6)]
    assert problems[0].message.endswith("not what precedes the `@`")
    assert url.split("@")[-1].rstrip("/") in problems[0].message


NOT_PUBLIC = [
    "https://127.0.0.1/", "https://10.0.0.8/admin", "https://192.168.1.1/", "https://169.254.169.254/latest/meta-data",
    "https://[::1]/", "https://[fe80::1]/", "https://[::ffff:127.0.0.1]/", "https://8.8.8.8/",
    "https://0x7f.1/", "https://2130706433/", "https://127.1/", "https://017700000001/",
    "https://localhost/", "https://localhost:8080/", "https://LOCALHOST./", "https://app.localhost/",
    "https://intranet/", "https://printer.local/", "https://db.internal/", "https://router.home.arpa/",
    "https://x.test/", "https://x.invalid/", "https://ｌｏｃａｌｈｏｓｔ/", "https://１２７。０。０。１/",
    "https://%6c%6fcalhost/", "https://evil.example\\@acme.example.org/", "https://acme.example.org:port/",
]


@pytest.mark.parametrize("url", NOT_PUBLIC)
def test_a_host_that_is_not_a_public_name_is_rejected(tmp_path, url):
    problems = url_problems(tmp_path, url)
    assert [(p.rule, p.path, p.line) for p in problems] == [("url-host", "url", 6)], problems
    assert problems[0].hint


PUBLIC = ["https://www.mit.edu/", "https://bücher.example.de/kurs", "https://xn--bcher-kva.example.de/",
          "https://læring.example.no/kurs?id=1,2&x=y", "https://acme.example.org:8443/x",
          "https://acme.example.org/path@with-at?q=a@b#frag@x", "https://www.example.com./",
          "https://my_site.example.com/", "https://10.example.com/", "https://1password.com/"]


@pytest.mark.parametrize("url", PUBLIC)
def test_public_addresses_pass_including_non_ascii_host_names(tmp_path, url):
    assert url_problems(tmp_path, url) == []


def test_every_url_field_is_checked_sources_and_evidence_too(tmp_path):
    text = BASE_COURSE + (
        "sources: [https://acme.example.org/fees, https://127.0.0.1/fees]\n"
        "vet_credit:\n  - units: [BSBPMG430]\n    credit_type: credit-transfer\n"
        "    evidence_url: https://u@acme.example.org/credit\n")
    found = {(p.rule, p.path) for p in check(tmp_path, text) if p.rule.startswith("url-")}
    assert found == {("url-host", "sources[1]"), ("url-user-info", "vet_credit[0].evidence_url")}


def test_provider_website_and_qualification_url_are_checked(tmp_path):
    catalogue = tmp_path / "catalogue"
    shutil.copytree(BASE, catalogue)
    provider = catalogue / "providers" / "acme.yaml"
    provider.write_text(provider.read_text().replace("https://acme.example.org/", "https://192.168.0.1/"))
    qualification = next((catalogue / "qualifications").glob("*.yaml"))
    text = qualification.read_text()
    url_line = next(l for l in text.splitlines() if l.startswith("url:"))
    qualification.write_text(text.replace(url_line, "url: https://localhost/award"))
    problems = validate([provider, qualification], catalogue, today=TODAY).problems
    assert {(p.rule, p.path) for p in problems} == {("url-host", "website"), ("url-host", "url")}


# The host a page names beside a link is the host the browser opens: UTS #46 non-transitional
# (`ß`, final `ς` and ZWNJ kept, as browsers do), the same function the url-host rule uses.
OPENED = [("https://www.straße-bank.de/", "www.xn--strae-bank-83a.de"),
          ("https://ς.example.gr/", "xn--3xa.example.gr"),
          ("https://\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645.example/", "xn--mgbn2ecje63gr19l.example"),
          ("https://ＡＣＭＥ.example.org/", "acme.example.org")]


@pytest.mark.parametrize("url, host", OPENED)
def test_the_host_note_names_the_host_the_browser_opens(tmp_path, url, host):
    from microcred.hosts import ascii_host
    from microcred.render.text import description_html, record_link

    assert url_problems(tmp_path, url) == []
    assert ascii_host(url.split("/")[2]) == host
    assert record_link(url).host_note == host
    assert f'href="https://{host}/"' in description_html(f"[bank]({url})")


def test_a_joiner_a_browser_refuses_makes_no_link(tmp_path):
    from microcred.render.text import record_link

    url = "https://ab\u200ccd.example/"  # ZWNJ between Latin letters: not a valid host name
    assert [p.rule for p in url_problems(tmp_path, url)] == ["url-host"]
    assert record_link(url).href is None


HOSTILE_DESCRIPTION = ("description: |\n  Read the handbook first.\n\n"
                       "  See [https://www.mit.edu/](https://evil.example/),\n"
                       "  [a](https://127.0.0.1/x), [b](https://www.mit.edu@evil.example/)\n")


def test_links_in_a_description_face_the_url_rules(tmp_path):
    problems = [p for p in check(tmp_path, BASE_COURSE + HOSTILE_DESCRIPTION) if p.is_error]
    line = BASE_COURSE.count("\n") + 1
    assert [(p.rule, p.path, p.line) for p in problems] == [("url-host", "description", line),
                                                           ("url-user-info", "description", line)]
    host, user_info = problems
    assert "`https://127.0.0.1/x` (line 4 of the text)" in host.message
    assert "`https://www.mit.edu@evil.example/` (line 4 of the text)" in user_info.message
    assert "opens `evil.example/`" not in user_info.message and "opens `evil.example`" in user_info.message


def test_a_description_link_shows_the_host_it_opens_and_a_refused_one_is_text():
    from microcred.render.text import description_html

    out = description_html("See [https://www.mit.edu/](https://evil.example/), [a](https://127.0.0.1/x), "
                           "[b](https://www.mit.edu@evil.example/) and [www.mit.edu](https://www.mit.edu/x).")
    assert '<a href="https://evil.example/" rel="nofollow noopener">https://www.mit.edu/</a> ' \
           '<span class="mc-host">(evil.example)</span>' in out
    assert "127.0.0.1" not in out and "evil.example@" not in out and "mit.edu@" not in out
    assert ", a, b and " in out
    assert '<a href="https://www.mit.edu/x" rel="nofollow noopener">www.mit.edu</a>.' in out  # the text is its host
