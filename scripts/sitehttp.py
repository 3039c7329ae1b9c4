"""Build the learners' site and serve it on 127.0.0.1 as GitHub Pages does (gzip for text), for
the review tools: `make screenshots` (scripts/screenshots.py) and `make lighthouse`
(scripts/lighthouse.py). Not used by the site build itself."""
from __future__ import annotations

import contextlib
import functools
import gzip
import http.server
import os
import subprocess
import sys
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"  # Debian's (make browser)
COMPRESSIBLE = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".mjs")


def build(site: Path) -> None:
    """`mkdocs build --strict` of the project (the real catalogue) into `site`; stops on failure."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(site)],
                            cwd=ROOT, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"the site did not build:\n{result.stdout}{result.stderr}")


def only(pages: dict[str, str], names: str) -> dict[str, str]:
    """The pages named in a comma-separated `--only` value, or all of them when it is empty."""
    return {k: v for k, v in pages.items() if k in names.split(",")} if names else pages


def largest(site: Path, pattern: str) -> list[str]:
    """Page URLs (relative to the site) matching `pattern`, largest page first: the record with
    the most facts, where what can go wrong shows."""
    found = sorted(site.glob(pattern), key=lambda p: (-p.stat().st_size, str(p)))
    return [p.parent.relative_to(site).as_posix() + "/" for p in found]


class _GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Static files, text gzipped when the client accepts it, with GitHub Pages' 10-minute cache."""

    def log_message(self, *args):
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?", 1)[0].endswith("/"):
                return super().send_head()  # the redirect to the directory URL
            path = path / "index.html"
        if not path.is_file():
            return self._not_found()
        body = path.read_bytes()
        gzipped = path.suffix in COMPRESSIBLE and "gzip" in self.headers.get("Accept-Encoding", "")
        if gzipped:
            body = gzip.compress(body, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=600")
        if gzipped:
            self.send_header("Content-Encoding", "gzip")
        self.end_headers()
        return _Body(body)

    not_found_page: Path | None = None  # the site's 404.html, served for every missing path

    def _not_found(self):
        page = self.not_found_page
        body = page.read_bytes() if page and page.is_file() else b"not found"
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return _Body(body)


class _Body:
    """What send_head returns: a file-like object SimpleHTTPRequestHandler copies and closes."""

    def __init__(self, data: bytes):
        self.data = data

    def read(self, *args):
        data, self.data = self.data, b""
        return data

    def close(self):
        pass


@contextlib.contextmanager
def serve(site: Path, prefix: str = "catalogue"):
    """Serve `site` under /<prefix>/ (the path of site_url, so absolute links in 404.html work);
    yields the site's URL."""
    root = site.parent / f"{site.name}.served"
    root.mkdir(exist_ok=True)
    link = root / prefix
    if not link.exists():
        link.symlink_to(site.resolve(), target_is_directory=True)
    handler = functools.partial(type("Handler", (_GzipHandler,), {"not_found_page": site / "404.html"}),
                                directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/{prefix}/"
    finally:
        server.shutdown()
        server.server_close()


def sample_pages(site: Path) -> dict[str, str]:
    """Page type -> path under the site: one of each, the richest credential page for the record
    pages (the most facts listed), so what can go wrong shows (the screenshots take every one,
    Lighthouse some)."""
    creds = largest(site, "credentials/*/*/index.html")
    providers = largest(site, "providers/*/index.html")
    quals = largest(site, "qualifications/*/index.html")
    ids = [c.removeprefix("credentials/").rstrip("/") for c in creds[:2]]
    pages = {
        "home": "", "finder": "finder/", "search": "search/?q=food", "duration": "duration/", "cost": "cost/",
        "pathways": "stackability/", "vet-credit": "vet-credit/", "providers": "providers/",
        "qualifications": "qualifications/", "data": "data/", "contribute": "contribute/",
        "compare": f"compare/?ids={','.join(ids)}", "not-found": "no-such-page/",
    }
    pathways = largest(site, "stackability/qualifications/*/index.html") + largest(
        site, "stackability/credentials/*/*/index.html")
    bands = largest(site, "duration/*/index.html") + largest(site, "cost/*/index.html")
    for name, found in (("credential", creds), ("provider", providers), ("qualification", quals),
                        ("pathway", pathways), ("band", bands)):
        if found:
            pages[name] = found[0]
    return pages
