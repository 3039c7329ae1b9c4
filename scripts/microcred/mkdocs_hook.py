"""The MkDocs adapter: build the catalogue once per build and hand every producer's output to
MkDocs as generated files. Nothing is written into docs/, so `mkdocs serve` reloads when a YAML
file changes and never loops.

Registered in mkdocs.yml `hooks:`. The catalogue folder is $MICROCRED_CATALOGUE if set (tests),
else `catalogue/` next to mkdocs.yml. All page content comes from microcred.outputs.site_files,
pure functions of the Catalogue; this module only moves their output into MkDocs.
"""
from __future__ import annotations

import datetime as dt
import logging
import os
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel

log = logging.getLogger("mkdocs.hooks.microcred")

# One build's generated files; the hook module is loaded afresh with each config, so this never
# outlives a build's configuration.
_generated: dict[str, str | bytes] = {}


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


def error_pages(folder: Path, report: str) -> dict[str, str]:
    """The validator's report at every page the catalogue would have: the overviews and each
    record's own page (while serving only; a build stops instead)."""
    from microcred.paths import kind_of, record_files
    from microcred.render.text import esc, page

    body = ('<h1>The catalogue has errors</h1><p>Fix these and save: the page reloads by itself.</p>'
            # One line of HTML (no line of the raw block may start with report text).
            f'<pre><code>{"<br>".join(esc(line) for line in report.splitlines())}</code></pre>')
    paths = ["finder", "duration", "cost", "stackability", "vet-credit", "providers", "qualifications"]
    for path in record_files(folder):
        kind = kind_of(path)
        if kind == "credential":
            paths.append(f"credentials/{path.parent.name}/{path.stem}")
        elif kind:
            paths.append(f"{kind}s/{path.stem}")
    return {f"{p}/index.md": page("Catalogue errors", body) for p in sorted(set(paths))}


def on_config(config):
    from microcred.model import CatalogueError, load_catalogue
    from microcred.outputs import site_files
    from microcred.paths import record_files
    from microcred.problems import format_text

    folder = catalogue_dir(config)
    try:
        catalogue = load_catalogue(folder)
    except CatalogueError as err:
        report = format_text(err.problems, len(record_files(folder)))
        if _serving():
            # Under `mkdocs serve` the report goes to the terminal and onto every catalogue page,
            # so the page being edited shows what is wrong and reloads once it is fixed.
            sys.stderr.write(f"\nThe catalogue has errors:\n{report}\n")
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
    _generated.clear()
    _generated.update(site_files(catalogue))
    return _with_nav(config)


def _with_nav(config):
    docs = Path(config.docs_dir)
    available = {p.relative_to(docs).as_posix() for p in docs.rglob("*.md")} | set(_generated)
    config.nav = _prune_nav(config.nav, available)
    return config


def on_files(files: Files, config) -> Files:
    for path, content in _generated.items():
        if files.get_file_from_path(path) is not None:
            raise PluginError(f"docs/{path} would hide a page generated from the catalogue; remove or rename it")
        # Generated pages stay out of the nav on purpose: every page embeds the whole nav.
        files.append(File.generated(config, path, content=content, inclusion=InclusionLevel.NOT_IN_NAV))
    return files


def on_serve(server, config, builder):
    server.watch(str(catalogue_dir(config)))
    server.watch(str(Path(config.config_file_path).parent / "schema"))
    return server
