"""`microcred validate [PATH...]`: check records against the schemas and the catalogue's rules."""
from __future__ import annotations

import sys
from pathlib import Path

from ..problems import errors_only
from ..report import FORMATTERS, shown
from .common import EXIT_ERRORS, EXIT_OK, EXIT_USAGE, add_catalogue_argument, catalogue_dir, missing_paths


def run(args) -> int:
    from ..check import validate

    if missing_paths("validate", args.paths):
        return EXIT_USAGE
    result = validate([Path(p) for p in args.paths], catalogue_dir(args.catalogue))
    problems, omitted = errors_only(result.problems, result.omitted) if args.errors_only else (result.problems, result.omitted)
    sys.stdout.write(FORMATTERS[args.format](problems, len(result.documents), omitted))
    if args.completeness:
        _completeness(result, catalogue_dir(args.catalogue))
    return EXIT_OK if result.ok else EXIT_ERRORS


def _completeness(result, folder: Path) -> None:
    """Each checked listing against the EU and Australian frameworks (from the built model, so only
    a catalogue without errors has one)."""
    from ..build import build
    from ..completeness import EU, FRAMEWORK_NAMES, NMF

    built = build(folder)
    if built.catalogue is None:
        print("completeness: fix the errors above first (it is read from the built catalogue)")
        return
    checked = {Path(d.file).resolve() for d in result.documents if d.kind == "credential"}
    print("completeness: mandatory elements a listing states, of " + "; ".join(
        f"{key} = {name}" for key, name in FRAMEWORK_NAMES.items()))
    for cred in built.catalogue.credentials.values():
        path = (folder / "credentials" / cred.provider.id / f"{cred.id}.yaml").resolve()
        if path not in checked:
            continue
        report = cred.completeness
        parts = []
        for framework in (EU, NMF):
            done, total = report.counted(framework)
            missing = report.missing(framework)
            parts.append(f"{framework} {done}/{total}" + (" meets" if not missing else f" (not stated: {', '.join(missing)})"))
        print(f"{shown(cred.global_id)}: " + "; ".join(parts))


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
    p.add_argument("--completeness", action="store_true",
                   help="also list, for each listing checked, which mandatory elements of the EU micro-credential "
                        "standard (Council Recommendation 2022, Annex I) and of Australia's National "
                        "Microcredentials Framework it states")
    p.set_defaults(func=run)
