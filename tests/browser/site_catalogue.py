"""A generated catalogue for the site's tests, with hostile records whose text tries every way
into the page: raw HTML, event handlers, `javascript:`/`data:` links, attribute lists, Markdown
table and emphasis characters, fences and snippet includes."""
from __future__ import annotations

import contextlib
import functools
import http.server
import json
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
                              "``` fence in outcome ```", "Plain outcome | with pipe"],
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


# Record text that tries to become markup once it is out of the BMP and in a page's front matter
# or Markdown: emoji, attribute lists with handlers, Markdown links to javascript:, raw HTML, and
# in the description tabs and blank lines. All of it is valid text for the record format.
PWN = "window.__pwned=1"
MARKUP_PROVIDER_ID = "rocket"
MARKUP_PROVIDER_NAME = f"🚀 Rocket **x**{{: autofocus onfocus={PWN}}} <b onmouseover={PWN}>Academy</b>"
MARKUP_ID = "rocket/emoji-markup"
MARKUP_TITLE = f"Data 📊 skills **x**{{: autofocus onfocus={PWN}}} `tick` {{braces}} <img src=x onerror={PWN}>"
MARKUP_SUMMARY = f"Learn 🚀 fast **x**{{: autofocus onfocus={PWN}}} <script>{PWN}</script> [x](javascript:{PWN})"
MARKUP_DESCRIPTION = f"""Intro 😀 **bold**{{: autofocus onfocus={PWN}}} and `code {{x}}`.

\tA line after a tab, [x](javascript:{PWN}) and [look-alike](https://bücher.example/ok).



<img src=x onerror={PWN}>

<script>{PWN}</script>

{{: autofocus onfocus={PWN}}}
"""
CHAIN_ID = "rocket/rocket-micromasters"
CHAIN_TITLE = "Rocket MicroMasters 🚀 in Data"
IDN_URL = "https://bücher.example/kurs"
IDN_PUNYCODE = "xn--bcher-kva.example"


def markup_credential() -> dict:
    return {
        "id": "emoji-markup", "title": MARKUP_TITLE, "provider": MARKUP_PROVIDER_ID, "summary": MARKUP_SUMMARY,
        "description": MARKUP_DESCRIPTION, "url": IDN_URL, "type": "short-course", "status": "active",
        "languages": ["en"], "learning_outcomes": [f"Outcome 🎯 **x**{{: onclick={PWN}}}"],
        "skills": ["📈 charts", f"{{: onfocus={PWN}}}"], "field_of_education": "0613",
        "workload_hours": 12, "duration": {"weeks": 3}, "pace": "self-paced", "delivery": "online",
        "cost": {"amount": 0, "currency": "AUD", "basis": "one-off"}, "assessment": ["quiz"],
        "quality_assurance": {"type": "internal", "body": f"QA 🧪 <i onclick={PWN}>board</i>"},
        "stacks_into": [{"target": CHAIN_ID, "credit": {"value": 4, "unit": "credit-points"},
                         "note": f"Note ✨ **x**{{: onfocus={PWN}}}"}],
        "sources": [IDN_URL],
        "last_reviewed": "2026-10-01",
    }


def chain_credential() -> dict:
    """The middle of a chain: emoji-markup -> this -> qualification-01 (a degree)."""
    return {
        "id": "rocket-micromasters", "title": CHAIN_TITLE, "provider": MARKUP_PROVIDER_ID,
        "summary": "A program of courses that counts towards a degree.", "url": "https://rocket.example.org/mm",
        "type": "micromasters", "status": "active", "languages": ["en"],
        "learning_outcomes": ["Analyse data"], "field_of_education": "0613", "workload_hours": 300,
        "duration": {"weeks": 40}, "pace": "scheduled", "delivery": "online",
        "cost": {"amount": 1200, "currency": "USD", "basis": "one-off"}, "assessment": ["exam"],
        "quality_assurance": {"type": "accredited", "body": "Example University"},
        "stacks_into": [{"target": "qualification-01", "credit": {"value": 30, "unit": "credit-points"}}],
        "last_reviewed": "2026-10-01",
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
    make_catalogue(folder, credentials=credentials, providers=3, also_accepted=(MARKUP_PROVIDER_ID,))
    write_record(folder, "provider", {"id": "hostile", "name": "Hostile & Co <Training>", "type": "rto",
                                      "country": "AU", "website": "https://hostile.example.org"})
    write_record(folder, "credential", hostile_credential())
    write_record(folder, "credential", plain_credential())
    write_record(folder, "provider", {"id": MARKUP_PROVIDER_ID, "name": MARKUP_PROVIDER_NAME, "type": "university",
                                      "country": "AU", "website": "https://rocket.example.org",
                                      "description": f"Provider 🚀 **x**{{: autofocus onfocus={PWN}}} <script>{PWN}</script>"})
    write_record(folder, "credential", markup_credential())
    write_record(folder, "credential", chain_credential())
    return folder


def site_config(path: Path, catalogue: Path, **options) -> Path:
    """A mkdocs.yml at `path`: the project's own (INHERIT), with the microcred plugin pointed at
    `catalogue` and given `options` (e.g. shared_chrome=False).

    Paths in a config file are relative to it, so the project's folders are given absolute."""
    plugin = {"catalogue": str(catalogue), **options}
    config = {"INHERIT": str(ROOT / "mkdocs.yml"), "docs_dir": str(ROOT / "docs"),
              "theme": {"custom_dir": str(ROOT / "overrides")}, "plugins": [{"microcred": plugin}]}
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(config, indent=2) + "\n", encoding="utf-8")  # JSON is YAML
    return path


def build_site(catalogue: Path, site: Path, as_of_epoch: str | None = AS_OF_EPOCH, env: dict | None = None,
               **options) -> subprocess.CompletedProcess:
    """`mkdocs build --strict` of the project's mkdocs.yml, pointed at `catalogue`, into `site`;
    `options` are the microcred plugin's (see site_config), `env` more environment variables.

    With `as_of_epoch=None` the build takes its date from the commit, as `make site` does."""
    config = site_config(site.with_name(f"{site.name}.mkdocs.yml"), catalogue, **options)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    env.pop("SOURCE_DATE_EPOCH", None)
    if as_of_epoch:
        env["SOURCE_DATE_EPOCH"] = as_of_epoch
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(config),
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
