"""Write records as YAML that our YAML 1.2 loader reads back unchanged.

PyYAML's dumper follows YAML 1.1, so it leaves `0913` or `1e3` unquoted (text in 1.1) where
YAML 1.2 reads a number. This dumper quotes every string that a 1.2 reader would not take as text.
`flow` writes one value on one line (the field reference's examples, the scaffold's comments),
quoting by the same rule.
"""
from __future__ import annotations

import json
import re

import yaml

from .load.scalars import resolve_plain


class _Dumper(yaml.CSafeDumper):
    pass


def _represent_str(dumper, value: str):
    style = None
    if not isinstance(resolve_plain(value), str) or value != value.strip() or value == "":
        style = '"'
    elif "\n" in value:
        style = "|"
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _represent_str)


def dump_record(record: dict) -> str:
    """A record as block-style YAML, keys in the given order, Unicode kept."""
    return yaml.dump(record, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)


# Plain (unquoted) text that any YAML reader keeps as the same text; anything else is quoted.
_PLAIN_WORDS = re.compile(r"[A-Za-z0-9][A-Za-z0-9 ._/()'+-]*")
_PLAIN_BLOCK = re.compile(r"[A-Za-z0-9][A-Za-z0-9 ._/()'+,;:@?=&%~-]*")  # outside [...] and {...}


def flow(value, nested: bool = False) -> str:
    """A value as one line of YAML, as it would follow `field: ` (our loader reads it back equal)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(int(value)) if float(value).is_integer() else str(value)
    if isinstance(value, str):
        pattern = _PLAIN_WORDS if nested else _PLAIN_BLOCK
        plain = (pattern.fullmatch(value) and resolve_plain(value) == value and value == value.strip()
                 and ": " not in value and not value.endswith(":"))
        return value if plain else json.dumps(value, ensure_ascii=False)
    if isinstance(value, list):
        return "[" + ", ".join(flow(v, True) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {flow(v, True)}" for k, v in value.items()) + "}"
    return json.dumps(value)
