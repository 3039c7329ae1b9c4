"""Plain scalars resolved by YAML 1.2's core schema: `NO`, `on` and `2026-03-01` stay text.

PyYAML resolves by YAML 1.1; the loader and the dumper both use this instead, so what is written
reads back unchanged.
"""
from __future__ import annotations

import re

# YAML 1.2 core schema (https://yaml.org/spec/1.2.2/#1023-core-schema), for plain scalars only.
_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_INT10 = re.compile(r"^[-+]?[0-9]+$")
_INT8 = re.compile(r"^0o[0-7]+$")
_INT16 = re.compile(r"^0x[0-9a-fA-F]+$")
_FLOAT = re.compile(r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$")
_INF = re.compile(r"^[-+]?\.(?:inf|Inf|INF)$")
_NAN = re.compile(r"^\.(?:nan|NaN|NAN)$")


# Every pattern above matches only text that starts with one of these (or the empty text): most
# plain scalars are words, and skip the seven patterns on their first character.
_STARTS = frozenset("~nNtTfF-+.0123456789")


def resolve_plain(text: str):
    """The value of a plain (unquoted) scalar under the YAML 1.2 core schema."""
    if text and text[0] not in _STARTS:
        return text
    if _NULL.match(text):
        return None
    if text in _BOOL:
        return _BOOL[text]
    if _INT10.match(text):
        try:
            return int(text)
        except ValueError:  # over Python's 4,300-digit limit: as a float it is inf, which rules reject
            return float(text)
    if _INT8.match(text):
        return int(text[2:], 8)
    if _INT16.match(text):
        return int(text[2:], 16)
    if _FLOAT.match(text):
        return float(text)
    if _INF.match(text):
        return float("-inf") if text.startswith("-") else float("inf")
    if _NAN.match(text):
        return float("nan")
    return text
