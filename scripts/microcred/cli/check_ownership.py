"""`microcred check-ownership`: tell a pull request's author early which changed files are not
theirs (tools.ownership). A courtesy, not a control: see tools/ownership.py."""
from __future__ import annotations

import sys
from pathlib import Path

from ..report import FORMATTERS, shown
from ..tools.ownership import check_ownership, is_trusted, maintainers_file, normalise, read_maintainers_file
from .common import EXIT_ERRORS, EXIT_OK, EXIT_USAGE, add_catalogue_argument, catalogue_dir


def _changed_files(args) -> list[str] | None:
    files = list(args.changed or [])
    if args.changed_list:
        source = sys.stdin if args.changed_list == "-" else None
        try:
            text = source.read() if source else Path(args.changed_list).read_text(encoding="utf-8")
        except OSError as exc:
            print(f"microcred check-ownership: cannot read {shown(args.changed_list)}: {exc.strerror}", file=sys.stderr)
            return None
        files += [line.strip() for line in text.splitlines() if line.strip()]
    return files


def run(args) -> int:
    if not normalise(args.author):
        print("microcred check-ownership: --author is empty", file=sys.stderr)
        return EXIT_USAGE
    changed = _changed_files(args)
    if changed is None:
        return EXIT_USAGE
    catalogue = catalogue_dir(args.catalogue)
    maintainers = read_maintainers_file(Path(args.maintainers) if args.maintainers else maintainers_file(catalogue))
    problems = check_ownership(changed, args.author, catalogue, maintainers, is_trusted(args.author_association))
    sys.stdout.write(FORMATTERS[args.format](problems, len(changed)))
    return EXIT_ERRORS if problems else EXIT_OK


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "check-ownership", help="tell a pull request's author early which files are not theirs (a courtesy, "
                                "not a control)",
        description="Check that AUTHOR may change every changed file: a provider's files only by the handles in "
                    "its record's `maintainers`, everything else only by the catalogue's maintainers. Give "
                    "--catalogue the base branch's catalogue, so a pull request cannot make its own author an owner. "
                    "This is a courtesy, not a control: in a pull request's workflow it runs the pull request's "
                    "own code, which the pull request can change. What enforces ownership is CODEOWNERS on the "
                    "base branch (from `microcred codeowners`) with branch protection requiring code-owner review. "
                    "Exit status: 0 allowed, 1 some file is not the author's to change, 2 usage error.")
    p.add_argument("--changed", nargs="*", metavar="FILE", help="changed paths, relative to the repository's root")
    p.add_argument("--changed-list", metavar="FILE", help="a file with one changed path a line (`-` for stdin)")
    p.add_argument("--author", required=True, metavar="HANDLE", help="the pull request's author (a leading @ is fine)")
    p.add_argument("--author-association", metavar="ASSOCIATION",
                   help="GitHub's author_association of the pull request: OWNER and MEMBER may change anything")
    add_catalogue_argument(p, "the base branch's catalogue folder (default: ./catalogue)")
    p.add_argument("--maintainers", metavar="FILE",
                   help="the catalogue maintainers' handles, one a line (default: .github/maintainers.txt "
                        "next to the catalogue folder)")
    p.add_argument("--format", choices=sorted(FORMATTERS), default="text",
                   help="text (default), github for pull-request annotations, json")
    p.set_defaults(func=run)
