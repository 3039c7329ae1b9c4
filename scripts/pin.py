"""Re-pin requirements.txt (runtime) and requirements-dev.txt (tests, benchmarks) from .venv,
each exact version with the SHA-256 of every file PyPI has for it.

The runtime set is the dependency closure of pyproject's dependencies plus the build tools (pip
and the build backend named in [build-system]); the dev set is the closure of DEV_ROOTS and the
`test` optional dependencies, minus the runtime set. Versions are what .venv has installed;
hashes come from PyPI's JSON Simple API (PEP 691, the index pip itself reads), one per wheel of every platform and the sdist, so that
`pip install --require-hashes` resolves on any machine. Run by `make pins` after changing
dependencies (install the new pin into .venv first).
"""
from __future__ import annotations

import json
import re
import subprocess
import sys
import tomllib
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from importlib.metadata import PackageNotFoundError, requires
from pathlib import Path
from typing import Callable

from packaging.utils import (InvalidSdistFilename, InvalidWheelFilename, canonicalize_name,
                             parse_sdist_filename, parse_wheel_filename)
from packaging.version import InvalidVersion, Version

ROOT = Path(__file__).resolve().parents[1]
DEV_ROOTS = ["pytest", "playwright", "axe-playwright-python", "check-jsonschema", "pre-commit"]
SIMPLE_API = "https://pypi.org/simple/{name}/"
SIMPLE_JSON = "application/vnd.pypi.simple.v1+json"
RUNTIME_HEADER = ("# Exact pins for building the catalogue (validator, site, data package), and the build tools\n"
                  "# (pip, setuptools) that install the project itself. `make pins` rewrites this: every\n"
                  "# distribution file of each version is hashed, and the Makefile installs with --require-hashes.\n")
DEV_HEADER = ("# Exact pins for tests and benchmarks, on top of requirements.txt. `make pins` rewrites this\n"
              "# (with the hash of every distribution file; installed with --require-hashes).\n"
              "-r requirements.txt\n")


def canon(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def closure(roots, frozen):
    """Installed packages needed by `roots` (names, optionally with extras: `pagefind[extended]`)."""
    seen, stack = set(), list(roots)
    while stack:
        spec = stack.pop()
        name = canon(spec.split("[")[0])
        extras = set(re.findall(r"[A-Za-z0-9_\-]+", spec.split("[")[1])) if "[" in spec else set()
        if name not in frozen or (name in seen and not extras):
            continue
        seen.add(name)
        try:
            reqs = requires(name) or []
        except PackageNotFoundError:
            reqs = []
        for req in reqs:
            wanted = re.search(r"extra == ['\"]([^'\"]+)", req)
            if wanted is None or wanted.group(1) in extras:
                stack.append(re.match(r"[A-Za-z0-9_.\-]+(\[[^\]]*\])?", req).group(0))
    return seen


def fetch_index(name: str) -> dict:
    """PyPI's PEP 691 JSON page for a project: every file of every version, with its hashes."""
    request = urllib.request.Request(SIMPLE_API.format(name=canonicalize_name(name)),
                                     headers={"Accept": SIMPLE_JSON})
    with urllib.request.urlopen(request, timeout=60) as response:
        return json.load(response)


def file_version(filename: str) -> Version | None:
    """The version a wheel or sdist file is of; None for other kinds (eggs, installers)."""
    try:
        if filename.endswith(".whl"):
            return parse_wheel_filename(filename)[1]
        return parse_sdist_filename(filename)[1]
    except (InvalidWheelFilename, InvalidSdistFilename, InvalidVersion):
        return None


def release_hashes(name: str, version: str, index: dict) -> list[str]:
    """SHA-256 of every wheel and sdist of `name==version` in a PEP 691 project page, sorted."""
    wanted = Version(version)
    hashes = {f["hashes"]["sha256"] for f in index.get("files", [])
              if "sha256" in f.get("hashes", {}) and file_version(f["filename"]) == wanted}
    if not hashes:
        raise SystemExit(f"{name}=={version}: PyPI lists no wheel or sdist with a SHA-256 for this version; "
                         "install a version that is on PyPI into .venv, then run `make pins` again")
    return sorted(hashes)


def requirement_block(pin: str, hashes: list[str]) -> str:
    """`name==version` and its hashes, one a line, in the form pip's hash-checking mode reads."""
    return " \\\n".join([pin] + [f"    --hash=sha256:{h}" for h in hashes])


def hashed(pins: list[str], fetch: Callable[[str], dict] = fetch_index) -> list[str]:
    def one(pin: str) -> str:
        name, version = pin.split("==")
        return requirement_block(pin, release_hashes(name, version, fetch(name)))
    with ThreadPoolExecutor(max_workers=8) as pool:
        return list(pool.map(one, pins))


def main() -> int:
    out = subprocess.run([sys.executable, "-m", "pip", "freeze", "--all", "--exclude-editable"],
                         capture_output=True, text=True, check=True)
    frozen = {canon(line.split("==")[0]): line for line in out.stdout.splitlines() if "==" in line}
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text())
    name_of = lambda spec: re.match(r"[A-Za-z0-9_.\-\[\]]+", spec).group(0)  # noqa: E731
    build = [name_of(r) for r in pyproject["build-system"]["requires"]] + ["pip"]
    runtime = closure([name_of(d) for d in pyproject["project"]["dependencies"]] + build, frozen)
    test = [name_of(d) for d in pyproject["project"].get("optional-dependencies", {}).get("test", [])]
    dev = closure(DEV_ROOTS + test, frozen) - runtime
    (ROOT / "requirements.txt").write_text(
        RUNTIME_HEADER + "\n".join(hashed([frozen[n] for n in sorted(runtime)])) + "\n")
    (ROOT / "requirements-dev.txt").write_text(
        DEV_HEADER + "\n".join(hashed([frozen[n] for n in sorted(dev)])) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
