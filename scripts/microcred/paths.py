"""Where the project's files live, and what kind of record a path holds."""
from __future__ import annotations

import os
import re
from pathlib import Path

# The package runs from the repository (an editable install), so the schemas and the catalogue
# are found next to it rather than copied into site-packages.
ROOT = Path(__file__).resolve().parents[2]
SCHEMA_DIR = ROOT / "schema"
CATALOGUE_DIR = ROOT / "catalogue"

KINDS = ("credential", "provider", "qualification")
KIND_FOLDERS = {"credential": "credentials", "provider": "providers", "qualification": "qualifications"}
# The form of a record's id (schema/common.schema.json `id`), which is also a file and a folder name.
ID_FORM = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")

SITE_URL = "https://open-microcredentials.github.io/catalogue/"
REPO_URL = "https://github.com/open-microcredentials/catalogue"


def schema_url(kind: str) -> str:
    """The published address of a kind's schema: editors fetch it from the modeline."""
    return f"{SITE_URL}schema/{kind}.schema.json"


def modeline(kind: str) -> str:
    return f"# yaml-language-server: $schema={schema_url(kind)}"


def kind_of(path: Path) -> str | None:
    """The record kind a file holds, judged by its place under a `catalogue/` folder.

    `credentials/<provider>/<id>.yaml`, `providers/<id>.yaml`, `qualifications/<id>.yaml`.
    Returns None for a file anywhere else.
    """
    parts = path.parts
    if len(parts) >= 3 and parts[-3] == "credentials":
        return "credential"
    if len(parts) >= 2 and parts[-2] == "providers":
        return "provider"
    if len(parts) >= 2 and parts[-2] == "qualifications":
        return "qualification"
    return None


# Each kind's folder and how deep its records sit in it (a credential in `credentials/<provider>/`).
RECORD_FOLDERS = (("providers", 1), ("qualifications", 1), ("credentials", 2))


def _entries(folder: Path, depth: int) -> list[Path]:
    """The `*.yaml` entries `depth` levels below `folder`, of any file type, without following a
    symbolic link to a folder: such a link is listed itself, so that the loader refuses it
    (`not-a-regular-file`) instead of a record from outside the repository being read."""
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except (FileNotFoundError, NotADirectoryError):
        return []
    found: list[Path] = []
    for entry in entries:
        if depth > 1:
            if entry.is_dir(follow_symlinks=False):
                found.extend(_entries(Path(entry.path), depth - 1))
            elif entry.is_symlink():
                found.append(Path(entry.path))
        elif entry.name.endswith(".yaml") and entry.name != ".yaml":
            found.append(Path(entry.path))
    return found


def folder_records(catalogue_dir: Path, folder: str) -> list[Path]:
    """The record files of one kind's folder, in a stable order (see `_entries`)."""
    return _entries(catalogue_dir / folder, dict(RECORD_FOLDERS)[folder])


def yaml_files_under(folder: Path) -> list[Path]:
    """Every `*.yaml` entry anywhere below a folder, not following symbolic links to folders
    (each such link is listed itself, for the loader to refuse), in a stable order."""
    found: list[Path] = []
    for top, dirs, files in os.walk(folder):
        found.extend(Path(top, name) for name in files if name.endswith(".yaml") and name != ".yaml")
        found.extend(Path(top, name) for name in dirs if os.path.islink(os.path.join(top, name)))
    return sorted(found)


def record_files(catalogue_dir: Path) -> list[Path]:
    """Every record file of a catalogue, in a stable order (symbolic links included, for the
    loader to refuse)."""
    files: list[Path] = []
    for folder, _depth in RECORD_FOLDERS:
        files.extend(folder_records(catalogue_dir, folder))
    return files
