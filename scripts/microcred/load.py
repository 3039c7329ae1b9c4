"""Strict YAML loading with positions.

A record is one YAML document, UTF-8, at most 256 KiB. Scalars resolve by YAML 1.2's core schema
(`NO`, `on`, `yes` stay text; `2026-03-01` stays text), and duplicate keys, anchors, aliases,
tags and several documents are problems. The loader never raises on bad input: it returns a
Document whose `data` is None when no faithful record could be read, with problems saying why.

Speed: libyaml's C parser produces the events (`CSafeLoader`); we build the tree from them in
one loop, which costs about what PyYAML's own constructor would, and gives us every position.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from yaml import events as ev

from .paths import kind_of
from .problems import ERROR, Problem, format_path

MAX_BYTES = 256 * 1024

# Every problem the loader can report, by rule name (tests hold each to a failing fixture).
LOADER_RULES = ("file-size", "encoding", "unreadable", "empty-file", "yaml-syntax", "not-a-mapping",
                "duplicate-key", "complex-key", "yaml-anchor", "yaml-alias", "yaml-tag",
                "several-documents", "too-deep", "file-location")
MAX_DEPTH = 50

try:
    _Parser = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - libyaml is a hard requirement, say so clearly
    raise ImportError("PyYAML was built without libyaml; reinstall pyyaml from a wheel") from None

# YAML 1.2 core schema (https://yaml.org/spec/1.2.2/#1023-core-schema), for plain scalars only.
_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_INT10 = re.compile(r"^[-+]?[0-9]+$")
_INT8 = re.compile(r"^0o[0-7]+$")
_INT16 = re.compile(r"^0x[0-9a-fA-F]+$")
_FLOAT = re.compile(r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$")
_INF = re.compile(r"^[-+]?\.(?:inf|Inf|INF)$")
_NAN = re.compile(r"^\.(?:nan|NaN|NAN)$")


def resolve_plain(text: str):
    """The value of a plain (unquoted) scalar under the YAML 1.2 core schema."""
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


@dataclass
class Document:
    """One loaded file: its data, where each key and item stands, and what went wrong."""

    file: str
    kind: str | None
    data: object = None
    positions: dict = field(default_factory=dict)  # path tuple -> (line, column), 1-based
    plain: dict = field(default_factory=dict)  # path tuple -> source text of plain non-text scalars
    problems: list = field(default_factory=list)
    first_line: str = ""

    def position(self, path: tuple) -> tuple[int, int]:
        """The position of `path`, or of its nearest ancestor that has one."""
        path = tuple(path)
        while path:
            if path in self.positions:
                return self.positions[path]
            path = path[:-1]
        return self.positions.get((), (1, 1))


def _problem(doc: Document, line: int, column: int, rule: str, message: str, hint: str = "", path: tuple = ()) -> None:
    doc.problems.append(Problem(doc.file, line, column, rule, message, format_path(path), hint, ERROR))


def _mark(mark) -> tuple[int, int]:
    return (mark.line + 1, mark.column + 1)


_SYNTAX_HINTS = (
    ("(a tab character)", "indent with spaces: YAML does not allow tab characters for indentation"),
    ("mapping values are not allowed", "put a space after the colon, or quote a value that contains ': '"),
    ("could not find expected ':'", "each field is `name: value`; quote text that contains a colon or starts with a special character"),
    ("found undefined alias", "anchors and aliases (`&name`, `*name`) are not allowed: write the value out"),
    ("expected <block end>", "check the indentation: items of one list or mapping line up in the same column"),
    ("special characters are not allowed", "remove control characters from the file"),
)


def _char_at(text: str, mark) -> str:
    lines = text.split("\n")
    if mark.line < len(lines) and mark.column < len(lines[mark.line]):
        return lines[mark.line][mark.column]
    return ""


def _syntax_hint(message: str) -> str:
    for needle, hint in _SYNTAX_HINTS:
        if needle in message:
            return hint
    return "fix the YAML syntax at this position; quote text that contains `:`, `#`, `[`, `{` or starts with `*`, `&`, `!`, `%`, `@` or a backtick"


def _decode(doc: Document, raw: bytes) -> str | None:
    """UTF-8 text of a file's bytes (the caller has already held them to the size cap)."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        _problem(doc, 1, 1, "encoding", "file is UTF-16, not UTF-8", "save the file as UTF-8 (without BOM) in your editor")
        return None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        column = exc.start - (before.rfind(b"\n") + 1) + 1
        _problem(doc, line, column, "encoding", f"byte 0x{raw[exc.start]:02x} is not valid UTF-8",
                 "save the file as UTF-8; the text near this position was written in another encoding such as Latin-1 or Windows-1252")
        return None
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        _problem(doc, line, 1, "encoding", "file contains a NUL character", "a record is plain text: remove the NUL bytes")
        return None
    return text


