"""`microcred validate [PATH...]`: check records against the schemas and the catalogue's rules."""
from __future__ import annotations

import sys
from pathlib import Path

from ..report import FORMATTERS, shown
from .common import EXIT_ERRORS, EXIT_OK, EXIT_USAGE, add_catalogue_argument, catalogue_dir


def run(args) -> int:
    from ..check import validate

    missing = [p for p in args.paths if not Path(p).exists()]
    if missing:
        print(f"microcred validate: no such file or folder: {', '.join(map(shown, missing))}", file=sys.stderr)
        return EXIT_USAGE
    result = validate([Path(p) for p in args.paths], catalogue_dir(args.catalogue))
    problems, omitted = result.problems, result.omitted
    if args.errors_only:
        problems = [p for p in problems if p.is_error]
        omitted = {file: (errors, 0) for file, (errors, _) in omitted.items() if errors}
    sys.stdout.write(FORMATTERS[args.format](problems, len(result.documents), omitted))
    return EXIT_OK if result.ok else EXIT_ERRORS


def register(subparsers) -> None:
    p = subparsers.add_parser("validate", help="check records against the schemas and the catalogue's rules",
                              description="Check catalogue records. With no PATH, the whole catalogue; with files or "
                                          "folders, those files, checked against the rest of the catalogue for "
                                          "references.")
    p.add_argument("paths", nargs="*", metavar="PATH", help="record files or folders (default: the whole catalogue)")
    p.add_argument("--format", choices=sorted(FORMATTERS), default="text",
                   help="text for people (default; text from the records is shown escaped, so the report "
                        "cannot issue workflow commands), github for pull-request annotations, json for tools; "
                        "each shows at most 50 problems a file and counts the rest")
    add_catalogue_argument(p)
    p.add_argument("--errors-only", action="store_true", help="leave warnings out of the report")
    p.set_defaults(func=run)
