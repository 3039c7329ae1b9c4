"""The JSON Schemas compile in Ajv 2020's strict mode, as most editors and JavaScript tools read
them: no keyword without its type, no `required` naming a property its own subschema does not
declare (strictRequired), no unknown keyword or format. Runs .ci/ajv/compile.mjs (Ajv from npm,
installed by `make schema-tools` from .ci/ajv/package-lock.json)."""
from __future__ import annotations

import json
import subprocess
from pathlib import Path

from nodetools import node_tool

ROOT = Path(__file__).resolve().parent.parent
AJV = ROOT / ".ci" / "ajv"
SCHEMAS = sorted((ROOT / "schema").glob("*.schema.json"))


def ajv_strict(*files) -> subprocess.CompletedProcess:
    node = node_tool("strict schema check", AJV, "ajv", "schema-tools")
    return subprocess.run([node, str(AJV / "compile.mjs"), *map(str, files)], capture_output=True, text=True,
                          cwd=ROOT, timeout=120)


def test_every_schema_compiles_in_ajv_strict_mode():
    assert len(SCHEMAS) == 4
    result = ajv_strict(*SCHEMAS)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no problems" in result.stdout


def test_ajv_strict_reports_a_required_property_its_branch_does_not_declare(tmp_path):
    """What the issue found: `required` in a `oneOf` branch naming a property declared only above it."""
    bad = {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": "https://example.org/bad.json",
           "type": "object", "properties": {"weeks": {"type": "number"}},
           "oneOf": [{"required": ["weeks"]}]}
    path = tmp_path / "bad.schema.json"
    path.write_text(json.dumps(bad), encoding="utf-8")
    result = ajv_strict(path)
    assert result.returncode == 1 and "strictRequired" in result.stdout, result.stdout + result.stderr


def test_ajv_strict_reports_a_maximum_without_a_type(tmp_path):
    bad = {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": "https://example.org/untyped.json",
           "type": "object", "properties": {"level": {"maximum": 8}}}
    path = tmp_path / "untyped.schema.json"
    path.write_text(json.dumps(bad), encoding="utf-8")
    result = ajv_strict(path)
    assert result.returncode == 1 and "strictTypes" in result.stdout, result.stdout + result.stderr
