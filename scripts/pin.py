"""Re-pin requirements.txt (runtime) and requirements-dev.txt (tests, benchmarks) from .venv.

The runtime set is the dependency closure of pyproject's dependencies; the dev set is the closure
of DEV_ROOTS minus the runtime set. Run by `make pins` after changing dependencies.
"""
from __future__ import annotations

import re
import subprocess
import sys
import tomllib
from importlib.metadata import PackageNotFoundError, requires
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEV_ROOTS = ["pytest", "playwright", "axe-playwright-python", "check-jsonschema", "pre-commit"]


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


def main() -> int:
    out = subprocess.run([sys.executable, "-m", "pip", "freeze", "--exclude-editable"], capture_output=True, text=True, check=True)
    frozen = {canon(line.split("==")[0]): line for line in out.stdout.splitlines() if "==" in line}
    deps = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"]
    runtime = closure([re.match(r"[A-Za-z0-9_.\-\[\]]+", d).group(0) for d in deps], frozen)
    dev = closure(DEV_ROOTS, frozen) - runtime
    (ROOT / "requirements.txt").write_text(
        "# Exact pins for building the catalogue (validator, site, data package). `make pins` rewrites this.\n"
        + "\n".join(frozen[n] for n in sorted(runtime)) + "\n")
    (ROOT / "requirements-dev.txt").write_text(
        "# Exact pins for tests and benchmarks, on top of requirements.txt. `make pins` rewrites this.\n-r requirements.txt\n"
        + "\n".join(frozen[n] for n in sorted(dev)) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
