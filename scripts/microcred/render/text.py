"""Record text on its way to a page, as data: which URLs may become links, how a host name is
shown, and the one function that turns record text into HTML (`description_html`).

Everything else reaches HTML through the templates (render/templates/), which escape every value:
nothing here returns HTML except `description_html`, and it is the only place in the package
that marks a string as safe markup.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from markdown_it import MarkdownIt
from markupsafe import Markup, escape

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

SAFE_SCHEMES = ("https", "http", "mailto")
# Links written inside a description: the record format allows only these.
DESCRIPTION_SCHEMES = ("https", "mailto")


def safe_url(url, schemes=SAFE_SCHEMES) -> str | None:
    """The URL if it is absolute http(s) or mailto, else None (javascript:, data:, relative...)."""
    if not isinstance(url, str):
        return None
    url = url.strip()
    if _CONTROL.search(url) or any(c.isspace() for c in url) or "\\" in url:
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in schemes:
        return None
    if parts.scheme.lower() != "mailto" and not parts.netloc:
        return None
    if display_host(url) is None:
        return None
    return url


def display_host(url: str) -> str | None:
    """The host name of a URL in its ASCII (punycode) form when it is an international name, so
    that a look-alike host (`exаmple.com` with a Cyrillic `а`) can be told apart: "" for a plain
    ASCII host, None for a host with no such form (not a usable host)."""
    try:
        parts = urlsplit(url)
        host = parts.path.rpartition("@")[2] if parts.scheme.lower() == "mailto" else (parts.hostname or "")
    except (ValueError, TypeError, AttributeError):
        return None
    if host.isascii() and "xn--" not in host.lower():
        return ""  # the common case, without the encoder
    try:
        labels = [label.encode("idna").decode("ascii") for label in host.rstrip(".").split(".")] if host else []
    except UnicodeError:
        return None
    # An ASCII host may still be an international one written in punycode (browsers show it in
    # Unicode), as markdown-it writes every link it renders.
    if host.isascii() and not any(label.lower().startswith("xn--") for label in labels):
        return ""
    return ".".join(labels)


@dataclass(frozen=True)
class Link:
    """A link as the templates draw it (partials/link.html): `href` is None when the URL may not
    become a link (the text is shown alone); `host_note` is the punycode of a non-ASCII host."""
    href: str | None
    text: str
    external: bool = False
    host_note: str = ""


def record_link(url, text=None) -> Link:
    """A link to a URL taken from a record (text: the URL itself unless given)."""
    href = safe_url(url)
    shown = str(url) if text is None else text
    note = (display_host(href) or "") if href else ""
    return Link(href, shown, external=True, host_note=note)


def site_link(href: str, text: str) -> Link:
    """A link to another page of this site (`href` built by the renderers, relative)."""
    return Link(href, text)


# The small Markdown subset that descriptions may use: paragraphs, emphasis, lists, inline code,
# links and line breaks. No raw HTML, no images, no headings, no tables, no attribute syntax
# (markdown-it's "zero" preset has none of these, and no plugin adds them).
def _markdown() -> MarkdownIt:
    md = MarkdownIt("zero", {"html": False, "linkify": False, "typographer": False, "breaks": False})
    md.enable(["emphasis", "list", "backticks", "link", "escape", "newline"])
    md.validateLink = lambda url: safe_url(url, DESCRIPTION_SCHEMES) is not None

    def link_open(renderer, tokens, idx, options, env):
        href = safe_url(tokens[idx].attrGet("href"), DESCRIPTION_SCHEMES) or ""
        note = display_host(href) if href else ""
        env.setdefault("notes", []).append(note)
        return f'<a href="{escape(href)}" rel="nofollow noopener">'

    def link_close(renderer, tokens, idx, options, env):
        note = env["notes"].pop() if env.get("notes") else ""
        return f'</a> <span class="mc-host">({escape(note)})</span>' if note else "</a>"

    md.add_render_rule("link_open", link_open)
    md.add_render_rule("link_close", link_close)
    return md


_MD = _markdown()


def description_html(text: str | None) -> Markup:
    """THE ONE PLACE record text becomes markup: a description's Markdown subset rendered by
    markdown-it configured for untrusted input (raw HTML shown as text, only https: and mailto:
    links, no attributes), everything else shown as typed. Reviewed; keep it the only one."""
    return Markup(_MD.render(_CONTROL.sub("", text or ""), {}).strip())


def plural(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one}" if n == 1 else f"{n} {many or one + 's'}"


class NotFinite(ValueError):
    """A number derived from a record (a total, a ratio) is not finite: the build stops rather
    than publish "inf" on a page or `Infinity` in JSON."""


def number(value) -> str:
    """12 -> "12", 12.5 -> "12.5", 1500 -> "1,500"."""
    if isinstance(value, float):
        if not math.isfinite(value):
            raise NotFinite(f"{value} is not a finite number")
        if value.is_integer():
            value = int(value)
    if isinstance(value, int):
        return f"{value:,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")
