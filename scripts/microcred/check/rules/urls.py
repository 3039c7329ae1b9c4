"""Rules for web addresses: a URL names a public web site by its host name, and shows the host it opens.

The schema already holds every URL field to `https://`; these rules read each field whose schema
uses the shared `https_url` definition (found by walking the schema, not from a list of names).

The host is read the way a browser reads it (the WHATWG URL standard), not the way
`urllib.parse` does, because the browser and the weekly link check are what open it: a backslash
ends the host like `/`, full-width letters and dots are mapped to ASCII (UTS #46), and a last
label that is a number makes the whole host an IPv4 address (`0x7f.1`, `2130706433`).

A name that resolves to a private address cannot be seen without DNS; the link check leaves
private addresses alone when it resolves names.
"""
from __future__ import annotations

import ipaddress
import re

import idna

from ...paths import KINDS
from ...schemas import record_strings
from ..registry import rule

URL_DEFINITION = "https_url"

# Names that never reach a public site: no dot (`localhost`, `intranet`, a search-domain name),
# or a special-use or customary private top-level domain (RFC 6761, RFC 8375, RFC 9476, ICANN).
PRIVATE_TLDS = frozenset({"localhost", "local", "localdomain", "internal", "intranet", "lan", "home", "corp",
                          "private", "test", "invalid", "onion", "alt", "arpa"})
_NUMERIC_LABEL = re.compile(r"^(?:[0-9]+|0[xX][0-9a-fA-F]*)$")
_LABEL = re.compile(r"^[a-z0-9_](?:[a-z0-9_-]*[a-z0-9_])?$")
_HOST_END = re.compile(r"[/?#\\]")


def authority(url: str) -> str | None:
    """What follows `https://` up to the path, as a browser delimits it; None if not https."""
    if not url.lower().startswith("https://"):
        return None
    rest = url[len("https://"):]
    match = _HOST_END.search(rest)
    return rest[: match.start()] if match else rest


def host_problem(host: str) -> str | None:
    """Why a host (without port) is not a public host name, or None if it is one."""
    if host.startswith("["):
        return f"`{host}` is an IP address, not a host name"
    if "%" in host:
        return "the host is percent-encoded, which hides the name a browser opens"
    try:
        mapped = idna.uts46_remap(host, std3_rules=False, transitional=False)
    except (idna.IDNAError, UnicodeError, ValueError):
        return "the host is not a valid host name"
    labels = mapped.lower().removesuffix(".").split(".")
    if labels and _NUMERIC_LABEL.match(labels[-1]):
        return f"`{mapped}` is an IP address, not a host name"
    try:
        ipaddress.ip_address(mapped)
        return f"`{mapped}` is an IP address, not a host name"
    except ValueError:
        pass
    if len(labels) < 2:
        return f"`{mapped}` is a local name, not a public host name (it has no dot)"
    if labels[-1] in PRIVATE_TLDS or labels[-2:] == ["home", "arpa"]:
        return f"`{mapped}` is a local or reserved name (`.{labels[-1]}`), not a public host"
    encoded = []
    for label in labels:
        try:  # an ASCII label is kept (DNS allows `_`, IDNA does not); another must be valid IDNA
            encoded.append(label if label.isascii() else idna.alabel(label).decode("ascii"))
        except (idna.IDNAError, UnicodeError, ValueError):
            return "the host is not a valid host name"
    if len(".".join(encoded)) > 253 or not all(len(label) <= 63 and _LABEL.match(label) for label in encoded):
        return "the host is not a valid host name"
    return None


def _url_fields(doc):
    for path, text, _schema, ref, is_key in record_strings(doc.kind, doc.data):
        if ref == URL_DEFINITION and not is_key:
            yield path, text


@rule("url-user-info", KINDS, "a URL carries no user name or password before its host (`https://user@host/`)")
def check_url_user_info(doc, index):
    for path, url in _url_fields(doc):
        auth = authority(url)
        if auth is not None and "@" in auth:
            real = auth.rsplit("@", 1)[1]
            yield path, f"the address carries user-info before `@`: a browser opens `{real}`, not what precedes the `@`", \
                "give the page's plain address, `https://host/path`, with nothing between `https://` and the host name"


@rule("url-host", KINDS, "a URL's host is a public host name: no IP address, no local, loopback, private or reserved name")
def check_url_host(doc, index):
    for path, url in _url_fields(doc):
        auth = authority(url)
        if auth is None:
            continue
        if "\\" in url:
            yield path, "the address holds a backslash, which a browser reads as `/`", \
                "write `/` for a path separator, or `%5C` for a backslash that belongs to the address"
            continue
        hostport = auth.rsplit("@", 1)[-1]
        host, port = hostport, ""
        if not hostport.startswith("[") and ":" in hostport:
            host, port = hostport.rsplit(":", 1)
        if port and not port.isdigit():
            yield path, "the address has a port that is not a number", "remove the `:` after the host name"
            continue
        problem = host_problem(host)
        if problem:
            yield path, f"the address's host is not public: {problem}", \
                "give the public web address of the official page, with its host name (such as `https://www.example.edu/...`)"
