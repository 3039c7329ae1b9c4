"""The one registry of data outputs, and the package descriptor that is drawn from it.

Each `DataOutput` names a group of published files: where they go, what makes them, the standard
they follow, their licence and how the package and the /data/ page describe them. The data
package (`package.package_files`), its descriptor (`descriptor`), the removal of stale files from
an earlier package (`package.write_package`) and the /data/ page all read `OUTPUTS`: adding an
export means adding an entry here, and nothing else.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from ..model import Catalogue
from ..reuse import FRESH, Reuse
from ..written import integrity
from ..paths import KINDS, REPO_URL, SCHEMA_DIR
from .. import urls
from .badges import badge_files
from .ctdl import BUNDLE as CTDL_BUNDLE, ctdl_files
from .feed import feed_files
from .jsonfile import gzip_parts, joined, json_bytes, json_text
from .jsonld import BUNDLE as JSONLD_BUNDLE, jsonld_file
from .rows import TABLE_INFO, table_files, table_schema

FORMAT_VERSION = 1  # the record format's major version (design/record-format.md)
DATAPACKAGE_PROFILE = "https://datapackage.org/profiles/2.0/datapackage.json"
DATA_LICENCE = {"name": "CC-BY-4.0", "title": "Creative Commons Attribution 4.0 International",
                "path": "https://creativecommons.org/licenses/by/4.0/"}
SCHEMA_NAMES = ("common", *KINDS)  # the JSON Schemas published at /schema/
CATALOGUE_BUNDLE = "catalogue.json.gz"  # every record nested, gzip-compressed

# (catalogue, the files of the outputs before it) -> {path relative to the output's folder: bytes}
Producer = Callable[[Catalogue, dict], dict]
# the files an output produced -> its Data Package resources (none: the package does not list it)
Describer = Callable[[dict], list]


@dataclass(frozen=True)
class DataOutput:
    name: str
    paths: tuple[str, ...]     # globs relative to `folder`: what it writes, and what it may remove
    producer: Producer
    standard: str              # the format or vocabulary its files follow
    licence: str | None        # an SPDX id; None: the project's own files, under the repository's terms
    about: str                 # Markdown for the /data/ page's list of files ("" = not listed there)
    describe: Describer = lambda files: []
    folder: str = urls.DATA_PREFIX  # site folder: urls.DATA_PREFIX is the data package
    example: str = ""          # three lines of Python that read it, for the /data/ page ({data} = its URL)
    reuses: bool = False       # the producer is handed a third argument, what `mkdocs serve` kept (microcred.reuse)
    # The producer is handed `put` too (after `reuse`, if any) and gives it each file as soon as
    # it is made, so that an output of a file per credential is never all in memory at once.
    stores: bool = False


def _gzip_json_resource(name: str, path: str, title: str, description: str, mediatype: str) -> Describer:
    """A JSON file published gzip-compressed: its size and hash are the compressed file's, as
    on disk (what Frictionless checks); `compression` tells a reader to decompress it."""
    return lambda files: [{"name": name, "path": path, "title": title, "description": description,
                           "format": "json", "mediatype": mediatype, "encoding": "utf-8", "compression": "gz",
                           **integrity(files[path])}]


def catalogue_file(catalogue: Catalogue, reuse: Reuse = FRESH) -> dict[str, bytes]:
    """Producer: `catalogue.json.gz`, the bytes json_bytes would write for nested_records,
    gzip-compressed record by record (jsonfile.gzip_parts)."""
    parts = []
    for i, (kind, records) in enumerate(sorted(nested_records(catalogue).items())):
        parts += joined(("{" if i == 0 else "],") + json_text(kind) + ":[", map(json_text, records), "")
    return {CATALOGUE_BUNDLE: gzip_parts([*parts, "]}\n"], reuse, CATALOGUE_BUNDLE)}


def _table_resources(files: dict) -> list[dict]:
    return [{"name": name, "type": "table", "path": f"{name}.csv", "title": title, "description": description,
             "format": "csv", "mediatype": "text/csv", "encoding": "utf-8", **integrity(files[f"{name}.csv"]),
             "schema": table_schema(name)} for name, (title, description) in TABLE_INFO.items()]


def nested_records(catalogue: Catalogue) -> dict[str, list[dict]]:
    """Every record exactly as in its YAML file, by kind, in id order."""
    return {"providers": [p.data for p in catalogue.providers.values()],
            "qualifications": [q.data for q in catalogue.qualifications.values()],
            "credentials": [c.data for c in catalogue.credentials.values()]}


def version(catalogue: Catalogue) -> str:
    """Semantic version: the record format's major, then the build date, so newer sorts later."""
    return f"{FORMAT_VERSION}.{catalogue.build_date:%Y%m%d}.0"


