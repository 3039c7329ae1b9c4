"""The Frictionless data package at /data/: five CSV tables, the nested records, and exports.

`package_files(catalogue)` is the producer: `{"data/<file>": bytes}`, byte-identical for the same
catalogue and build date (sorted rows, sorted JSON keys, "\\n" line ends, no clock). `read_package`
rebuilds every record from the CSV files alone, so a test can prove the tables lose nothing.
`microcred package --out DIR` writes the same files without building the site.
"""
from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

from . import tabular
from .fieldref import REPO_URL as REPOSITORY_URL
from .model import Catalogue, Credential
from .paths import SITE_URL

PREFIX = "data/"
FORMAT_VERSION = 1  # the record format's major version (design/record-format.md)
DATAPACKAGE_PROFILE = "https://datapackage.org/profiles/2.0/datapackage.json"
LICENSE = {"name": "CC-BY-4.0", "title": "Creative Commons Attribution 4.0 International",
           "path": "https://creativecommons.org/licenses/by/4.0/"}

TABLE_INFO = {
    "credentials": ("Credentials", "One row per listing, keyed by its global id `provider/credential`."),
    "providers": ("Providers", "One row per provider."),
    "qualifications": ("Qualifications", "Awards that listings stack into or give VET credit towards."),
    "stacking": ("Stacking", "One row per `stacks_into` entry: credential -> target, with the credit it gives."),
    "vet_credit": ("VET credit", "One row per unit of competency credited (one row for an entry that names only "
                                 "a qualification): credential -> qualification/unit, with the credit type."),
}
PRIMARY_KEYS = {"credentials": ["id"], "providers": ["id"], "qualifications": ["id"],
                "stacking": ["credential", "position"], "vet_credit": ["credential", "entry", "unit_position"]}
FOREIGN_KEYS = {
    "credentials": [("provider", "providers", "id")],
    "stacking": [("credential", "credentials", "id"), ("target_qualification", "qualifications", "id"),
                 ("target_credential", "credentials", "id")],
    "vet_credit": [("credential", "credentials", "id"), ("qualification", "qualifications", "code")],
}
UNIQUE = {"qualifications": ["code"]}


def json_bytes(value, indent: int | None = None) -> bytes:
    """Sorted keys, UTF-8, a final newline. Compact unless `indent`: the C encoder only runs
    without indentation, and it is 5-10 times faster on the large files. Strict JSON: a
    non-finite number raises ValueError instead of writing `Infinity`, which JSON.parse rejects."""
    separators = None if indent else (",", ":")
    return (json.dumps(value, ensure_ascii=False, sort_keys=True, indent=indent, separators=separators,
                       allow_nan=False) + "\n").encode("utf-8")


# --- records -> rows -------------------------------------------------------------------------

def _flat(record: dict, columns: list[tabular.Column]) -> dict:
    return {c.name: tabular.get_path(record, c.path) for c in columns if c.path}


def credential_rows(cred: Credential) -> dict:
    data = cred.data
    row = _flat(data, tabular.tables()["credentials"])
    row["id"] = cred.global_id
    row["stacking_entries"] = len(data["stacks_into"]) if "stacks_into" in data else None
    row["vet_credit_entries"] = len(data["vet_credit"]) if "vet_credit" in data else None
    return row


def stacking_rows(cred: Credential) -> list[dict]:
    rows = []
    for position, entry in enumerate(cred.data.get("stacks_into", []), start=1):
        row = _flat(entry, tabular.tables()["stacking"])
        target = entry["target"]
        row.update(credential=cred.global_id, position=position,
                   target_credential=target if "/" in target else None,
                   target_qualification=None if "/" in target else target)
        rows.append(row)
    return rows


def _vet_entry_columns() -> list:
    """The vet_credit columns that describe the entry itself (every column but the unit's)."""
    return [c for c in tabular.tables()["vet_credit"] if c.name != "unit"]


def vet_credit_rows(cred: Credential) -> list[dict]:
    columns = _vet_entry_columns()
    rows = []
    for number, entry in enumerate(cred.data.get("vet_credit", []), start=1):
        base = _flat(entry, columns)
        base.update(credential=cred.global_id, entry=number)
        units = entry.get("units")
        if units is None:
            rows.append({**base, "unit_position": 0, "unit": None})
        for position, unit in enumerate(units or [], start=1):
            rows.append({**base, "unit_position": position, "unit": unit})
    return rows


def table_rows(catalogue: Catalogue) -> dict[str, list[dict]]:
    cols = tabular.tables()
    creds = list(catalogue.credentials.values())  # sorted by global id
    return {
        "credentials": [credential_rows(c) for c in creds],
        "providers": [_flat(p.data, cols["providers"]) for p in catalogue.providers.values()],
        "qualifications": [_flat(q.data, cols["qualifications"]) for q in catalogue.qualifications.values()],
        "stacking": [row for c in creds for row in stacking_rows(c)],
        "vet_credit": [row for c in creds for row in vet_credit_rows(c)],
    }


