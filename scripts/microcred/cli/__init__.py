"""The `microcred` command: a thin adapter from arguments to the pipeline's functions.

Exit codes: 0 success, 1 the input has errors, 2 a usage error.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .paths import CATALOGUE_DIR
from .problems import FORMATTERS, shown

EXIT_OK, EXIT_ERRORS, EXIT_USAGE = 0, 1, 2


def _catalogue_dir(arg: str | None) -> Path:
    if arg:
        return Path(arg)
    local = Path("catalogue")
    return local if local.is_dir() else CATALOGUE_DIR


def cmd_validate(args) -> int:
    from .validate import validate

    missing = [p for p in args.paths if not Path(p).exists()]
    if missing:
        print(f"microcred validate: no such file or folder: {', '.join(map(shown, missing))}", file=sys.stderr)
        return EXIT_USAGE
    result = validate([Path(p) for p in args.paths], _catalogue_dir(args.catalogue))
    problems, omitted = result.problems, result.omitted
    if args.errors_only:
        problems = [p for p in problems if p.is_error]
        omitted = {file: (errors, 0) for file, (errors, _) in omitted.items() if errors}
    sys.stdout.write(FORMATTERS[args.format](problems, len(result.documents), omitted))
    return EXIT_OK if result.ok else EXIT_ERRORS


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="microcred", description="Tools for the Open Microcredential Catalogue.")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("validate", help="check records against the schemas and the catalogue's rules",
                       description="Check catalogue records. With no PATH, the whole catalogue; with files or folders, "
                                   "those files, checked against the rest of the catalogue for references.")
    p.add_argument("paths", nargs="*", metavar="PATH", help="record files or folders (default: the whole catalogue)")
    p.add_argument("--format", choices=sorted(FORMATTERS), default="text",
                   help="text for people (default; text from the records is shown escaped, so the report "
                        "cannot issue workflow commands), github for pull-request annotations, json for tools; "
                        "each shows at most 50 problems a file and counts the rest")
    p.add_argument("--catalogue", metavar="DIR", help="the catalogue folder (default: ./catalogue)")
    p.add_argument("--errors-only", action="store_true", help="leave warnings out of the report")
    p.set_defaults(func=cmd_validate)

    import importlib

    for module in COMMAND_MODULES:
        importlib.import_module(module).register(sub)
    return parser


# Modules that add subcommands: each has `register(subparsers)`. One line per module.
COMMAND_MODULES: list[str] = [
    "microcred.scaffold",
    "microcred.ownership",
    "microcred.links",
    "microcred.package",
]


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except BrokenPipeError:  # `microcred validate | head`
        return EXIT_OK
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
