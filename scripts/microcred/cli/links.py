"""`microcred links`: every web address in the catalogue as Markdown, for a link checker (tools.links)."""
from __future__ import annotations

import sys
from pathlib import Path

from ..tools.links import links_markdown
from .common import EXIT_ERRORS, EXIT_OK, add_catalogue_argument, catalogue_dir, whole_catalogue


def run(args) -> int:
    catalogue = whole_catalogue("links", catalogue_dir(args.catalogue))
    if catalogue is None:
        return EXIT_ERRORS
    text = links_markdown(catalogue)
    if args.out:
        Path(args.out).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return EXIT_OK


def register(subparsers) -> None:
    p = subparsers.add_parser("links", help="list every web address in the catalogue, for a link checker",
                              description="Write every record's web addresses (url, website, sources, evidence_url) "
                                          "as Markdown, a section per record file. No network access.")
    add_catalogue_argument(p)
    p.add_argument("--out", metavar="FILE", help="write to FILE instead of standard output")
    p.set_defaults(func=run)
