"""Rules for web addresses: a URL names a public web site by its host name, and shows the host it opens.

The schema already holds every URL field to `https://`; these rules read each field whose schema
uses the shared `https_url` definition (found by walking the schema, not from a list of names),
and every link written in a multi-line (`description`) field, found by the same Markdown parser
that draws it on the page (markdown.py). How a browser reads a host is hosts.py's.

A name that resolves to a private address cannot be seen without DNS; the link check leaves
private addresses alone when it resolves names.
"""
from __future__ import annotations

from ...hosts import address_problem, user_info_host
from ...markdown import description_links
from ...paths import KINDS
from ...schemas import from_strings, multi_line
from ..registry import rule

URL_DEFINITION = "https_url"


def _address_list(strings: list) -> list[tuple]:
    found = []
    for path, text, schema, ref, is_key in strings:
        if is_key:
            continue
        if ref == URL_DEFINITION:
            found.append((path, text, "the address"))
        elif multi_line(schema) and "](" in text and len(text) <= schema.get("maxLength", len(text)):
            # No link without `](`, so most descriptions skip the parser; and, as for patterns, a
            # text longer than its field allows is not parsed (the schema reports its length).
            for href, line in description_links(text):
                found.append((path, href, f"the link to `{href}` (line {line + 1} of the text)"))
    return found


def _addresses(doc) -> list[tuple]:
    """`(path, url, where)`: each URL field, and each link in a description (`where` names it),
    found once per record for both rules (a description is parsed once, not once a rule)."""
    return from_strings(doc.kind, doc.data, _address_list)


@rule("url-user-info", KINDS, "a URL, or a link in a description, carries no user name or password before its host (`https://user@host/`)")
def check_url_user_info(doc, index):
    for path, url, where in _addresses(doc):
        real = user_info_host(url)
        if real is not None:
            yield path, f"{where} carries user-info before `@`: a browser opens `{real}`, not what precedes the `@`", \
                "give the page's plain address, `https://host/path`, with nothing between `https://` and the host name"


@rule("url-host", KINDS, "a URL's host, and a description link's, is a public host name: no IP address, no local, loopback, private or reserved name")
def check_url_host(doc, index):
    for path, url, where in _addresses(doc):
        found = address_problem(url)
        if found:
            message, hint = found
            yield path, message.replace("the address", where, 1), hint
