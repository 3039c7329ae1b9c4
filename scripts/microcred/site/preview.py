"""Incremental preview under `mkdocs serve --dirty` (as `make serve` runs it): after an edit,
MkDocs writes only the generated files whose content changed, and the files of records that are
gone are removed, so the site on disk is what a fresh build would write.

MkDocs' own dirty mode compares file dates, which generated files do not have; here each
generated file is marked modified when its content differs from the last build's. Everything
else a page is made of (the nav, the theme, the hand-written pages, mkdocs.yml, the schemas) is
fingerprinted: when any of it changes, or the last build failed, the site folder is emptied and
the build is a full one, so nothing stale can survive a change that reaches every page.
"""
from __future__ import annotations

import logging
import os
from pathlib import Path

import jinja2
from mkdocs.structure.files import File
from mkdocs.utils import clean_directory

from ..paths import SCHEMA_DIR
from ..render.templating import TEMPLATES
from ..schemadoc import EXAMPLES_DIR

log = logging.getLogger("mkdocs.plugins.microcred")


class GeneratedFile(File):
    """A file made by the plugin. `modified` is set by SitePreview; a file missing from the site
    folder is always written."""

    modified = True
    placed = False  # already at its place in the site folder (site/pages.add_generated)

    def is_modified(self) -> bool:
        return self.modified or not os.path.isfile(self.abs_dest_path)

    def copy_file(self, dirty: bool = False) -> None:
        if not self.placed:
            super().copy_file(dirty)


def _tree_state(folder: Path) -> tuple:
    """Every file under `folder` with its size and modification time (a change of any shows)."""
    if not folder.is_dir():
        return ()
    found = []
    for root, dirs, names in os.walk(folder):
        dirs.sort()
        for name in sorted(names):
            path = os.path.join(root, name)
            stat = os.stat(path)
            found.append((path, stat.st_size, stat.st_mtime_ns))
    return tuple(found)


def surroundings(config) -> tuple:
    """What every page depends on besides the catalogue: the configuration (nav, theme, extra
    CSS and JavaScript, plugins' options), the hand-written pages, the theme's overrides, and
    what microcred.caches keeps while these are unchanged: the JSON Schemas, the page templates
    and the record examples (the field reference and the spreadsheet template quote them)."""
    theme_dir = config.theme.custom_dir
    plugins = repr(sorted((name, repr(dict(plugin.config))) for name, plugin in config.plugins.items()))
    return (repr(sorted((key, repr(value)) for key, value in config.items() if key != "plugins")), plugins,
            _tree_state(Path(config.docs_dir)), _tree_state(Path(theme_dir)) if theme_dir else (),
            _tree_state(SCHEMA_DIR), _tree_state(TEMPLATES), _tree_state(EXAMPLES_DIR))


class TemplateCodeCache(jinja2.BytecodeCache):
    """The theme's compiled templates, kept across rebuilds: MkDocs makes a new Jinja environment
    for each build, which compiled Material's templates again every time (a sixth of a rebuild
    at 2,000 listings). Jinja checks each template's source against its checksum, so an edited
    template is compiled afresh."""

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = self._code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()


class SitePreview:
    """What one build under `mkdocs serve --dirty` left in the site folder, for the next."""

    def __init__(self) -> None:
        self.written: dict[str, object] = {}  # path -> content of each generated file on disk
        self.dest: dict[str, str] = {}        # path -> its file in the site folder
        self.surroundings: tuple | None = None
        self.nav: list | None = None
        self.complete = False                 # the last build finished and wrote the catalogue's files
        self.changed: set[str] = set()        # this build's generated files that differ from the last
        self.template_code = TemplateCodeCache()

    def surroundings_unchanged(self, config) -> bool:
        """Before a build: whether everything but the catalogue is as at the last build, and that
        build finished (so what it made can be reused)."""
        now = surroundings(config)
        unchanged = self.complete and now == self.surroundings
        self.surroundings, self.complete = now, False
        if not unchanged:
            self.template_code = TemplateCodeCache()  # compiled for the environment as it was
        return unchanged

    def start(self, config, unchanged: bool) -> bool:
        """Once the nav is known: True when this build can write only what changed; otherwise
        (surroundings changed, or the nav: a page appeared or went) the site folder is emptied."""
        reusable = unchanged and config.nav == self.nav
        if not reusable and self.nav is not None:
            log.info("writing every page again: %s", "the nav changed" if unchanged else
                     "a file outside the catalogue changed, or the last build stopped")
        self.nav = config.nav
        if not reusable:
            self.written, self.dest = {}, {}
            clean_directory(config.site_dir)
        return reusable

    def mark(self, files: list[GeneratedFile], generated: dict[str, object]) -> None:
        """Mark each generated file modified when its content is not what the site folder holds."""
        self.changed = set()
        for file in files:
            before = self.written.get(file.src_uri, _MISSING)
            file.modified = before is _MISSING or before != generated[file.src_uri]
            if file.modified:
                self.changed.add(file.src_uri)

    def finish(self, site_dir: str, generated: dict[str, object], dest: dict[str, str]) -> int:
        """After a build that wrote `generated`: remove the files of outputs that are gone (a
        deleted record's page and data files). Returns how many were removed."""
        removed = 0
        for path in self.written.keys() - generated.keys():
            target = Path(site_dir, self.dest[path])
            if target.is_file():
                target.unlink()
                removed += 1
                _remove_empty_parents(target.parent, Path(site_dir))
        self.written, self.dest, self.complete = dict(generated), dict(dest), True
        return removed

    def failed(self) -> None:
        """The build stopped or showed error pages: the next one starts from an empty folder."""
        self.complete = False


_MISSING = object()


def _remove_empty_parents(folder: Path, root: Path) -> None:
    while folder != root and root in folder.parents:
        try:
            folder.rmdir()
        except OSError:
            return
        folder = folder.parent