def nested_records(catalogue: Catalogue) -> dict[str, list[dict]]:
    """Every record exactly as in its YAML file, by kind, in id order."""
    return {"providers": [p.data for p in catalogue.providers.values()],
            "qualifications": [q.data for q in catalogue.qualifications.values()],
            "credentials": [c.data for c in catalogue.credentials.values()]}


# --- the descriptor -------------------------------------------------------------------------

def table_schema(name: str) -> dict:
    # Copies of the cached column fields: a unique key is this table schema's, not the column's.
    fields = [{**c.field, "constraints": {**c.field.get("constraints", {}), "unique": True}}
              if c.name in UNIQUE.get(name, ()) else c.field for c in tabular.tables()[name]]
    schema = {"fields": fields, "missingValues": [""], "primaryKey": PRIMARY_KEYS[name]}
    fks = FOREIGN_KEYS.get(name)
    if fks:
        schema["foreignKeys"] = [{"fields": [f], "reference": {"resource": res, "fields": [ref]}}
                                 for f, res, ref in fks]
    return schema


def _integrity(content: bytes) -> dict:
    return {"bytes": len(content), "hash": "sha256:" + hashlib.sha256(content).hexdigest()}


def version(catalogue: Catalogue) -> str:
    """Semantic version: the record format's major, then the build date, so newer sorts later."""
    return f"{FORMAT_VERSION}.{catalogue.build_date:%Y%m%d}.0"


def descriptor(catalogue: Catalogue, files: dict[str, bytes]) -> dict:
    resources = []
    for name, (title, description) in TABLE_INFO.items():
        path = f"{name}.csv"
        resources.append({"name": name, "type": "table", "path": path, "title": title, "description": description,
                          "format": "csv", "mediatype": "text/csv", "encoding": "utf-8",
                          **_integrity(files[PREFIX + path]), "schema": table_schema(name)})
    resources.append({"name": "catalogue", "path": "catalogue.json", "title": "Catalogue records (nested)",
                      "description": "Every record as in its YAML file, in one JSON object: `providers`, "
                                     "`qualifications` and `credentials`, each a list in id order. Its shape is "
                                     "given by the JSON Schemas at " + SITE_URL + "schema/.",
                      "format": "json", "mediatype": "application/json", "encoding": "utf-8",
                      **_integrity(files[PREFIX + "catalogue.json"])})
    resources.append({"name": "jsonld", "path": "jsonld.json", "title": "schema.org JSON-LD of every credential page",
                      "description": "A JSON array of the schema.org `Course` documents embedded in the credential "
                                     "pages, in global-id order.",
                      "format": "json", "mediatype": "application/ld+json", "encoding": "utf-8",
                      **_integrity(files[PREFIX + "jsonld.json"])})
    return {
        "$schema": DATAPACKAGE_PROFILE,
        "name": "open-microcredential-catalogue",
        "id": SITE_URL + "data/datapackage.json",
        "title": "Open Microcredential Catalogue",
        "description": ("Microcredentials (short courses that certify specific skills), their providers, the "
                        "qualifications they stack into, and the credit they give towards Australian VET units "
                        "and qualifications. Built from the catalogue's YAML records on every change."),
        "homepage": SITE_URL + "data/",
        "version": version(catalogue),
        "created": f"{catalogue.build_date.isoformat()}T00:00:00Z",
        "licenses": [LICENSE],
        "keywords": ["microcredentials", "short courses", "skills", "stackable credentials", "VET",
                     "recognition of prior learning"],
        "sources": [
            {"title": "Open Microcredential Catalogue records (YAML, one file per listing)", "path": REPOSITORY_URL},
            {"title": "Providers' official listing pages (each record's `url` and `sources`)"},
            {"title": "training.gov.au, Australia's national register of VET",
             "path": "https://training.gov.au/"},
        ],
        "resources": resources,
    }


# --- the producer --------------------------------------------------------------------------

def jsonld_bundle(catalogue: Catalogue) -> list[dict]:
    from .render.jsonld import credential_jsonld

    return [credential_jsonld(catalogue, c) for c in catalogue.credentials.values()]


def package_files(catalogue: Catalogue) -> dict[str, bytes]:
    """Every file of /data/ except its page: tables, descriptor, nested records and exports."""
    from .badges import badge_files

    cols = tabular.tables()
    files = {f"{PREFIX}{name}.csv": tabular.write_csv(cols[name], rows)
             for name, rows in table_rows(catalogue).items()}
    files[PREFIX + "catalogue.json"] = json_bytes(nested_records(catalogue))
    files[PREFIX + "jsonld.json"] = json_bytes(jsonld_bundle(catalogue))
    files[PREFIX + "datapackage.json"] = json_bytes(descriptor(catalogue, files), indent=2)
    files.update({PREFIX + path: content for path, content in badge_files(catalogue).items()})
    return dict(sorted(files.items()))


