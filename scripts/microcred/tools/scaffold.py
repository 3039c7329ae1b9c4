"""New records from the schema (`microcred new`), with placeholders that fail until filled in.

The file gets the schema line for editors, every required field (nested ones too), and the
optional fields as comments. Each field the provider must fill in is left empty with a `TODO`
comment beside it that says what to write and lists the allowed values, generated from the schema
(so the scaffold never disagrees with it). An empty value is never valid, so `microcred validate`
fails on every field until it is replaced: a half-filled scaffold cannot be merged by mistake.
"""
from __future__ import annotations

import re
from pathlib import Path

from .. import urls
from ..paths import KIND_FOLDERS, modeline
from ..schemadoc import ISO_LINKS, allowed_values, example_text
from ..schemas import load_schema, resolve

INDENT = "  "


def is_slug(text: str) -> bool:
    slug = load_schema("common")["$defs"]["slug"]
    return len(text) <= slug["maxLength"] and re.fullmatch(slug["pattern"], text) is not None


def is_handle(text: str) -> bool:
    handle = load_schema("provider")["properties"]["maintainers"]["items"]
    return len(text) <= handle["maxLength"] and re.fullmatch(handle["pattern"], text) is not None


def _plain(text: str) -> str:
    """Schema text for a YAML comment: no Markdown backticks or links, one line."""
    text = re.sub(r"\[([^\]]*)\]\(([^)]*)\)", r"\1 (\2)", text)
    return " ".join(text.replace("`", "").split())


def _todo(kind: str, path: str, schema: dict, ref: str | None) -> str:
    comment = f"TODO: {_plain(schema.get('description', ''))}"
    if "enum" in schema and ref not in ISO_LINKS:  # the ISO fields' descriptions name the standard
        comment += f" Allowed: {_plain(allowed_values(schema, ref, markdown=False))}."
    elif "enum" not in schema:
        example = example_text(kind, path)
        if example is not None and len(example) <= 60 and not example.startswith(("[", "{", "see ")):
            comment += f" Example: {example}"
    return comment


def _field_lines(kind: str, obj: dict, prefix: str, depth: int, prefilled: dict) -> list[str]:
    """Lines for the required fields of one mapping, recursing into required mappings."""
    pad = INDENT * depth
    required = list(obj.get("required", []))
    # A mapping with alternative forms (duration: weeks, or min_weeks and max_weeks): the first form.
    forms = [b["required"] for b in obj.get("oneOf", []) if b.get("required")]
    if forms:
        required += [k for k in forms[0] if k not in required]
    alternative = " | ".join(", ".join(f) for f in forms[1:])
    lines = []
    for key, sub in obj.get("properties", {}).items():
        if key not in required:
            continue
        schema, ref = resolve(sub)
        path = prefix + key
        if path in prefilled:
            lines.append(f"{pad}{key}: {prefilled[path]}")
        elif "properties" in schema:
            lines.append(f"{pad}{key}:  # {_plain(schema.get('description', ''))}")
            lines += _field_lines(kind, schema, path + ".", depth + 1, prefilled)
        elif schema.get("type") == "array":
            items, item_ref = resolve(schema.get("items", {}))
            lines.append(f"{pad}{key}:  # {_todo(kind, path, schema, ref)}")
            if "properties" in items:
                first = True
                for line in _field_lines(kind, items, path + "[].", 0, prefilled):
                    lines.append(f"{pad}{INDENT}{'- ' if first else '  '}{line}")
                    first = False
            else:
                item_comment = f"  # one of: {', '.join(map(str, items['enum']))}" if "enum" in items else ""
                lines.append(f"{pad}{INDENT}-{item_comment}")
        else:
            comment = _todo(kind, path, schema, ref)
            if forms and key in forms[0] and alternative:
                comment += f" (Or instead: {alternative}.)"
            lines.append(f"{pad}{key}:  # {comment}")
    return lines


def _optional_lines(kind: str, root: dict) -> list[str]:
    required = set(root.get("required", []))
    lines = []
    for key, sub in root.get("properties", {}).items():
        if key in required:
            continue
        schema, ref = resolve(sub)
        lines.append(f"# {key}:  # {_plain(schema.get('description', ''))}")
    return lines


def scaffold(kind: str, record_id: str, provider: str | None = None, maintainers: list[str] | None = None) -> str:
    """The text of a new record of `kind`, with `id` (and `provider`, `maintainers`) filled in."""
    root = load_schema(kind)
    prefilled = {"id": record_id}
    if kind == "credential":
        prefilled["provider"] = provider
    where = f"{urls.absolute(urls.CONTRIBUTE)}#{kind}-fields"
    lines = [
        modeline(kind),
        f"# A new {kind} record. Fill in every field marked TODO (an empty field fails `microcred validate`),",
        "# and uncomment the optional fields that apply. State only what the official pages say.",
        f"# Field reference: {where}",
    ]
    lines += _field_lines(kind, root, "", 0, prefilled)
    if maintainers:
        lines.append("maintainers: [" + ", ".join(maintainers) + "]")
    optional = [line for line in _optional_lines(kind, root) if not (maintainers and line.startswith("# maintainers:"))]
    if optional:
        lines += ["", "# Optional fields: uncomment and fill in the ones that apply."] + optional
    return "\n".join(lines) + "\n"


def target_path(catalogue: Path, kind: str, record_id: str, provider: str | None) -> Path:
    folder = catalogue / KIND_FOLDERS[kind]
    if kind == "credential":
        folder = folder / provider
    return folder / f"{record_id}.yaml"


def argument_problems(kind: str, record_id: str, provider: str | None, handles: list[str]) -> list[str]:
    """What is wrong with the ids and handles asked for, as messages naming the option."""
    problems = []
    if not is_slug(record_id):
        problems.append(f"--id `{record_id}` is not a slug: use lower-case letters and digits in words joined by "
                        "single hyphens, at most 80 characters, such as `data-analytics-foundations`")
    if kind == "credential" and not provider:
        problems.append("a credential needs --provider: the provider's id, such as `example-university`")
    elif kind == "credential" and not is_slug(provider):
        problems.append(f"--provider `{provider}` is not a slug (the provider's id, such as `example-university`)")
    for handle in handles:
        if not is_handle(handle):
            problems.append(f"--maintainer `{handle}` is not a GitHub user name")
    return problems


def write_new(catalogue: Path, kind: str, record_id: str, provider: str | None, handles: list[str]) -> Path:
    """Write the new record's file and return its path; FileExistsError if it exists (never
    overwritten). The ids must have passed `argument_problems`."""
    path = target_path(catalogue, kind, record_id, provider)
    handles = sorted(dict.fromkeys(handles), key=str.lower) if kind == "provider" else []
    text = scaffold(kind, record_id, provider if kind == "credential" else None, handles)
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "x", encoding="utf-8", newline="\n") as out:  # "x": never overwrite
        out.write(text)
    return path
