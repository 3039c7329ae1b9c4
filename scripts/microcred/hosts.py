"""Web addresses as a browser reads them: the host a URL opens, in the ASCII form the browser
sends to DNS, and whether it is a public web site.

The url rules (check/rules/urls.py) and the pages (render/text.py) both ask here, so the host a
rule accepted is the host the page names beside the link, and the host the browser opens.

The host is read the way a browser reads it (the WHATWG URL standard), not the way
`urllib.parse` does: a backslash ends the host like `/`, full-width letters and dots are mapped
to ASCII, `ß` and final `ς` are kept (UTS #46 non-transitional processing, as browsers do, not
IDNA 2003, which turns `straße` into `strasse`), and a last label that is a number makes the whole
host an IPv4 address (`0x7f.1`, `2130706433`).
"""
from __future__ import annotations

import ipaddress
import re

import idna

# Names that never reach a public site: no dot (`localhost`, `intranet`, a search-domain name),
# or a special-use or customary private top-level domain (RFC 6761, RFC 8375, RFC 9476, ICANN).
PRIVATE_TLDS = frozenset({"localhost", "local", "localdomain", "internal", "intranet", "lan", "home", "corp",
                          "private", "test", "invalid", "onion", "alt", "arpa"})
_NUMERIC_LABEL = re.compile(r"^(?:[0-9]+|0[xX][0-9a-fA-F]*)$")
_LABEL = re.compile(r"^[a-z0-9_](?:[a-z0-9_-]*[a-z0-9_])?$")
_HOST_END = re.compile(r"[/?#\\]")


def ascii_host(host: str) -> str | None:
    """The host as a browser sends it to DNS (UTS #46 non-transitional, then punycode), lower
    case; None if a browser would refuse it. ASCII labels keep `_`, as DNS and browsers do."""
    try:
        mapped = idna.uts46_remap(host, std3_rules=False, transitional=False)
        dot = "." if mapped.endswith(".") and len(mapped) > 1 else ""
        labels = []
        for label in mapped.removesuffix(".").split("."):
            if not label.isascii():
                label = idna.alabel(label).decode("ascii")
            elif label.startswith("xn--"):
                idna.ulabel(label)  # punycode must decode to a valid label
            labels.append(label.lower())
        return ".".join(labels) + dot
    except (idna.IDNAError, UnicodeError, ValueError, IndexError):
        return None


def authority(url: str) -> str | None:
    """What follows `https://` up to the path, as a browser delimits it; None if not https."""
    if not url.lower().startswith("https://"):
        return None
    rest = url[len("https://"):]
    match = _HOST_END.search(rest)
    return rest[: match.start()] if match else rest


def user_info_host(url: str) -> str | None:
    """The host a browser opens when an https URL carries user-info (`https://name@host/`), else None."""
    auth = authority(url)
    return auth.rsplit("@", 1)[1] if auth is not None and "@" in auth else None


def host_problem(host: str) -> str | None:
    """Why a host (without port) is not a public host name, or None if it is one."""
    if host.startswith("["):
        return f"`{host}` is an IP address, not a host name"
    if "%" in host:
        return "the host is percent-encoded, which hides the name a browser opens"
    encoded = ascii_host(host)
    if encoded is None:
        return "the host is not a valid host name"
    labels = encoded.removesuffix(".").split(".")
    if _NUMERIC_LABEL.match(labels[-1]):
        return f"`{encoded}` is an IP address, not a host name"
    try:
        ipaddress.ip_address(encoded)
        return f"`{encoded}` is an IP address, not a host name"
    except ValueError:
        pass
    if len(labels) < 2:
        return f"`{encoded}` is a local name, not a public host name (it has no dot)"
    if labels[-1] in PRIVATE_TLDS or labels[-2:] == ["home", "arpa"]:
        return f"`{encoded}` is a local or reserved name (`.{labels[-1]}`), not a public host"
    if len(".".join(labels)) > 253 or not all(len(label) <= 63 and _LABEL.match(label) for label in labels):
        return "the host is not a valid host name"
    return None


def address_problem(url: str) -> tuple[str, str] | None:
    """Why an https URL does not name a public web site by its host, and what to do; None if it
    does (or is not https). User-info is `user_info_host`'s to find."""
    auth = authority(url)
    if auth is None:
        return None
    if "\\" in url:
        return ("the address holds a backslash, which a browser reads as `/`",
                "write `/` for a path separator, or `%5C` for a backslash that belongs to the address")
    hostport = auth.rsplit("@", 1)[-1]
    host, port = hostport, ""
    if not hostport.startswith("[") and ":" in hostport:
        host, port = hostport.rsplit(":", 1)
    if port and not port.isdigit():
        return "the address has a port that is not a number", "remove the `:` after the host name"
    problem = host_problem(host)
    if problem:
        return (f"the address's host is not public: {problem}",
                "give the public web address of the official page, with its host name (such as `https://www.example.edu/...`)")
    return None


def is_public_address(url: str) -> bool:
    """Whether an https URL passes every host rule: no user-info, a public host name."""
    return user_info_host(url) is None and address_problem(url) is None
