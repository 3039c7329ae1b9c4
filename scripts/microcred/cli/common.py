"""What every `microcred` command shares: exit codes, the catalogue folder, and "the whole
catalogue or its report", so no command words these differently from another."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..build import build
from ..model import Catalogue
from ..paths import CATALOGUE_DIR

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


def whole_catalogue(command: str, folder: Path) -> Catalogue | None:
    """The catalogue's model; or None after writing its problems to stderr (the command then
    exits EXIT_ERRORS and writes nothing). stdout stays for the command's own output."""
    built = build(folder)
    if built.catalogue is None:
        sys.stderr.write(built.report("text"))
        print(f"microcred {command}: the catalogue has errors; nothing written", file=sys.stderr)
    return built.catalogue
