"""Site search: a Pagefind index of every record's page, built beside the MkDocs build.

Material's own search sends the whole index to the browser before the first result: 20 MB (1.3 MB
gzipped) at 10,000 credentials. Pagefind splits its index into chunks and loads only those a
query needs, so the first search stays small however large the catalogue grows.

Pagefind reads HTML files. A record's page is known before MkDocs renders anything: its body is
the raw HTML block that render.text.page wrote, marked searchable. So `search_documents` (pure)
wraps each such body in a minimal HTML document, and `BackgroundIndex` writes them to a scratch
folder and runs the Pagefind binary (pinned in requirements.txt) on them in a second process,
which indexes on the machine's other core while MkDocs renders the pages. At the end of the
build the hook moves the finished index into the site at /pagefind/.

Pagefind's time and memory grow faster than the number of pages (10,000 credentials: 8.7 s and
480 MB in one index; 4 indexes of 2,500: 5.3 s and 111 MB each). So the pages are split into
shards of SHARD_PAGES, indexed one after another into /pagefind/0/, /pagefind/1/, ..., listed in
/pagefind/shards.json; the browser searches them together with Pagefind's `mergeIndex`.
"""
from __future__ import annotations

import json
import shutil
import subprocess
import tempfile
import threading
from pathlib import Path

from .render.text import SEARCHABLE, page_html

# Every page is in English; one language gives one index and one stemmer for all of them.
LANGUAGE = "en"
SHARD_PAGES = 2500
# Pagefind also writes its ready-made interfaces; the site has its own (docs/assets/search.js).
UNUSED_OUTPUT = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
                 "pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-highlight.js")


class SearchIndexError(RuntimeError):
    pass


def search_documents(site_files: dict[str, str | bytes]) -> dict[str, str]:
    """`{"credentials/p/c/index.html": html}` for each page marked searchable, as Pagefind should see it."""
    documents = {}
    for path, content in site_files.items():
        if not (path.endswith("index.md") and isinstance(content, str) and SEARCHABLE in content):
            continue
        html = page_html(content)
        if html is None or SEARCHABLE not in html.partition(">")[0]:
            continue
        documents[path[:-2] + "html"] = (f'<!doctype html><html lang="{LANGUAGE}"><head><meta charset="utf-8">'
                                        f"</head><body>{html}</body></html>")
    return dict(sorted(documents.items()))


def shards(documents: dict[str, str], size: int | None = None) -> list[dict[str, str]]:
    """The documents in path order, cut into groups of at most `size` (SHARD_PAGES), at least one."""
    size = size or SHARD_PAGES
    items = sorted(documents.items())
    return [dict(items[i:i + size]) for i in range(0, len(items), size)] or [{}]


def pagefind_binary() -> Path:
    from pagefind_bin_extended import get_executable

    return Path(get_executable())


class BackgroundIndex:
    """Writes the documents and runs Pagefind on them while the caller goes on; `finish` waits
    and moves the index into the site."""

    def __init__(self, documents: dict[str, str]):
        self.documents = documents
        self._scratch = Path(tempfile.mkdtemp(prefix="microcred-search-"))
        self._process: subprocess.Popen | None = None
        self._error: BaseException | None = None
        self._stopping = False
        self._thread = threading.Thread(target=self._run, name="microcred-search-index", daemon=True)

    @property
    def source(self) -> Path:
        return self._scratch / "pages"

    @property
    def output(self) -> Path:
        return self._scratch / "pagefind"

    def start(self) -> BackgroundIndex:
        self._thread.start()
        return self

    def _run(self) -> None:
        try:
            names = []
            for number, shard in enumerate(shards(self.documents)):
                if self._stopping:
                    return
                source, output = self.source / str(number), self.output / str(number)
                source.mkdir(parents=True)  # an empty catalogue still gets an (empty) index
                for path, html in shard.items():
                    target = source / path
                    target.parent.mkdir(parents=True, exist_ok=True)
                    target.write_text(html, encoding="utf-8")
                self._index(source, output)
                names.append(f"{number}/")
            (self.output / "shards.json").write_text(json.dumps({"shards": names}) + "\n", encoding="utf-8")
        except BaseException as err:  # reported by finish(), in the build's thread
            self._error = err

    def _index(self, source: Path, output: Path) -> None:
        self._process = subprocess.Popen(
            [str(pagefind_binary()), "--site", str(source), "--output-path", str(output),
             "--force-language", LANGUAGE, "--silent"],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        log, _ = self._process.communicate()
        if self._process.returncode != 0 or not (output / "pagefind.js").is_file():
            text = log.decode("utf-8", "replace").strip()[-2000:]
            raise SearchIndexError(f"Pagefind exited with {self._process.returncode} on {source.name}: {text}")
        for name in UNUSED_OUTPUT:
            (output / name).unlink(missing_ok=True)

    def finish(self, site_dir: Path, subdir: str = "pagefind") -> None:
        """Wait for Pagefind, then put its output at `site_dir/subdir` (replacing what is there)."""
        try:
            self._thread.join()
            if isinstance(self._error, SearchIndexError):
                raise self._error
            if self._error is not None:
                raise SearchIndexError(f"the search indexer failed: {self._error!r}") from self._error
            target = Path(site_dir) / subdir
            shutil.rmtree(target, ignore_errors=True)
            shutil.move(str(self.output), str(target))
        finally:
            self.close()

    def close(self) -> None:
        """Stop Pagefind if it still runs and remove the scratch folder (safe to call twice)."""
        self._stopping = True
        process = self._process
        if process is not None and process.poll() is None:
            process.kill()
        if self._thread.is_alive():
            self._thread.join()
        shutil.rmtree(self._scratch, ignore_errors=True)
