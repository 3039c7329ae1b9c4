"""`microcred codeowners`: CODEOWNERS from the providers' maintainers (tools.ownership)."""
from __future__ import annotations

import sys
from pathlib import Path

from ..report import shown
from ..tools.ownership import UnsafeOwner, codeowners
from .common import EXIT_ERRORS, EXIT_OK, add_catalogue_argument, catalogue_dir


def run(args) -> int:
    try:
        text = codeowners(catalogue_dir(args.catalogue))
    except UnsafeOwner as exc:
        print(f"microcred codeowners: {shown(exc)}; nothing written (fix the record: "
              "a handle is letters, digits and single hyphens)", file=sys.stderr)
        return EXIT_ERRORS
    if args.check:
        current = Path(args.check).read_text(encoding="utf-8") if Path(args.check).is_file() else ""
        if current != text:
            print(f"{shown(args.check)} is out of date: run `microcred codeowners --write {shown(args.check)}`",
                  file=sys.stderr)
            return EXIT_ERRORS
        return EXIT_OK
    if args.write:
        Path(args.write).parent.mkdir(parents=True, exist_ok=True)
        Path(args.write).write_text(text, encoding="utf-8")
        print(f"wrote {shown(args.write)}")
        return EXIT_OK
    sys.stdout.write(text)
    return EXIT_OK


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "codeowners", help="generate .github/CODEOWNERS from the providers' maintainers",
        description="Print CODEOWNERS generated from the `maintainers` of each provider record; "
                    "--write FILE writes it, --check FILE exits 1 when FILE differs. With branch protection "
                    "requiring code-owner review, the base branch's CODEOWNERS is what controls who may change "
                    "a provider's files. A handle that is not a GitHub user name stops it (exit 1).")
    add_catalogue_argument(p)
    group = p.add_mutually_exclusive_group()
    group.add_argument("--write", metavar="FILE", help="write to FILE (normally .github/CODEOWNERS)")
    group.add_argument("--check", metavar="FILE", help="exit 1 if FILE is not what would be generated")
    p.set_defaults(func=run)
