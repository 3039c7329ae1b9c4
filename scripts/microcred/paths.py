"""Where the project's files live, and what kind of record a path holds."""
from __future__ import annotations

from pathlib import Path

# The package runs from the repository (an editable install), so the schemas and the catalogue
# are found next to it rather than copied into site-packages.
ROOT = Path(__file__).resolve().parents[2]
SCHEMA_DIR = ROOT / "schema"
CATALOGUE_DIR = ROOT / "catalogue"

KINDS = ("credential", "provider", "qualification")
KIND_FOLDERS = {"credential": "credentials", "provider": "providers", "qualification": "qualifications"}

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


def record_files(catalogue_dir: Path) -> list[Path]:
    """Every record file of a catalogue, in a stable order."""
    files: list[Path] = []
    for folder, pattern in (("providers", "*.yaml"), ("qualifications", "*.yaml"), ("credentials", "*/*.yaml")):
        files.extend(sorted((catalogue_dir / folder).glob(pattern)))
    return files
