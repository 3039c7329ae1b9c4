"""The Frictionless data package at /data/: every registered data output in urls.DATA_PREFIX.

`package_files(catalogue)` is the producer: `{"data/<file>": bytes}`, byte-identical for the same
catalogue and build date (sorted rows, sorted JSON keys, "\\n" line ends, no clock).
`write_package(catalogue, out)` writes the same files into a folder without building the site,
and removes what an earlier package there wrote that this one does not (a deleted credential's
badge), touching only paths that a registered output may write.
"""
from __future__ import annotations

import shutil
from pathlib import Path

from .. import urls
from ..model import Catalogue
from ..reuse import FRESH, Reuse
from ..written import Spill, Store, Written, keep
from .registry import OUTPUTS, DataOutput


def output_files(catalogue: Catalogue, folder: str, reuse: Reuse = FRESH,
                 store: Store = keep) -> dict[str, bytes | Written]:
    """The files of every output published in a site folder, relative to it, in registry order
    (an output sees the files of those before it: the descriptor hashes the tables). Each
    output's files go to `store` as soon as it is made (a site build writes them to disk there)."""
    files: dict[str, bytes | Written] = {}
    for output in OUTPUTS:
        if output.folder == folder:
            args = (catalogue, files, reuse) if output.reuses else (catalogue, files)
            if output.stores:  # it hands each file to the store itself, as it is made
                files.update(output.producer(*args, lambda made: store(folder, made)))
            else:
                files.update(store(folder, output.producer(*args)))
    return files


def package_files(catalogue: Catalogue, reuse: Reuse = FRESH, store: Store = keep) -> dict[str, bytes | Written]:
    """Every file of /data/ except its page: tables, descriptor, nested records and exports."""
    files = output_files(catalogue, urls.DATA_PREFIX, reuse, store)
    return {urls.DATA_PREFIX + path: files[path] for path in sorted(files)}


def schema_files(catalogue: Catalogue, store: Store = keep) -> dict[str, bytes | Written]:
    """The JSON Schemas at /schema/<name>.schema.json, byte for byte."""
    files = output_files(catalogue, urls.SCHEMA_PREFIX, store=store)
    return {urls.SCHEMA_PREFIX + path: content for path, content in files.items()}


def write_package(catalogue: Catalogue, out: Path) -> list[Path]:
    """Write the data package into `out`. Returns the files written. Each export goes to a
    scratch folder beside `out` as soon as it is made (microcred.written), so the package is
    never all in memory, and into `out` once every export is made: a failure while they are
    made (a number that is not finite) leaves `out` as it was. The moves that follow are not
    one step: a disk that fails during them leaves a mix, as writing the files did before."""
    spill = Spill(near=out)
    try:
        return write_files(package_files(catalogue, store=spill), out, spill)
    finally:
        spill.close()


def write_files(files: dict[str, bytes | Written], out: Path, spill: Spill | None = None) -> list[Path]:
    """Write `package_files`' output into `out` (paths without the `data/` prefix), after removing
    the files of an earlier package there that this one no longer has. A Written file is moved
    there from `spill`'s folder."""
    out = Path(out)
    local = {path[len(urls.DATA_PREFIX):]: content for path, content in files.items()}
    remove_stale(out, {out / path for path in local})
    written = []
    for path, content in local.items():
        target = out / path
        target.parent.mkdir(parents=True, exist_ok=True)
        if not isinstance(content, Written):
            target.write_bytes(content)
        elif spill is None or spill.move(content, str(target)) != str(target):
            shutil.copyfile(content.path, target)  # the scratch folder is on another file system
        written.append(target)
    return written


def _static_root(pattern: str) -> str:
    """The folder a glob starts from: `badges/**/*.json` -> `badges`; `jsonld.json` -> ``."""
    parts = []
    for part in pattern.split("/")[:-1]:
        if any(c in part for c in "*?["):
            break
        parts.append(part)
    return "/".join(parts)


def remove_stale(out: Path, keep: set[Path], outputs: list[DataOutput] = OUTPUTS) -> None:
    """Drop files under `out` that a registered package output could have written but `keep`
    does not hold, then the folders that leaves empty. Nothing else in `out` is touched."""
    for output in (o for o in outputs if o.folder == urls.DATA_PREFIX):
        for pattern in output.paths:
            for old in sorted(out.glob(pattern)):
                if old.is_file() and old not in keep:
                    old.unlink()
            root = _static_root(pattern)
            if root and (out / root).is_dir():
                folders = [p for p in (out / root).rglob("*") if p.is_dir()]
                for folder in sorted(folders, reverse=True):
                    if not any(folder.iterdir()):
                        folder.rmdir()
