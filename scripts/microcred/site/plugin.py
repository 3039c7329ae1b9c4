"""The MkDocs plugin `microcred`: build the catalogue once per build and hand every output to
MkDocs as generated files. Nothing is written into docs/, so `mkdocs serve` reloads when a YAML
file changes and never loops.

Registered as the entry point `microcred` (pyproject.toml, `mkdocs.plugins`) and configured in
mkdocs.yml:

    plugins:
      - microcred:
          catalogue: catalogue       # the catalogue folder, relative to mkdocs.yml
          shared_chrome: true        # false: render each record page's header, sidebar and footer itself

Everything the plugin knows lives on its instance. It defines `on_startup`, so MkDocs keeps the
one instance across the rebuilds of `mkdocs serve`; each build starts in `on_config`, with the
project's caches cleared (microcred.caches) unless nothing but the catalogue changed since the
last build (site/preview.py), so an edit to schema/ takes effect.
All content comes from microcred.outputs.site_files, pure functions of the Catalogue; this
module only moves their output into MkDocs.

Under `mkdocs serve --dirty` (`make serve`) a rebuild after an edit is incremental: what the last
build made is reused where its inputs are unchanged (microcred.reuse), MkDocs writes only the
files whose content changed and the files of deleted records are removed (site/preview.py), and
the search index is written in the background once the pages are up.
"""
from __future__ import annotations

import logging
import sys
import threading
import time
from pathlib import Path

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import Files

from .. import caches
from ..build import build
from ..outputs import site_files
from ..paths import SCHEMA_DIR
from ..reuse import FRESH, Reuse
from ..written import Spill, keep
from .pages import GeneratedPage, PageOnDisk, add_generated, error_pages, pruned_nav
from .preview import SitePreview
from .process import BuildProcessState
from .searchindex import BackgroundIndex, SearchIndexError, search_document, search_documents

log = logging.getLogger("mkdocs.plugins.microcred")


def _dirty_warning_filter(record: logging.LogRecord) -> bool:
    return not record.getMessage().startswith("A 'dirty' build is being performed")


class MicrocredConfig(base.Config):
    catalogue = c.Dir(exists=True, default="catalogue")
    shared_chrome = c.Type(bool, default=True)  # false only for the test that compares the two


