"""Site search: a Pagefind index of every record's page, built beside the MkDocs build.

Material's own search sends the whole index to the browser before the first result: 20 MB (1.3 MB
gzipped) at 10,000 credentials. Pagefind splits its index into chunks and loads only those a
query needs, so the first search stays small however large the catalogue grows.

Pagefind reads HTML files. A record's page is known before MkDocs renders anything: it is a
render.page.Page marked searchable, whose HTML is the article. So `search_documents` (pure)
wraps each such article in a minimal HTML document, and `BackgroundIndex` hands them to a second
process that writes them to a scratch folder and runs the Pagefind binary (pinned in
requirements.txt) on them, on the machine's other core, while MkDocs renders the pages. At the
end of the build the site plugin moves the finished index into the site at /pagefind/.

Pagefind's time and memory grow faster than the number of pages (10,000 credentials: 8.7 s and
480 MB in one index; 4 indexes of 2,500: 5.3 s and 111 MB each). So the pages are split into
shards of SHARD_PAGES (the plugin's `search_shard_pages`), indexed one after another into
/pagefind/0/, /pagefind/1/, ..., listed in /pagefind/shards.json; the browser searches them
together with Pagefind's `mergeIndex`.
"""
from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

from ..render.page import Page

# Every page is in English; one language gives one index and one stemmer for all of them.
LANGUAGE = "en"
SHARD_PAGES = 2500
# Pagefind also writes its ready-made interfaces; the site has its own (docs/assets/search.js).
UNUSED_OUTPUT = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
                 "pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-highlight.js")


class SearchIndexError(RuntimeError):
    pass


def search_documents(site_files: dict[str, object]) -> dict[str, str]:
    """`{"credentials/p/c/index.html": html}` for each page marked searchable, as Pagefind should see it."""
    documents = {}
    for content in site_files.values():
        if isinstance(content, Page) and content.searchable:
            documents[f"{content.url}index.html"] = (
                f'<!doctype html><html lang="{LANGUAGE}"><head><meta charset="utf-8">'
                f"</head><body>{content.html}</body></html>")
    return dict(sorted(documents.items()))


def shards(documents: dict[str, str], size: int = SHARD_PAGES) -> list[dict[str, str]]:
    """The documents in path order, cut into groups of at most `size`."""
    items = sorted(documents.items())
    return [dict(items[i:i + size]) for i in range(0, len(items), size)] or [{}]


def pagefind_binary() -> Path:
    """The binary from the pinned pagefind_bin_extended wheel, or $PAGEFIND_BINARY_PATH."""
    from pagefind.service import get_executable

    binary = get_executable()
    if binary is None:
        raise SearchIndexError("the Pagefind binary is missing: reinstall requirements.txt")
    return Path(binary)


# In the indexer process: the Pagefind run in progress, stopped if the build goes away.
_running: list[subprocess.Popen] = []
_build_gone = threading.Event()


