"""The /data/ page: what the data package holds, its licence, how to load it, every column.

Generated from the export registry and the same Table Schemas that go into datapackage.json, so
the page cannot drift from the files. No record text appears here, only the schemas' words, counts
and the build date.
"""
from __future__ import annotations

from .. import urls
from ..export import ctdl_terms, registry, rows, tables
from ..export.badges import ACHIEVEMENT_TYPE
from ..model import Catalogue
from ..paths import REPO_URL, SITE_URL

DATA_URL = urls.absolute(urls.DATA)
SITE_URL = urls.absolute(urls.HOME)


def _cell(text) -> str:
    """Text for a Markdown table cell: one line, `|` escaped, HTML outside code spans escaped."""
    parts = str(text).replace("\r", " ").replace("\n", " ").split("`")
    for i in range(0, len(parts), 2):
        parts[i] = parts[i].replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return "`".join(parts).replace("|", "\\|")


def _type_words(field: dict) -> str:
    if field["type"] == "array":
        item = field.get("arrayItem", {}).get("type", "any")
        return f"array of {item}" if item != "any" else "array"
    return field["type"]


def columns_table(name: str) -> str:
    lines = ["| column | type | required | description |", "| --- | --- | --- | --- |"]
    for col in tables.tables()[name]:
        f = col.field
        required = "yes" if f.get("constraints", {}).get("required") else ""
        lines.append(f"| `{f['name']}` | {_type_words(f)} | {required} | {_cell(f['description'])} |")
    return "\n".join(lines)


def _keys(name: str) -> str:
    schema = rows.table_schema(name)
    text = "Key: " + ", ".join(f"`{k}`" for k in schema["primaryKey"]) + "."
    refs = [f"`{fk['fields'][0]}` -> `{fk['reference']['resource']}.{fk['reference']['fields'][0]}`"
            for fk in schema.get("foreignKeys", [])]
    if refs:
        text += " References: " + "; ".join(refs) + "."
    return text


# (our field, EU Council Recommendation element, Open Badges 3.0 Achievement). The CTDL column is
# the CTDL export's own table (export/ctdl_terms.FIELD_TERMS), so the page says what it writes.
MAPPING = [
    ("title", "Title of the micro-credential", "`name`"),
    ("provider", "Awarding body; country of the awarding body", "`creator` (Profile, `address.addressCountryCode`)"),
    ("summary", "—", "`description`"),
    ("url", "—", "`criteria.id`"),
    ("type", "—", "`achievementType`"),
    ("status", "—", "—"),
    ("languages", "—", "`inLanguage` (the first)"),
    ("learning_outcomes", "Learning outcomes", "`criteria.narrative`"),
    ("skills", "—", "`tag`"),
    ("field_of_education", "—", "`fieldOfStudy`"),
    ("level", "Level (EQF or national framework)", "`alignment` (framework level)"),
    ("difficulty", "—", "—"),
    ("workload_hours", "Notional workload", "—"),
    ("ects", "Notional workload in ECTS", "`creditsAvailable`"),
    ("duration", "—", "—"),
    ("pace", "—", "—"),
    ("delivery", "Form of participation", "—"),
    ("locations", "—", "—"),
    ("cost", "—", "—"),
    ("assessment", "Type of assessment", "`criteria.narrative`"),
    ("identity_verified", "Supervision and identity verification during assessment (optional)", "—"),
    ("quality_assurance", "Type of quality assurance", "—"),
    ("prerequisites", "Prerequisites needed to enrol (optional)", "—"),
    ("stacks_into", "Integration / stackability options (optional)", "`alignment` (`ceterms:Credential`)"),
    ("vet_credit", "Integration / stackability options (optional)",
     "`alignment` (`ceterms:Credential`, `ceasn:Competency`)"),
    ("issued_as", "—", "— (an `open-badge` listing issues OB credentials itself)"),
    ("last_reviewed", "—", "—"),
    ("(how it is earned)", "—", "—"),
]


def mapping_table() -> str:
    lines = ["| field | CTDL (Credential Engine) | EU micro-credential element | Open Badges 3.0 |",
             "| --- | --- | --- | --- |"]
    for field, eu, ob in MAPPING:
        name = field if field.startswith("(") else f"`{field}`"
        lines.append(f"| {name} | {_cell(ctdl_terms.FIELD_TERMS.get(field, '— (not exported)'))} | {eu} | {ob} |")
    return "\n".join(lines)