def descriptor(catalogue: Catalogue, files: dict) -> dict:
    """datapackage.json: every registered resource of the package, with its size and hash
    (`files`: the outputs before it, bytes or microcred.written.Written)."""
    return {
        "$schema": DATAPACKAGE_PROFILE,
        "name": "open-microcredential-catalogue",
        "id": urls.absolute(urls.DATA_PREFIX + "datapackage.json"),
        "title": "Open Microcredential Catalogue",
        "description": ("Microcredentials (short courses that certify specific skills), their providers, the "
                        "qualifications they stack into, and the credit they give towards Australian VET units "
                        "and qualifications. Built from the catalogue's YAML records on every change."),
        "homepage": urls.absolute(urls.DATA),
        "version": version(catalogue),
        "created": f"{catalogue.build_date.isoformat()}T00:00:00Z",
        "licenses": [DATA_LICENCE],
        "keywords": ["microcredentials", "short courses", "skills", "stackable credentials", "VET",
                     "recognition of prior learning"],
        "sources": [
            {"title": "Open Microcredential Catalogue records (YAML, one file per listing)", "path": REPO_URL},
            {"title": "Providers' official listing pages (each record's `url` and `sources`)"},
            {"title": "training.gov.au, Australia's national register of VET",
             "path": "https://training.gov.au/"},
        ],
        "resources": [r for output in OUTPUTS if output.folder == urls.DATA_PREFIX for r in output.describe(files)],
    }


