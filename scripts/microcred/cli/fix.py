"""`microcred fix [PATH ...]`: show, and with --write apply, the fixes the validator can make
safely (tools.fix): quoting a number YAML would misread, the schema line, trailing whitespace, an
`id` that differs from its file's name.

Exit codes: 0 nothing to fix (or fixed, with --write); 1 fixes to apply (shown as a diff); 2 a
usage error.
"""
from __future__ import annotations

import sys
from pathlib import Path

from ..report import shown
from .common import EXIT_ERRORS, EXIT_OK, EXIT_USAGE, add_catalogue_argument, catalogue_dir, missing_paths


def run(args) -> int:
    from ..tools.fix import plan, write

    if missing_paths("fix", args.paths):
        return EXIT_USAGE
    planned = plan([Path(p) for p in args.paths], catalogue_dir(args.catalogue))
    for f in planned:
        for line in f.diff():
            # Record text is hostile: each line shown escaped (no control characters or workflow commands).
            sys.stdout.write(shown(line.rstrip("\n")) + "\n")
        for fix in f.fixes:
            where = f" {shown(fix.field)}:" if fix.field else ""
            print(f"# [{fix.rule}]{where} {shown(fix.message)}")
    if not planned:
        print("nothing to fix")
        return EXIT_OK
    if args.write:
        write(planned)
        print(f"fixed {len(planned)} file{'s' if len(planned) != 1 else ''}; run `microcred validate` for what is left")
        return EXIT_OK
    print(f"{len(planned)} file{'s' if len(planned) != 1 else ''} to fix: run again with --write to apply")
    return EXIT_ERRORS


def register(subparsers) -> None:
    p = subparsers.add_parser("fix", help="apply the validator's safe fixes (quoting, schema line, whitespace, id)",
                              description="Show the fixes the validator can make safely as a diff; --write applies "
                                          "them, keeping comments and layout. Each fix names the rule it answers.")
    p.add_argument("paths", nargs="*", metavar="PATH", help="record files or folders (default: the whole catalogue)")
    p.add_argument("--write", action="store_true", help="write the fixes into the files")
    add_catalogue_argument(p)
    p.set_defaults(func=run)
