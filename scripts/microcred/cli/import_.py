"""`microcred import spreadsheet FILE --provider P`, `microcred import ctdl FILE`, `microcred import ob3 FILE`:
draft records from what a provider already has (tools.importing).

Exit codes: 0 every row valid and written (or the draft written); 1 problems (nothing written
unless --write-valid); 2 a usage error.
"""
from __future__ import annotations

import sys
from pathlib import Path

from ..report import shown
from .common import EXIT_ERRORS, EXIT_OK, EXIT_USAGE, add_catalogue_argument, catalogue_dir


def _spreadsheet(args) -> int:
    from ..tools.importing.report import format_import
    from ..tools.importing.spreadsheet import import_sheet
    from ..tools.scaffold import is_slug

    path, folder = Path(args.file), catalogue_dir(args.catalogue)
    if path.suffix.lower() not in (".xlsx", ".csv") or not path.is_file():
        print(f"microcred import: {shown(args.file)} is not an .xlsx or .csv file", file=sys.stderr)
        return EXIT_USAGE
    if not is_slug(args.provider) or not (folder / "providers" / f"{args.provider}.yaml").is_file():
        print(f"microcred import: no provider `{shown(args.provider)}` in {shown(folder)}: create it first with "
              f"`microcred new provider --id <id>`", file=sys.stderr)
        return EXIT_USAGE
    result = import_sheet(path, folder, args.provider, update=args.update, write_valid=args.write_valid,
                          write=not args.dry_run)
    sys.stdout.write(format_import(result, args.dry_run))
    return EXIT_OK if not any(p.is_error for p in result.problems) else EXIT_ERRORS


def _draft(args) -> int:
    from ..tools.importing.drafts import import_draft

    path = Path(args.file)
    if not path.is_file():
        print(f"microcred import: no such file: {shown(args.file)}", file=sys.stderr)
        return EXIT_USAGE
    try:
        written = import_draft(args.format, path, catalogue_dir(args.catalogue), args.provider, write=not args.dry_run)
    except ValueError as exc:
        print(f"microcred import: {shown(path)}: {shown(exc)}", file=sys.stderr)
        return EXIT_ERRORS
    for draft in written:
        print(f"{'would write' if args.dry_run else 'wrote'} {shown(draft.path)}")
        if draft.missing:
            print("  still to fill in (each is a TODO that fails `microcred validate` until filled): "
                  + ", ".join(shown(m) for m in draft.missing))
        for name, why in draft.rejected.items():
            print(f"  {shown(name)} was left out: the source's value fails here: {shown(why)}")
        for name, when in draft.conditional.items():
            print(f"  and {shown(name)} {shown(when)}")
    return EXIT_OK


def register(subparsers) -> None:
    p = subparsers.add_parser("import", help="draft records from a spreadsheet, a CTDL graph or an Open Badges Achievement",
                              description="Draft catalogue records from what a provider already publishes.")
    sub = p.add_subparsers(dest="format", required=True, metavar="FORMAT")
    s = sub.add_parser("spreadsheet", help="one credential a row of an .xlsx or .csv sheet (see `microcred template spreadsheet`)",
                       description="Import one credential a row. Every problem is reported by sheet, row and column in "
                                   "one run; nothing is written unless every row is valid.")
    s.add_argument("file", metavar="FILE", help="an .xlsx workbook or a UTF-8 .csv file")
    s.add_argument("--provider", required=True, help="the provider's id: rows are written to catalogue/credentials/<provider>/")
    s.add_argument("--update", action="store_true",
                   help="rewrite existing files: only the fields the sheet sets, keeping comments and order")
    s.add_argument("--write-valid", action="store_true", help="write the valid rows even when others have errors")
    s.add_argument("--dry-run", action="store_true", help="check and report, write nothing")
    add_catalogue_argument(s)
    s.set_defaults(func=_spreadsheet)
    for name, what in (("ctdl", "a CTDL JSON-LD graph (Credential Engine): credential, learning opportunity, organisation"),
                       ("ob3", "an Open Badges 3.0 Achievement (JSON)")):
        d = sub.add_parser(name, help=f"draft a credential from {what}",
                           description=f"Draft a credential from {what}. Every field that maps is filled; each "
                                       "required field still missing is a TODO placeholder that fails validation.")
        d.add_argument("file", metavar="FILE")
        d.add_argument("--provider", help="the provider's id (default: from the file, where it says)")
        d.add_argument("--dry-run", action="store_true", help="show what would be written, write nothing")
        add_catalogue_argument(d)
        d.set_defaults(func=_draft)
