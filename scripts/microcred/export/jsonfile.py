"""How every JSON file of the data package is written, so that two builds are byte-identical."""
from __future__ import annotations

import json


def json_bytes(value, indent: int | None = None) -> bytes:
    """Sorted keys, UTF-8, a final newline. Compact unless `indent`: the C encoder only runs
    without indentation, and it is 5-10 times faster on the large files. Strict JSON: a
    non-finite number raises ValueError instead of writing `Infinity`, which JSON.parse rejects."""
    separators = None if indent else (",", ":")
    return (json.dumps(value, ensure_ascii=False, sort_keys=True, indent=indent, separators=separators,
                       allow_nan=False) + "\n").encode("utf-8")


def json_text(value) -> str:
    """One value as json_bytes writes it inside a larger compact document (no final newline)."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"), allow_nan=False)


def json_array_bytes(items: list[str]) -> bytes:
    """A compact JSON array of values already written by json_text: the bytes json_bytes would
    write for the list, without writing each value again (a large file of parts kept from the
    last build under `mkdocs serve`)."""
    return ("[" + ",".join(items) + "]\n").encode("utf-8")