OUTPUTS: list[DataOutput] = [
    DataOutput(
        "tables", tuple(f"{name}.csv" for name in TABLE_INFO), lambda cat, files, reuse: table_files(cat, reuse),
        "CSV with Frictionless Table Schemas", DATA_LICENCE["name"], "Five tables, UTF-8 CSV",
        describe=_table_resources,
        example='import csv, io, urllib.request\n'
                'text = urllib.request.urlopen("{data}credentials.csv").read().decode("utf-8")\n'
                'rows = list(csv.DictReader(io.StringIO(text, newline="")))',
        reuses=True),
    DataOutput(
        # The file's name before it was compressed is listed too, so that an old copy is removed.
        "catalogue", (CATALOGUE_BUNDLE, "catalogue.json"), lambda cat, files, reuse: catalogue_file(cat, reuse),
        "JSON, shaped by the record format's JSON Schemas", DATA_LICENCE["name"],
        f"[`{CATALOGUE_BUNDLE}`]({CATALOGUE_BUNDLE}) (gzip-compressed JSON): every record nested as in its YAML file (`providers`,\n"
        "  `qualifications`, `credentials`), for tools that want whole records. Their shape is the\n"
        f"  [JSON Schemas]({urls.absolute(urls.schema_file('credential'))}).",
        describe=_gzip_json_resource(
            "catalogue", CATALOGUE_BUNDLE, "Catalogue records (nested)",
            "Every record as in its YAML file, in one JSON object: `providers`, `qualifications` and "
            "`credentials`, each a list in id order. Its shape is given by the JSON Schemas at "
            + urls.absolute(urls.SCHEMA_PREFIX) + ".", "application/json"),
        example='import gzip, json, urllib.request\n'
                f'records = json.load(gzip.open(urllib.request.urlopen("{{data}}{CATALOGUE_BUNDLE}")))\n'
                'titles = [c["title"] for c in records["credentials"]]',
        reuses=True),
    DataOutput(
        "jsonld", (JSONLD_BUNDLE, "jsonld.json"), lambda cat, files, reuse: jsonld_file(cat, reuse),
        "schema.org JSON-LD (Course)", DATA_LICENCE["name"],
        f"[`{JSONLD_BUNDLE}`]({JSONLD_BUNDLE}) (gzip-compressed): the schema.org JSON-LD of every credential\n"
        "  page in one file.",
        describe=_gzip_json_resource(
            "jsonld", JSONLD_BUNDLE, "schema.org JSON-LD of every credential page",
            "A JSON array of the schema.org `Course` documents embedded in the credential pages, in "
            "global-id order.", "application/ld+json"),
        example='import gzip, json, urllib.request\n'
                f'courses = json.load(gzip.open(urllib.request.urlopen("{{data}}{JSONLD_BUNDLE}")))\n'
                'names = [course["name"] for course in courses]',
        reuses=True),
    DataOutput(
        "ctdl", (CTDL_BUNDLE, "ctdl.json", "ctdl/**/*.json"), lambda cat, files, reuse, put: ctdl_files(cat, reuse, put),
        "CTDL JSON-LD (Credential Engine)", DATA_LICENCE["name"],
        f"[`{CTDL_BUNDLE}`]({CTDL_BUNDLE}), `ctdl/credentials/<provider>/<credential>.json` and\n"
        "  `ctdl/providers/<provider>.json`: each credential in [CTDL](https://credreg.net/ctdl/terms),\n"
        "  Credential Engine's vocabulary, as its credential class with the\n"
        "  `ceterms:LearningOpportunityProfile` it is earned through, and each provider as a\n"
        "  `ceterms:CredentialOrganization`: one JSON-LD graph per credential and per provider, at the\n"
        "  paths of their pages, and every node in one graph in `ctdl.json.gz`, gzip-compressed\n"
        "  (the mapping is below).",
        describe=_gzip_json_resource(
            "ctdl", CTDL_BUNDLE, "CTDL JSON-LD of every credential and provider",
            "One JSON-LD graph (Credential Engine's CTDL) of every credential, as its credential class, "
            "the ceterms:LearningOpportunityProfile it is earned through, and every provider as a "
            "ceterms:CredentialOrganization; the same nodes are published one graph per credential "
            "under ctdl/credentials/ and per provider under ctdl/providers/.", "application/ld+json"),
        example='import gzip, json, urllib.request\n'
                f'graph = json.load(gzip.open(urllib.request.urlopen("{{data}}{CTDL_BUNDLE}")))["@graph"]\n'
                'opportunities = [n for n in graph if n["@type"] == "ceterms:LearningOpportunityProfile"]',
        reuses=True, stores=True),
    DataOutput(
        "datapackage", ("datapackage.json",),
        lambda cat, files: {"datapackage.json": json_bytes(descriptor(cat, files), indent=2)},
        "Frictionless Data Package v2", DATA_LICENCE["name"],
        "[`datapackage.json`](datapackage.json): a [Frictionless data package](https://datapackage.org/)\n"
        "  (Data Package v2) that describes every file below: typed columns, constraints, keys between\n"
        "  the tables, the licence, and each file's size and SHA-256 hash.",
        example='from frictionless import Package\n'
                'package = Package("{data}datapackage.json")\n'
                'rows = package.get_resource("credentials").read_rows()'),
    DataOutput(
        "badges", ("badges/**/*.json",), lambda cat, files, reuse, put: badge_files(cat, reuse, put),
        "Open Badges 3.0 Achievement", DATA_LICENCE["name"],
        "`badges/<provider>/<credential>.json`: an [Open Badges 3.0](https://www.imsglobal.org/spec/ob/v3p0/)\n"
        "  `Achievement` for each credential, at the same path as its page (for example\n"
        "  `badges/acme/data-basics.json` for `/credentials/acme/data-basics/`). A platform that issues\n"
        "  badges for a listing can use it as the achievement its `OpenBadgeCredential`s point to.",
        example='import json, urllib.request\n'
                'achievement = json.load(urllib.request.urlopen("{data}badges/acme/data-basics.json"))\n'
                'print(achievement["achievementType"], achievement["criteria"]["narrative"])',
        reuses=True, stores=True),
    DataOutput(
        "feeds", (urls.FEED, urls.provider_feed("*")), lambda cat, files, reuse: feed_files(cat, reuse),
        "Atom 1.0 (RFC 4287)", DATA_LICENCE["name"],
        f"[`feed.xml`](../{urls.FEED}): an Atom feed of the listings added or changed, newest first, each\n"
        "  entry dated by the commit that changed it and saying what changed (new, price, dates, status);\n"
        "  each provider has its own at `providers/<provider>/feed.xml`.",
        folder=urls.HOME,
        example='import feedparser, urllib.request\n'
                'feed = feedparser.parse(urllib.request.urlopen("{site}feed.xml").read())\n'
                'changes = [(entry.updated, entry.title) for entry in feed.entries]',
        reuses=True),
    DataOutput(
        "schemas", tuple(f"{name}.schema.json" for name in SCHEMA_NAMES),
        lambda cat, files: {f"{name}.schema.json": (SCHEMA_DIR / f"{name}.schema.json").read_bytes()
                            for name in SCHEMA_NAMES},
        "JSON Schema 2020-12", "MIT",
        f"[`credential.schema.json`](../{urls.SCHEMA_PREFIX}credential.schema.json), "
        f"[`provider.schema.json`](../{urls.SCHEMA_PREFIX}provider.schema.json),\n"
        f"  [`qualification.schema.json`](../{urls.SCHEMA_PREFIX}qualification.schema.json) and the shared "
        f"[`common.schema.json`](../{urls.SCHEMA_PREFIX}common.schema.json):\n"
        "  the record format as JSON Schemas, the same files the catalogue is validated against.",
        folder=urls.SCHEMA_PREFIX,
        example='import json, urllib.request\n'
                'schema = json.load(urllib.request.urlopen("{site}schema/credential.schema.json"))\n'
                'required = schema["required"]'),
]
