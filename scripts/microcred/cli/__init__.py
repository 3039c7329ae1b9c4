"""The `microcred` command: a parser built from one module per command, each of which only turns
arguments into a call of the pipeline (build, check, export) or a tool (scaffold, ownership, links).

Exit codes (cli.common): 0 success, 1 the input has errors, 2 a usage error.
"""
from __future__ import annotations

import argparse
import importlib

from .common import EXIT_OK

# The commands, in the order `microcred --help` lists them. Each module has `register(subparsers)`,
# which adds its subcommand and sets `func` to the function that runs it. One line per command.
COMMAND_MODULES: list[str] = [
    "microcred.cli.validate",
    "microcred.cli.new",
    "microcred.cli.package",
    "microcred.cli.codeowners",
    "microcred.cli.check_ownership",
    "microcred.cli.links",
    "microcred.cli.template",
    "microcred.cli.import_",
    "microcred.cli.fix",
]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="microcred", description="Tools for the Open Microcredential Catalogue.")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for module in COMMAND_MODULES:
        importlib.import_module(module).register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except BrokenPipeError:  # `microcred validate | head`
        return EXIT_OK
    except KeyboardInterrupt:
        return 130
