"""How every JSON file of the data package is written, so that two builds are byte-identical."""
from __future__ import annotations

import gzip
import json
from typing import Iterable, Iterator

from ..reuse import FRESH, Reuse, digest

# A gzip member of gzip_parts ends after about one part in MEMBER_PARTS, and by MEMBER_BYTES.
MEMBER_PARTS = 64
MEMBER_BYTES = 1 << 20


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


def joined(prefix: str, items: Iterable[str], suffix: str) -> Iterator[str]:
    """The parts of `prefix`, the items with a comma between each two, then `suffix`: a JSON
    array (or the lists of an object) written by json_text, one part per item."""
    yield prefix
    for i, item in enumerate(items):
        yield "," + item if i else item
    yield suffix


def gzip_bytes(content: bytes, level: int = 6) -> bytes:
    """gzip with no file name and no timestamp in its header: the same bytes in, the same out."""
    return gzip.compress(content, compresslevel=level, mtime=0)


def gzip_parts(parts: Iterable[str], reuse: Reuse = FRESH, space: str = "gzip") -> bytes:
    """The gzip file of the parts joined (UTF-8), written as a run of gzip members, which every
    gzip reader joins back (RFC 1952, section 2.2: Python's gzip, zcat, Node's zlib). A member
    ends after a part whose own digest picks it, about one part in MEMBER_PARTS, or once it holds
    MEMBER_BYTES. Where members end depends only on the parts near the end, not on their place in
    the file, so an edit to one record changes one member, and under `mkdocs serve` only that
    member is compressed again: the others are kept under their digest (microcred.reuse)."""
    members, run, size = [], [], 0
    for part in parts:
        data = part.encode("utf-8")
        run.append(data)
        size += len(data)
        if size >= MEMBER_BYTES or digest(data)[0] < 256 // MEMBER_PARTS:
            members.append(b"".join(run))
            run, size = [], 0
    if run or not members:
        members.append(b"".join(run))
    return b"".join(reuse.get(space, digest(member), lambda member=member: gzip_bytes(member))
                    for member in members)
