"""`microcred package --out DIR`: the Frictionless data package, without building the site (export)."""
from __future__ import annotations

import sys
from pathlib import Path

from .common import EXIT_ERRORS, EXIT_OK, EXIT_USAGE, add_catalogue_argument, catalogue_dir, whole_catalogue


def run(args) -> int:
    from ..export.package import write_package
    from ..export.registry import version

    folder = catalogue_dir(args.catalogue)
    if not folder.is_dir():
        print(f"microcred package: no catalogue folder at {folder}", file=sys.stderr)
        return EXIT_USAGE
    out = Path(args.out)
    if out.exists() and not out.is_dir():
        print(f"microcred package: {out} exists and is not a folder", file=sys.stderr)
        return EXIT_USAGE
    catalogue = whole_catalogue("package", folder)
    if catalogue is None:
        return EXIT_ERRORS
    try:
        written = write_package(catalogue, out)
    except OSError as exc:
        # The files are made in a folder beside `out`, then moved into it: name the one that failed.
        print(f"microcred package: cannot write to {exc.filename or out}: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_ERRORS
    print(f"wrote {len(written)} files to {out} ({len(catalogue.credentials)} credentials, "
          f"version {version(catalogue)})")
    return EXIT_OK


def register(subparsers) -> None:
    p = subparsers.add_parser("package", help="write the Frictionless data package (without building the site)",
                              description="Write the data package that the site publishes at /data/: "
                                          "datapackage.json, the CSV tables, catalogue.json.gz, jsonld.json.gz, "
                                          "CTDL graphs under ctdl/ and in ctdl.json.gz, and Open Badges 3.0 "
                                          "achievements under badges/. Nothing is written "
                                          "when the catalogue has errors.")
    p.add_argument("--out", required=True, metavar="DIR", help="folder to write the package into")
    add_catalogue_argument(p)
    p.set_defaults(func=run)
