"""The Problem type, and formatters that turn problems into text, GitHub annotations or JSON."""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from typing import Iterable

ERROR = "error"
WARNING = "warning"

Path_ = tuple  # a field path: keys (str) and list indexes (int), from the document's root


def format_path(path: Path_) -> str:
    """`('stacks_into', 0, 'target')` -> `stacks_into[0].target`."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with one file. Line and column are 1-based; 0 means the whole file."""

    file: str
    line: int
    column: int
    rule: str
    message: str
    path: str = ""
    hint: str = ""
    severity: str = ERROR

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR


def sort_problems(problems: Iterable[Problem]) -> list[Problem]:
    return sorted(set(problems), key=lambda p: (p.file, p.line, p.column, p.rule, p.path, p.message))


def count(problems: Iterable[Problem]) -> tuple[int, int]:
    errors = warnings = 0
    for p in problems:
        if p.is_error:
            errors += 1
        else:
            warnings += 1
    return errors, warnings


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def summary(problems: list[Problem], files_checked: int) -> str:
    errors, warnings = count(problems)
    return f"{_plural(errors, 'error')}, {_plural(warnings, 'warning')} in {_plural(files_checked, 'file')} checked"


def format_text(problems: list[Problem], files_checked: int) -> str:
    """`file:line:col: error [rule] field.path: message`, then the hint, indented."""
    lines = []
    for p in problems:
        where = f"{p.file}:{p.line}:{p.column}" if p.line else p.file
        field = f" {p.path}:" if p.path else ""
        lines.append(f"{where}: {p.severity} [{p.rule}]{field} {p.message}")
        if p.hint:
            lines.append(f"    fix: {p.hint}")
    lines.append(summary(problems, files_checked))
    return "\n".join(lines) + "\n"


# GitHub's workflow commands: data escapes %, CR and LF; property values also escape : and ,
# (as @actions/core's escapeData and escapeProperty do).
def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def format_github(problems: list[Problem], files_checked: int) -> str:
    lines = []
    for p in problems:
        props = [f"file={_escape_property(p.file)}"]
        if p.line:
            props += [f"line={p.line}", f"col={p.column}"]
        props.append(f"title={_escape_property(f'[{p.rule}] {p.path}'.strip())}")
        message = f"{p.path}: {p.message}" if p.path else p.message
        if p.hint:
            message += f"\nFix: {p.hint}"
        lines.append(f"::{p.severity} {','.join(props)}::{_escape_data(message)}")
    lines.append(summary(problems, files_checked))
    return "\n".join(lines) + "\n"


def format_json(problems: list[Problem], files_checked: int) -> str:
    errors, warnings = count(problems)
    payload = {
        "files_checked": files_checked,
        "errors": errors,
        "warnings": warnings,
        "problems": [asdict(p) for p in problems],
    }
    return json.dumps(payload, indent=2, ensure_ascii=False) + "\n"


FORMATTERS = {"text": format_text, "github": format_github, "json": format_json}
