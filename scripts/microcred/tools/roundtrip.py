"""Round-trip YAML (ruamel.yaml): change a record's values and keep its comments, key order and
quoting, for `microcred fix` and `microcred import --update`.

Our loader (load/) is the judge of what a file means; ruamel only edits text. It is set to YAML
1.2 like the loader, so what it quotes on output is what a 1.2 reader would otherwise misread.
"""
from __future__ import annotations

import datetime as dt
import io
import re

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq


_KEY_ALONE = re.compile(r"^( *)[A-Za-z0-9_]+:\s*(#.*)?$")


def list_offset(text: str) -> int:
    """How a file indents a list under its key: 0 (`- a` below `key:`, as PyYAML writes) or 2."""
    lines = text.split("\n")
    for line, following in zip(lines, lines[1:]):
        m = _KEY_ALONE.match(line)
        if m and following.lstrip().startswith("- "):
            return max(0, len(following) - len(following.lstrip()) - len(m.group(1)))
    return 2


def _yaml(offset: int = 2) -> YAML:
    yaml = YAML(typ="rt")
    yaml.version = None
    yaml.preserve_quotes = True
    yaml.width = 4096  # never re-wrap a long line of the provider's
    yaml.indent(mapping=2, sequence=offset + 2, offset=offset)
    return yaml


def load(text: str):
    return _yaml().load(text)


def dump(data, like: str = "") -> str:
    """YAML text of `data`, lists indented as in `like` (the file it was loaded from)."""
    out = io.StringIO()
    _yaml(list_offset(like) if like else 2).dump(data, out)
    return out.getvalue()


def _plain(value):
    """Python values as ruamel's commented containers, so new lists and mappings dump in block style."""
    if isinstance(value, dict):
        return CommentedMap((k, _plain(v)) for k, v in value.items())
    if isinstance(value, list):
        return CommentedSeq(_plain(v) for v in value)
    return value


def _same(old, new) -> bool:
    if isinstance(old, dt.date):  # ruamel reads a plain date as a date; our loader as its text
        old = old.isoformat()
    return type(old) is type(new) and old == new


def _styled_like(old, new):
    """A new value in the old one's style: a list written `[a, b]` stays on one line."""
    value = _plain(new)
    if isinstance(old, (CommentedSeq, CommentedMap)) and isinstance(value, type(old)) and old.fa.flow_style():
        value.fa.set_flow_style()
    return value


def merge(target, new: dict, order: list[str] | None = None) -> None:
    """Set in `target` (a loaded mapping) each field `new` gives: mappings field by field, lists and
    values whole. Fields `new` does not give keep their value, comments and place; a new field goes
    after the fields that come before it in `order` (the schema's), else at the end."""
    rank = {key: i for i, key in enumerate(order or [])}
    for key, value in new.items():
        old = target.get(key)
        if isinstance(value, dict) and isinstance(old, dict):
            merge(old, value)
        elif key in target:
            if not _same(old, value):
                target[key] = _styled_like(old, value)
        else:
            before = [i for i, k in enumerate(target) if rank.get(k, len(rank)) < rank.get(key, len(rank))]
            position = before[-1] + 1 if before and key in rank else len(target)
            target.insert(position, key, _plain(value))
