"""A drafted record from another format (CTDL, Open Badges 3.0): the fields that map, and a `TODO`
placeholder for each required field still missing, which fails validation until filled in.

A value that maps but that the schema or a text rule would reject (a CTDL description over the
summary's 300 characters, a currency CTDL names in words we cannot read) is not written as if it
were good: it becomes a placeholder too, so a draft never carries a value a provider has not seen
fail. The format's own reader (ctdl.py, ob3.py) gives `{field: value}`; this module does the rest.
"""
from __future__ import annotations

import copy
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from ...check import check_document
from ...check.index import CatalogueIndex
from ...dump import dump_record
from ...load import load_text
from ...paths import modeline
from ...schemadoc import CONDITIONAL, walk
from ...schemas import load_schema, resolve
from ..scaffold import is_slug

MAX_INPUT = 4 * 1024 * 1024  # a JSON-LD graph or an Achievement is small; refuse a huge file unread


@dataclass
class Draft:
    record: dict                       # the fields that map (placeholders are None)
    missing: list[str] = field(default_factory=list)  # field paths still to fill in
    conditional: dict[str, str] = field(default_factory=dict)  # fields required in some cases -> when
    rejected: dict[str, str] = field(default_factory=dict)  # fields whose mapped value failed -> why
    path: Path | None = None


def read_json(path: Path):
    with open(path, "rb") as fh:
        raw = fh.read(MAX_INPUT + 1)
    if len(raw) > MAX_INPUT:
        raise ValueError(f"the file is over {MAX_INPUT // 2**20} MiB; a record's source is much smaller")
    try:
        return json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ValueError(f"not JSON: {exc}") from None


def _missing(schema: dict, data: dict, prefix: str, out: list[str]) -> None:
    """Required fields absent from `data` (nested ones inside mappings it has, or that are required),
    set to None in place and listed in `out`. A mapping with forms (duration) takes its first."""
    required = list(schema.get("required", []))
    forms = [b["required"] for b in schema.get("oneOf", []) if b.get("required")]
    if forms and not any(all(k in data for k in f) for f in forms):
        required += [k for k in forms[0] if k not in required]
    for key in schema.get("properties", {}):
        sub, _ = resolve(schema["properties"][key])
        if key in data and isinstance(data[key], dict) and "properties" in sub:
            _missing(sub, data[key], f"{prefix}{key}.", out)
        elif key not in data and key in required:
            if "properties" in sub and sub.get("required"):
                data[key] = {}
                _missing(sub, data[key], f"{prefix}{key}.", out)
            else:
                data[key] = None
                out.append(prefix + key)


def _ordered(kind: str, record: dict) -> dict:
    order = [f.path for f in walk(kind) if "." not in f.path and "[" not in f.path]
    return {k: record[k] for k in sorted(record, key=lambda k: order.index(k) if k in order else len(order))}


def _rejected_fields(kind: str, record: dict, catalogue_dir: Path, file: str) -> dict[str, str]:
    """Top-level fields the validator rejects in a record -> the first problem's message."""
    text = modeline(kind) + "\n" + dump_record(record)
    doc = load_text(text, file, kind)
    if doc.data is None:
        return {key: "the value does not load" for key in record}
    problems, _ = check_document(doc, CatalogueIndex(catalogue_dir.resolve()), limit=10_000)
    found: dict[str, str] = {}
    for p in problems:
        if p.path and p.is_error:
            found.setdefault(re.split(r"[.\[]", p.path)[0], f"{p.message} [{p.rule}]")
    return found


def complete(kind: str, mapped: dict, catalogue_dir: Path, file: str) -> Draft:
    """The draft of `mapped`: values the validator rejects dropped, every missing required field a None."""
    record = {k: v for k, v in mapped.items() if v not in (None, "", [], {})}
    rejected: dict[str, str] = {}
    for _ in range(3):  # a dropped field can only reveal problems of fields already counted
        trial = copy.deepcopy(record)
        missing: list[str] = []
        _missing(load_schema(kind), trial, "", missing)
        bad = {k: why for k, why in _rejected_fields(kind, trial, catalogue_dir, file).items()
               if k in record and trial.get(k) is not None and not _holds_placeholder(trial[k])}
        if not bad:
            return Draft(_ordered(kind, trial), missing, _conditional(kind, trial), rejected)
        for key, why in bad.items():
            rejected[key] = why
            record.pop(key)
    missing = []
    _missing(load_schema(kind), record, "", missing)
    return Draft(_ordered(kind, record), missing, _conditional(kind, record), rejected)


def _conditional(kind: str, record: dict) -> dict[str, str]:
    """Fields a rule requires in some cases (`locations` unless online) that the draft lacks."""
    return {path: words for (k, path), (_rule, words) in CONDITIONAL.items() if k == kind and path not in record}


def _holds_placeholder(value) -> bool:
    return isinstance(value, dict) and any(v is None or _holds_placeholder(v) for v in value.values())


_NULL_LINE = re.compile(r"^(?P<pad> *)(?P<key>[a-z_]+): null$")


def draft_text(kind: str, draft: Draft) -> str:
    """The draft as a record file: the schema line, the fields, and `key:  # TODO: ...` for each
    placeholder (an empty value, which the schema rejects until it is filled in)."""
    descriptions = {f.path: f.description for f in walk(kind)}
    lines, stack = [], []
    for line in dump_record(draft.record).splitlines():
        m = _NULL_LINE.match(line) or re.match(r"^(?P<pad> *)(?P<key>[a-z_]+):", line)
        if m:
            depth = len(m.group("pad")) // 2
            stack = stack[:depth] + [m.group("key")]
        if _NULL_LINE.match(line):
            path = ".".join(stack)
            what = " ".join(descriptions.get(path, "required").replace("`", "").split())
            line = f"{m.group('pad')}{m.group('key')}:  # TODO: {what}"
        lines.append(line)
    head = [modeline(kind), "# Drafted by `microcred import`: check every value against the official page, and fill in",
            "# each TODO (an empty field fails `microcred validate` until filled in)."]
    return "\n".join(head + lines) + "\n"


def import_draft(fmt: str, path: Path, catalogue_dir: Path, provider: str | None, write: bool = True) -> list[Draft]:
    """Draft the credential(s) a CTDL graph or an Achievement describes; write each to its place
    (never over an existing file). Raises ValueError for input that is not of the format."""
    from . import ctdl, ob3

    reader = {"ctdl": ctdl.mapped_records, "ob3": ob3.mapped_records}[fmt]
    drafts = []
    for mapped in reader(read_json(path), catalogue_dir):
        if provider:
            mapped["provider"] = provider
        pid, rid = mapped.get("provider") or "", mapped.get("id") or ""
        folder = pid if is_slug(pid) else "unknown-provider"
        name = rid if is_slug(rid) else "draft"
        where = catalogue_dir / "credentials" / folder / f"{name}.yaml"
        draft = complete("credential", mapped, catalogue_dir, f"credentials/{folder}/{name}.yaml")
        draft.path = where
        if write:
            where.parent.mkdir(parents=True, exist_ok=True)
            try:
                with open(where, "x", encoding="utf-8", newline="\n") as out:
                    out.write(draft_text("credential", draft))
            except FileExistsError:
                raise ValueError(f"{where} exists already; it was not changed (move it, or pass --dry-run)") from None
        drafts.append(draft)
    return drafts
