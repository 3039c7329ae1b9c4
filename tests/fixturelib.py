"""Place fixtures into a copy of the base catalogue and read what they expect."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

FIXTURES = Path(__file__).parent / "fixtures"
BASE = FIXTURES / "base-catalogue"


def headers(path: Path) -> dict[str, str]:
    found = {}
    for line in path.read_bytes().decode("utf-8", "replace").splitlines()[:4]:
        m = re.match(r"# (place|expect): (.*)$", line)
        if m:
            found[m.group(1)] = m.group(2).strip()
    return found


def expected(path: Path) -> set[tuple[str, int]]:
    out = set()
    for item in headers(path).get("expect", "").split():
        rule, _, line = item.rpartition("@")
        out.add((rule, int(line)))
    return out


def fixture_files(fixture: Path) -> list[Path]:
    return sorted(fixture.glob("*.yaml")) if fixture.is_dir() else [fixture]


def place(fixture: Path, tmp: Path) -> tuple[Path, list[Path]]:
    """Copy the base catalogue into tmp/catalogue and put the fixture's file(s) in place."""
    catalogue = tmp / "catalogue"
    shutil.copytree(BASE, catalogue)
    placed = []
    for f in fixture_files(fixture):
        target = catalogue / headers(f)["place"]
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(f, target)
        placed.append(target)
    return catalogue, placed
