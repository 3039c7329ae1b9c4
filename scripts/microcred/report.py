"""Formatters that turn problems into text, GitHub annotations or JSON.

Every report is printed in the pull-request workflow's log, where the runner reads any line that
starts with `::` (or holds `##[`) as a workflow command. A report shows text from hostile input
(file names, keys, values), so each format neutralises it: text through `shown()`, GitHub
annotations through GitHub's own escaping, JSON through JSON's. And a report is bounded: at most
`MAX_PER_FILE` problems of a file are shown, then one line says how many more there are.
"""
from __future__ import annotations

import json
from dataclasses import asdict

from .problems import ERROR, MAX_PER_FILE, WARNING, Omitted, Problem, cap_per_file, count


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def summary(problems: list[Problem], files_checked: int, omitted: Omitted | None = None) -> str:
    errors, warnings = count(problems, omitted)
    return f"{_plural(errors, 'error')}, {_plural(warnings, 'warning')} in {_plural(files_checked, 'file')} checked"


def _more(n: tuple[int, int]) -> str:
    total = sum(n)
    return (f"{total:,} more problem{'' if total == 1 else 's'} in this file not shown "
            f"(at most {MAX_PER_FILE} a file): fix these and run again")


# --- text: for people, and for the CI log ---------------------------------------------------------

_NAMED_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape_char(ch: str) -> str:
    if ch in _NAMED_ESCAPES:
        return _NAMED_ESCAPES[ch]
    code = ord(ch)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def shown(text: object) -> str:
    """Text from the input, made safe to print on one line of a terminal or a CI log.

    Every character that does not print (controls, newlines, U+2028/2029, bidirectional and other
    format characters, unassigned code points) is shown as a Python-style escape (`\\n`,
    `\\x1b`, `\\u202e`), so nothing from a record can end a line, move the cursor or reorder
    what a reader sees. The two sequences a GitHub runner reads as workflow commands are broken
    as well: `::` (a command when it starts a line, after spaces) and `##[` (the old syntax, a
    command anywhere in a line). Every field of a text report goes through here.
    """
    return _printable(str(text)).replace("::", ":\\x3a").replace("##[", "##\\x5b")


def _printable(text: str, keep: str = "") -> str:
    if text.isprintable():
        return text
    return "".join(ch if ch.isprintable() or ch in keep else _escape_char(ch) for ch in text)


def format_text(problems: list[Problem], files_checked: int, omitted: Omitted | None = None) -> str:
    """`file:line:col: error [rule] field.path: message`, then the hint, indented."""
    problems, omitted = cap_per_file(problems, omitted)
    lines = []
    for file, group in _by_file(problems, omitted):
        for p in group:
            where = f"{shown(p.file)}:{p.line}:{p.column}" if p.line else shown(p.file)
            field = f" {shown(p.path)}:" if p.path else ""
            lines.append(f"{where}: {shown(p.severity)} [{shown(p.rule)}]{field} {shown(p.message)}")
            if p.hint:
                lines.append(f"    fix: {shown(p.hint)}")
        if file in omitted:
            lines.append(f"{shown(file)}: {_more(omitted[file])}")
    lines.append(summary(problems, files_checked, omitted))
    return "\n".join(lines) + "\n"


def _by_file(problems: list[Problem], omitted: Omitted):
    """(file, its problems) in report order; a file whose problems were all left out comes last."""
    groups: dict[str, list[Problem]] = {}
    for p in problems:
        groups.setdefault(p.file, []).append(p)
    for file in omitted:
        groups.setdefault(file, [])
    return groups.items()


# GitHub's workflow commands: data escapes %, CR and LF; property values also escape : and ,
# (as @actions/core's escapeData and escapeProperty do). The runner splits lines at CR and LF
# only, and after `::command props::` reads the rest as data, so that is enough to keep each
# annotation one command; other non-printing characters are shown escaped as in the text report,
# so that an annotation cannot reorder or hide what a reviewer reads.
def _escape_data(text: str) -> str:
    return _printable(text, keep="\r\n").replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _annotation(severity: str, file: str, line: int, column: int, title: str, message: str) -> str:
    props = [f"file={_escape_property(file)}"]
    if line:
        props += [f"line={line}", f"col={column}"]
    props.append(f"title={_escape_property(title)}")
    return f"::{severity} {','.join(props)}::{_escape_data(message)}"


def format_github(problems: list[Problem], files_checked: int, omitted: Omitted | None = None) -> str:
    problems, omitted = cap_per_file(problems, omitted)
    lines = []
    for file, group in _by_file(problems, omitted):
        for p in group:
            message = f"{p.path}: {p.message}" if p.path else p.message
            if p.hint:
                message += f"\nFix: {p.hint}"
            lines.append(_annotation(p.severity, p.file, p.line, p.column, f"[{p.rule}] {p.path}".strip(), message))
        if file in omitted:
            severity = ERROR if omitted[file][0] else WARNING
            lines.append(_annotation(severity, file, 0, 0, "[more problems]", _more(omitted[file])))
    lines.append(summary(problems, files_checked, omitted))
    return "\n".join(lines) + "\n"


def format_json(problems: list[Problem], files_checked: int, omitted: Omitted | None = None) -> str:
    """`errors` and `warnings` count every problem; `omitted` says, by file, how many are not listed."""
    problems, omitted = cap_per_file(problems, omitted)
    errors, warnings = count(problems, omitted)
    payload = {
        "files_checked": files_checked,
        "errors": errors,
        "warnings": warnings,
        "problems": [asdict(p) for p in problems],
        "omitted": {file: sum(n) for file, n in omitted.items()},
    }
    # ASCII only, so no character of the input reaches a terminal or log raw; `##[` can only
    # stand inside a JSON string, where `\\u0023` reads back the same, and no runner sees a command.
    return json.dumps(payload, indent=2, ensure_ascii=True).replace("##[", "#\\u0023[") + "\n"


FORMATTERS = {"text": format_text, "github": format_github, "json": format_json}
