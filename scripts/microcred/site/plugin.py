"""The MkDocs adapter: build the catalogue once per build and hand every producer's output to
MkDocs as generated files. Nothing is written into docs/, so `mkdocs serve` reloads when a YAML
file changes and never loops.

Registered in mkdocs.yml `hooks:`. The catalogue folder is $MICROCRED_CATALOGUE if set (tests),
else `catalogue/` next to mkdocs.yml. All page content comes from microcred.outputs.site_files,
pure functions of the Catalogue; this module only moves their output into MkDocs.
"""
from __future__ import annotations

import datetime as dt
import functools
import gc
import logging
import os
import posixpath
import re
import sys
import time
from pathlib import Path

from markupsafe import escape
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

log = logging.getLogger("mkdocs.hooks.microcred")

# One build's generated files and its search indexer; the hook module is loaded afresh with each
# config, so neither outlives a build's configuration.
_generated: dict[str, str | bytes] = {}
_search = None


def catalogue_dir(config) -> Path:
    env = os.environ.get("MICROCRED_CATALOGUE")
    if env:
        return Path(env).resolve()
    return (Path(config.config_file_path).parent / "catalogue").resolve()


def _prune_nav(nav, available: set[str]):
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


def on_startup(command, dirty):
    # Each rebuild under `mkdocs serve` loads this file afresh as a hook; the package module of
    # the same name persists, so the flag lives there.
    import microcred.mkdocs_hook as persistent

    persistent.SERVING = command == "serve"


def _serving() -> bool:
    import microcred.mkdocs_hook as persistent

    return getattr(persistent, "SERVING", False)


def error_pages(folder: Path, report: str) -> dict[str, object]:
    """The validator's report at every page the catalogue would have: the overviews and each
    record's own page (while serving only; a build stops instead)."""
    from microcred.paths import kind_of, record_files
    from microcred.render.templating import render_page

    paths = ["finder", "duration", "cost", "stackability", "vet-credit", "providers", "qualifications"]
    for path in record_files(folder):
        kind = kind_of(path)
        if kind == "credential":
            paths.append(f"credentials/{path.parent.name}/{path.stem}")
        elif kind:
            paths.append(f"{kind}s/{path.stem}")
    pages = (render_page("errors.html", url=f"{p}/", title="Catalogue errors", report=report.splitlines())
             for p in sorted(set(paths)))
    return {p.src_path: p for p in pages}


def on_config(config):
    folder = catalogue_dir(config)
    # The catalogue is a large heap of small objects without cycles: Python's cycle collector would
    # scan it again and again while it grows (a quarter of the render time at 10,000 records).
    # Collection is off while the catalogue and its pages are built; then they are frozen, so that
    # the collections during MkDocs' rendering skip them. on_post_build unfreezes (`mkdocs serve`
    # rebuilds in the same process).
    collecting = gc.isenabled()
    gc.disable()
    started = time.perf_counter()
    try:
        return _build_catalogue(config, folder)
    finally:
        if collecting:
            gc.enable()
        gc.freeze()
        log.debug("catalogue and its pages built in %.2f s", time.perf_counter() - started)


def _build_catalogue(config, folder: Path):
    from microcred.build import build
    from microcred.outputs import site_files

    built = build(folder)
    catalogue = built.catalogue
    if catalogue is None:
        report = built.report("text")
        if _serving():
            # Under `mkdocs serve` the report goes to the terminal and onto every catalogue page,
            # so the page being edited shows what is wrong and reloads once it is fixed.
            sys.stderr.write(f"\nThe catalogue has errors:\n{report}\n")
            _stop_search_index()
            _generated.clear()
            _generated.update(error_pages(folder, report))
            return _with_nav(config)
        # A BuildError: MkDocs prints the message and stops before touching site_dir.
        raise PluginError(f"the catalogue in {folder} has errors; nothing was built.\n{report}") from None
    # Dates in the sitemap and its gzip header come from SOURCE_DATE_EPOCH: take the catalogue's
    # build date (the commit's) so two builds of one commit are byte-identical.
    if "SOURCE_DATE_EPOCH" not in os.environ:
        midnight = dt.datetime.combine(catalogue.build_date, dt.time(), dt.timezone.utc)
        os.environ["SOURCE_DATE_EPOCH"] = str(int(midnight.timestamp()))
    for warning in catalogue.warnings:
        log.info("%s: %s", warning.file, warning.message)
    _stop_search_index()
    _generated.clear()
    try:
        _generated.update(site_files(catalogue, on_produced=_start_search_index))
    except ValueError as err:  # a derived number that is not finite, JSON that would not be strict
        _stop_search_index()
        raise PluginError(f"the site could not be built from {folder}: {err}") from None
    return _with_nav(config)