def index_shards(documents: dict[str, str], scratch: Path, output: Path, shard_pages: int = SHARD_PAGES) -> None:
    """Index each shard with Pagefind into `output/<n>/`, one after another, and list them in
    `output/shards.json`. Raises SearchIndexError with Pagefind's own message."""
    binary = str(pagefind_binary())
    names = []
    for number, shard in enumerate(shards(documents, shard_pages)):
        source, target = scratch / str(number), output / str(number)
        source.mkdir(parents=True)  # an empty catalogue still gets an (empty) index
        for path, html in shard.items():
            page = source / path
            page.parent.mkdir(parents=True, exist_ok=True)
            page.write_text(html, encoding="utf-8")
        process = subprocess.Popen(
            [binary, "--site", str(source), "--output-path", str(target), "--force-language", LANGUAGE, "--silent"],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        _running[:] = [process]
        log, _ = process.communicate()
        if process.returncode != 0 or not (target / "pagefind.js").is_file():
            text = log.decode("utf-8", "replace").strip()[-2000:]
            raise SearchIndexError(f"Pagefind exited with {process.returncode} on shard {number}: {text}")
        for name in UNUSED_OUTPUT:
            (target / name).unlink(missing_ok=True)
        shutil.rmtree(source)
        names.append(f"{number}/")
    (output / "shards.json").write_text(json.dumps({"shards": names}, allow_nan=False) + "\n", encoding="utf-8")


class BackgroundIndex:
    """Runs `index_shards` in a separate Python process (`python -m microcred.site.searchindex`), so
    that it needs nothing from the build's process while MkDocs renders: a thread here would wait
    for the build's GIL at every file it writes. `finish` waits and moves the index into the site.

    The indexer has its own session, so a Ctrl-C meant for the build does not reach it half-way;
    instead it watches its stdin, which this process holds open until it has the index: if the
    build stops in any way, the pipe closes and the indexer stops Pagefind and removes its files.
    """

    def __init__(self, documents: dict[str, str], shard_pages: int = SHARD_PAGES):
        self.documents = documents
        self.shard_pages = shard_pages
        self._scratch: Path | None = None
        self._process: subprocess.Popen | None = None

    @property
    def output(self) -> Path:
        assert self._scratch is not None, "start() first"
        return self._scratch / "pagefind"

    def start(self) -> BackgroundIndex:
        self._scratch = Path(tempfile.mkdtemp(prefix="microcred-search-"))
        try:
            (self._scratch / "documents.json").write_text(json.dumps(self.documents, allow_nan=False), encoding="utf-8")
            self._process = subprocess.Popen(
                [sys.executable, "-m", "microcred.site.searchindex", str(self._scratch), str(self.shard_pages)],
                stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True)
        except BaseException:
            self.close()
            raise
        return self

    def finish(self, site_dir: Path) -> None:
        """Wait for the index, then put it at `site_dir/pagefind/` (replacing what is there)."""
        try:
            assert self._process is not None, "start() first"
            log = self._process.stdout.read()  # until the indexer exits; stdin stays open meanwhile
            if self._process.wait() != 0:
                text = log.decode("utf-8", "replace").strip()[-2000:]
                raise SearchIndexError(text or f"the indexer exited with {self._process.returncode}")
            self._install(Path(site_dir) / "pagefind")
        finally:
            self.close()

    def _install(self, target: Path) -> None:
        """Move the index into place whole: under a temporary name first (a copy, if the scratch
        folder is on another file system), then renamed."""
        partial = target.with_name(".pagefind-partial")
        try:
            shutil.rmtree(partial, ignore_errors=True)
            shutil.move(str(self.output), str(partial))
            shutil.rmtree(target, ignore_errors=True)
            os.replace(partial, target)
        except OSError as err:
            shutil.rmtree(partial, ignore_errors=True)
            raise SearchIndexError(f"could not move the index into {target}: {err}") from err

    def close(self) -> None:
        """Stop the indexer if it still runs and remove the scratch folder (safe to call twice)."""
        process = self._process
        if process is not None:
            if process.poll() is None:
                try:
                    os.killpg(process.pid, signal.SIGKILL)  # the indexer and its Pagefind
                except ProcessLookupError:
                    pass
                process.wait()
            for stream in (process.stdin, process.stdout):
                if stream is not None:
                    stream.close()
        if self._scratch is not None:
            shutil.rmtree(self._scratch, ignore_errors=True)


def _stop_when_the_build_goes(scratch: Path) -> None:
    """In the indexer: the build keeps our stdin open until it has the index, so the end of input
    means it stopped (Ctrl-C, an error, a kill). Stop Pagefind, remove our files, and exit."""
    while os.read(0, 65536):  # the raw descriptor: a buffered stdin would hold a lock at exit
        pass
    _build_gone.set()
    for process in _running:
        process.kill()
        process.wait()
    shutil.rmtree(scratch, ignore_errors=True)
    os._exit(1)


def main(argv: list[str] | None = None) -> int:
    """`python -m microcred.site.searchindex SCRATCH SHARD_PAGES`: index SCRATCH/documents.json into
    SCRATCH/pagefind/, SHARD_PAGES pages a shard."""
    args = argv if argv is not None else sys.argv[1:]
    scratch, shard_pages = Path(args[0]), int(args[1])
    threading.Thread(target=_stop_when_the_build_goes, args=(scratch,), daemon=True).start()
    try:
        documents = json.loads((scratch / "documents.json").read_text(encoding="utf-8"))
        index_shards(documents, scratch / "pages", scratch / "pagefind", shard_pages)
    except (SearchIndexError, OSError) as err:
        if _build_gone.is_set():  # Pagefind failed because it was stopped: let the watcher finish
            threading.Event().wait()
        print(err, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
