"""Write records as YAML that our YAML 1.2 loader reads back unchanged.

PyYAML's dumper follows YAML 1.1, so it leaves `0913` or `1e3` unquoted (text in 1.1) where
YAML 1.2 reads a number. This dumper quotes every string that a 1.2 reader would not take as text.
"""
from __future__ import annotations

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