def _start_search_index(producer: str, files: dict) -> None:
    """Pagefind indexes the record pages in a second process while the other producers run and
    MkDocs renders (see microcred.searchindex); on_post_build puts the index into the site."""
    global _search
    from microcred.searchindex import BackgroundIndex, search_documents

    if producer == "site-pages":
        _search = BackgroundIndex(search_documents(files)).start()


def _stop_search_index() -> None:
    global _search
    if _search is not None:
        _search.close()
        _search = None


def on_post_build(config) -> None:
    global _search
    from microcred.searchindex import SearchIndexError

    gc.unfreeze()
    if _search is None:
        return
    started = time.perf_counter()
    try:
        _search.finish(Path(config.site_dir))
        log.debug("waited %.2f s for the search index", time.perf_counter() - started)
    except SearchIndexError as err:
        raise PluginError(f"the search index could not be built: {err}") from None
    finally:
        _search = None


def on_build_error(error) -> None:
    gc.unfreeze()
    _stop_search_index()


def _with_nav(config):
    docs = Path(config.docs_dir)
    available = {p.relative_to(docs).as_posix() for p in docs.rglob("*.md")} | set(_generated)
    config.nav = _prune_nav(config.nav, available)
    return config


class GeneratedPage(Page):
    """A page made by the renderers (a microcred.render.page.Page): MkDocs gets its title,
    description and HTML as they are. There is no Markdown source, no front matter and no Markdown
    conversion, so no record text is ever read as either.

    Material prints `page.meta.title` and `page.meta.description` unescaped (MkDocs' template
    environment does not autoescape), so they are given as escaped Markup: printed as they are,
    or through `| e`, a title such as `</title><script>` is text. overrides/main.html prints both
    itself, through `| e`."""

    in_nav = False  # set by on_files: the (pruned) nav links to this page

    def __init__(self, generated, title: str | None, file: File, config) -> None:
        super().__init__(title, file, config)
        self.generated = generated

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
        self.meta = {"title": escape(self.generated.title)}
        if self.generated.description:
            self.meta["description"] = escape(self.generated.description)

    def render(self, config, files) -> None:
        self.content = self.generated.html
        self.toc = get_toc([])
        self._title_from_render = None
        # For MkDocs' check of links to anchors from hand-written pages. The templates write
        # every id as id="..." and escape every value, so this reads our own markup only.
        self.present_anchor_ids = set(_ANCHOR_ID.findall(self.generated.html))


_ANCHOR_ID = re.compile(r'\sid="([^"]+)"')


def on_files(files: Files, config) -> Files:
    from microcred.render.page import Page as GeneratedContent

    nav_titles = _nav_titles(config.nav)
    for path, content in _generated.items():
        if files.get_file_from_path(path) is not None:
            raise PluginError(f"docs/{path} would hide a page generated from the catalogue; remove or rename it")
        generated = content if isinstance(content, GeneratedContent) else None
        # Generated pages stay out of the nav on purpose: every page embeds the whole nav. A
        # generated page has no source text: MkDocs never reads it (GeneratedPage.read_source).
        file = File.generated(config, path, content="" if generated else content,
                              inclusion=InclusionLevel.NOT_IN_NAV)
        if generated is not None:
            # Sets file.page, so MkDocs uses this page for the file, in the nav too (with its title).
            page = GeneratedPage(generated, nav_titles.get(path), file, config)
            page.in_nav = path in nav_titles
        files.append(file)
    return files


def on_env(env, config, files):
    shared: dict[tuple[str, str], object] = {}
    enabled = os.environ.get("MICROCRED_SHARED_CHROME", "1") != "0"  # "0": for the test that compares

    def mc_shared(part: str, key: str, caller):
        """`{% call mc_shared(part, key) %}...{% endcall %}`: the block, rendered once per part and key."""
        if not enabled:
            return caller()
        if (part, key) not in shared:
            shared[part, key] = caller()
        return shared[part, key]

    env.globals["mc_shared"] = mc_shared
    return env


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


def on_serve(server, config, builder):
    server.watch(str(catalogue_dir(config)))
    server.watch(str(Path(config.config_file_path).parent / "schema"))
    return server
