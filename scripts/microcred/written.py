"""Output files written to disk as soon as their output is made, so that a build does not hold
every file's bytes at once.

A site build made every output first and handed the lot to MkDocs: at 100,000 listings the data
files alone (a CTDL graph and an Open Badges achievement per credential, the tables, the bundles)
were about 2 GB held in memory until MkDocs copied them. `mkdocs build` and `microcred package`
now hand the producers a Spill: each export's files go into a scratch folder the moment that
export is done (those with a file per credential, the CTDL graphs and the badges, each file as
soon as it is made: registry.DataOutput.stores), and only a `Written` (where it is) stays; the
package descriptor reads back the few files it hashes, and the CTDL bundle its nodes' texts.
Once the site folder (or the package's) is ready they are moved there.
`mkdocs serve --dirty` keeps bytes: its preview compares each file with the last build's.
"""
from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
import weakref
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

# (site folder of an output, {path relative to it: bytes}) -> the same paths, bytes or Written
Store = Callable[[str, dict], dict]


def keep(folder: str, files: dict) -> dict:
    """The Store that keeps every file's bytes in memory (`mkdocs serve --dirty`, tests)."""
    return files


# What an output that writes a file per credential is handed (registry.DataOutput.stores): a
# Store for its folder, {path: bytes} -> the same paths, bytes or Written.
Put = Callable[[dict], dict]


def keep_all(files: dict) -> dict:
    """The Put of a producer called on its own: the files stay in memory."""
    return files


@dataclass(frozen=True)
class Written:
    """A file of the site already on disk at `path` (until Spill.move puts it in the site)."""
    path: Path


@dataclass(frozen=True)
class WrittenText:
    """Text a Spill holds on disk (Spill.put_text), read back whole each time it is asked for."""
    spill: Spill
    start: int
    size: int

    def read(self) -> str:
        return self.spill.read_text(self)


def read_span(content: bytes | Written, start: int, end: int) -> bytes:
    """Bytes [start, end) of a file in memory or of a Written one (only those are read)."""
    if not isinstance(content, Written):
        return content[start:end]
    with open(content.path, "rb") as f:
        f.seek(start)
        return f.read(end - start)


def integrity(content: bytes | Written) -> dict:
    """A Data Package resource's `bytes` and `hash`, of bytes in memory or of a Written file (read
    back: the descriptor hashes a few files, of the tens of thousands written)."""
    data = content.path.read_bytes() if isinstance(content, Written) else content
    return {"bytes": len(data), "hash": "sha256:" + hashlib.sha256(data).hexdigest()}


SCRATCH_PREFIX = ".microcred-outputs-"  # git-ignored: a folder left by a killed build shows as nothing


class Spill:
    """The Store of every build that writes its files to a folder (`mkdocs build`, `mkdocs serve`
    without --dirty, `microcred package`): writes each file under a scratch folder, at its path
    in the site, and returns Written in place of its bytes. `close()` removes the folder, and so
    does the interpreter's exit if a build is interrupted before it could.

    The scratch folder is made beside `near`, the folder the files are bound for, not in the
    system's temporary folder: that is often a RAM disk (tmpfs), where the files would take the
    memory this saves, and a rename from it into the site is a copy."""

    def __init__(self, near: Path) -> None:
        parent = Path(near).resolve().parent
        parent.mkdir(parents=True, exist_ok=True)
        self.root = Path(tempfile.mkdtemp(prefix=SCRATCH_PREFIX, dir=parent))
        self._remove = weakref.finalize(self, shutil.rmtree, self.root, True)
        self._scratch_folders: set[str] = set()  # the folders made under root
        self._folders: set[str] = set()  # the site's folders move() has made
        self._texts = None  # put_text's one file, opened when first needed
        self._unflushed = False

    def __call__(self, folder: str, files: dict) -> dict:
        written, made = {}, self._scratch_folders
        for path, content in files.items():
            target = os.path.join(self.root, *site_path(folder + path))
            parent = os.path.dirname(target)
            if parent not in made:
                os.makedirs(parent, exist_ok=True)
                made.add(parent)
            data = content.encode("utf-8") if isinstance(content, str) else content
            with open(target, "wb") as out:
                out.write(data)
            written[path] = Written(Path(target))
        return written

    def move(self, written: Written, dest: str) -> str:
        """Move a file this Spill wrote to `dest` (its place in the site) and return where it now
        is: a rename, not a copy, where the scratch folder is on the site's file system. MkDocs
        then finds the file already in place (it lets plugins write into site_dir)."""
        folder = os.path.dirname(dest)
        if folder not in self._folders:
            os.makedirs(folder, exist_ok=True)
            self._folders.add(folder)
        try:
            os.replace(written.path, dest)
        except OSError:  # another file system: MkDocs copies it from the scratch folder
            return str(written.path)
        return dest

    # The pages' HTML (site/pages.PageOnDisk) waits here between the renderers and MkDocs, which
    # writes each page a while later: one file for all of it, not a file per page.
    def put_text(self, text: str) -> WrittenText:
        if self._texts is None:
            self._texts = open(self.root / "texts", "w+b")
        data = text.encode("utf-8")
        start = self._texts.tell()
        self._texts.write(data)
        self._unflushed = True
        return WrittenText(self, start, len(data))

    def read_text(self, text: WrittenText) -> str:
        if self._texts is None or self._texts.closed:
            raise ValueError("the scratch folder of this build is gone: its texts cannot be read")
        if self._unflushed:
            self._texts.flush()
            self._unflushed = False
        data = os.pread(self._texts.fileno(), text.size, text.start)
        if len(data) != text.size:
            raise ValueError(f"the scratch file of this build holds {len(data)} of a text's {text.size} bytes")
        return data.decode("utf-8")

    def close(self) -> None:
        if self._texts is not None:
            self._texts.close()
        self._remove()


def site_path(path: str) -> list[str]:
    """The parts of `path`, a relative path inside the site. Every output names its files from
    urls.py (ids the schema checked), so anything else is a bug: refused, not written outside."""
    parts = path.split("/")
    if "\\" in path or "\0" in path or any(part in ("", ".", "..") for part in parts):
        raise ValueError(f"not a path inside the site: {path!r}")
    return parts
