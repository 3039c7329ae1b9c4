"""What every `microcred` command shares: exit codes, the catalogue folder, and "the whole
catalogue or its report", so no command words these differently from another.

Every command module is imported to build the parser, so each imports the pipeline only when it
runs: `microcred validate FILE` (the pre-commit hook) should not pay for the exports."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from ..paths import CATALOGUE_DIR

if TYPE_CHECKING:
    from ..model import Catalogue

EXIT_OK, EXIT_ERRORS, EXIT_USAGE = 0, 1, 2


def add_catalogue_argument(parser: argparse.ArgumentParser, help: str = "the catalogue folder (default: ./catalogue)"
                           ) -> None:
    parser.add_argument("--catalogue", metavar="DIR", help=help)


def catalogue_dir(arg: str | None) -> Path:
    """The folder given, else ./catalogue when there is one, else the repository's own."""
    if arg:
        return Path(arg)
    local = Path("catalogue")
    return local if local.is_dir() else CATALOGUE_DIR


def missing_paths(command: str, paths: list[str]) -> bool:
    """Whether any PATH argument does not exist (said on stderr): the command then exits EXIT_USAGE."""
    from ..report import shown

    missing = [p for p in paths if not Path(p).exists()]
    if missing:
        print(f"microcred {command}: no such file or folder: {', '.join(map(shown, missing))}", file=sys.stderr)
    return bool(missing)


def whole_catalogue(command: str, folder: Path) -> Catalogue | None:
    """The catalogue's model; or None after writing its problems to stderr (the command then
    exits EXIT_ERRORS and writes nothing). stdout stays for the command's own output."""
    from ..build import build

    built = build(folder)
    if built.catalogue is None:
        sys.stderr.write(built.report("text"))
        print(f"microcred {command}: the catalogue has errors; nothing written", file=sys.stderr)
    return built.catalogue
