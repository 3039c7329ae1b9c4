"""The /contribute/ page: the steps from CONTRIBUTING.md, then a table of every field of every
schema (nested fields included) with whether it is required, its allowed values and an example.
Generated from the schemas' own descriptions (microcred.schemadoc), so the docs cannot drift from
the schema. It is Markdown, which MkDocs renders like the hand-written pages: no record text
reaches it.
"""
from __future__ import annotations

import re

from .. import urls
from ..export.registry import SCHEMA_NAMES
from ..export.template import TEMPLATE_FILE, template_files
from ..history import build_date
from ..paths import KINDS, ROOT, modeline
from ..reuse import FRESH, Reuse
from ..schemadoc import allowed_values, example_source, example_text, walk

FILE_PATTERNS = {
    "credential": "catalogue/credentials/<provider>/<id>.yaml",
    "provider": "catalogue/providers/<id>.yaml",
    "qualification": "catalogue/qualifications/<id>.yaml",
}


def _cell(text: str) -> str:
    """Text for a Markdown table cell: one line, HTML-special characters escaped outside code."""
    parts = str(text).replace("\r", " ").replace("\n", " ").split("`")
    for i in range(0, len(parts), 2):  # even parts are outside code spans
        parts[i] = (parts[i].replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                    .replace("|", "\\|"))
    return "`".join(parts)


def field_table(kind: str) -> str:
    rows = ["| Field | Required | What it is | Allowed values | Example |", "| --- | --- | --- | --- | --- |"]
    for field in walk(kind):
        example = example_text(kind, field.path)
        shown_example = f"`{example}`" if example is not None and example != "see the fields below" else (example or "")
        rows.append("| " + " | ".join([
            f"`{field.path}`",
            _cell(field.required),
            _cell(field.description),
            _cell(allowed_values(field.schema, field.ref)),
            shown_example.replace("|", "\\|") if shown_example.startswith("`") else _cell(shown_example),
        ]) + " |")
    return "\n".join(rows)


_GITHUB_ONLY = re.compile(r"<!-- github-only -->.*?<!-- /github-only -->\n?", re.S)


def guide_text() -> str:
    """CONTRIBUTING.md without the parts that only make sense on GitHub."""
    path = ROOT / "CONTRIBUTING.md"
    text = path.read_text(encoding="utf-8") if path.exists() else "# Contribute a listing\n"
    return _GITHUB_ONLY.sub("", text).rstrip() + "\n"


KIND_HEADINGS = {"credential": "Credential fields", "provider": "Provider fields", "qualification": "Qualification fields"}


def field_reference() -> str:
    out = [
        "## Field reference",
        "",
        "Generated from the JSON Schemas, which are published at "
        + ", ".join(f"[`{name}.schema.json`]({urls.absolute(urls.schema_file(name))})" for name in SCHEMA_NAMES)
        + ". A field marked required inside an optional one (such as `level.framework`) is required "
          "only when that field is given; `[]` marks the fields of each item of a list.",
        "",
        "All text is plain text: no control characters (tab and line breaks only in `description`), "
        "no bidirectional controls, and a line break only in `description`. No text may begin with "
        "`=`, `+`, `-` or `@`: a spreadsheet opening the published tables would run it as a formula. "
        "A web address names a public host: no `user@` before the host, no IP address, and no local, "
        "private or reserved name such as `localhost`.",
        "",
    ]
    for kind in KINDS:
        out += [
            f"### {KIND_HEADINGS[kind]}",
            "",
            f"A file `{FILE_PATTERNS[kind]}` whose first line is:",
            "",
            "```yaml",
            modeline(kind),
            "```",
            "",
            field_table(kind),
            "",
            f"A complete example {kind}, every field filled in:",
            "",
            "```yaml",
            modeline(kind),
            example_source(kind).rstrip(),
            "```",
            "",
        ]
    return "\n".join(out)


def spreadsheet_section() -> str:
    return "\n".join([
        "## Many credentials: the spreadsheet template",
        "",
        f"A provider with many courses can fill in [the spreadsheet template]({TEMPLATE_FILE}) (.xlsx, "
        "generated from the schemas): one row per credential on the *Credentials* sheet, one column per "
        "field named as in the field reference below (`cost.amount`), each header with a note on the "
        "field, drop-down lists for the allowed values, and an example row on the *Example* sheet. "
        "Several values in one cell are separated by `;`. Then run:",
        "",
        "```",
        f"microcred import spreadsheet {TEMPLATE_FILE} --provider <your-provider-id>",
        "```",
        "",
        "It reports every problem by sheet, row and column in one run and writes one file per row "
        "only when every row is valid; `--update` rewrites the fields the sheet sets in files that "
        "exist, keeping their comments. `microcred import ctdl FILE` and `microcred import ob3 FILE` "
        "draft a listing from a CTDL graph or an Open Badges 3.0 Achievement.",
        "",
    ])


def contribute_page(catalogue, reuse: Reuse = FRESH) -> dict[str, object]:
    """Producer: the /contribute/ page (it describes the schemas; no record appears on it) and the
    spreadsheet template it offers for download, dated by the build date (reproducible). Under
    `mkdocs serve` the template is made once per build date: it reads no record."""
    files: dict[str, object] = {urls.CONTRIBUTE + "index.md": guide_text() + "\n" + spreadsheet_section() + "\n"
                                + field_reference()}
    # The page itself reads no record; the template is dated by the build (today, without a catalogue).
    when = catalogue.build_date if catalogue is not None else build_date()
    template = reuse.get("spreadsheet-template", when, lambda: template_files(when))
    files.update({urls.CONTRIBUTE + name: content for name, content in template.items()})
    return files
