"""`microcred fix`: the fixes the validator can make safely, each tied to the rule that reports it.

- `schema/type` where YAML reads a plain scalar as a number (`field_of_education: 0613`): quote
  the text exactly as written (`"0613"`);
- `id-matches-filename` where the file name is a valid id: set `id` to the file name (renaming
  the file instead is the provider's call, and needs git);
- `schema-modeline`: make the first line the schema line (replace another language-server line,
  or insert it);
- `trailing-whitespace` (reported here, not by validate: YAML ignores it in plain text): remove
  spaces and tabs at line ends.

Every fix is a small edit of the text, so comments, order and style stay as written; each edit is
kept only if the file then loads to exactly the data expected (the old data with that one value
changed), so a fix can never change what a record says beyond its purpose, e.g. trailing spaces
inside a `|` block of text are content and stay.
"""
from __future__ import annotations

import difflib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..check import display_name, validate
from ..load import load_text
from ..paths import kind_of, modeline
from ..problems import format_path
from .scaffold import is_slug


@dataclass(frozen=True)
class Fix:
    rule: str
    field: str
    message: str


@dataclass
class FileFixes:
    path: Path
    before: str
    after: str
    fixes: list[Fix] = field(default_factory=list)

    def diff(self) -> list[str]:
        name = display_name(self.path)
        return list(difflib.unified_diff(self.before.splitlines(keepends=True), self.after.splitlines(keepends=True),
                                         fromfile=f"a/{name}", tofile=f"b/{name}"))


def _data(text: str, kind: str | None):
    doc = load_text(text, "fix", kind)
    return doc.data if not doc.problems or all(p.rule == "file-location" for p in doc.problems) else None


def _with(data, path: tuple, value):
    """A copy of `data` with the value at `path` replaced."""
    if not path:
        return value
    head, rest = path[0], path[1:]
    if isinstance(data, dict):
        return {**data, head: _with(data[head], rest, value)}
    out = list(data)
    out[head] = _with(data[head], rest, value)
    return out


def _replace_scalar(text: str, position: tuple[int, int], key: str | None, source: str, new: str) -> str | None:
    """The text with the scalar `source` at a list item's position, or after `key:` on the key's
    line, written as `new`; None if it is not found there as written."""
    lines = text.split("\n")
    index, column = position[0] - 1, position[1] - 1
    if index >= len(lines):
        return None
    line = lines[index]
    if key is None:
        start = column
    else:
        m = re.compile(re.escape(key) + r"\s*:[ \t]+").match(line, column)
        if not m:
            return None
        start = m.end()
    if not line.startswith(source, start):
        return None
    end = start + len(source)
    if end < len(line) and line[end] not in " \t,]}#":
        return None
    lines[index] = line[:start] + new + line[end:]
    return "\n".join(lines)


def _quote_numbers(text: str, doc, problems, kind: str, fixes: list[Fix]) -> str:
    for p in problems:
        if p.rule != "schema/type" or "YAML reads" not in p.message:
            continue
        for path, source in doc.plain.items():
            if format_path(path) != p.path or path not in doc.positions:
                continue
            key = None if isinstance(path[-1], int) else path[-1]
            fixed = _replace_scalar(text, doc.positions[path], key, source, json.dumps(source))
            if fixed is not None and _data(fixed, kind) == _with(_data(text, kind), path, source):
                text = fixed
                fixes.append(Fix(p.rule, p.path, f"quoted `{source}` so YAML keeps it as text"))
    return text


def _fix_id(text: str, doc, problems, path: Path, kind: str, fixes: list[Fix]) -> str:
    stem = path.stem
    if not any(p.rule == "id-matches-filename" for p in problems) or not is_slug(stem):
        return text
    old = doc.data.get("id")
    if not isinstance(old, str) or ("id",) not in doc.positions:
        return text
    for written in (old, json.dumps(old), f"'{old}'"):
        fixed = _replace_scalar(text, doc.positions[("id",)], "id", written, stem)
        current = _data(text, kind)
        if fixed is not None and isinstance(current, dict) and _data(fixed, kind) == {**current, "id": stem}:
            fixes.append(Fix("id-matches-filename", "id", f"set `id` to `{stem}`, the file's name"))
            return fixed
    return text


_BLOCK_START = re.compile(r"[|>][0-9+-]*\s*(#.*)?$")


def _strip_line_ends(text: str) -> str:
    """Spaces and tabs at line ends removed, except inside `|` and `>` blocks, where they are text."""
    out, block_indent = [], None
    for line in text.split("\n"):
        indent = len(line) - len(line.lstrip(" "))
        if block_indent is not None and (not line.strip() or indent >= block_indent):
            out.append(line)
            continue
        block_indent = None
        out.append(line.rstrip(" \t"))
        if _BLOCK_START.search(line.split(": ", 1)[-1].strip()) and (": " in line or line.lstrip().startswith("- ")):
            block_indent = indent + 1
    return "\n".join(out)


def fix_text(text: str, path: Path, problems, doc) -> tuple[str, list[Fix]]:
    """The fixed text of one record and the fixes made (problems: the validator's for this file)."""
    kind = doc.kind or kind_of(path)
    fixes: list[Fix] = []
    if doc.data is not None:
        text = _quote_numbers(text, doc, problems, kind, fixes)
        text = _fix_id(text, doc, problems, path, kind, fixes)
    stripped = _strip_line_ends(text)
    if stripped != text and (doc.data is None or _data(stripped, kind) == _data(text, kind)):
        count = sum(1 for a, b in zip(text.split("\n"), stripped.split("\n")) if a != b)
        text = stripped
        fixes.append(Fix("trailing-whitespace", "", f"removed spaces at the end of {count} line{'s' if count != 1 else ''}"))
    if kind and any(p.rule == "schema-modeline" for p in problems):
        first, _, rest = text.partition("\n")
        text = modeline(kind) + "\n" + (rest if first.startswith("# yaml-language-server:") else text)
        fixes.append(Fix("schema-modeline", "", "made the first line the schema line"))
    return text, fixes


def plan(paths: list[Path], catalogue_dir: Path) -> list[FileFixes]:
    """The fixes for every record file named (or every file of the catalogue), checked first."""
    result = validate(paths, catalogue_dir)
    by_file: dict[str, list] = {}
    for p in result.problems:
        by_file.setdefault(p.file, []).append(p)
    out = []
    for doc in result.documents:
        path = Path(doc.file)
        try:
            before = path.read_bytes().decode("utf-8")
        except (OSError, UnicodeDecodeError):
            continue  # the validator has said why; there is nothing safe to fix in it
        after, fixes = fix_text(before, path, by_file.get(doc.file, []), doc)
        if fixes:
            out.append(FileFixes(path, before, after, fixes))
    return out


def write(planned: list[FileFixes]) -> None:
    for f in planned:
        f.path.write_bytes(f.after.encode("utf-8"))
