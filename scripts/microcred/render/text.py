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

from markdown_it.renderer import RendererHTML
from markupsafe import Markup, escape

from ..hosts import ascii_host, is_public_address
from ..markdown import DESCRIPTION, description_tokens

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


def _host_of(url: str) -> str:
    """The host of a web address, or the domain of a mail address, as written."""
    parts = urlsplit(url)
    return parts.path.rpartition("@")[2] if parts.scheme.lower() == "mailto" else (parts.hostname or "")


def display_host(url: str) -> str | None:
    """The host a URL opens, in the ASCII form the browser sends (hosts.ascii_host), when that
    differs from the host as written or is punycode (browsers show it in Unicode), so that a
    look-alike host (`exаmple.com` with a Cyrillic `а`, `straße` opening `xn--strae-...`) can be
    told apart: "" when the host is plain ASCII as written, None for a host a browser refuses."""
    try:
        host = _host_of(url)
    except (ValueError, TypeError, AttributeError):
        return None
    if not host:
        return ""
    shown = ascii_host(host)
    if shown is None:
        return None
    if shown == host.lower() and not any(label.startswith("xn--") for label in shown.split(".")):
        return ""
    return shown.removesuffix(".")


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


def _link_text(tokens, idx: int) -> str:
    """The text a description link shows: its tokens up to the matching `link_close`."""
    text = []
    for token in tokens[idx + 1:]:
        if token.type == "link_close":
            break
        text.append(token.content)
    return "".join(text)


def _link_open(tokens, idx, options, env):
    href = tokens[idx].attrGet("href") or ""
    safe = safe_url(href, DESCRIPTION_SCHEMES)
    if safe is None or (safe.lower().startswith("https:") and not is_public_address(safe)):
        env.setdefault("notes", []).append(None)  # defence in depth: the rules reject it; show the text alone
        return ""
    host = ascii_host(_host_of(safe)) or ""
    # The host, unless the text is exactly it (or the mail address): a link's text can name
    # another site than the one it opens.
    text = _link_text(tokens, idx)
    exact = text == host or (safe.lower().startswith("mailto:") and text == safe[len("mailto:"):])
    env.setdefault("notes", []).append("" if exact else host)
    return f'<a href="{escape(safe)}" rel="nofollow noopener">'


def _link_close(tokens, idx, options, env):
    note = env["notes"].pop() if env.get("notes") else ""
    if note is None:
        return ""
    return f'</a> <span class="mc-host">({escape(note)})</span>' if note else "</a>"


def _renderer() -> RendererHTML:
    renderer = RendererHTML()
    renderer.rules["link_open"] = _link_open
    renderer.rules["link_close"] = _link_close
    return renderer


_RENDERER = _renderer()


def description_html(text: str | None) -> Markup:
    """THE ONE PLACE record text becomes markup: a description's Markdown subset, parsed by
    markdown.py (configured for untrusted input: raw HTML shown as text, only https: and mailto:
    links, no attributes), everything else shown as typed. Each external link is followed by the
    host it opens unless its text is exactly that host. Reviewed; keep it the only one."""
    return Markup(_RENDERER.render(description_tokens(text or ""), DESCRIPTION.options, {}).strip())


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
