"""Site search: the index of every record's page (microcred.search), built beside the MkDocs build.

A record's page is known before MkDocs renders anything: it is a render.page.Page marked
searchable. So `search_documents` (pure) takes each such page's title and article HTML, and
`BackgroundIndex` hands them to a second process, which reads their words and writes the index
files (microcred.search.index) on the machine's other core while MkDocs renders the pages. At
the end of the build the site plugin moves the finished index into the site at /search-index/.
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
from ..search.index import build_index
from ..search.text import page_fields

FOLDER = "search-index"  # in the site


class SearchIndexError(RuntimeError):
    pass


def search_documents(site_files: dict[str, object]) -> dict[str, dict[str, str]]:
    """`{"credentials/p/c/": {"title": ..., "html": article}}` for each page marked searchable."""
    documents = {}
    for content in site_files.values():
        if isinstance(content, Page) and content.searchable:
            documents[content.url] = search_document(content)
    return dict(sorted(documents.items()))


def search_document(page) -> dict[str, str]:
    """What the indexer reads of a searchable page: its title and its article's HTML."""
    return {"title": page.title, "html": page.html}


def index_files(documents: dict) -> dict[str, bytes]:
    """The index files for `documents` (as search_documents gives them), in page-URL order."""
    return _index(_page(url, document) for url, document in documents.items())


def _page(url, document) -> tuple:
    """A document's (url, search fields): its words, without its HTML."""
    if not (isinstance(url, str) and isinstance(document, dict) and isinstance(document.get("title"), str)
            and isinstance(document.get("html"), str)):
        raise SearchIndexError(f"the search document for {url!r} has no title and html text")
    return url, page_fields(document["title"], document["html"])


def _index(pages) -> dict[str, bytes]:
    return build_index(sorted(pages, key=lambda page: page[0]))


# The documents go to the indexer one JSON line each: neither process ever holds all the pages'
# HTML as one text (at 100,000 listings that was about 0.6 GB, and its UTF-8 copy as much again,
# in the build's process while it held everything else), and the indexer keeps only the words.
DOCUMENTS = "documents.jsonl"


def write_document(out, url: str, document: dict) -> None:
    out.write(json.dumps([url, document], allow_nan=False))
    out.write("\n")


def read_pages(path: Path):
    """Each document's (url, search fields), as write_document wrote them."""
    with open(path, encoding="utf-8") as lines:
        for line in lines:
            item = json.loads(line)
            if not (isinstance(item, list) and len(item) == 2):
                raise SearchIndexError("a search document is not a [url, document] pair")
            yield _page(*item)


# In the indexer process: files are written under this lock, which the watcher takes for good
# once the build has gone, so that nothing is written after it removed the scratch folder.
_writing = threading.Lock()


def write_index(files: dict[str, bytes], output: Path) -> None:
    for path, data in files.items():
        with _writing:
            target = output / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)


class BackgroundIndex:
    """Runs the indexer in a separate Python process (`python -m microcred.site.searchindex`),
    so that it needs nothing from the build's process while MkDocs renders: a thread here would
    wait for the build's GIL. `finish` waits for it and moves the index into the site.

    The indexer has its own session, so a Ctrl-C meant for the build does not reach it half-way.
    It watches its stdin instead, which this process holds open until it has moved the index out
    of the scratch folder: however the build stops, the pipe closes and the indexer removes the
    scratch folder and exits. Once done, it says so on stdout and waits for that.
    """

    def __init__(self, documents: dict | None = None):
        self._scratch: Path | None = None
        self._lines = None  # the documents file, until start()
        self._process: subprocess.Popen | None = None
        try:
            for url, document in (documents or {}).items():
                self.add(url, document)
        except BaseException:
            self.close()
            raise

    @property
    def output(self) -> Path:
        assert self._scratch is not None, "start() first"
        return self._scratch / "index"

    def add(self, url: str, document: dict) -> None:
        """One more page to index, before start(): the site build adds each record's page as it
        is made, so that no page's HTML waits in memory for the index."""
        write_document(self._lines or self._open(), url, document)

    def _open(self):
        self._scratch = Path(tempfile.mkdtemp(prefix="microcred-search-"))
        self._lines = open(self._scratch / DOCUMENTS, "w", encoding="utf-8")
        return self._lines

    def start(self) -> BackgroundIndex:
        try:
            (self._lines or self._open()).close()  # opened here if no page was added: an empty index
            self._process = subprocess.Popen(
                [sys.executable, "-m", "microcred.site.searchindex", str(self._scratch)],
                stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True)
        except BaseException:
            self.close()
            raise
        return self

    def finish(self, site_dir: Path) -> None:
        """Wait for the index, then put it at `site_dir/search-index/` (replacing what is there)."""
        try:
            assert self._process is not None, "start() first"
            log = []
            for line in self._process.stdout:  # until the indexer says it is done, or exits
                if line == b"done\n":
                    break
                log.append(line)
            else:
                text = b"".join(log).decode("utf-8", "replace").strip()[-2000:]
                raise SearchIndexError(text or f"the indexer exited with {self._process.wait()}")
            self._install(Path(site_dir) / FOLDER)
        finally:
            self.close()

    def _install(self, target: Path) -> None:
        """Move the index into place whole: under a temporary name first (a copy, if the scratch
        folder is on another file system), then renamed."""
        partial = target.with_name(f".{FOLDER}-partial")
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
        if self._lines is not None:
            self._lines.close()
        process = self._process
        if process is not None:
            if process.poll() is None:
                try:
                    os.killpg(process.pid, signal.SIGKILL)
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
    means it has it or stopped (Ctrl-C, an error, a kill). Remove our files and exit."""
    while os.read(0, 65536):  # the raw descriptor: a buffered stdin would hold a lock at exit
        pass
    _writing.acquire()  # for good: the main thread writes nothing more
    shutil.rmtree(scratch, ignore_errors=True)
    os._exit(0)


def main(argv: list[str] | None = None) -> int:
    """`python -m microcred.site.searchindex SCRATCH`: index SCRATCH/documents.jsonl into
    SCRATCH/index/, print "done", and wait for stdin to close."""
    args = argv if argv is not None else sys.argv[1:]
    scratch = Path(args[0])
    watcher = threading.Thread(target=_stop_when_the_build_goes, args=(scratch,), daemon=True)
    watcher.start()
    try:
        write_index(_index(read_pages(scratch / DOCUMENTS)), scratch / "index")
    except (SearchIndexError, OSError, ValueError) as err:
        print(err, file=sys.stderr, flush=True)
        return 1
    print("done", flush=True)
    watcher.join()  # exits the process
    return 0


if __name__ == "__main__":
    sys.exit(main())
