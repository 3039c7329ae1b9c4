"""A generated catalogue for the site's tests, with hostile records whose text tries every way
into the page: raw HTML, event handlers, `javascript:`/`data:` links, attribute lists, Markdown
table and emphasis characters, fences and snippet includes."""
from __future__ import annotations

import contextlib
import functools
import http.server
import os
import re
import subprocess
import sys
import threading
from pathlib import Path

from factory import make_catalogue, write_record

ROOT = Path(__file__).resolve().parents[2]

# The build is "as of" this date (SOURCE_DATE_EPOCH): generated records are reviewed in 2026.
AS_OF_EPOCH = "1795651200"  # 2026-11-25T00:00:00Z

HOSTILE_ID = "hostile/pipes-and-brackets"
HOSTILE_TITLE = "Pipes | *stars* _under_ `tick` [x](javascript:alert(1)) <img src=x onerror=alert(1)> {: onclick=\"x\"}"
PLAIN_TITLE = "Plain Sailing Navigation Skill Set"
PLAIN_ID = "hostile/plain-sailing"

HOSTILE_DESCRIPTION = """Intro with *emphasis* and `code` and a [good link](https://example.org/ok).

<script>window.__pwned = 'script'</script>

<img src=x onerror="window.__pwned = 'onerror'">

[bad link](javascript:window.__pwned='javascript') and [data link](data:text/html;base64,PHNjcmlwdD4=)
and [vb](vbscript:msgbox) and [relative](/etc/passwd) and [protocol-relative](//evil.example/x)

{: onclick="window.__pwned = 'attr'" }

```
fenced <script>window.__pwned = 'fence'</script>
```

--8<-- "/etc/passwd"

| a | b |
|---|---|
| <b>x</b> | y |
"""


def hostile_credential() -> dict:
    return {
        "id": "pipes-and-brackets",
        "title": HOSTILE_TITLE,
        "provider": "hostile",
        "summary": "A summary with <script>window.__pwned='summary'</script> and \"quotes\" & ampersands.",
        "description": HOSTILE_DESCRIPTION,
        "url": "https://hostile.example.org/course",
        "type": "short-course",
        "status": "active",
        "languages": ["en"],
        "learning_outcomes": ["<img src=x onerror=\"window.__pwned='outcome'\"> outcome",
                              "```\nfence in outcome\n```", "Plain outcome | with pipe"],
        "skills": ["<b>bold</b>", "a|b"],
        "field_of_education": "0613",
        "workload_hours": 7,
        "duration": {"weeks": 2},
        "pace": "self-paced",
        "delivery": "online",
        "cost": {"amount": 0, "currency": "AUD", "basis": "one-off", "certificate_fee": 20,
                 "note": "<script>window.__pwned='note'</script>"},
        "assessment": ["quiz"],
        "quality_assurance": {"type": "internal", "body": "<i>Body</i>"},
        "stacks_into": [{"target": "hostile/plain-sailing", "credit": {"value": 1, "unit": "units-of-competency"},
                         "note": "<script>window.__pwned='stack-note'</script>"}],
        "last_reviewed": "2025-01-10",  # stale as of AS_OF_EPOCH
    }


def plain_credential() -> dict:
    return {
        "id": "plain-sailing", "title": PLAIN_TITLE, "provider": "hostile",
        "summary": "Learn to navigate coastal waters safely in a small boat.",
        "url": "https://hostile.example.org/sailing", "type": "skill-set", "status": "active",
        "languages": ["en"], "learning_outcomes": ["Plan a coastal passage"], "field_of_education": "1041",
        "skills": ["Chart plotting", "Knot tying"],
        "workload_hours": 45, "duration": {"min_weeks": 6, "max_weeks": 10}, "pace": "cohort",
        "delivery": "blended", "locations": [{"country": "AU", "region": "QLD", "city": "Cairns"}],
        "cost": {"amount": 59, "currency": "AUD", "basis": "per-month"}, "assessment": ["practical"],
        "quality_assurance": {"type": "accredited", "body": "Maritime Safety Board"},
        "difficulty": "introductory", "issued_as": "open-badge",
        "last_reviewed": "2026-09-01",
    }


def write_site_catalogue(folder: Path, credentials: int = 40) -> Path:
    make_catalogue(folder, credentials=credentials, providers=3)
    write_record(folder, "provider", {"id": "hostile", "name": "Hostile & Co <Training>", "type": "rto",
                                      "country": "AU", "website": "https://hostile.example.org"})
    write_record(folder, "credential", hostile_credential())
    write_record(folder, "credential", plain_credential())
    return folder


def build_site(catalogue: Path, site: Path, as_of_epoch: str | None = AS_OF_EPOCH,
               extra_env: dict | None = None) -> subprocess.CompletedProcess:
    """`mkdocs build --strict` of the project's mkdocs.yml, pointed at `catalogue`, into `site`.

    With `as_of_epoch=None` the build takes its date from the commit, as `make site` does."""
    env = {**os.environ, "MICROCRED_CATALOGUE": str(catalogue), "NO_MKDOCS_2_WARNING": "1", **(extra_env or {})}
    env.pop("SOURCE_DATE_EPOCH", None)
    if as_of_epoch:
        env["SOURCE_DATE_EPOCH"] = as_of_epoch
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(ROOT / "mkdocs.yml"),
                           "-d", str(site)], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@contextlib.contextmanager
def serve(folder: Path):
    """A built site over HTTP on 127.0.0.1 (a free port), without request logs: yields its URL."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def search_result_titles(page, timeout_ms: int = 15000) -> list[str]:
    """The result titles on the search page, once it has answered (with results or with none)."""
    page.locator("#mc-search-status").filter(has_text=re.compile(r"results? for|No results")).wait_for(timeout=timeout_ms)
    return page.locator("#mc-search-results .mc-search__title").all_inner_texts()