def files_list(catalogue: Catalogue) -> str:
    """The page's list of files: each registered output of the package, the descriptor first."""
    counts = rows.table_counts(catalogue)
    items = []
    for output in sorted(registry.OUTPUTS, key=lambda o: o.name != "datapackage"):
        if not output.about:
            continue
        if output.name == "tables":  # one item for the five, each with its row count
            items.append(output.about + ": " + ", ".join(
                f"[`{name}.csv`]({name}.csv) ({counts[name]:,} rows)" for name in rows.TABLE_INFO) + ".")
        else:
            items.append(output.about)
        licence = f"[{output.licence}]({registry.DATA_LICENCE['path']})" if output.licence == registry.DATA_LICENCE[
            "name"] else f"`{output.licence}`"
        # Indented four spaces: Python-Markdown keeps a paragraph or a fence in a list item only so.
        example = "\n".join("    " + line for line in output.example.format(data=DATA_URL, site=SITE_URL).splitlines())
        items[-1] += (f"\n\n    Standard: {output.standard}. Licence: {licence}. Read it in Python:\n\n"
                      f"    ```python\n{example}\n    ```\n")
    return "\n".join(f"- {item}" for item in items)


def data_page(catalogue: Catalogue) -> dict[str, str]:
    license_ = registry.DATA_LICENCE
    types = ", ".join(f"`{ours}` -> `{ob}`" for ours, ob in ACHIEVEMENT_TYPE.items())
    tables = "\n\n".join(
        f"### `{name}`\n\n{desc} {_keys(name)}\n\n{columns_table(name)}"
        for name, (_title, desc) in rows.TABLE_INFO.items())
    page = f"""# Data

Everything in the catalogue as open data, rebuilt with the site from the same records on every
change. Version `{registry.version(catalogue)}`, built from the commit of {catalogue.build_date.isoformat()}.

## What is here

{files_list(catalogue)}

## Licence

The data is published under [{license_['title']}]({license_['path']}) (`{license_['name']}`): anyone may
copy, share, combine and build on it, commercially too, provided they credit "Open Microcredential
Catalogue" and link to {SITE_URL}. We chose CC BY over a public-domain dedication because the
records are written by providers and contributors who should be credited where their listings
reappear, and because it is the licence most government open-data portals use, so the catalogue
can be joined with their data without new terms.

## Load it in three lines

With [frictionless](https://framework.frictionlessdata.io/) (checks every type and key while reading):

```python
from frictionless import Package
package = Package("{DATA_URL}datapackage.json")
rows = package.get_resource("credentials").read_rows()
```

With pandas (keep codes such as `"0613"` as text, and `NA` as Namibia rather than a missing value):

```python
import pandas as pd
credentials = pd.read_csv("{DATA_URL}credentials.csv", dtype={{"field_of_education": str}},
                          keep_default_na=False, na_values=[""])
```

With DuckDB (reads over HTTPS with its `httpfs` extension):

```sql
SELECT c.title, s.target, s.credit_value, s.credit_unit
FROM read_csv('{DATA_URL}credentials.csv', types={{'field_of_education': 'VARCHAR'}}) c
JOIN read_csv('{DATA_URL}stacking.csv') s ON s.credential = c.id;
```

## How cells are written

- A credential's key is its global id `provider/credential`, as in its page's URL; other tables
  refer to it by that id.
- **An empty cell means the field is absent** from the record. An empty list is written `[]`.
- Lists (languages, outcomes, skills, assessment, locations, funding, ...) are JSON arrays in
  one cell, such as `["en","fr"]`: the Table Schema type `array`. Nothing is lost to a
  separator character.
- Each list column's Table Schema also says what its items must be (`arrayItem`, such as a
  pattern for language tags). `arrayItem` is an extension of
  [frictionless-py](https://framework.frictionlessdata.io/), not part of Table Schema v2: other
  v2 tools read the column as an array and skip the item check, so check items yourself there
  (the JSON Schemas at `/schema/` state the same constraints).
- Nested objects are flattened one level: `cost` becomes `cost_amount`, `cost_currency`,
  `cost_basis`, ...; `duration` becomes `duration_weeks` or `duration_min_weeks` and
  `duration_max_weeks`.
- Whole numbers are written without a decimal point (`20`), other numbers as the shortest
  exact decimal (`12.5`), so a reader can tell `20` from `20.0`. Booleans are `true`/`false`,
  dates `YYYY-MM-DD`.
- Codes are text: `field_of_education` `0613` and `rto_code` `09003` keep their leading zeros,
  and `country` `NO` is Norway. Rows are sorted by key; lines end with `\\n`.
- The files change only when the records do: two builds of one commit are byte-identical.

## Tables

{tables}

## Open Badges achievement types

Our `type` maps to the Open Badges `achievementType` vocabulary as {types}. Skill sets,
professional certificates, nanodegrees and MicroMasters certify a set of outcomes (`Certificate`);
short courses and bootcamps certify completed training (`CertificateOfCompletion`).

## How the fields map to other standards

The record format follows the EU Council Recommendation on micro-credentials (2022), Credential
Engine's CTDL and Open Badges 3.0, so one record can be exported to each. The EU elements about
an award to a person (identification of the learner, date of issue, grade) belong to the
credential a learner receives, not to a listing, so they have no field here.

{mapping_table()}

Get the package with `microcred package --out DIR` from a clone of the
[repository]({REPO_URL}), without building the site.
"""
    return {urls.DATA + "index.md": page}
