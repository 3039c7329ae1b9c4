"""The Markdown subset of `description` fields, parsed one way for the rules and for the pages.

One MarkdownIt configuration: paragraphs, emphasis, lists, inline code, links and line breaks.
No raw HTML, no images, no headings, no tables, no attribute syntax (markdown-it's "zero" preset
has none of these, and no plugin adds them), and only `https:` and `mailto:` links. The url rules
read the links it finds (`description_links`) and render/text.description_html draws the same
tokens, so a link a page shows is a link the rules checked.

A link's host is written in the ASCII form the browser opens (hosts.ascii_host), not by
markdown-it's own punycode, which skips the UTS #46 mapping (`ＡＣＭＥ` would become
`xn--ph7ceg5a`, `straße` another name than the browser's).
"""
from __future__ import annotations

import re

import mdurl
from markdown_it import MarkdownIt
from markdown_it.token import Token

from .hosts import ascii_host

LINK_SCHEMES = ("https:", "mailto:")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _normalize_link(url: str) -> str:
    parsed = mdurl.parse(url, slashes_denote_host=True)
    if parsed.hostname and (parsed.protocol or "").lower() in LINK_SCHEMES and ":" not in parsed.hostname:
        host = ascii_host(parsed.hostname)
        if host is not None:
            parsed = parsed._replace(hostname=host)
    return mdurl.encode(mdurl.format(parsed))


def _validate_link(url: str) -> bool:
    return url.lower().startswith(LINK_SCHEMES)


def _parser() -> MarkdownIt:
    md = MarkdownIt("zero", {"html": False, "linkify": False, "typographer": False, "breaks": False})
    md.enable(["emphasis", "list", "backticks", "link", "escape", "newline"])
    md.normalizeLink = _normalize_link
    md.validateLink = _validate_link
    return md


DESCRIPTION = _parser()


def description_tokens(text: str) -> list[Token]:
    """A description's block tokens (control characters dropped: the text rules report them)."""
    return DESCRIPTION.parse(_CONTROL.sub("", text or ""))


def description_links(text: str) -> list[tuple[str, int]]:
    """Every link in a description: `(href as the page writes it, line of the text it starts on, 0-based)`."""
    found = []
    for block in description_tokens(text):
        line = block.map[0] if block.map else 0
        for child in block.children or ():
            if child.type in ("softbreak", "hardbreak"):
                line += 1
            elif child.type == "link_open":
                found.append((child.attrGet("href") or "", line))
    return found