def load_text(text: str, file: str, kind: str | None = None) -> Document:
    """Parse one record's text; never raises on bad input."""
    doc = Document(file=file, kind=kind)
    doc.first_line = text.split("\n", 1)[0].rstrip("\r")
    parser = _Parser(text)
    try:
        data = _build(parser, doc)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = _mark(mark) if mark else (0, 0)
        message = " ".join(str(x) for x in (exc.context, exc.problem) if x)
        if mark and _char_at(text, mark) == "\t":
            message += " (a tab character)"
        _problem(doc, line, column, "yaml-syntax", f"YAML syntax error: {message}", _syntax_hint(message))
        return doc
    except yaml.YAMLError as exc:  # ReaderError: characters YAML does not allow
        line = text[: getattr(exc, "position", 0)].count("\n") + 1
        _problem(doc, line, 1, "yaml-syntax", f"YAML error: {exc}".split("\n")[0], _syntax_hint(str(exc)))
        return doc
    except _Abort:
        return doc
    finally:
        parser.dispose()
    if data is None:
        _problem(doc, 1, 1, "empty-file", "the file holds no record", "fill in the record's fields, or delete the file")
        return doc
    if not isinstance(data, dict):
        found = "a list" if isinstance(data, list) else f"a single value ({type(data).__name__})"
        _problem(doc, 1, 1, "not-a-mapping", f"the file holds {found}, not a record of `field: value` lines",
                 "a record is a mapping: write one `field: value` per line at the left margin")
        return doc
    if any(p.rule in _FATAL for p in doc.problems):
        return doc
    doc.data = data
    return doc


_FATAL = {"yaml-alias", "several-documents", "too-deep"}


class _Abort(Exception):
    """Stop reading a file whose remaining events cannot make a faithful record."""