# --- reading back --------------------------------------------------------------------------

def _unflat(row: dict, columns: list[tabular.Column]) -> dict:
    record: dict = {}
    for c in columns:
        if c.path and row.get(c.name) is not None:
            tabular.set_path(record, c.path, row[c.name])
    return record


def read_package(folder: Path) -> dict[str, list[dict]]:
    """The records, nested as in YAML, rebuilt from the package's CSV files alone.

    `folder` holds datapackage.json; tables are found by the descriptor's resource paths.
    """
    folder = Path(folder)
    desc = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    paths = {r["name"]: r["path"] for r in desc["resources"]}
    cols = tabular.tables()
    rows = {name: tabular.read_csv((folder / paths[name]).read_bytes().decode("utf-8"), cols[name])
            for name in TABLE_INFO}

    stacks: dict[str, list] = {}
    for row in sorted(rows["stacking"], key=lambda r: (r["credential"], r["position"])):
        stacks.setdefault(row["credential"], []).append(_unflat(row, cols["stacking"]))
    vet: dict[str, dict[int, dict]] = {}
    entry_cols = _vet_entry_columns()
    for row in sorted(rows["vet_credit"], key=lambda r: (r["credential"], r["entry"], r["unit_position"])):
        entry = vet.setdefault(row["credential"], {}).setdefault(row["entry"], _unflat(row, entry_cols))
        if row["unit_position"]:
            entry.setdefault("units", []).append(row["unit"])

    credentials = []
    for row in rows["credentials"]:
        record = _unflat(row, cols["credentials"])
        provider, _, record["id"] = row["id"].partition("/")
        if row["stacking_entries"] is not None:
            record["stacks_into"] = stacks.get(row["id"], [])
        if row["vet_credit_entries"] is not None:
            record["vet_credit"] = [e for _n, e in sorted(vet.get(row["id"], {}).items())]
        credentials.append(record)
    return {"providers": [_unflat(r, cols["providers"]) for r in rows["providers"]],
            "qualifications": [_unflat(r, cols["qualifications"]) for r in rows["qualifications"]],
            "credentials": credentials}


# --- the command ---------------------------------------------------------------------------

def write_package(files: dict[str, bytes], out: Path) -> list[Path]:
    """Write the package's files under `out` (paths without the `data/` prefix)."""
    written = []
    for path, content in files.items():
        target = out / path[len(PREFIX):]
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
        written.append(target)
    return written


def cmd_package(args) -> int:
    from .build import build
    from .cli import EXIT_ERRORS, EXIT_OK, EXIT_USAGE, _catalogue_dir

    catalogue_dir = _catalogue_dir(args.catalogue)
    if not catalogue_dir.is_dir():
        print(f"microcred package: no catalogue folder at {catalogue_dir}", file=sys.stderr)
        return EXIT_USAGE
    out = Path(args.out)
    if out.exists() and not out.is_dir():
        print(f"microcred package: {out} exists and is not a folder", file=sys.stderr)
        return EXIT_USAGE
    built = build(catalogue_dir)
    if built.catalogue is None:
        sys.stdout.write(built.report("text"))
        print("microcred package: the catalogue has errors; nothing written", file=sys.stderr)
        return EXIT_ERRORS
    catalogue = built.catalogue
    files = package_files(catalogue)
    try:
        _remove_stale(out, files)
        written = write_package(files, out)
    except OSError as exc:
        print(f"microcred package: cannot write to {out}: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_ERRORS
    print(f"wrote {len(written)} files to {out} ({len(catalogue.credentials)} credentials, "
          f"version {version(catalogue)})")
    return EXIT_OK


def _remove_stale(out: Path, files: dict[str, bytes]) -> None:
    """Drop badges of credentials that are gone, from an earlier package in the same folder.

    Only files this command writes are touched: `badges/**/*.json`.
    """
    badges = out / "badges"
    if not badges.is_dir():
        return
    keep = {out / p[len(PREFIX):] for p in files}
    for old in sorted(badges.rglob("*.json")):
        if old not in keep:
            old.unlink()
    for folder in sorted((p for p in badges.rglob("*") if p.is_dir()), reverse=True):
        if not any(folder.iterdir()):
            folder.rmdir()


def register(subparsers) -> None:
    p = subparsers.add_parser("package", help="write the Frictionless data package (without building the site)",
                              description="Write the data package that the site publishes at /data/: "
                                          "datapackage.json, the CSV tables, catalogue.json, jsonld.json and "
                                          "Open Badges 3.0 achievements under badges/. Nothing is written "
                                          "when the catalogue has errors.")
    p.add_argument("--out", required=True, metavar="DIR", help="folder to write the package into")
    p.add_argument("--catalogue", metavar="DIR", help="the catalogue folder (default: ./catalogue)")
    p.set_defaults(func=cmd_package)
