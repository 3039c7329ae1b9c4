"""A generated page as the site generator receives it: plain-text title and description beside
the finished HTML of the article. Nothing in it is Markdown or front matter, so no text from a
record is ever parsed as either: the MkDocs hook sets these fields on its page directly, and
the search indexer reads `html` as it is.
"""
from __future__ import annotations

from dataclasses import dataclass


def one_line(text: str | None) -> str:
    """Text for a title or a meta description: runs of whitespace (line breaks, tabs) as one space."""
    return " ".join((text or "").split())


@dataclass(frozen=True)
class Page:
    url: str                 # directory URL relative to the site root: "credentials/acme/data-basics/"
    title: str               # plain text, as written (escaped where it is printed, not here)
    description: str         # plain text, "" for none
    html: str                # the article: <div class="mc-page ..."> ... </div>, from the templates
    searchable: bool = False  # a record's own page: site search indexes it
    # schema.org JSON-LD for the page's <head> (overrides/main.html prints it as it is): JSON text
    # already safe inside a <script> (templating.script_json), "" for none. In the head, not the
    # article, because Material's instant navigation re-inserts an article's scripts as JavaScript.
    jsonld: str = ""

    def __post_init__(self):
        object.__setattr__(self, "title", one_line(self.title))
        object.__setattr__(self, "description", one_line(self.description))
        if self.url and not self.url.endswith("/"):
            raise ValueError(f"a page URL is a directory URL ending in '/': {self.url!r}")

    @property
    def src_path(self) -> str:
        """The path MkDocs knows the page by: `credentials/acme/data-basics/index.md`."""
        return f"{self.url}index.md"
