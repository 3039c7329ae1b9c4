"""Every piece of record text passes through here on its way to HTML: escaped, or sanitised.

Pages are handed to MkDocs as Markdown files whose body is one raw HTML block. Python-Markdown
leaves a raw HTML block alone, but some of its preprocessors (fenced code, for one) run before the
block is set aside, so record text must not carry characters they react to at the start of a line.
`esc` therefore also turns backticks, tildes and braces into character references: the browser
shows them as typed, and no Markdown extension (fences, attribute lists) sees them.
"""
from __future__ import annotations

import html
import json
import re
import unicodedata
from urllib.parse import urlsplit

from markdown_it import MarkdownIt

# Characters that mean something to Markdown extensions even inside a raw HTML block.
_DEFUSE = str.maketrans({"`": "&#96;", "~": "&#126;", "{": "&#123;", "}": "&#125;"})
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


# Any character that `esc` would change. Most text has none, and a page escapes a hundred strings.
_ESC_NEEDED = re.compile(r"[\x00-\x1f\x7f<>&\"'`~{}]")


def esc(value) -> str:
    """Text as HTML: `<`, `&` and quotes escaped, Markdown-significant characters defused,
    line breaks folded into spaces (a blank line could end the raw HTML block)."""
    text = value if type(value) is str else str(value)
    if _ESC_NEEDED.search(text) is None:
        return text
    text = _CONTROL.sub("", text)
    text = " ".join(text.split()) if "\n" in text or "\r" in text else text
    return html.escape(text, quote=True).translate(_DEFUSE)


SAFE_SCHEMES = ("https", "http", "mailto")


def safe_url(url) -> str | None:
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
    if parts.scheme.lower() not in SAFE_SCHEMES:
        return None
    if parts.scheme.lower() != "mailto" and not parts.netloc:
        return None
    return url


def link(url, text, external: bool = True) -> str:
    """An `<a>` to a record's URL, or the text alone when the URL is not safe."""
    href = safe_url(url)
    if href is None:
        return esc(text)
    rel = ' rel="nofollow noopener"' if external else ""
    return f'<a href="{esc(href)}"{rel}>{esc(text)}</a>'


# The small Markdown subset that descriptions may use: paragraphs, emphasis, lists, inline code,
# links and line breaks. No raw HTML, no images, no headings, no tables, no attribute lists.
def _markdown() -> MarkdownIt:
    md = MarkdownIt("zero", {"html": False, "linkify": False, "typographer": False, "breaks": False})
    md.enable(["emphasis", "list", "backticks", "link", "escape", "newline"])
    md.validateLink = lambda url: safe_url(url) is not None

    def link_open(renderer, tokens, idx, options, env):
        token = tokens[idx]
        href = safe_url(token.attrGet("href")) or ""
        return f'<a href="{html.escape(href, quote=True)}" rel="nofollow noopener">'

    md.add_render_rule("link_open", link_open)
    return md


_MD = _markdown()


def markdown_subset(text: str) -> str:
    """A description as HTML: the safe subset rendered, everything else shown as typed."""
    out = _MD.render(_CONTROL.sub("", text or ""))
    # The subset has no <pre>, so line ends are only whitespace: fold them, so that no line of the
    # page starts with record text (where a Markdown preprocessor could take it for syntax).
    out = out.replace("\n", " ")
    return out.translate(_DEFUSE).strip()


def mermaid_label(text) -> str:
    """A label for a Mermaid node: quoted, with quotes and markup characters as Mermaid entities
    (`#quot;`), so no label can end the node or the diagram. Returned escaped for HTML too."""
    text = " ".join(_CONTROL.sub("", str(text)).split())
    out = []
    for ch in text:
        if ch.isalnum() or ch in " .,-/()'":
            out.append(ch)
        else:
            out.append(f"#{ord(ch)};")
    return '"' + esc("".join(out)) + '"'


def json_for_script(data) -> str:
    """JSON safe inside a `<script>` element and a raw HTML block: no `<`, `>`, `&`, backtick or
    tilde appears literally, and no line starts with text from a record."""
    text = json.dumps(data, ensure_ascii=True, sort_keys=True, indent=None, separators=(",", ":"))
    for ch, code in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("`", "\\u0060"), ("~", "\\u007e")):
        text = text.replace(ch, code)
    return text


def front_matter_text(value) -> str:
    """A one-line YAML double-quoted scalar whose value is HTML-escaped text: Material prints
    `page.meta.title` and `page.meta.description` without escaping."""
    text = "".join(ch for ch in str(value) if unicodedata.category(ch)[0] != "C" or ch == " ")
    return json.dumps(html.escape(" ".join(text.split()), quote=True), ensure_ascii=True)


# Marks the pages that site search indexes (Pagefind's attribute): a record's own page. Lists of
# records (the finder, the overviews) would match every search, so they are left out.
SEARCHABLE = "data-pagefind-body"


def page(title: str, body: str, description: str | None = None, css_class: str = "",
         searchable: bool = False) -> str:
    """A Markdown page: front matter with the (escaped) title, then the body as one raw HTML block.

    `body` must already be HTML built from `esc`/`link`/`markdown_subset`.
    """
    lines = ["---", f"title: {front_matter_text(title)}"]
    if description:
        lines.append(f"description: {front_matter_text(description)}")
    lines.append("---")
    body = re.sub(r"\n\s*\n", "\n", body.strip())
    cls = f"mc-page {css_class}".strip()
    search = f" {SEARCHABLE}" if searchable else ""
    return "\n".join(lines) + f'\n\n<div class="{cls}"{search} markdown="0">\n{body}\n</div>\n'


_BLANK_LINE = re.compile(r"\n[ \t]*\n")
_HTML_BLOCK = re.compile(r'\s*(<div class="mc-page[^"]*"(?: [a-z-]+)? markdown="0">\n.*\n</div>)\s*', re.DOTALL)


def html_block(markdown_body: str) -> str | None:
    """The HTML of a body written by `page` (front matter already removed), or None for any other
    Markdown. Such a body is one raw HTML block with no blank line, which Markdown returns as it
    is, so a site generator may use this HTML instead of converting the Markdown."""
    match = _HTML_BLOCK.fullmatch(markdown_body)
    # Markdown also turns tabs into spaces: a block with a tab (a record's text may hold one) is
    # left to Markdown, so the two ways never differ.
    if match is None or _BLANK_LINE.search(match.group(1)) or "\t" in match.group(1):
        return None
    return match.group(1)


def page_html(text: str) -> str | None:
    """`html_block` of a whole page written by `page`, front matter included."""
    if not text.startswith("---\n"):
        return None
    end = text.find("\n---\n", 3)
    return None if end < 0 else html_block(text[end + 5:])


def rel(from_url: str, to_url: str) -> str:
    """A relative link between two site-root-relative directory URLs ("credentials/a/b/")."""
    depth = len([p for p in from_url.split("/") if p])
    return "../" * depth + to_url


def plural(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one}" if n == 1 else f"{n} {many or one + 's'}"


def number(value) -> str:
    """12 -> "12", 12.5 -> "12.5", 1500 -> "1,500"."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int):
        return f"{value:,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")
