"""Generated files as MkDocs sees them: pages with no Markdown source, the nav they may appear
in, and the error pages shown while serving a broken catalogue."""
from __future__ import annotations

import functools
import logging
import posixpath
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Callable
from urllib.parse import urljoin, urlsplit

from markupsafe import escape
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from .. import urls
from ..paths import kind_of, record_files
from ..render.page import Page as GeneratedContent
from ..render.templating import render_page
from ..written import Spill, Written, WrittenText, site_path
from .preview import GeneratedFile

log = logging.getLogger("mkdocs.plugins.microcred")

SKIP_TARGET = "mc-main"  # the id of every generated page's article (render/templates/layout.html)
_ANCHOR_ID = re.compile(r'\sid="([^"]+)"')


@dataclass(frozen=True, eq=False)
class PageOnDisk:
    """A generated page (render.page.Page) whose HTML and JSON-LD wait in the build's Spill until
    MkDocs writes the page. Every page's HTML, held from the renderers until MkDocs had written
    the last page, was about 1 GB at 100,000 listings. Read when asked for: once for the page's
    anchors, once more (and the JSON-LD twice) when the page is written."""
    url: str
    title: str
    description: str
    searchable: bool
    html_text: WrittenText
    jsonld_text: WrittenText | None

    @classmethod
    def of(cls, page: GeneratedContent, spill: Spill) -> PageOnDisk:
        return cls(page.url, page.title, page.description, page.searchable, spill.put_text(page.html),
                   spill.put_text(page.jsonld) if page.jsonld else None)

    @property
    def html(self) -> str:
        return self.html_text.read()

    @property
    def jsonld(self) -> str:
        return self.jsonld_text.read() if self.jsonld_text else ""


class GeneratedPage(Page):
    """A page made by the renderers (a microcred.render.page.Page): MkDocs gets its title,
    description and HTML as they are. There is no Markdown source, no front matter and no Markdown
    conversion, so no record text is ever read as either.

    Material prints `page.meta.title` and `page.meta.description` unescaped (MkDocs' template
    environment does not autoescape), so they are given as escaped Markup: printed as they are,
    or through `| e`, a title such as `</title><script>` is text. overrides/main.html prints both
    itself, through `| e`."""

    in_nav = False  # set by add_generated: the (pruned) nav links to this page

    def __init__(self, generated: GeneratedContent | PageOnDisk, title: str | None, file: File, config) -> None:
        super().__init__(title, file, config)
        self.generated = generated

    # MkDocs works out every page's absolute URL when it makes the page; for 10,000 generated
    # pages that was a tenth of a rebuild under `make serve`, where most are not written. Here it
    # is worked out when asked for, the same way (Page._set_canonical_url).
    def _set_canonical_url(self, base: str | None) -> None:
        self._canonical_base = base

    @functools.cached_property
    def canonical_url(self) -> str | None:
        base = self._canonical_base
        if not base:
            return None
        return urljoin(base if base.endswith("/") else base + "/", self.url)

    @functools.cached_property
    def abs_url(self) -> str | None:
        return urlsplit(self.canonical_url).path if self.canonical_url else None

    @functools.cached_property  # asked for by seven template blocks; known once the page is rendered
    def shared_chrome_key(self) -> str | None:
        """Pages with equal keys have byte-identical headers (but for the title), sidebars,
        footers and script tags, which overrides/main.html renders once per key. They are pages
        outside the nav (so no nav item is active), with no table of contents and nothing hidden,
        in the same folder. Every link in those parts is relative and leads outside the folder's
        pages (to the nav pages, the search page, the assets), and two pages in one folder reach
        such a page by the same relative link."""
        if self.in_nav:
            return None
        return posixpath.dirname(self.url.rstrip("/")) + "/"

    def read_source(self, config) -> None:
        self.markdown = ""
        # No table of contents in the sidebar: the article takes the width (see render()).
        self.meta = {"title": escape(self.generated.title), "hide": ["toc"]}
        if self.generated.description:
            self.meta["description"] = escape(self.generated.description)

    # MkDocs reads every page (render) before it writes any, and keeps each page's content
    # meanwhile. A generated page's content is its article only while MkDocs writes the page
    # (the plugin's on_page_context and on_post_page call these two), and "" before and after, so
    # that the article is read from disk then (PageOnDisk) and not held for the whole build.
    # Plugins that read `page.content` in on_page_content see "" for generated pages.
    def fill_content(self) -> None:
        self.content = self.generated.html

    def drop_content(self) -> None:
        self.content = ""

    def render(self, config, files) -> None:
        html = self.generated.html
        self.drop_content()
        # One hidden entry: Material's skip link goes to the first entry of the table of contents,
        # here the article itself (render/templates/layout.html, id="mc-main").
        self.toc = get_toc([{"level": 1, "id": SKIP_TARGET, "name": escape(self.generated.title), "children": []}])
        self._title_from_render = None
        # For MkDocs' check of links to anchors from hand-written pages. The templates write
        # every id as id="..." and escape every value, so this reads our own markup only.
        self.present_anchor_ids = set(_ANCHOR_ID.findall(html))


