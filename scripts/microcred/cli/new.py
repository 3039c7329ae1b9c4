"""`microcred new KIND --id ID`: start a record from the schema (tools.scaffold).

Exit codes: 0 written; 1 the file already exists (never overwritten); 2 a bad id or handle.
"""
from __future__ import annotations

import sys

from ..paths import KINDS
from .common import EXIT_ERRORS, EXIT_OK, EXIT_USAGE, add_catalogue_argument, catalogue_dir


def run(args) -> int:
    from ..tools.scaffold import argument_problems, write_new

    handles = [h.lstrip("@") for h in (args.maintainer or [])]
    problems = argument_problems(args.kind, args.id, args.provider, handles)
    if problems:
        for message in problems:
            print(f"microcred new: {message}", file=sys.stderr)
        return EXIT_USAGE
    catalogue = catalogue_dir(args.catalogue)
    try:
        path = write_new(catalogue, args.kind, args.id, args.provider, handles)
    except FileExistsError as exc:
        print(f"microcred new: {exc.filename} already exists; it was not changed. Edit it, or choose another --id.",
              file=sys.stderr)
        return EXIT_ERRORS
    print(f"wrote {path}")
    if args.kind == "credential" and not (catalogue / "providers" / f"{args.provider}.yaml").exists():
        print(f"note: there is no provider `{args.provider}` yet: create it with "
              f"`microcred new provider --id {args.provider}`", file=sys.stderr)
    print(f"next: fill in every TODO, then run `microcred validate {path}`")
    return EXIT_OK


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "new", help="start a new record from the schema (never overwrites a file)",
        description="Write a new record with the schema line, every required field left empty with a TODO "
                    "comment (allowed values included), and the optional fields as comments. Empty fields fail "
                    "`microcred validate` until filled in. Exit status: 0 written, 1 the file exists already, "
                    "2 a bad id, provider or handle.")
    p.add_argument("kind", choices=KINDS, help="the kind of record")
    p.add_argument("--id", required=True, help="the record's id: a slug, which is also its file name")
    p.add_argument("--provider", help="for a credential: the provider's id (its folder)")
    p.add_argument("--maintainer", action="append", metavar="HANDLE",
                   help="for a provider: a GitHub user who may change its files (repeat for more)")
    add_catalogue_argument(p)
    p.set_defaults(func=run)