def _build(parser, doc: Document):
    """Build plain Python data from libyaml's events, recording positions as we go.

    An explicit stack rather than recursion, so deeply nested input cannot exhaust Python's stack.
    """
    positions = doc.positions
    get = parser.get_event
    get()  # StreamStart
    event = get()
    if isinstance(event, ev.StreamEndEvent):
        return None  # no document at all: load_text reports the empty file
    # event is DocumentStart
    root = None
    # Each frame: [container, path, pending_key, key_positions]
    stack: list[list] = []
    first_anchor_reported = False
    while True:
        event = get()
        cls = type(event)
        if cls is ev.DocumentEndEvent:
            break
        if cls is ev.MappingEndEvent or cls is ev.SequenceEndEvent:
            stack.pop()
            if stack:
                continue
            break
        # Where does the new node go?
        if stack:
            frame = stack[-1]
            container, path = frame[0], frame[1]
            if type(container) is dict:
                if frame[2] is _NO_KEY:
                    # This event is a key.
                    if cls is not ev.ScalarEvent:
                        line, column = _mark(event.start_mark)
                        _problem(doc, line, column, "complex-key", "a key must be a plain name, not a list or mapping",
                                 "write keys as `name: value`", path)
                        raise _Abort
                    key = event.value
                    line, column = _mark(event.start_mark)
                    first_anchor_reported = _check_node_props(doc, event, path + (key,), first_anchor_reported)
                    key_path = path + (key,)
                    if key in container or key in frame[3]:
                        first_line = frame[3].get(key, positions.get(key_path, (0, 0)))[0]
                        _problem(doc, line, column, "duplicate-key",
                                 f"key `{key}` appears twice: first on line {first_line}, again on line {line}",
                                 "remove one of them; YAML keeps only one value for a key", key_path)
                        frame[2] = _DUPLICATE
                    else:
                        frame[2] = key
                        frame[3][key] = (line, column)
                        positions[key_path] = (line, column)
                    continue
                key = frame[2]
                node_path = path + (key,) if key is not _DUPLICATE else None
            else:
                node_path = path + (len(container),)
                positions[node_path] = _mark(event.start_mark)
        else:
            node_path = ()
            positions[()] = _mark(event.start_mark)

        if cls is ev.AliasEvent:
            line, column = _mark(event.start_mark)
            _problem(doc, line, column, "yaml-alias", f"alias `*{event.anchor}` is not allowed",
                     "write the value out in full instead of referring to an anchor", node_path or ())
            raise _Abort  # stop at once: alias bombs must cost nothing
        if len(stack) > MAX_DEPTH:
            line, column = _mark(event.start_mark)
            _problem(doc, line, column, "too-deep", f"nesting deeper than {MAX_DEPTH} levels",
                     "a record nests only a few levels: check the indentation")
            raise _Abort
        if node_path is not None:
            first_anchor_reported = _check_node_props(doc, event, node_path, first_anchor_reported)

        if cls is ev.ScalarEvent:
            if not event.style and event.tag is None:  # plain: libyaml gives style '' (PyYAML None)
                value = resolve_plain(event.value)
                if node_path is not None and not isinstance(value, str):
                    doc.plain[node_path] = event.value
            else:
                value = event.value
            new_container = None
        elif cls is ev.MappingStartEvent:
            value = new_container = {}
        else:  # SequenceStart
            value = new_container = []

        if stack:
            frame = stack[-1]
            if type(frame[0]) is dict:
                if frame[2] is not _DUPLICATE:
                    frame[0][frame[2]] = value
                frame[2] = _NO_KEY
            else:
                frame[0].append(value)
        else:
            root = value
        if new_container is not None:
            # A duplicate key's value is parsed into a throwaway container at a throwaway path.
            stack.append([new_container, node_path if node_path is not None else ("\0dup",), _NO_KEY, {}])
        elif not stack:
            break
    # After the first document: anything but the stream's end is a second document.
    while not isinstance(event, ev.DocumentEndEvent):
        event = get()
    event = get()
    if not isinstance(event, ev.StreamEndEvent):
        line, column = _mark(event.start_mark)
        _problem(doc, line, column, "several-documents", "the file holds more than one YAML document",
                 "a file holds one record: remove the `---` line and what follows, or move it to its own file")
        raise _Abort
    return root


_NO_KEY = object()
_DUPLICATE = object()


def _check_node_props(doc: Document, event, path: tuple, anchor_reported: bool) -> bool:
    """Anchors and tags are errors; returns whether an anchor has been reported."""
    line, column = _mark(event.start_mark)
    anchor = getattr(event, "anchor", None)
    if anchor is not None and not anchor_reported:
        _problem(doc, line, column, "yaml-anchor", f"anchor `&{anchor}` is not allowed",
                 "remove the anchor and write each value out in full", path)
        anchor_reported = True
    tag = getattr(event, "tag", None)
    # A non-plain scalar carries the non-specific tag "!" in libyaml; only explicit tags count.
    if tag is not None and tag != "!":
        shown = tag.replace("tag:yaml.org,2002:", "!!")
        _problem(doc, line, column, "yaml-tag", f"tag `{shown}` is not allowed",
                 "remove the tag: records hold plain text, numbers, lists and mappings only", path)
    return anchor_reported


def load_file(path: Path, display: str | None = None, kind: str | None = None) -> Document:
    """Read and parse one file. `display` is the name problems use (a path relative to the repo)."""
    name = display or str(path)
    doc = Document(file=name, kind=kind or kind_of(path))
    try:
        with open(path, "rb") as fh:
            raw = fh.read(MAX_BYTES + 1)
            if len(raw) > MAX_BYTES:
                # Report the real size without reading an arbitrarily large file into memory.
                size = path.stat().st_size
                _problem(doc, 0, 0, "file-size", f"file is {size:,} bytes, over the limit of {MAX_BYTES:,} bytes (256 KiB)",
                         "a listing is short: shorten the description or split the file")
                return doc
    except OSError as exc:
        _problem(doc, 0, 0, "unreadable", f"cannot read the file: {exc.strerror or exc}", "check that the path is a readable file")
        return doc
    text = _decode(doc, raw)
    return doc if text is None else load_text(text, name, doc.kind)
