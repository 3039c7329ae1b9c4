"""`microcred template spreadsheet --out FILE`: the workbook to fill in for `microcred import spreadsheet`."""
from __future__ import annotations

import sys
from pathlib import Path

from ..report import shown
from .common import EXIT_OK, EXIT_USAGE


def run(args) -> int:
    from ..tools.template import write_template

    out = Path(args.out)
    if out.suffix.lower() != ".xlsx":
        print(f"microcred template: --out {shown(args.out)} must end in .xlsx", file=sys.stderr)
        return EXIT_USAGE
    write_template(out)
    print(f"wrote {shown(out)}: fill in one row per credential on the Credentials sheet, then run "
          f"`microcred import spreadsheet {shown(out)} --provider <id>`")
    return EXIT_OK


def register(subparsers) -> None:
    p = subparsers.add_parser("template", help="write the spreadsheet template for `microcred import spreadsheet`",
                              description="Write an .xlsx workbook generated from the credential schema: one column "
                                          "per field, a note with each field's description, drop-down lists for the "
                                          "allowed values, and an example row.")
    p.add_argument("kind", choices=["spreadsheet"], help="the kind of template")
    p.add_argument("--out", required=True, metavar="FILE", help="where to write the workbook (.xlsx)")
    p.set_defaults(func=run)