def add_generated(files: Files, generated: dict[str, object], config,
                  place: Callable[[Written, str], str] | None = None) -> list[GeneratedFile]:
    """Every generated file into MkDocs' files: pages as GeneratedPage, other files as they are.
    An export already written to disk (microcred.written) is handed to `place` with its path in
    the site, and MkDocs copies it from where `place` says it now is (nothing, if already there).
    Returns the files made, in the order of `generated`."""
    nav_titles = _nav_titles(config.nav)
    written = {file.src_uri for file in files}  # one set, not a lookup per file (40,000 at 10,000 listings)
    made = []
    for path, content in generated.items():
        if path in written:
            raise PluginError(f"docs/{path} would hide a page generated from the catalogue; remove or rename it")
        try:
            site_path(path)  # MkDocs normalises a destination: "a/../../b" would land outside the site
        except ValueError as err:
            raise PluginError(f"a generated file would be written outside the site: {err}") from None
        page = content if isinstance(content, (GeneratedContent, PageOnDisk)) else None
        # Generated pages stay out of the nav on purpose: every page embeds the whole nav. A
        # generated page has no source text: MkDocs never reads it (GeneratedPage.read_source).
        on_disk = isinstance(content, Written)
        source = {"abs_src_path": str(content.path)} if on_disk else {"content": "" if page else content}
        file = GeneratedFile.generated(config, path, **source, inclusion=InclusionLevel.NOT_IN_NAV)
        if on_disk and place is not None:
            file.abs_src_path = place(content, file.abs_dest_path)
            # In place: MkDocs has nothing to copy. It would still make the folder and check that
            # the file is itself, about 5 s for the 200,000 data files of 100,000 listings.
            file.placed = file.abs_src_path == file.abs_dest_path
        if page is not None:
            # Sets file.page, so MkDocs uses this page for the file, in the nav too (with its title).
            GeneratedPage(page, nav_titles.get(path), file, config).in_nav = path in nav_titles
        files.append(file)
        made.append(file)
    return made


def pruned_nav(config, generated: dict[str, object]) -> list:
    """The configured nav without entries whose page is neither hand-written nor generated."""
    docs = Path(config.docs_dir)
    available = {p.relative_to(docs).as_posix() for p in docs.rglob("*.md")} | set(generated)
    return _prune_nav(config.nav, available)


def _prune_nav(nav, available: set[str]) -> list:
    """Drop nav entries whose page is neither hand-written nor generated (pages owned by other
    parts of the project, such as /data/, appear once they exist) instead of failing the build."""
    out = []
    for item in nav or []:
        if isinstance(item, dict):
            (title, target), = item.items()
            if isinstance(target, list):
                kept = _prune_nav(target, available)
                if kept:
                    out.append({title: kept})
            elif "://" in target or target in available:
                out.append(item)
            elif target.endswith(".md") and f"{target[:-3]}/index.md" in available:
                out.append({title: f"{target[:-3]}/index.md"})  # data.md written as data/index.md
            else:
                log.info("nav: leaving out %s (%s): no such page yet", title, target)
        elif isinstance(item, str) and ("://" in item or item in available):
            out.append(item)
    return out


def _nav_titles(nav) -> dict[str, str]:
    titles: dict[str, str] = {}
    for item in nav or []:
        if isinstance(item, dict):
            (title, target), = item.items()
            if isinstance(target, list):
                titles.update(_nav_titles(target))
            else:
                titles[target] = title
    return titles


def error_pages(folder: Path, report: str) -> dict[str, GeneratedContent]:
    """The validator's report at every page the catalogue would have: the overviews and each
    record's own page, named from the record files (which may not load), by urls."""
    pages = set(urls.overview_pages()) | {urls.HOME}
    for path in record_files(folder):
        kind = kind_of(path)
        if kind:
            pages.add(urls.record_page(kind, path.parent.name if kind == "credential" else None, path.stem))
    rendered = (render_page("errors.html", url=url, title="Catalogue errors", report=report.splitlines())
                for url in sorted(pages))
    return {page.src_path: page for page in rendered}
