"""What a record page gives site search: its fields as plain text, and the words in them.

The article HTML comes from our own templates, where record text is always escaped, so regular
expressions over tags are enough here (and a tenth of html.parser's time at 100,000 pages). The
templates mark what search leaves out and what it shows (the attribute names are Pagefind's,
which read them first):
- `data-pagefind-ignore`: an element left out with all it holds (the facts the finder filters
  on: indexing them would only make the index bigger);
- `data-pagefind-meta="kicker"`: the element's text is the result's second line;
  `data-pagefind-meta="kicker:Provider"`: the kicker is the text after the colon.

Words (`tokens`) are what docs/assets/search.js makes of a query, in the same steps: compatibility
forms and accents folded (NFKD, marks dropped), then lower case, then final sigma as sigma; runs of
letters and digits, each cut to MAX_TOKEN characters. Normalising before lower-casing matters:
lower() leaves math bold "𝐃" alone, and NFKD only then makes it a capital "D".
"""
from __future__ import annotations

import functools
import html as entities
import re
import unicodedata
from dataclasses import dataclass

MAX_TOKEN = 40  # a longer "word" is noise (a pasted hash); the client cuts a query's the same way
EXCERPT_CHARS = 160

_WORD = re.compile(r"[^\W_]+")
_IGNORED_START = re.compile(r"<([a-zA-Z][a-zA-Z0-9]*)\b[^>]*\sdata-pagefind-ignore\b[^>]*>")
_KICKER = re.compile(r'<([a-zA-Z][a-zA-Z0-9]*)\b[^>]*\sdata-pagefind-meta="kicker(?::([^"]*))?"[^>]*>')
_H1 = re.compile(r"<h1\b[^>]*>.*?</h1>", re.S)
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_ANY_TAG = re.compile(r"<[^>]*>")
_BLOCK_END = re.compile(r"</(?:p|li|h[1-6]|dd|dt|td|th|div|ul|ol|dl|table|tr|caption|figure|details|summary)>|<br\s*/?>")
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


@dataclass(frozen=True)
class Fields:
    title: str
    kicker: str
    body: str

    @property
    def excerpt(self) -> str:
        """The start of the body, cut at a word: the text under a result's title."""
        if len(self.body) <= EXCERPT_CHARS:
            return self.body
        cut = self.body[:EXCERPT_CHARS + 1].rsplit(" ", 1)[0] or self.body[:EXCERPT_CHARS]
        return cut.rstrip(" ,;:·") + " …"


@functools.lru_cache(maxsize=65536)
def _folded(chunk: str) -> str:
    decomposed = unicodedata.normalize("NFKD", chunk)
    bare = "".join(ch for ch in decomposed if not unicodedata.category(ch).startswith("M"))
    # "ΚΟΣ" lower-cases to "κος" (final sigma) but "ΚΟΣΜΟΣ" to "κοσμος": one letter for both.
    return bare.lower().replace("ς", "σ")


def tokens(text: str) -> list[str]:
    if text.isascii():  # most text is: skip folding it (a third of the indexer's time)
        folded = text.lower()
    else:
        folded = " ".join(_folded(chunk) for chunk in text.split())
    return [word[:MAX_TOKEN] for word in _WORD.findall(folded)]


def _element_end(markup: str, start: int, tag: str) -> int:
    """Where the element whose start tag ends at `start` ends (after its end tag), counting
    nested elements of the same name; the end of `markup` if it is never closed."""
    if tag.lower() in _VOID:
        return start
    depth = 1
    pattern = re.compile(rf"<(/?){re.escape(tag)}\b[^>]*>", re.I)
    for match in pattern.finditer(markup, start):
        depth += -1 if match.group(1) else 1
        if depth == 0:
            return match.end()
    return len(markup)


def _without_ignored(markup: str) -> str:
    parts, pos = [], 0
    while (match := _IGNORED_START.search(markup, pos)) is not None:
        parts.append(markup[pos:match.start()])
        pos = _element_end(markup, match.end(), match.group(1))
    parts.append(markup[pos:])
    return "".join(parts)


def _text(markup: str) -> str:
    """The text of an HTML fragment, one space between words and between blocks."""
    markup = _BLOCK_END.sub(" ", markup)
    return " ".join(entities.unescape(_ANY_TAG.sub("", markup)).split())


def page_fields(title: str, html: str) -> Fields:
    """A record page's search fields: its title (plain text, the page's own), the kicker, and
    the rest of the article's text, with ignored elements and the <h1> (the title) left out."""
    markup = _without_ignored(_COMMENT.sub("", html))
    kicker = ""
    if (match := _KICKER.search(markup)) is not None:
        end = _element_end(markup, match.end(), match.group(1))
        literal = match.group(2)
        kicker = " ".join(entities.unescape(literal).split()) if literal is not None else _text(markup[match.end():end])
        markup = markup[:match.start()] + " " + markup[end:]
    markup = _H1.sub(" ", markup, count=1)
    return Fields(title=" ".join(title.split()), kicker=kicker, body=_text(markup))