class MicrocredPlugin(BasePlugin[MicrocredConfig]):
    def __init__(self) -> None:
        self.serving = False
        self.generated: dict[str, object] = {}  # this build's files, by path in the site
        self.search: BackgroundIndex | None = None  # this build's search index, being written
        self.process = BuildProcessState()
        self.reuse: Reuse = FRESH  # under `serve --dirty`: what the last build made, for this one
        self.preview: SitePreview | None = None  # under `serve --dirty`: what the site folder holds
        self.searched: dict[str, str] | None = None  # the documents the search index on disk holds
        self.dest: dict[str, str] = {}  # each generated file's path in the site folder
        self.showing_errors = False  # this build shows the validator's report instead of the catalogue
        self.spill: Spill | None = None  # but under `serve --dirty`: this build's exports, on disk until moved into the site

    @property
    def catalogue_dir(self) -> Path:
        return Path(self.config.catalogue).resolve()

    def on_startup(self, *, command, dirty) -> None:
        self.serving = command == "serve"
        if self.serving and dirty:
            self.reuse, self.preview = Reuse(), SitePreview()
            # MkDocs warns that a dirty build leaves stale navigation and links, which would stop
            # a strict build; SitePreview rebuilds in full whenever they could be stale.
            logging.getLogger("mkdocs.commands.build").addFilter(_dirty_warning_filter)

    def on_config(self, config):
        self._stop_search_index()
        self._remove_spill()
        self.generated, self.showing_errors = {}, False
        unchanged = self.preview is not None and self.preview.surroundings_unchanged(config)
        if not unchanged:
            caches.clear_all()  # schemas, table schemas, templates: read again, as they are now
            if self.preview is not None:
                self.reuse = Reuse()  # a schema, a template or the config changed: reuse nothing
                self.searched = None  # the site folder is emptied below: the index must be written
        started = time.perf_counter()
        with self.process.collection_paused():
            self._build_catalogue(config)
        log.debug("catalogue and its pages built in %.2f s", time.perf_counter() - started)
        config.nav = pruned_nav(config, self.generated)
        if self.preview is not None:
            incremental = self.preview.start(config, unchanged and not self.showing_errors)
            if not incremental and self.search is None and not self.showing_errors:
                # The nav changed: the folder was emptied, the index with it, after this build
                # found its pages unchanged and started none.
                self.searched = None
                self._start_search_index("site-pages", self.generated)
        return config

    def _build_catalogue(self, config) -> None:
        folder = self.catalogue_dir
        built = build(folder, history=True, reuse=self.reuse)  # the feeds say what changed, from git
        catalogue = built.catalogue
        if catalogue is None:
            self.reuse.carry()
            report = built.report("text")
            if self.serving:
                # Under `mkdocs serve` the report goes to the terminal and onto every catalogue page,
                # so the page being edited shows what is wrong and reloads once it is fixed.
                sys.stderr.write(f"\nThe catalogue has errors:\n{report}\n")
                self.generated, self.showing_errors = error_pages(folder, report), True
                if self.preview is not None:
                    self.preview.failed()  # the next build writes every page again
                return
            # A BuildError: MkDocs prints the message and stops before touching site_dir.
            raise PluginError(f"the catalogue in {folder} has errors; nothing was built.\n{report}") from None
        self.process.date_builds(catalogue.build_date)
        for warning in catalogue.warnings:
            log.info("%s: %s", warning.file, warning.message)
        # Under `mkdocs serve --dirty` every file's bytes and every page are kept, for the preview
        # to compare with the next build's; otherwise each export is written to disk as soon as it
        # is made, and so is each page's HTML, once the search index has its words.
        self.spill = Spill(near=Path(config.site_dir)) if self.preview is None else None
        try:
            if self.spill is not None:
                self.search = BackgroundIndex()  # the record pages are added as they are made
            self.generated = site_files(catalogue, on_produced=self._start_search_index, reuse=self.reuse,
                                        store=self.spill or keep,
                                        keep_page=self._page_on_disk if self.spill is not None else None)
        except BaseException as err:
            self._stop_search_index()
            self._remove_spill()
            if isinstance(err, ValueError):  # a derived number that is not finite, JSON that would not be strict
                raise PluginError(f"the site could not be built from {folder}: {err}") from None
            raise
        finally:
            self.reuse.sweep()

    def _page_on_disk(self, page):
        """What a page becomes as soon as it is made (not under `serve --dirty`): a record's page
        goes to the search index's documents, and the page's HTML waits on disk until MkDocs
        writes it (PageOnDisk)."""
        if page.searchable:
            self.search.add(page.url, search_document(page))
        return PageOnDisk.of(page, self.spill)

    def _start_search_index(self, producer: str, files: dict) -> None:
        """The search index of the record pages is written in a second process while the other producers run and
        MkDocs renders (see site/searchindex.py); on_post_build puts the index into the site.
        Under `serve --dirty`, an index whose pages did not change is left as it is."""
        if producer != "site-pages":
            return
        if self.spill is not None:
            self.search.start()  # every page has been added (_page_on_disk)
            return
        documents = search_documents(files)
        if self.preview is not None and documents == self.searched:
            return
        self.searched = documents if self.preview is not None else None
        self.search = BackgroundIndex(documents).start()

    def _stop_search_index(self) -> None:
        """Stop the index being written, in this build or in the background after the last one:
        the index on disk is then not the one `searched` names, so the next build writes one."""
        search, self.search = self.search, None
        if search is not None:
            search.close()
            self.searched = None

    def on_files(self, files: Files, config) -> Files:
        # MkDocs has cleaned the site folder by now (after on_pre_build; not at all under
        # `build --dirty`, where a move replaces the old file): the exports are moved into it.
        made = add_generated(files, self.generated, config, self.spill.move if self.spill else None)
        if self.preview is not None:
            self.dest = {file.src_uri: file.dest_uri for file in made}
            self.preview.mark(made, self.generated)
            log.info("%d of %d generated files changed", len(self.preview.changed), len(self.generated))
        return files

    def on_env(self, env, config, files):
        shared: dict[tuple[str, str], object] = {}
        enabled = self.config.shared_chrome

        def mc_shared(part: str, key: str, caller):
            """`{% call mc_shared(part, key) %}...{% endcall %}`: the block, rendered once per part and key."""
            if not enabled:
                return caller()
            if (part, key) not in shared:
                shared[part, key] = caller()
            return shared[part, key]

        env.globals["mc_shared"] = mc_shared
        if self.preview is not None:
            env.bytecode_cache = self.preview.template_code
        return env

    def on_page_context(self, context, page, config, nav):
        if isinstance(page, GeneratedPage):
            page.fill_content()  # read from disk only now (see GeneratedPage.fill_content)
        return context

    def on_post_page(self, output, page, config):
        if isinstance(page, GeneratedPage):
            page.drop_content()
        return output

    def _remove_spill(self) -> None:
        spill, self.spill = self.spill, None
        if spill is not None:
            spill.close()

    def on_post_build(self, config) -> None:
        self.process.restore()
        self._remove_spill()  # the exports are in the site now
        if self.preview is not None and not self.showing_errors:
            removed = self.preview.finish(config.site_dir, self.generated, self.dest)
            if removed:
                log.info("removed %d files of outputs that are gone", removed)
        if self.search is not None and self.preview is not None:
            # The pages are up: the browser reloads now, and the search index follows (self.search
            # stays set, so that the next build stops it if it is still running).
            threading.Thread(target=self._finish_search_in_background, args=(self.search, config.site_dir),
                             daemon=True).start()
            return
        search, self.search = self.search, None
        if search is None:
            return
        started = time.perf_counter()
        try:
            search.finish(Path(config.site_dir))
            log.debug("waited %.2f s for the search index", time.perf_counter() - started)
        except SearchIndexError as err:
            raise PluginError(f"the search index could not be built: {err}") from None

    def _finish_search_in_background(self, search: BackgroundIndex, site_dir: str) -> None:
        try:
            search.finish(Path(site_dir))
        except (SearchIndexError, OSError, ValueError) as err:
            if self.search is search:  # not stopped by a newer build: the indexer failed
                self.search, self.searched = None, None
                log.warning("the search index could not be updated: %s", err)
            return
        if self.search is search:
            self.search = None
        log.info("search index updated")

    def on_build_error(self, error) -> None:
        self.process.restore()
        self._remove_spill()
        self._stop_search_index()
        self.searched = None
        if self.preview is not None:
            self.preview.failed()

    def on_serve(self, server, config, builder):
        server.watch(str(self.catalogue_dir))
        server.watch(str(SCHEMA_DIR))
        return server
