"""The catalogue as the rows of its five tables, their Table Schemas, and the records rebuilt from
the CSV files alone (`read_package`), so a test can prove the tables lose nothing.
"""
from __future__ import annotations

import json
from pathlib import Path

from ..domain import is_credential_target
from ..model import Catalogue, Credential
from . import tables
from ..reuse import FRESH, Reuse, key
from .tables import Column

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


def table_schema(name: str) -> dict:
    # Copies of the cached column fields: a unique key is this table schema's, not the column's.
    fields = [{**c.field, "constraints": {**c.field.get("constraints", {}), "unique": True}}
              if c.name in UNIQUE.get(name, ()) else c.field for c in tables.tables()[name]]
    schema = {"fields": fields, "missingValues": [""], "primaryKey": PRIMARY_KEYS[name]}
    fks = FOREIGN_KEYS.get(name)
    if fks:
        schema["foreignKeys"] = [{"fields": [f], "reference": {"resource": res, "fields": [ref]}}
                                 for f, res, ref in fks]
    return schema


# --- records -> rows -------------------------------------------------------------------------

def _flat(record: dict, columns: list[Column]) -> dict:
    return {c.name: tables.get_path(record, c.path) for c in columns if c.path}


def credential_rows(cred: Credential) -> dict:
    data = cred.data
    row = _flat(data, tables.tables()["credentials"])
    row["id"] = cred.global_id
    row["stacking_entries"] = len(data["stacks_into"]) if "stacks_into" in data else None
    row["vet_credit_entries"] = len(data["vet_credit"]) if "vet_credit" in data else None
    return row


def stacking_rows(cred: Credential) -> list[dict]:
    rows = []
    for position, entry in enumerate(cred.data.get("stacks_into", []), start=1):
        row = _flat(entry, tables.tables()["stacking"])
        target = entry["target"]
        credential = is_credential_target(target)
        row.update(credential=cred.global_id, position=position,
                   target_credential=target if credential else None,
                   target_qualification=None if credential else target)
        rows.append(row)
    return rows


def _vet_entry_columns() -> list:
    """The vet_credit columns that describe the entry itself (every column but the unit's)."""
    return [c for c in tables.tables()["vet_credit"] if c.name != "unit"]


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


# The tables whose rows come from the credentials, each credential's rows from its record alone.
PER_CREDENTIAL = {"credentials": lambda c: [credential_rows(c)], "stacking": stacking_rows, "vet_credit": vet_credit_rows}


def _record_rows(catalogue: Catalogue) -> dict[str, list[dict]]:
    """The rows of the providers' and the qualifications' tables, a record each."""
    cols = tables.tables()
    return {"providers": [_flat(p.data, cols["providers"]) for p in catalogue.providers.values()],
            "qualifications": [_flat(q.data, cols["qualifications"]) for q in catalogue.qualifications.values()]}


def table_rows(catalogue: Catalogue) -> dict[str, list[dict]]:
    creds = list(catalogue.credentials.values())  # sorted by global id
    rows = {**_record_rows(catalogue),
            **{name: [row for c in creds for row in rows_of(c)] for name, rows_of in PER_CREDENTIAL.items()}}
    return {name: rows[name] for name in TABLE_INFO}


def table_counts(catalogue: Catalogue) -> dict[str, int]:
    """The number of rows of each table, as table_rows makes them, without making them (the /data/
    page names the counts)."""
    creds = list(catalogue.credentials.values())
    return {"credentials": len(creds), "providers": len(catalogue.providers),
            "qualifications": len(catalogue.qualifications),
            "stacking": sum(len(c.data.get("stacks_into", [])) for c in creds),
            "vet_credit": sum(1 if e.get("units") is None else len(e["units"])
                              for c in creds for e in c.data.get("vet_credit", []))}


def _credential_lines(cred: Credential) -> dict[str, str]:
    cols = tables.tables()
    return {name: tables.csv_lines(cols[name], rows_of(cred)) for name, rows_of in PER_CREDENTIAL.items()}


def table_files(catalogue: Catalogue, reuse: Reuse = FRESH) -> dict[str, bytes]:
    """Producer: `<table>.csv` for each of the five tables, as write_csv writes the rows of
    table_rows. Under `mkdocs serve` a credential's lines are kept while its file is unchanged:
    its rows are made from its record and its global id alone."""
    cols = tables.tables()
    lines = [reuse.get("csv-lines", key(c.global_id, c.fingerprint or None), lambda: _credential_lines(c))
             for c in catalogue.credentials.values()]
    files = {f"{name}.csv": tables.write_csv(cols[name], rows) for name, rows in _record_rows(catalogue).items()}
    for name in PER_CREDENTIAL:
        header = tables.write_csv(cols[name], [])
        files[f"{name}.csv"] = header + "".join(part[name] for part in lines).encode("utf-8")
    return {f"{name}.csv": files[f"{name}.csv"] for name in TABLE_INFO}


# --- reading back --------------------------------------------------------------------------

def _unflat(row: dict, columns: list[Column]) -> dict:
    record: dict = {}
    for c in columns:
        if c.path and row.get(c.name) is not None:
            tables.set_path(record, c.path, row[c.name])
    return record


def read_package(folder: Path) -> dict[str, list[dict]]:
    """The records, nested as in YAML, rebuilt from the package's CSV files alone.

    `folder` holds datapackage.json; tables are found by the descriptor's resource paths.
    """
    folder = Path(folder)
    desc = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    paths = {r["name"]: r["path"] for r in desc["resources"]}
    cols = tables.tables()
    rows = {name: tables.read_csv((folder / paths[name]).read_bytes().decode("utf-8"), cols[name])
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
